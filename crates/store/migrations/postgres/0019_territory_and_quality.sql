-- The territory with its history and the data-quality findings (issue 15).
--
-- Every municipality code since the reference list of 2020-01-01 stays a row:
-- one that ended says when, and the code of today's municipality that holds
-- its territory (NULL when the sources do not name it). A municipality made
-- from part of another after 2011 has no 2011 census population.
ALTER TABLE municipalities
    ADD COLUMN established_on TEXT,
    ADD COLUMN ended_on TEXT,
    ADD COLUMN current_code TEXT,
    ALTER COLUMN population_2011 DROP NOT NULL;

-- Every change since 2011-01-01, as data/comuni_variazioni.csv lists it;
-- '' where a side has no code (an establishment, an unnamed successor).
CREATE TABLE municipality_changes (
    effective_on       TEXT NOT NULL,
    kind               TEXT NOT NULL,
    istat_code         TEXT NOT NULL,
    name               TEXT NOT NULL,
    province_code      TEXT NOT NULL,
    new_istat_code     TEXT NOT NULL,
    new_name           TEXT NOT NULL,
    new_province_code  TEXT NOT NULL,
    note               TEXT NOT NULL,
    PRIMARY KEY (effective_on, kind, istat_code, new_istat_code)
);

-- A field of an imported official record that breaks its rule, kept as
-- published: the record's key in its dataset, the field, the rule's code, the
-- value, and what the rule found. The last import of a record replaces its
-- findings.
CREATE TABLE data_quality_findings (
    dataset      TEXT NOT NULL,
    record       TEXT NOT NULL,
    field        TEXT NOT NULL,
    rule         TEXT NOT NULL,
    value        TEXT NOT NULL,
    note         TEXT NOT NULL,
    source       TEXT NOT NULL,
    line         BIGINT NOT NULL,
    found_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (dataset, record, field, rule)
);
CREATE INDEX data_quality_findings_rule ON data_quality_findings (rule);

-- `tipologia_ente` as the open data published it, written back by the export
-- in the published format.
ALTER TABLE financed_applications ADD COLUMN published_kind TEXT;
