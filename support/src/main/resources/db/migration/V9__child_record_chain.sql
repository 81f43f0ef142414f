-- Each child's safeguarding record: an index from the child to the stored events that concern it, and a
-- hash chain over those events, both written by the event store in the transaction that stores the
-- events (dev.tandem.support.record.ChainingEventStorageEngine; docs/decisions/0009).

-- Which children an update is about, so that a later event naming only the update (a reply to an
-- announcement, a notification) reaches the right records. An announcement reaches a family through
-- some of its children: family_id narrows a family's reply or acknowledgement to those children.
-- sole: the update is about this child alone, so every event of its aggregate belongs to the record.
CREATE TABLE record_update_child (
    update_id VARCHAR(64) NOT NULL,
    child_id  VARCHAR(64) NOT NULL,
    family_id VARCHAR(64),
    sole      BOOLEAN     NOT NULL,
    PRIMARY KEY (update_id, child_id)
);
CREATE INDEX record_update_child_child ON record_update_child (child_id) WHERE sole;

-- One link per event in a child's chain, in the order they were stored: hash = SHA-256(previous hash,
-- stored event), seal = HMAC-SHA-256 of the child, position and hash under a key outside the database.
CREATE TABLE record_link (
    child_id         VARCHAR(64)  NOT NULL,
    position         BIGINT       NOT NULL,
    global_index     BIGINT       NOT NULL,
    event_identifier VARCHAR(255) NOT NULL,
    hash             BYTEA        NOT NULL,
    seal             BYTEA        NOT NULL,
    PRIMARY KEY (child_id, position)
);

-- The head of each child's chain, sealed; its row lock orders the appends to one child's chain, so that
-- positions rise with the store's global index.
CREATE TABLE record_head (
    child_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    length       BIGINT      NOT NULL,
    global_index BIGINT,
    hash         BYTEA,
    seal         BYTEA
);
