-- The kind of a secondment: standard (常规挂职) or village (驻村, a posting to a village), which the
-- secondment workflows treat differently. Existing periods are standard.
ALTER TABLE secondments ADD COLUMN type TEXT NOT NULL DEFAULT 'standard' CHECK (type IN ('standard','village'));
