-- The language a person reads the platform's e-mails and documents in
-- (issue 15): Italian unless they choose English on their profile.

ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'it' CHECK (language IN ('it', 'en'));
