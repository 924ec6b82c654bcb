-- Live verifications of SaaS migrations (issue 12): the attestor schedules
-- a synchronous check of the service in use (videocall or on site) and
-- records whether it was held and what it found.

CREATE TABLE live_verifications (
    id               TEXT PRIMARY KEY,
    application_id   TEXT NOT NULL REFERENCES call_applications (id),
    position         INTEGER NOT NULL,
    starts_at        TEXT NOT NULL,
    mode             TEXT NOT NULL CHECK (mode IN ('videocall', 'on_site')),
    details          TEXT NOT NULL,
    outcome          TEXT CHECK (outcome IN ('confirmed', 'not_confirmed', 'not_held')),
    notes            TEXT,
    scheduled_by     TEXT NOT NULL,
    scheduled_at_ms  BIGINT NOT NULL,
    recorded_at_ms   BIGINT
);
CREATE INDEX live_verifications_application ON live_verifications (application_id);
CREATE INDEX live_verifications_starts ON live_verifications (starts_at);
