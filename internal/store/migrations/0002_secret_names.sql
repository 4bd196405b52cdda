-- Names (and sizes) of a client's secret variables, so listings and handoffs
-- need no keyring. Values are never stored here.
CREATE TABLE secret_names (
    client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    size       INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (client_id, name)
) STRICT, WITHOUT ROWID;
