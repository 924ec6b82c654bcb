-- The adeguamento of digital infrastructures (Regolamento ACN 21007/24;
-- issue 16 item 1): the operator declares an infrastructure conforms to a
-- level AI1–AI4, the agency reviews the declaration through the same states
-- as an application for qualification, and its decisions date the
-- infrastructure's status, so that "was it adeguata on D?" is a lookup.
CREATE TABLE infrastructure_declarations (
    id                    TEXT PRIMARY KEY,
    infrastructure_id     TEXT NOT NULL REFERENCES infrastructures (id),
    operator_id           TEXT NOT NULL REFERENCES organisations (id),
    level                 TEXT NOT NULL CHECK (level IN ('AI1', 'AI2', 'AI3', 'AI4')),
    requirement_version   TEXT NOT NULL,
    answers               TEXT NOT NULL,
    state                 TEXT NOT NULL,
    integration_deadline  TEXT,
    submitted_at_ms       INTEGER,
    created_at_ms         INTEGER NOT NULL,
    updated_at_ms         INTEGER NOT NULL,
    updated_by            TEXT NOT NULL,
    version               INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX infrastructure_declarations_infrastructure ON infrastructure_declarations (infrastructure_id);
-- One declaration in progress per infrastructure: the states before a
-- decision (lifecycle::QualificationState).
CREATE UNIQUE INDEX infrastructure_declarations_open ON infrastructure_declarations (infrastructure_id)
    WHERE state IN ('draft', 'submitted', 'in_review', 'integration_requested', 'resubmitted');

CREATE TABLE infrastructure_decisions (
    id                 TEXT PRIMARY KEY,
    declaration_id     TEXT NOT NULL REFERENCES infrastructure_declarations (id),
    infrastructure_id  TEXT NOT NULL REFERENCES infrastructures (id),
    kind               TEXT NOT NULL,
    motivation         TEXT NOT NULL,
    decided_on         TEXT NOT NULL,
    decided_by         TEXT NOT NULL,
    details            TEXT NOT NULL,
    at_ms              INTEGER NOT NULL
);
CREATE INDEX infrastructure_decisions_infrastructure ON infrastructure_decisions (infrastructure_id);

-- Half-open [valid_from, valid_to) intervals of the infrastructure's status
-- and the level it holds in each.
CREATE TABLE infrastructure_status_intervals (
    infrastructure_id  TEXT NOT NULL REFERENCES infrastructures (id),
    seq                INTEGER NOT NULL,
    status             TEXT NOT NULL,
    level              TEXT NOT NULL,
    valid_from         TEXT NOT NULL,
    valid_to           TEXT,
    decision_id        TEXT REFERENCES infrastructure_decisions (id),
    PRIMARY KEY (infrastructure_id, seq)
);
