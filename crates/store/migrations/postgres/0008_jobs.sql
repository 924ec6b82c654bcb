-- Background jobs (issue 11): each claimed by one worker at a time under a
-- lease (SKIP LOCKED on PostgreSQL; SQLite's single writer there), retried
-- with back-off, kept when finished or given up so that an administrator
-- sees failures and a scheduled job runs once per period (`unique_key`).

CREATE TABLE jobs (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    payload          TEXT NOT NULL,
    unique_key       TEXT UNIQUE,
    run_at_ms        BIGINT NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    claimed_by       TEXT,
    claimed_until_ms BIGINT,
    last_error       TEXT,
    created_at_ms    BIGINT NOT NULL,
    finished_at_ms   BIGINT,
    failed_at_ms     BIGINT
);
CREATE INDEX jobs_due ON jobs (finished_at_ms, failed_at_ms, run_at_ms);

-- The notifications still waiting for delivery become delivery jobs.
INSERT INTO jobs (id, kind, payload, run_at_ms, created_at_ms)
    SELECT 'outbox-' || id, 'deliver_event', '{"event_id":' || id || '}', created_at_ms, created_at_ms
    FROM outbox WHERE processed_at_ms IS NULL AND topic <> 'catalogue.change';
