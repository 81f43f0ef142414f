-- Which carers are barred from which children (a court order, say), for the rules that decide who
-- may reply to or acknowledge an update about a child. Written by the command side's subscribing
-- directory processor in the transaction of CarerRestricted / CarerRestrictionLifted.
CREATE TABLE lookup_restriction (
    child_id VARCHAR(64) NOT NULL,
    carer_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (child_id, carer_id)
);
