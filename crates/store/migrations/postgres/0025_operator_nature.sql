-- What a provider is, for art. 15 c. 1 of the Regolamento ACN 21007/24: an
-- in-house company, or a publicly controlled one a law sends there, takes the
-- adeguamento like a public body; a private provider, qualification (issue 16
-- item 1).
ALTER TABLE provider_profiles ADD COLUMN operator_nature TEXT NOT NULL DEFAULT 'private'
    CHECK (operator_nature IN ('private', 'public_subject', 'in_house', 'publicly_controlled_by_law'));
