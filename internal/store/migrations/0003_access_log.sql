-- Every switch, exec and secret read: when, which client, which session,
-- which secret names (never values). Feeds handoff and offboarding.
CREATE TABLE access_log (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    session      TEXT    NOT NULL DEFAULT '',
    action       TEXT    NOT NULL CHECK (action IN ('switch', 'off', 'env', 'exec', 'shell', 'secret')),
    detail       TEXT    NOT NULL DEFAULT '',
    secret_names TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX access_log_client_at ON access_log (client_id, at);
