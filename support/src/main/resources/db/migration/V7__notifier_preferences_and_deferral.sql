-- The notifier learns restrictions, SMS opt-outs and withdrawals, and holds back what falls in a
-- carer's quiet hours until they end.

-- STOP by SMS: the carer's stated channel order is kept, SMS is just unusable until START.
ALTER TABLE notifier_carer ADD COLUMN sms_opted_out BOOLEAN NOT NULL DEFAULT FALSE;

-- Carers barred from children (a court order, say): they are told nothing about them.
CREATE TABLE notifier_restriction (
    child_id VARCHAR(64) NOT NULL,
    carer_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (child_id, carer_id)
);
CREATE INDEX notifier_restriction_carer ON notifier_restriction (carer_id);

-- Updates taken back: nothing more is sent for them, whatever event about them comes later.
CREATE TABLE notifier_withdrawn (
    update_id VARCHAR(64) NOT NULL PRIMARY KEY
);

-- An announcement concerns no single child.
ALTER TABLE notifier_delivery ALTER COLUMN child_id DROP NOT NULL;
-- One update can be told more than once (a meeting booked, then moved, then cancelled): "occasion"
-- names which telling an attempt belongs to ('' for the update's first), so each is sent at most
-- once per carer and channel.
ALTER TABLE notifier_delivery ADD COLUMN occasion VARCHAR(64) NOT NULL DEFAULT '';
DROP INDEX notifier_delivery_attempt;
CREATE UNIQUE INDEX notifier_delivery_attempt ON notifier_delivery (update_id, occasion, carer_id, channel);

-- Notifications held back by a carer's quiet hours, one per update, occasion and carer, sent by the
-- notifier's poller once due. The message is kept as rendered when it was held back (in the carer's
-- language then); the channel is chosen when it is sent, from the carer's preferences at that time.
-- child_ids (comma-separated) are the children it concerns, so that a restriction imposed meanwhile
-- still stops it. A row is deleted in the transaction that sends it or drops it (withdrawal).
CREATE TABLE notifier_deferred (
    update_id     VARCHAR(64)   NOT NULL,
    occasion      VARCHAR(64)   NOT NULL,
    carer_id      VARCHAR(64)   NOT NULL,
    child_id      VARCHAR(64),
    family_id     VARCHAR(64)   NOT NULL,
    setting_id    VARCHAR(64)   NOT NULL,
    child_ids     VARCHAR(4096) NOT NULL,
    due_at        TIMESTAMPTZ   NOT NULL,
    deferred_at   TIMESTAMPTZ   NOT NULL,
    language      VARCHAR(16)   NOT NULL,
    sms_body      TEXT          NOT NULL,
    email_subject TEXT          NOT NULL,
    email_body    TEXT          NOT NULL,
    push_title    TEXT          NOT NULL,
    push_body     TEXT          NOT NULL,
    -- ids only (type, updateId, childId), as JSON
    push_data     TEXT          NOT NULL,
    PRIMARY KEY (update_id, occasion, carer_id)
);
CREATE INDEX notifier_deferred_due ON notifier_deferred (due_at);
