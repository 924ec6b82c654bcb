-- Versions of the records two people may change at once (issue 14): a
-- compliance form (the ente's staff) and an attestor's verdict on an item
-- (the attestor's staff). A save is made to the version it was read at and
-- refused when another came first, naming who made it.

ALTER TABLE compliance_forms ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE attestation_verdicts ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

