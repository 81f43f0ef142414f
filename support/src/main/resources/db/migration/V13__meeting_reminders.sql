-- Meeting reminders (docs/decisions/0015). Each carer of the family is reminded of a booked meeting
-- some hours before it (the setting's choice, a day unless it says otherwise), through db-scheduler's
-- table like every other piece of the notifier's delayed work.

-- How many hours before each of its meetings a setting's families are reminded; 0: not at all.
ALTER TABLE notifier_setting ADD COLUMN meeting_reminder_hours INT NOT NULL DEFAULT 24;

-- Each meeting the notifier may have to remind a family of, as it now stands, kept by the "notifier"
-- processing group. Written in the transaction of the event that changes it, together with its
-- scheduled execution (task "notifier-meeting-reminder", instance "<meetingId>/<schedule_seq>"):
--   state         BOOKED, CANCELLED or WITHDRAWN; only a booked meeting is reminded
--   due_at        when its reminder is to go; null while none is scheduled
--   schedule_seq  numbers each scheduling, so that an outdated execution (the meeting moved, the
--                 lead time changed) changes nothing
--   reminded_for  the starts_at the family was last reminded of: a meeting moved afterwards is
--                 reminded again, a lead time changed afterwards does not remind it twice
-- location and purpose (personal data) are kept only until the meeting is cancelled or withdrawn.
CREATE TABLE notifier_meeting_reminder (
    meeting_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    child_id         VARCHAR(64)  NOT NULL,
    family_id        VARCHAR(64)  NOT NULL,
    setting_id       VARCHAR(64)  NOT NULL,
    key_person_id    VARCHAR(64),
    starts_at        TIMESTAMPTZ  NOT NULL,
    duration_minutes INT          NOT NULL,
    location         TEXT,
    purpose          TEXT,
    state            VARCHAR(16)  NOT NULL,
    due_at           TIMESTAMPTZ,
    schedule_seq     INT          NOT NULL DEFAULT 0,
    reminded_for     TIMESTAMPTZ
);
CREATE INDEX notifier_meeting_reminder_setting ON notifier_meeting_reminder (setting_id) WHERE state = 'BOOKED';
