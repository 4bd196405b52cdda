-- Idle gaps: a stretch of a running timer with no activity in any shell of
-- its client, found when the user came back. decision is '' until the
-- user says keep, drop or split; nothing changes the entry before that.
CREATE TABLE idle_gaps (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL,
    from_at    INTEGER NOT NULL,
    to_at      INTEGER NOT NULL CHECK (to_at > from_at),
    decision   TEXT    NOT NULL DEFAULT '' CHECK (decision IN ('', 'keep', 'drop', 'split')),
    created_at INTEGER NOT NULL,
    UNIQUE (entry_id, from_at)
) STRICT;
