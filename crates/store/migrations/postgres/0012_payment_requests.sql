-- The payment request of a positively attested project (issue 12): the
-- ente's Certificato di Regolare Esecuzione (CRE) with its date, the
-- payment request document and the amount it asks for. One per project;
-- the ente may send it again until the programme office pays.

CREATE TABLE payment_requests (
    application_id   TEXT PRIMARY KEY REFERENCES call_applications (id),
    cre_file         TEXT NOT NULL,
    cre_on           TEXT NOT NULL,
    request_file     TEXT NOT NULL,
    requested_cents  BIGINT NOT NULL,
    submitted_on     TEXT NOT NULL,
    submitted_by     TEXT NOT NULL,
    submitted_at_ms  BIGINT NOT NULL
);
