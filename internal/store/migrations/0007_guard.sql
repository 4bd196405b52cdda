-- The production guard: a kube context can be production on its own (a
-- staging client with one production cluster), and every mutating command
-- the guard stopped or let through is an access-log row ('guard', with the
-- tool and verb as detail, never the arguments). SQLite cannot change a
-- CHECK constraint in place, so access_log is rebuilt with its rows.
ALTER TABLE kube_contexts ADD COLUMN production INTEGER NOT NULL DEFAULT 0;

CREATE TABLE access_log_new (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    session      TEXT    NOT NULL DEFAULT '',
    action       TEXT    NOT NULL CHECK (action IN ('switch', 'off', 'env', 'exec', 'shell', 'secret', 'guard')),
    detail       TEXT    NOT NULL DEFAULT '',
    secret_names TEXT    NOT NULL DEFAULT ''
) STRICT;
INSERT INTO access_log_new (id, at, client_id, session, action, detail, secret_names)
    SELECT id, at, client_id, session, action, detail, secret_names FROM access_log;
DROP TABLE access_log;
ALTER TABLE access_log_new RENAME TO access_log;
CREATE INDEX access_log_client_at ON access_log (client_id, at);
