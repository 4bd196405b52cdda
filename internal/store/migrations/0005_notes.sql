-- A runbook (one markdown document) and a dated log per client, searchable
-- across clients with FTS5.
CREATE TABLE runbooks (
    client_id  INTEGER NOT NULL PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
    body       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE note_log (
    id        INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    at        INTEGER NOT NULL,
    body      TEXT    NOT NULL
) STRICT;
CREATE INDEX note_log_client_at ON note_log (client_id, at);

-- kind is 'runbook' (ref = client_id) or 'log' (ref = note_log.id).
CREATE VIRTUAL TABLE notes_fts USING fts5 (
    body, client_id UNINDEXED, kind UNINDEXED, ref UNINDEXED,
    tokenize = 'porter unicode61'
);

CREATE TRIGGER runbooks_ai AFTER INSERT ON runbooks BEGIN
    INSERT INTO notes_fts (body, client_id, kind, ref) VALUES (new.body, new.client_id, 'runbook', new.client_id);
END;
CREATE TRIGGER runbooks_au AFTER UPDATE ON runbooks BEGIN
    DELETE FROM notes_fts WHERE kind = 'runbook' AND ref = old.client_id;
    INSERT INTO notes_fts (body, client_id, kind, ref) VALUES (new.body, new.client_id, 'runbook', new.client_id);
END;
CREATE TRIGGER runbooks_ad AFTER DELETE ON runbooks BEGIN
    DELETE FROM notes_fts WHERE kind = 'runbook' AND ref = old.client_id;
END;
CREATE TRIGGER note_log_ai AFTER INSERT ON note_log BEGIN
    INSERT INTO notes_fts (body, client_id, kind, ref) VALUES (new.body, new.client_id, 'log', new.id);
END;
CREATE TRIGGER note_log_au AFTER UPDATE ON note_log BEGIN
    DELETE FROM notes_fts WHERE kind = 'log' AND ref = old.id;
    INSERT INTO notes_fts (body, client_id, kind, ref) VALUES (new.body, new.client_id, 'log', new.id);
END;
CREATE TRIGGER note_log_ad AFTER DELETE ON note_log BEGIN
    DELETE FROM notes_fts WHERE kind = 'log' AND ref = old.id;
END;
