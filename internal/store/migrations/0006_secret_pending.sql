-- A `stint secret set` between its keyring write and its database write:
-- written before the keyring is touched, removed in the transaction that
-- records the name. A row whose process is gone marks a set that was
-- interrupted; the next run removes what it left in the keyring.
CREATE TABLE secret_pending (
    client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    pid        INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    PRIMARY KEY (client_id, name)
) STRICT, WITHOUT ROWID;
