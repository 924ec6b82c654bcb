#!/usr/bin/env python3
"""Qualifies COUNT new IaaS listings through the whole application path on a
running server, over HTTP as its users would: the provider registers each
listing, opens its application, answers every requirement (a certificate's
PDF uploaded once), submits; a reviewer of the agency takes it into review
and qualifies it. The soak (bench/soak.sh) then suspends and reinstates them.

Usage: bench/qualify.py BASE PROVIDER_EMAIL AGENCY_EMAIL PASSWORD COUNT
"""

import http.cookiejar
import json
import re
import sys
import urllib.parse
import urllib.request
import uuid


class Session:
    """A signed-in user: the session cookie and the session's CSRF token."""

    def __init__(self, base, email, password):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        login = self.opener.open(f"{base}/login").read().decode()
        csrf = re.search(r'name="csrf_token" value="([^"]*)"', login).group(1)
        form = urllib.parse.urlencode({"csrf_token": csrf, "email": email, "password": password}).encode()
        self.opener.open(urllib.request.Request(f"{base}/login", form, {"Origin": base}))
        self.csrf = self.call("GET", "/api/v1/me")["csrf_token"]

    def call(self, method, path, body=None, content_type="application/json"):
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        headers = {"Origin": self.base}
        if method != "GET":
            headers.update({"X-CSRF-Token": self.csrf, "Content-Type": content_type})
        request = urllib.request.Request(f"{self.base}{path}", data, headers, method=method)
        try:
            with self.opener.open(request) as reply:
                text = reply.read()
        except urllib.error.HTTPError as e:
            sys.exit(f"{method} {path}: {e.code} {e.read().decode(errors='replace')}")
        return json.loads(text) if text else None

    def upload(self, name, content):
        boundary = uuid.uuid4().hex
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: application/pdf\r\n\r\n"
        ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
        return self.call("POST", "/api/v1/files", body, f"multipart/form-data; boundary={boundary}")["id"]


def answer(requirement, document):
    kind = requirement["answer"]
    if kind == "certificate":
        return {"type": "certificate", "expires_on": "2099-12-31", "document": document}
    if kind == "document":
        return {"type": "document", "document": document}
    if kind == "location":
        return {"type": "location", "countries": ["IT"]}
    return {"type": "yes_no", "value": True}


def main():
    base, provider_email, agency_email, password, count = sys.argv[1:6]
    provider = Session(base, provider_email, password)
    agency = Session(base, agency_email, password)
    certificate = provider.upload("iso27001.pdf", b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
    for n in range(int(count)):
        listing = provider.call("POST", "/api/v1/provider/listings", {
            "name": f"Calcolo soak {n}", "description": "Macchine virtuali per il soak", "category": "Calcolo",
            "kind": "IaaS", "level": "QC2", "location": "IT", "pricing_model": "Canone annuo",
            "procurement_channel": "MEPA", "service_levels": {"SLI1": "99,9%"},
        })["listing_id"]
        application = provider.call("POST", "/api/v1/applications", {"listing_id": listing})["id"]
        path = f"/api/v1/applications/{application}"
        for item in provider.call("GET", path)["form"]:
            requirement = item["requirement"]
            provider.call("PUT", f"{path}/answers/{requirement['id']}", answer(requirement, certificate))
        provider.call("POST", f"{path}/submit", {})
        agency.call("POST", f"{path}/start-review", {})
        agency.call("POST", f"{path}/decision", {"outcome": "qualified", "motivation": "Requisiti verificati"})
        print(listing)


if __name__ == "__main__":
    main()
