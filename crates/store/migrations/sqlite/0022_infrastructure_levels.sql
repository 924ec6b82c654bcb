-- The level of a digital infrastructure, AI1–AI4 (Regolamento ACN 21007/24,
-- Allegato 4; issue 16): NULL when not declared (an infrastructure known
-- from an imported catalogue), which puts no ceiling on its services.
ALTER TABLE infrastructures ADD COLUMN level TEXT CHECK (level IN ('AI1', 'AI2', 'AI3', 'AI4'));
