-- Clients and everything their profile is made of (except secret values,
-- which live only in the OS keyring).
CREATE TABLE clients (
    id              INTEGER PRIMARY KEY,
    slug            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    color           TEXT    NOT NULL DEFAULT '',
    rate_minor      INTEGER NOT NULL DEFAULT 0 CHECK (rate_minor >= 0),
    currency        TEXT    NOT NULL DEFAULT 'USD',
    round_minutes   INTEGER NOT NULL DEFAULT 0 CHECK (round_minutes BETWEEN 0 AND 240),
    round_mode      TEXT    NOT NULL DEFAULT 'up' CHECK (round_mode IN ('up', 'nearest', 'down')),
    round_per       TEXT    NOT NULL DEFAULT 'entry' CHECK (round_per IN ('entry', 'day')),
    minimum_minutes INTEGER NOT NULL DEFAULT 0 CHECK (minimum_minutes >= 0),
    timezone        TEXT    NOT NULL DEFAULT '',
    production      INTEGER NOT NULL DEFAULT 0,
    auto_track      INTEGER NOT NULL DEFAULT 1,
    archived        INTEGER NOT NULL DEFAULT 0,
    workdir         TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;

-- Plain environment variables of a client.
CREATE TABLE client_vars (
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name      TEXT    NOT NULL,
    value     TEXT    NOT NULL,
    PRIMARY KEY (client_id, name)
) STRICT, WITHOUT ROWID;

-- Typed profile settings as dotted keys (aws.profile, git.email, kube.context …);
-- the profiles package owns the list of keys and their validation.
CREATE TABLE client_settings (
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    key       TEXT    NOT NULL,
    value     TEXT    NOT NULL,
    PRIMARY KEY (client_id, key)
) STRICT, WITHOUT ROWID;

-- Kubeconfig files a client's contexts come from, in merge order.
CREATE TABLE kube_sources (
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    path      TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (client_id, path)
) STRICT, WITHOUT ROWID;

-- The contexts that belong to a client.
CREATE TABLE kube_contexts (
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    context   TEXT    NOT NULL,
    PRIMARY KEY (client_id, context)
) STRICT, WITHOUT ROWID;

-- Tools whose config directory is kept per client (gcloud, az, gh …).
CREATE TABLE client_isolation (
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    tool      TEXT    NOT NULL,
    PRIMARY KEY (client_id, tool)
) STRICT, WITHOUT ROWID;

CREATE TABLE repos (
    client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    path      TEXT    NOT NULL,
    url       TEXT    NOT NULL DEFAULT '',
    added_at  INTEGER NOT NULL,
    PRIMARY KEY (client_id, path)
) STRICT, WITHOUT ROWID;

-- Global settings (auto-track default, forgotten-timer limit, week start …).
CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
