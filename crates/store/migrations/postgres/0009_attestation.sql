-- The asseverazione of migrated services (issue 12): the directory of
-- suppliers of migration services (soggetti realizzatori), each project's
-- supplier contracts, the address ranges providers announce for their
-- infrastructures (with their history), and one compliance form per
-- migrated service, pinned to the catalogue listing version it lands on.

CREATE TABLE suppliers (
    id             TEXT PRIMARY KEY,
    vat_number     TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    pec            TEXT NOT NULL,
    mepa_enabled   INTEGER NOT NULL CHECK (mepa_enabled IN (0, 1)),
    created_at_ms  BIGINT NOT NULL,
    updated_at_ms  BIGINT NOT NULL
);

CREATE TABLE project_contracts (
    id                  TEXT PRIMARY KEY,
    application_id      TEXT NOT NULL REFERENCES call_applications (id),
    supplier_id         TEXT NOT NULL REFERENCES suppliers (id),
    signed_on           TEXT NOT NULL,
    object              TEXT NOT NULL,
    amount_cents        BIGINT NOT NULL CHECK (amount_cents > 0),
    document_sha256     TEXT NOT NULL,
    dnsh_sha256         TEXT,
    recognition_sha256  TEXT,
    created_by          TEXT NOT NULL,
    created_at_ms       BIGINT NOT NULL
);
CREATE INDEX project_contracts_application ON project_contracts (application_id);

CREATE TABLE infrastructure_prefixes (
    infrastructure_id  TEXT NOT NULL REFERENCES infrastructures (id),
    prefix             TEXT NOT NULL,
    valid_from         TEXT NOT NULL,
    valid_to           TEXT,
    recorded_by        TEXT NOT NULL,
    recorded_at_ms     BIGINT NOT NULL,
    PRIMARY KEY (infrastructure_id, prefix, valid_from)
);

CREATE TABLE compliance_forms (
    application_id   TEXT NOT NULL,
    position         INTEGER NOT NULL,
    contract_id      TEXT REFERENCES project_contracts (id),
    listing_id       TEXT REFERENCES listings (id),
    listing_version  INTEGER,
    form_id          TEXT NOT NULL,
    form_version     TEXT NOT NULL,
    answers          TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
    checks_failed    INTEGER NOT NULL,
    updated_by       TEXT NOT NULL,
    updated_at_ms    BIGINT NOT NULL,
    submitted_at_ms  BIGINT,
    PRIMARY KEY (application_id, position),
    FOREIGN KEY (application_id, position) REFERENCES call_application_services (application_id, position)
);
