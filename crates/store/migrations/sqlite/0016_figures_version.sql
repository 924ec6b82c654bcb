-- The programme's figures (dashboards, stats) are kept per version of the
-- data they are computed from (issue 14): `figures_seq` is the audit
-- sequence number of the last change that can move them, so that a change
-- elsewhere (an inventory record, a draft listing, a sign-in) leaves the
-- kept figures valid.

ALTER TABLE audit_head ADD COLUMN figures_seq BIGINT NOT NULL DEFAULT 0;
UPDATE audit_head SET figures_seq = seq;
