-- The undo log: each change to the timesheet (a start, stop, switch,
-- cancel, discard, add, edit or rm) with every entry it touched as it was
-- before and after, so `stint undo` can put the last one back. Only the
-- latest changes are kept.
CREATE TABLE time_changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    changed_at INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    undone     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE time_change_entries (
    change_id INTEGER NOT NULL REFERENCES time_changes (id) ON DELETE CASCADE,
    entry_id  INTEGER NOT NULL,
    before    TEXT, -- the row as JSON before the change; NULL: it did not exist
    after     TEXT, -- the row as JSON after the change; NULL: it was removed
    PRIMARY KEY (change_id, entry_id)
) STRICT;
