-- What a qualified service owes for its 36 months (Regolamento ACN 21007/24;
-- issue 16 item 3): the certificates it keeps, the reminders sent before one
-- ends, the agency's alerts when a level's requirement is left unmet, the
-- changes its provider notifies, and the agency's checks.
CREATE TABLE certificates (
    id              TEXT PRIMARY KEY,
    listing_id      TEXT NOT NULL REFERENCES listings (id),
    standard        TEXT NOT NULL CHECK (standard IN ('ISO-9001', 'ISO-IEC-27001', 'ISO-IEC-27017',
                        'ISO-IEC-27018', 'ISO-22301', 'ISO-IEC-20000-1', 'CSA-STAR-2')),
    issuer          TEXT NOT NULL,
    accreditation   TEXT NOT NULL,
    number          TEXT NOT NULL,
    valid_from      TEXT NOT NULL,
    valid_until     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL REFERENCES users (id),
    recorded_at_ms  INTEGER NOT NULL
);
CREATE INDEX certificates_listing ON certificates (listing_id);

CREATE TABLE certificate_reminders (
    certificate_id  TEXT NOT NULL REFERENCES certificates (id),
    days_before     INTEGER NOT NULL,
    sent_at_ms      INTEGER NOT NULL,
    PRIMARY KEY (certificate_id, days_before)
);

-- An alert is open while the requirement stays unmet; one open alert per
-- listing and requirement.
CREATE TABLE monitoring_alerts (
    id              TEXT PRIMARY KEY,
    listing_id      TEXT NOT NULL REFERENCES listings (id),
    level           TEXT NOT NULL,
    requirement     TEXT NOT NULL,
    reference       TEXT NOT NULL,
    opened_on       TEXT NOT NULL,
    closed_on       TEXT,
    at_ms           INTEGER NOT NULL
);
CREATE UNIQUE INDEX monitoring_alerts_open ON monitoring_alerts (listing_id, requirement) WHERE closed_on IS NULL;

CREATE TABLE monitoring_changes (
    id                  TEXT PRIMARY KEY,
    listing_id          TEXT NOT NULL REFERENCES listings (id),
    kind                TEXT NOT NULL CHECK (kind IN ('infrastructure', 'location', 'subcontractor',
                            'security_measures', 'certification', 'other')),
    summary             TEXT NOT NULL,
    notified_on         TEXT NOT NULL,
    effective_on        TEXT NOT NULL,
    notified_by         TEXT NOT NULL REFERENCES users (id),
    triage              TEXT CHECK (triage IN ('substantive', 'not_substantive')),
    triage_motivation   TEXT,
    triaged_by          TEXT REFERENCES users (id),
    triaged_on          TEXT,
    at_ms               INTEGER NOT NULL
);
CREATE INDEX monitoring_changes_listing ON monitoring_changes (listing_id);

CREATE TABLE monitoring_checks (
    id              TEXT PRIMARY KEY,
    listing_id      TEXT NOT NULL REFERENCES listings (id),
    kind            TEXT NOT NULL CHECK (kind IN ('documentary', 'on_site')),
    subject         TEXT NOT NULL,
    alert_id        TEXT REFERENCES monitoring_alerts (id),
    opened_on       TEXT NOT NULL,
    respond_by      TEXT NOT NULL,
    opened_by       TEXT NOT NULL REFERENCES users (id),
    outcome         TEXT CHECK (outcome IN ('compliant', 'not_compliant')),
    findings        TEXT,
    closed_on       TEXT,
    closed_by       TEXT REFERENCES users (id),
    suspended_until TEXT,
    at_ms           INTEGER NOT NULL
);
CREATE INDEX monitoring_checks_listing ON monitoring_checks (listing_id);
