-- Foundation schema (PostgreSQL). Portable types only: ids as text, instants as
-- unix milliseconds, money as integer cents, JSON as text. The SQLite
-- twin in ../sqlite has the same version number and the same tables.

CREATE TABLE reference_datasets (
    name          TEXT PRIMARY KEY,
    sha256        TEXT NOT NULL,
    row_count     BIGINT NOT NULL,
    loaded_at_ms  BIGINT NOT NULL
);

CREATE TABLE municipalities (
    istat_code       TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    cadastral_code   TEXT NOT NULL,
    ipa_code         TEXT,
    province_code    TEXT NOT NULL,
    province         TEXT NOT NULL,
    region_code      TEXT NOT NULL,
    region           TEXT NOT NULL,
    area             TEXT NOT NULL,
    population_2011  BIGINT NOT NULL
);
CREATE INDEX municipalities_region ON municipalities (region_code);

CREATE TABLE tariff_classes (
    tariff_code     TEXT NOT NULL,
    class           BIGINT NOT NULL,
    population_min  BIGINT NOT NULL,
    population_max  BIGINT,
    fee_cents       BIGINT NOT NULL,
    rehost_cents    BIGINT NOT NULL,
    upgrade_cents   BIGINT NOT NULL,
    services_min    BIGINT NOT NULL,
    services_max    BIGINT NOT NULL,
    PRIMARY KEY (tariff_code, class)
);

CREATE TABLE admissible_scenarios (
    origin          TEXT NOT NULL,
    migration_type  TEXT NOT NULL,
    destination     TEXT NOT NULL,
    admissibility   TEXT NOT NULL CHECK (admissibility IN ('SI', 'NO', 'CONDIZIONATO')),
    note            TEXT NOT NULL,
    PRIMARY KEY (origin, migration_type, destination)
);

CREATE TABLE service_level_indicators (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    kind         TEXT NOT NULL
);

CREATE TABLE qualification_levels (
    code                   TEXT PRIMARY KEY,
    admitted_data_classes  TEXT NOT NULL
);

CREATE TABLE calls (
    id                    TEXT PRIMARY KEY,
    title                 TEXT NOT NULL,
    measure               TEXT NOT NULL,
    opens_on              TEXT NOT NULL,
    closes_on             TEXT NOT NULL,
    status                TEXT NOT NULL,
    budget_cents          BIGINT NOT NULL,
    measure_budget_cents  BIGINT NOT NULL,
    targets               TEXT NOT NULL
);

CREATE TABLE organisations (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    ipa_code       TEXT UNIQUE,
    created_at_ms  BIGINT NOT NULL
);

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    email            TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    role             TEXT NOT NULL,
    created_at_ms    BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_sha256   TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users (id),
    csrf_token     TEXT NOT NULL,
    created_at_ms  BIGINT NOT NULL,
    expires_at_ms  BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
    seq        BIGINT PRIMARY KEY,
    at_ms      BIGINT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    details    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);

CREATE TABLE audit_head (
    id    BIGINT PRIMARY KEY CHECK (id = 1),
    seq   BIGINT NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
