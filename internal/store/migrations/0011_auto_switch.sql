-- A client's opt-out of auto_switch: 0 leaves its workdir and repositories
-- out of the bound roots the shell hook switches on.
ALTER TABLE clients ADD COLUMN auto_switch INTEGER NOT NULL DEFAULT 1;
