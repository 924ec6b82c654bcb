-- API tokens for machine clients (issue 13): made by an organisation's
-- administrator with scopes and an expiry; only the SHA-256 of the secret is
-- kept, and the first characters to recognise it in a list.

CREATE TABLE api_tokens (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    created_by       TEXT NOT NULL REFERENCES users (id),
    name             TEXT NOT NULL,
    scopes           TEXT NOT NULL,
    token_sha256     TEXT NOT NULL UNIQUE,
    prefix           TEXT NOT NULL,
    created_at_ms    BIGINT NOT NULL,
    expires_on       TEXT NOT NULL,
    revoked_at_ms    BIGINT,
    last_used_at_ms  BIGINT
);
CREATE INDEX api_tokens_organisation ON api_tokens (organisation_id);
