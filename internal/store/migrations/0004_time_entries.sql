-- Time entries: UTC instants as Unix seconds; end_at NULL while running.
CREATE TABLE entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: history follows an ID
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER CHECK (end_at IS NULL OR end_at >= start_at),
    note        TEXT    NOT NULL DEFAULT '',
    tags        TEXT    NOT NULL DEFAULT '', -- tags joined by a single space, sorted
    billable    INTEGER NOT NULL DEFAULT 1,
    source      TEXT    NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'switch', 'import')),
    external_id TEXT    UNIQUE, -- import fingerprint: re-importing adds nothing twice
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX entries_client_start ON entries (client_id, start_at);
CREATE INDEX entries_start ON entries (start_at);
-- At most one running timer, enforced by the database itself.
CREATE UNIQUE INDEX entries_one_running ON entries ((end_at IS NULL)) WHERE end_at IS NULL;

-- Every previous version of an entry, with when it changed.
CREATE TABLE entry_history (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL,
    changed_at INTEGER NOT NULL,
    change     TEXT    NOT NULL CHECK (change IN ('edit', 'delete', 'stop')),
    client_id  INTEGER NOT NULL,
    start_at   INTEGER NOT NULL,
    end_at     INTEGER,
    note       TEXT    NOT NULL,
    tags       TEXT    NOT NULL,
    billable   INTEGER NOT NULL,
    source     TEXT    NOT NULL
) STRICT;
CREATE INDEX entry_history_entry ON entry_history (entry_id);
