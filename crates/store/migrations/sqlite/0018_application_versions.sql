-- The version of a qualification application (issue 14): moved by each
-- change of its state, with who made it, so that two reviewers deciding the
-- same application cannot both win and the one who comes second is told
-- who decided first, and when.

ALTER TABLE applications ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE applications ADD COLUMN updated_by TEXT;
