-- Members signing in with SPID or CIE (issue 13): an organisation's
-- administrator invites a person by fiscal code, and a sign-in is matched by
-- it. A removed member keeps its row (records name it) but cannot sign in.

ALTER TABLE users ADD COLUMN fiscal_code TEXT;
ALTER TABLE users ADD COLUMN removed_at_ms INTEGER;
CREATE UNIQUE INDEX users_organisation_fiscal_code ON users (organisation_id, fiscal_code);
CREATE INDEX users_fiscal_code ON users (fiscal_code);

-- A sign-in through the identity provider between the redirect and the
-- callback (keyed by the SHA-256 of its state), then, for a person who is a
-- member of several organisations, until they choose one.
CREATE TABLE federated_logins (
    key_sha256     TEXT PRIMARY KEY,
    nonce          TEXT NOT NULL,
    code_verifier  TEXT NOT NULL,
    next_path      TEXT NOT NULL,
    fiscal_code    TEXT,
    acr            TEXT,
    created_at_ms  INTEGER NOT NULL
);
