-- Lookups for the rules about updates (observations, meetings, feedback, announcements) that span
-- aggregates. Written by the command side's subscribing directory processor in the transaction of
-- the events they follow.

-- A key person's meetings, so that a booking cannot overlap another BOOKED one. Withdrawn and
-- cancelled meetings keep their row with that status and no longer block the hour.
CREATE TABLE lookup_meeting (
    meeting_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    key_person_id VARCHAR(64) NOT NULL,
    starts_at     TIMESTAMPTZ NOT NULL,
    ends_at       TIMESTAMPTZ NOT NULL,
    status        VARCHAR(16) NOT NULL
);
CREATE INDEX lookup_meeting_key_person ON lookup_meeting (key_person_id, starts_at);

-- Every update, with the families it went to, so that feedback can answer one of them. A carer's SMS
-- is not threaded to a withdrawn update (it becomes a message to the key person instead).
CREATE TABLE lookup_update (
    update_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    setting_id VARCHAR(64) NOT NULL,
    child_id   VARCHAR(64),
    withdrawn  BOOLEAN     NOT NULL DEFAULT false
);

CREATE TABLE lookup_update_family (
    update_id VARCHAR(64) NOT NULL,
    family_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (update_id, family_id)
);

-- Every carer's reply or message, with the family it came from, so that feedback can answer it.
CREATE TABLE lookup_reply (
    reply_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    family_id VARCHAR(64) NOT NULL
);
