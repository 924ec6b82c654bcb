-- A call of the open data whose date or amount cannot be read is kept, with
-- a data-quality finding, and that field unknown (issue 15): the four
-- columns become nullable (SQLite drops a NOT NULL only by replacing the
-- column, as 0019 does).
ALTER TABLE calls ADD COLUMN opens_on_read TEXT;
UPDATE calls SET opens_on_read = opens_on;
ALTER TABLE calls DROP COLUMN opens_on;
ALTER TABLE calls RENAME COLUMN opens_on_read TO opens_on;

ALTER TABLE calls ADD COLUMN closes_on_read TEXT;
UPDATE calls SET closes_on_read = closes_on;
ALTER TABLE calls DROP COLUMN closes_on;
ALTER TABLE calls RENAME COLUMN closes_on_read TO closes_on;

ALTER TABLE calls ADD COLUMN budget_read INTEGER;
UPDATE calls SET budget_read = budget_cents;
ALTER TABLE calls DROP COLUMN budget_cents;
ALTER TABLE calls RENAME COLUMN budget_read TO budget_cents;

ALTER TABLE calls ADD COLUMN measure_budget_read INTEGER;
UPDATE calls SET measure_budget_read = measure_budget_cents;
ALTER TABLE calls DROP COLUMN measure_budget_cents;
ALTER TABLE calls RENAME COLUMN measure_budget_read TO measure_budget_cents;
