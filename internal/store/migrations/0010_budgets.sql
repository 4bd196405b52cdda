-- A client's budget (a retainer): budget_minutes per budget_period, 0 for
-- none. budget_said_from is the start (Unix seconds) of the period whose
-- 80 % / 100 % mark budget_said_level was last said, so each is said once.
ALTER TABLE clients ADD COLUMN budget_minutes    INTEGER NOT NULL DEFAULT 0 CHECK (budget_minutes >= 0);
ALTER TABLE clients ADD COLUMN budget_period     TEXT    NOT NULL DEFAULT '' CHECK (budget_period IN ('', 'week', 'month'));
ALTER TABLE clients ADD COLUMN budget_said_from  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN budget_said_level INTEGER NOT NULL DEFAULT 0;
