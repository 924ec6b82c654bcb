-- Migration programme (SQLite): the enti of the programme — an organisation
-- with its kind and the municipality it is in — and the applications
-- financed under each call, as published in the PA digitale 2026 open data.

CREATE TABLE enti (
    organisation_id  TEXT PRIMARY KEY REFERENCES organisations (id),
    kind             TEXT NOT NULL,
    istat_code       TEXT NOT NULL REFERENCES municipalities (istat_code)
);
CREATE INDEX enti_municipality ON enti (istat_code);

-- One application per ente and call. Amounts in euro cents.
CREATE TABLE financed_applications (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    call_title       TEXT NOT NULL,
    measure          TEXT NOT NULL,
    amount_cents     INTEGER NOT NULL CHECK (amount_cents >= 0),
    status           TEXT NOT NULL CHECK (status IN ('A', 'R', 'E')),
    submitted_at     TEXT,
    financed_on      TEXT,
    cup              TEXT,
    time_window      INTEGER,
    protocol         TEXT,
    source           TEXT NOT NULL,
    updated_at_ms    INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, call_title)
);
CREATE INDEX financed_applications_call ON financed_applications (call_title);

-- Catalogue change log and feed read the outbox by topic.
CREATE INDEX outbox_topic ON outbox (topic, id);
