-- Review before use (docs/safety.md): what a handoff bundle brings is held
-- pending until the user has seen it and allowed it. review_hash is the hash
-- of the content the last import brought, allowed_hash of the content last
-- allowed: a re-import with the allowed content stays allowed. src_root is
-- the directory the import placed the client's repositories under (its
-- root for `repo clone`).
ALTER TABLE clients ADD COLUMN review_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN review_hash    TEXT    NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN allowed_hash   TEXT    NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN src_root       TEXT    NOT NULL DEFAULT '';
