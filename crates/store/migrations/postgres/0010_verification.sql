-- The attestor's verification (issue 12): which attestor organisation
-- verifies a project, its verdict on each item (position 0: the project's
-- administrative and technical checks; from 1: each service's form
-- sections), the requests for documents it sends the ente with their
-- answers, and the sample controls drawn after payment.

CREATE TABLE attestation_assignments (
    application_id  TEXT PRIMARY KEY REFERENCES call_applications (id),
    attestor_id     TEXT NOT NULL REFERENCES organisations (id),
    assigned_by     TEXT NOT NULL,
    assigned_at_ms  BIGINT NOT NULL
);
CREATE INDEX attestation_assignments_attestor ON attestation_assignments (attestor_id);

CREATE TABLE attestation_verdicts (
    application_id  TEXT NOT NULL REFERENCES call_applications (id),
    position        INTEGER NOT NULL,
    item            TEXT NOT NULL,
    verdict         TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'request_documents')),
    note            TEXT NOT NULL,
    decided_by      TEXT NOT NULL,
    decided_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (application_id, position, item)
);

CREATE TABLE attestation_requests (
    id               TEXT PRIMARY KEY,
    application_id   TEXT NOT NULL REFERENCES call_applications (id),
    position         INTEGER NOT NULL,
    text             TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    asked_by         TEXT NOT NULL,
    asked_at_ms      BIGINT NOT NULL,
    answer           TEXT,
    answer_files     TEXT,
    answered_by      TEXT,
    answered_at_ms   BIGINT
);
CREATE INDEX attestation_requests_application ON attestation_requests (application_id);

CREATE TABLE sample_controls (
    application_id   TEXT PRIMARY KEY REFERENCES call_applications (id),
    draw_seed        BIGINT NOT NULL,
    drawn_on         TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    answer           TEXT,
    answer_files     TEXT,
    answered_on      TEXT,
    drawn_by         TEXT NOT NULL,
    drawn_at_ms      BIGINT NOT NULL
);
