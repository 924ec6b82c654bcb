-- Migration programme on cloudpa (SQLite): the ente's inventory (sites and
-- services, each classified), delegations to aggregators, applications to
-- calls with the services they migrate, the versions of calls edited by the
-- programme office, territorial teams, the PNRR targets, the reminders sent;
-- and one view of every application — imported from the open data or made
-- here — that the dashboards count.

CREATE TABLE ente_sites (
    id                 TEXT PRIMARY KEY,
    organisation_id    TEXT NOT NULL REFERENCES organisations (id),
    name               TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('server_room', 'data_centre')),
    status             TEXT NOT NULL CHECK (status IN ('active', 'decommissioning', 'decommissioned')),
    decommissioned_on  TEXT,
    created_at_ms      INTEGER NOT NULL,
    updated_at_ms      INTEGER NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE ente_services (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    name             TEXT NOT NULL,
    data_class       TEXT CHECK (data_class IN ('ordinari', 'critici', 'strategici')),
    origin           TEXT,
    site_id          TEXT REFERENCES ente_sites (id),
    status           TEXT NOT NULL CHECK (status IN ('in_use', 'migrated', 'retired')),
    created_at_ms    INTEGER NOT NULL,
    updated_at_ms    INTEGER NOT NULL,
    UNIQUE (organisation_id, name)
);
CREATE INDEX ente_services_site ON ente_services (site_id);

CREATE TABLE delegations (
    id             TEXT PRIMARY KEY,
    ente_id        TEXT NOT NULL REFERENCES organisations (id),
    aggregator_id  TEXT NOT NULL REFERENCES organisations (id),
    valid_from     TEXT NOT NULL,
    valid_until    TEXT,
    revoked_on     TEXT,
    granted_by     TEXT NOT NULL REFERENCES users (id),
    created_at_ms  INTEGER NOT NULL
);
CREATE INDEX delegations_ente ON delegations (ente_id);
CREATE INDEX delegations_aggregator ON delegations (aggregator_id);

-- One application per ente and call. Amounts in euro cents: the voucher
-- asked for, then the amount decreed.
CREATE TABLE call_applications (
    id                     TEXT PRIMARY KEY,
    organisation_id        TEXT NOT NULL REFERENCES organisations (id),
    call_id                TEXT NOT NULL REFERENCES calls (id),
    call_title             TEXT NOT NULL,
    measure                TEXT NOT NULL,
    state                  TEXT NOT NULL,
    status                 TEXT CHECK (status IN ('A', 'R', 'E')),
    tariff_code            TEXT NOT NULL,
    tariff_class           INTEGER NOT NULL,
    fee_cents              INTEGER NOT NULL,
    rehost_cents           INTEGER NOT NULL,
    upgrade_cents          INTEGER NOT NULL,
    amount_cents           INTEGER NOT NULL CHECK (amount_cents >= 0),
    services               INTEGER NOT NULL,
    services_migrated      INTEGER NOT NULL,
    submitted_at           TEXT,
    time_window            INTEGER,
    financed_on            TEXT,
    cup                    TEXT,
    cup_given_on           TEXT,
    contract_activated_on  TEXT,
    completed_on           TEXT,
    attested_on            TEXT,
    paid_on                TEXT,
    withdrawn_on           TEXT,
    motivation             TEXT,
    created_by             TEXT NOT NULL,
    created_at_ms          INTEGER NOT NULL,
    updated_at_ms          INTEGER NOT NULL,
    UNIQUE (organisation_id, call_id)
);
CREATE INDEX call_applications_state ON call_applications (state);

-- The services an application migrates: the service of the call's list,
-- the ente's own service it stands for (its class and origin as declared),
-- the destination declared, an improved destination declared after the
-- decree, and the day it was migrated.
CREATE TABLE call_application_services (
    application_id   TEXT NOT NULL REFERENCES call_applications (id),
    position         INTEGER NOT NULL,
    service_code     TEXT NOT NULL,
    service_name     TEXT NOT NULL,
    ente_service_id  TEXT NOT NULL REFERENCES ente_services (id),
    data_class       TEXT NOT NULL,
    origin           TEXT NOT NULL,
    destination      TEXT NOT NULL CHECK (destination IN ('iaas', 'paas', 'saas')),
    earlier_move     TEXT,
    improved_to      TEXT CHECK (improved_to IN ('paas', 'saas')),
    migrated_on      TEXT,
    PRIMARY KEY (application_id, position),
    UNIQUE (application_id, service_code),
    UNIQUE (application_id, ente_service_id)
);
CREATE INDEX call_application_services_ente_service ON call_application_services (ente_service_id);

-- A call's fields as each change left them (created or edited by the
-- programme office), the newest in force in `calls`.
CREATE TABLE call_versions (
    call_id        TEXT NOT NULL REFERENCES calls (id),
    version        INTEGER NOT NULL,
    fields         TEXT NOT NULL,
    changed_by     TEXT NOT NULL REFERENCES users (id),
    created_at_ms  INTEGER NOT NULL,
    PRIMARY KEY (call_id, version)
);

-- Reference data: the region each territorial area covers, and the targets.
CREATE TABLE territorial_areas (
    region  TEXT PRIMARY KEY,
    area    TEXT NOT NULL
);

CREATE TABLE programme_targets (
    code         TEXT PRIMARY KEY,
    description  TEXT NOT NULL,
    value        INTEGER NOT NULL,
    due_on       TEXT NOT NULL,
    source       TEXT NOT NULL,
    confirmed    INTEGER NOT NULL
);

CREATE TABLE team_members (
    user_id         TEXT PRIMARY KEY REFERENCES users (id),
    area            TEXT NOT NULL,
    role            TEXT NOT NULL,
    assigned_by     TEXT NOT NULL,
    assigned_at_ms  INTEGER NOT NULL
);

-- A reminder of a deadline, sent once.
CREATE TABLE deadline_reminders (
    application_id  TEXT NOT NULL REFERENCES call_applications (id),
    kind            TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    days_before     INTEGER NOT NULL,
    sent_at_ms      INTEGER NOT NULL,
    PRIMARY KEY (application_id, kind, due_on, days_before)
);

-- Every application the dashboards count: the open data's, whose state is
-- read from its status, and those made here once submitted.
CREATE VIEW programme_applications AS
SELECT organisation_id, call_title, measure, amount_cents, status,
       CASE status WHEN 'A' THEN 'financed' WHEN 'R' THEN 'withdrawn' ELSE 'paid' END AS state,
       submitted_at, financed_on, cup, time_window, 0 AS services, 0 AS services_migrated, NULL AS id
FROM financed_applications
UNION ALL
SELECT organisation_id, call_title, measure, amount_cents, status, state,
       submitted_at, financed_on, cup, time_window, services, services_migrated, id
FROM call_applications WHERE submitted_at IS NOT NULL;
