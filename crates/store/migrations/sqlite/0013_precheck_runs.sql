-- The bulk pre-check as a background job (issue 12): the programme office
-- starts a run (of one call, or of every project with forms), a worker
-- runs it reporting its progress, and its CSV report is kept as a file
-- of the office's organisation.

CREATE TABLE precheck_runs (
    id               TEXT PRIMARY KEY,
    call_id          TEXT REFERENCES calls (id),
    owner_id         TEXT NOT NULL REFERENCES organisations (id),
    requested_by     TEXT NOT NULL,
    requested_at_ms  INTEGER NOT NULL,
    started_at_ms    INTEGER,
    projects_total   INTEGER,
    projects_done    INTEGER NOT NULL DEFAULT 0,
    forms            INTEGER,
    rows_total       INTEGER,
    rows_failed      INTEGER,
    result_file      TEXT,
    error            TEXT,
    finished_at_ms   INTEGER
);
