-- The list of services each call finances (PostgreSQL): a new version per load,
-- the newest in force; an application names services of its call's list.

CREATE TABLE call_service_lists (
    call_id       TEXT NOT NULL REFERENCES calls (id),
    version       BIGINT NOT NULL,
    source        TEXT NOT NULL,
    loaded_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (call_id, version)
);

CREATE TABLE call_services (
    call_id   TEXT NOT NULL,
    version   BIGINT NOT NULL,
    position  BIGINT NOT NULL,
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (call_id, version, position),
    FOREIGN KEY (call_id, version) REFERENCES call_service_lists (call_id, version)
);
