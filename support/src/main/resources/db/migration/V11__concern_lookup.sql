-- Which child a concern is about, so that an action on it (POST /api/concerns/{id}/actions) reaches the
-- child that holds it. Written by the command side's subscribing directory processor.
CREATE TABLE lookup_concern (
    concern_id VARCHAR(64) NOT NULL PRIMARY KEY,
    child_id   VARCHAR(64) NOT NULL
);
