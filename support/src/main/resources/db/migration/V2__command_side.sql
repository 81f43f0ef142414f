-- Command side: sign-in credentials (never in events) and the lookups that rules spanning
-- aggregates read (set-based validation). The lookups are written by subscribing processors
-- in the same transaction as the events they follow.

CREATE TABLE credential (
    subject_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    username      VARCHAR(320) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    roles         VARCHAR(255) NOT NULL,
    setting_id    VARCHAR(64),
    family_id     VARCHAR(64),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX credential_username ON credential (lower(username));

CREATE TABLE lookup_setting (
    setting_id VARCHAR(64) NOT NULL PRIMARY KEY
);

CREATE TABLE lookup_staff (
    staff_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    setting_id VARCHAR(64)  NOT NULL,
    roles      VARCHAR(255) NOT NULL
);

CREATE TABLE lookup_room (
    room_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    setting_id VARCHAR(64) NOT NULL
);

CREATE TABLE lookup_family (
    family_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    setting_id VARCHAR(64) NOT NULL
);

CREATE TABLE lookup_carer (
    carer_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    family_id  VARCHAR(64) NOT NULL,
    setting_id VARCHAR(64) NOT NULL,
    phone      VARCHAR(32)
);
CREATE INDEX lookup_carer_phone ON lookup_carer (phone);

CREATE TABLE lookup_child (
    child_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    setting_id    VARCHAR(64) NOT NULL,
    family_id     VARCHAR(64) NOT NULL,
    room_id       VARCHAR(64) NOT NULL,
    key_person_id VARCHAR(64) NOT NULL,
    date_of_birth DATE        NOT NULL
);
CREATE INDEX lookup_child_family ON lookup_child (family_id);

-- The updates sent to each carer by SMS, so that an SMS reply can be threaded to the latest one.
CREATE TABLE lookup_sms_sent (
    provider_id VARCHAR(64) NOT NULL PRIMARY KEY,
    carer_id    VARCHAR(64) NOT NULL,
    update_id   VARCHAR(64) NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX lookup_sms_sent_carer ON lookup_sms_sent (carer_id, sent_at DESC);
