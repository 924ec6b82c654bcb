-- The settings of a call (PostgreSQL): windows and deadlines per class, as JSON
-- checked by the domain; a new version per change, the newest in force.

CREATE TABLE call_settings (
    call_id        TEXT NOT NULL REFERENCES calls (id),
    version        BIGINT NOT NULL,
    settings       TEXT NOT NULL,
    changed_by     TEXT NOT NULL REFERENCES users (id),
    created_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (call_id, version)
);
