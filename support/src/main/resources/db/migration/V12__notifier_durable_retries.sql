-- Durable retries and provider outcomes (docs/decisions/0012). A provider that is unavailable is tried
-- again on the same channel, with backoff, until the retry window ends; the waiting attempts are kept
-- here and in db-scheduler's table, so a restart resumes them.

-- Where one attempt row stands, beside its status:
--   attempts          provider calls made so far
--   first_attempt_at  when the first call started (the retry window starts there)
--   window_ends_at    after this the channel is given up as FAILED and the next one is tried
--   next_attempt_at   while PENDING and waiting: when it is tried next (a retry, or a paced send)
--   in_flight_since   a call has started and not been answered; after a crash the row is reconciled
--   schedule_seq      numbers each scheduled execution, so a stale one (a rerun) changes nothing
--   slot_reserved     the rate limiter already reserved this send's slot when it was scheduled
--   segments/encoding how Twilio counts the SMS (GSM-7 or UCS-2); null on other channels
--   kind              which telling: SHARED, RESCHEDULED, CANCELLED, REMINDER
ALTER TABLE notifier_delivery ADD COLUMN attempts         INT         NOT NULL DEFAULT 0;
ALTER TABLE notifier_delivery ADD COLUMN first_attempt_at TIMESTAMPTZ;
ALTER TABLE notifier_delivery ADD COLUMN window_ends_at   TIMESTAMPTZ;
ALTER TABLE notifier_delivery ADD COLUMN next_attempt_at  TIMESTAMPTZ;
ALTER TABLE notifier_delivery ADD COLUMN in_flight_since  TIMESTAMPTZ;
ALTER TABLE notifier_delivery ADD COLUMN schedule_seq     INT         NOT NULL DEFAULT 0;
ALTER TABLE notifier_delivery ADD COLUMN slot_reserved    BOOLEAN     NOT NULL DEFAULT FALSE;
ALTER TABLE notifier_delivery ADD COLUMN segments         INT;
ALTER TABLE notifier_delivery ADD COLUMN encoding         VARCHAR(8);
ALTER TABLE notifier_delivery ADD COLUMN kind             VARCHAR(16) NOT NULL DEFAULT 'SHARED';
-- A row left PENDING by an earlier release was cut off mid-call: it is reconciled like any other.
UPDATE notifier_delivery SET in_flight_since = updated_at WHERE status = 'PENDING';
CREATE INDEX notifier_delivery_in_flight ON notifier_delivery (in_flight_since) WHERE in_flight_since IS NOT NULL;

-- The message a carer is being told, as rendered for them, kept while any of their channels may still
-- be tried for it (a retry, the next channel after a failure or a later "undelivered" report, the
-- reconciliation after a crash). Swept some days after it was written.
CREATE TABLE notifier_message (
    update_id     VARCHAR(64)   NOT NULL,
    occasion      VARCHAR(64)   NOT NULL,
    carer_id      VARCHAR(64)   NOT NULL,
    child_id      VARCHAR(64),
    family_id     VARCHAR(64)   NOT NULL,
    setting_id    VARCHAR(64)   NOT NULL,
    child_ids     VARCHAR(4096) NOT NULL,
    urgent        BOOLEAN       NOT NULL,
    language      VARCHAR(16)   NOT NULL,
    sms_body      TEXT          NOT NULL,
    email_subject TEXT          NOT NULL,
    email_body    TEXT          NOT NULL,
    push_title    TEXT          NOT NULL,
    push_body     TEXT          NOT NULL,
    -- ids only (type, updateId, childId), as JSON
    push_data     TEXT          NOT NULL,
    created_at    TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (update_id, occasion, carer_id)
);
CREATE INDEX notifier_message_created ON notifier_message (created_at);

-- db-scheduler's executions (its documented PostgreSQL table, under a name of the notifier's own).
CREATE TABLE notifier_scheduled_task (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX notifier_scheduled_task_execution_time ON notifier_scheduled_task (execution_time);
CREATE INDEX notifier_scheduled_task_last_heartbeat ON notifier_scheduled_task (last_heartbeat);
CREATE INDEX notifier_scheduled_task_priority ON notifier_scheduled_task (priority DESC, execution_time ASC);
