-- Answers to POSTs that carried an Idempotency-Key, kept 24 hours so that a repeat gets the first
-- answer again (see the command side's dev.tandem.command.idempotency). A row without a status is
-- a request still being handled. Keys are scoped per signed-in subject.
CREATE TABLE idempotency_key (
    subject_id      VARCHAR(255)             NOT NULL,
    idempotency_key VARCHAR(255)             NOT NULL,
    fingerprint     CHAR(64)                 NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status          INTEGER,
    location        TEXT,
    content_type    VARCHAR(255),
    body            BYTEA,
    PRIMARY KEY (subject_id, idempotency_key)
);

-- The purge deletes by age.
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
