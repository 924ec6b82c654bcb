-- Qualification (SQLite): providers, infrastructures, listings with immutable
-- versions, applications with answers and reviews, decision records, the
-- dated status intervals of each listing, the outbox, and the blob index.

-- Requirement sets as loaded from data/requirements: a new version is a new
-- row, so an application always finds the set it was answered against.
CREATE TABLE requirement_sets (
    id       TEXT NOT NULL,
    version  TEXT NOT NULL,
    regime   TEXT NOT NULL,
    title    TEXT NOT NULL,
    content  TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE provider_profiles (
    organisation_id  TEXT PRIMARY KEY REFERENCES organisations (id),
    vat_number       TEXT NOT NULL UNIQUE,
    pec              TEXT NOT NULL,
    address          TEXT NOT NULL,
    updated_at_ms    INTEGER NOT NULL
);

CREATE TABLE infrastructures (
    id             TEXT PRIMARY KEY,
    provider_id    TEXT NOT NULL REFERENCES organisations (id),
    name           TEXT NOT NULL,
    location       TEXT NOT NULL,
    sites          TEXT NOT NULL,
    created_at_ms  INTEGER NOT NULL
);
CREATE INDEX infrastructures_provider ON infrastructures (provider_id);

CREATE TABLE listings (
    id              TEXT PRIMARY KEY,
    provider_id     TEXT NOT NULL REFERENCES organisations (id),
    current_version INTEGER NOT NULL,
    created_at_ms   INTEGER NOT NULL
);
CREATE INDEX listings_provider ON listings (provider_id);

-- Every version of a listing is immutable: a change writes a new version.
CREATE TABLE listing_versions (
    listing_id           TEXT NOT NULL REFERENCES listings (id),
    version              INTEGER NOT NULL,
    name                 TEXT NOT NULL,
    description          TEXT NOT NULL,
    category             TEXT NOT NULL,
    kind                 TEXT NOT NULL,
    level                TEXT NOT NULL,
    runs_on              TEXT,
    location             TEXT NOT NULL,
    pricing_model        TEXT NOT NULL,
    procurement_channel  TEXT NOT NULL,
    service_levels       TEXT NOT NULL,
    created_at_ms        INTEGER NOT NULL,
    PRIMARY KEY (listing_id, version)
);

CREATE TABLE applications (
    id                    TEXT PRIMARY KEY,
    listing_id            TEXT NOT NULL REFERENCES listings (id),
    listing_version       INTEGER NOT NULL,
    provider_id           TEXT NOT NULL REFERENCES organisations (id),
    requirement_set       TEXT NOT NULL,
    requirement_version   TEXT NOT NULL,
    state                 TEXT NOT NULL,
    triage                TEXT,
    assigned_to           TEXT REFERENCES users (id),
    integration_deadline  TEXT,
    renewal_of            TEXT REFERENCES applications (id),
    submitted_at_ms       INTEGER,
    created_at_ms         INTEGER NOT NULL,
    updated_at_ms         INTEGER NOT NULL,
    FOREIGN KEY (listing_id, listing_version) REFERENCES listing_versions (listing_id, version),
    FOREIGN KEY (requirement_set, requirement_version) REFERENCES requirement_sets (id, version)
);
CREATE INDEX applications_state ON applications (state, submitted_at_ms);
CREATE INDEX applications_provider ON applications (provider_id);

CREATE TABLE answers (
    application_id  TEXT NOT NULL REFERENCES applications (id),
    requirement_id  TEXT NOT NULL,
    answer          TEXT NOT NULL,
    updated_at_ms   INTEGER NOT NULL,
    PRIMARY KEY (application_id, requirement_id)
);

CREATE TABLE reviews (
    application_id  TEXT NOT NULL REFERENCES applications (id),
    requirement_id  TEXT NOT NULL,
    verdict         TEXT NOT NULL CHECK (verdict IN ('met', 'not_met', 'unclear')),
    note            TEXT NOT NULL,
    reviewer_id     TEXT NOT NULL REFERENCES users (id),
    at_ms           INTEGER NOT NULL,
    PRIMARY KEY (application_id, requirement_id)
);

CREATE TABLE decisions (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications (id),
    listing_id      TEXT NOT NULL REFERENCES listings (id),
    kind            TEXT NOT NULL,
    motivation      TEXT NOT NULL,
    decided_on      TEXT NOT NULL,
    decided_by      TEXT NOT NULL REFERENCES users (id),
    details         TEXT NOT NULL,
    at_ms           INTEGER NOT NULL
);
CREATE INDEX decisions_listing ON decisions (listing_id);

-- The public status of a listing as half-open date intervals [valid_from, valid_to).
CREATE TABLE listing_status_intervals (
    listing_id       TEXT NOT NULL REFERENCES listings (id),
    seq              INTEGER NOT NULL,
    status           TEXT NOT NULL,
    valid_from       TEXT NOT NULL,
    valid_to         TEXT,
    decision_id      TEXT REFERENCES decisions (id),
    listing_version  INTEGER NOT NULL,
    PRIMARY KEY (listing_id, seq)
);

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    topic            TEXT NOT NULL,
    payload          TEXT NOT NULL,
    created_at_ms    INTEGER NOT NULL,
    processed_at_ms  INTEGER
);
CREATE INDEX outbox_pending ON outbox (processed_at_ms, id);

CREATE TABLE blobs (
    sha256         TEXT PRIMARY KEY,
    size           INTEGER NOT NULL,
    content_type   TEXT NOT NULL,
    filename       TEXT NOT NULL,
    owner_id       TEXT NOT NULL REFERENCES organisations (id),
    created_at_ms  INTEGER NOT NULL
);
