-- An administration's classification of its data and services, and the edge
-- infrastructures it uses, communicated to the agency (Regolamento ACN
-- 21007/24, art. 3; issue 16 item 4): each communication a whole, immutable
-- version, numbered per administration.
CREATE TABLE classification_communications (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    version         INTEGER NOT NULL,
    submitted_on    TEXT NOT NULL,
    submitted_by    TEXT NOT NULL REFERENCES users (id),
    services        TEXT NOT NULL,
    edge            TEXT NOT NULL,
    at_ms           INTEGER NOT NULL,
    UNIQUE (organisation_id, version)
);
