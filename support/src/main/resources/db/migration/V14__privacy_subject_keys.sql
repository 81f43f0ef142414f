-- One data key per data subject (family, carer, staff member, child, setting), wrapped by the master key,
-- which is never stored here (docs/decisions/0014). Erasure deletes the key and keeps the row, so that the
-- subject never gets a new one: keyset NULL and erased_at set is a shredded subject.
CREATE TABLE privacy_subject_key (
    subject    TEXT PRIMARY KEY,
    keyset     BYTEA,
    created_at TIMESTAMPTZ NOT NULL,
    erased_at  TIMESTAMPTZ,
    CHECK ((keyset IS NULL) = (erased_at IS NOT NULL))
);
