-- Staff free text machine-translated for carers, once per update and language (docs/decisions/0017).
-- The texts are the family's personal data: a family's erasure deletes its rows (announcements belong to
-- no family).
CREATE TABLE notifier_translation (
    update_id         VARCHAR(64) NOT NULL,
    language          VARCHAR(35) NOT NULL,
    family_id         VARCHAR(64),
    original_language VARCHAR(35),
    texts             TEXT        NOT NULL,
    translated        BOOLEAN     NOT NULL,
    engine            VARCHAR(32) NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (update_id, language)
);
CREATE INDEX notifier_translation_family ON notifier_translation (family_id);
