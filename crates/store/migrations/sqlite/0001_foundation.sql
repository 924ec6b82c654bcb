-- Foundation schema (SQLite). Portable types only: ids as text, instants as
-- unix milliseconds, money as integer cents, JSON as text. The PostgreSQL
-- twin in ../postgres has the same version number and the same tables.

CREATE TABLE reference_datasets (
    name          TEXT PRIMARY KEY,
    sha256        TEXT NOT NULL,
    row_count     INTEGER NOT NULL,
    loaded_at_ms  INTEGER NOT NULL
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
    population_2011  INTEGER NOT NULL
);
CREATE INDEX municipalities_region ON municipalities (region_code);

CREATE TABLE tariff_classes (
    tariff_code     TEXT NOT NULL,
    class           INTEGER NOT NULL,
    population_min  INTEGER NOT NULL,
    population_max  INTEGER,
    fee_cents       INTEGER NOT NULL,
    rehost_cents    INTEGER NOT NULL,
    upgrade_cents   INTEGER NOT NULL,
    services_min    INTEGER NOT NULL,
    services_max    INTEGER NOT NULL,
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
    budget_cents          INTEGER NOT NULL,
    measure_budget_cents  INTEGER NOT NULL,
    targets               TEXT NOT NULL
);

CREATE TABLE organisations (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    ipa_code       TEXT UNIQUE,
    created_at_ms  INTEGER NOT NULL
);

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    email            TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    role             TEXT NOT NULL,
    created_at_ms    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_sha256   TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users (id),
    csrf_token     TEXT NOT NULL,
    created_at_ms  INTEGER NOT NULL,
    expires_at_ms  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at_ms      INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    details    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);

CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
