-- The notifier alerts a setting's designated safeguarding leads (DSLs) by email when a concern is
-- recorded, and reminds them once when it has waited 24 hours with no action. The messages name
-- neither the child nor the concern; these tables hold ids and times only.

-- The directory learns how to reach staff and which roles they hold (re-registration replaces them).
-- roles: comma-separated role names (DSL,KEY_PERSON...).
ALTER TABLE notifier_staff ADD COLUMN email VARCHAR(320);
ALTER TABLE notifier_staff ADD COLUMN roles VARCHAR(200) NOT NULL DEFAULT '';
CREATE INDEX notifier_staff_setting ON notifier_staff (setting_id);

-- One row per concern, reason (NEW_CONCERN, OVERDUE), DSL and channel: committed before the mail
-- server is called, so a redelivered event or a second poller never alerts anyone twice (as
-- notifier_delivery does for carers, docs/decisions/0005). "recorded" is set in the transaction that
-- publishes SafeguardingLeadAlerted or SafeguardingLeadAlertFailed, so each is published once.
CREATE TABLE notifier_safeguarding_alert (
    concern_id  VARCHAR(64)  NOT NULL,
    reason      VARCHAR(16)  NOT NULL,
    staff_id    VARCHAR(64)  NOT NULL,
    channel     VARCHAR(8)   NOT NULL,
    child_id    VARCHAR(64)  NOT NULL,
    setting_id  VARCHAR(64)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    provider_id VARCHAR(255),
    detail      VARCHAR(500),
    recorded    BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (concern_id, reason, staff_id, channel)
);

-- Concerns the notifier may have to remind the DSLs of: due 24 hours after recorded_at. Any action
-- on the concern sets acted_at and stops the reminder; reminded_at is set in the transaction that
-- sends it. Rows are kept, so a concern seen again (a redelivery) is never reminded twice.
CREATE TABLE notifier_safeguarding_reminder (
    concern_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    child_id    VARCHAR(64) NOT NULL,
    setting_id  VARCHAR(64) NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL,
    acted_at    TIMESTAMPTZ,
    reminded_at TIMESTAMPTZ
);
CREATE INDEX notifier_safeguarding_reminder_due ON notifier_safeguarding_reminder (due_at)
    WHERE acted_at IS NULL AND reminded_at IS NULL;
