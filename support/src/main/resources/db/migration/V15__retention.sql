-- A setting's retention rules (issue 16; defaults 3 years after leaving, safeguarding until 25) and the day
-- each child left. Both are lookups of the command side, kept from the events that set them.
CREATE TABLE lookup_retention (
    setting_id                   VARCHAR(64) NOT NULL PRIMARY KEY,
    records_years_after_leaving  INTEGER     NOT NULL,
    safeguarding_until_age       INTEGER     NOT NULL
);
ALTER TABLE lookup_child ADD COLUMN left_on DATE;
-- an erased family is not erased again by the sweep
ALTER TABLE lookup_family ADD COLUMN erased BOOLEAN NOT NULL DEFAULT FALSE;
