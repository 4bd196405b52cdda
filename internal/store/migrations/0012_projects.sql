-- Projects under a client (Toggl, Harvest and Clockify all have them): an
-- entry may carry one by name. rate_minor is the project's own hourly rate
-- in minor units of the client's currency; 0 bills at the client's rate.
CREATE TABLE projects (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    rate_minor INTEGER NOT NULL DEFAULT 0 CHECK (rate_minor >= 0),
    created_at INTEGER NOT NULL,
    UNIQUE (client_id, name)
) STRICT;

-- The project an entry (and each earlier version of it) carries; '' none.
-- A name rather than a key, so the history and the undo log keep it as it
-- was; the store refuses a project its client does not have.
ALTER TABLE entries ADD COLUMN project TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_history ADD COLUMN project TEXT NOT NULL DEFAULT '';
