package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "data", "stint.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func fileHash(t *testing.T, path string) [32]byte {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return sha256.Sum256(b)
}

func TestMigrateFromEmpty(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	ms, err := Migrations()
	require.NoError(t, err)
	v, err := db.SchemaVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, len(ms), v)
	for _, table := range []string{"clients", "client_vars", "secret_names", "access_log", "entries", "runbooks", "notes_fts"} {
		var n int
		require.NoError(t, db.sql.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = ?", table).Scan(&n))
		assert.Equal(t, 1, n, table)
	}
	info, err := os.Stat(db.Path())
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	require.NoError(t, db.IntegrityCheck(ctx))
}

func TestReopenIsNoop(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stint.db")
	db, err := Open(ctx, path)
	require.NoError(t, err)
	_, err = db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry", AutoTrack: true})
	require.NoError(t, err)
	require.NoError(t, db.Close())

	db, err = Open(ctx, path)
	require.NoError(t, err)
	defer db.Close()
	cs, err := db.Clients(ctx, true)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	assert.Equal(t, "acme", cs[0].Slug)
}

func TestNewerDatabaseRefusedUntouched(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stint.db")
	db, err := Open(ctx, path)
	require.NoError(t, err)
	_, err = db.sql.Exec("PRAGMA user_version = 999")
	require.NoError(t, err)
	_, err = db.sql.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	require.NoError(t, err)
	require.NoError(t, db.Close())
	before := fileHash(t, path)

	_, err = Open(ctx, path)
	require.ErrorIs(t, err, ErrTooNew)
	assert.Contains(t, err.Error(), "upgrade stint")
	assert.Equal(t, before, fileHash(t, path))
}

func TestFailingMigrationKeepsPreviousVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stint.db")
	good := []Migration{{Version: 1, Name: "0001_a.sql", SQL: "CREATE TABLE a (x INTEGER);"}}
	db, err := openWith(ctx, path, good)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	bad := append(good, Migration{Version: 2, Name: "0002_b.sql",
		SQL: "CREATE TABLE b (x INTEGER); INSERT INTO nope VALUES (1);"})
	_, err = openWith(ctx, path, bad)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "0002_b.sql")
	assert.Contains(t, err.Error(), "stays at version 1")

	raw, err := sql.Open("sqlite", "file:"+path)
	require.NoError(t, err)
	defer raw.Close()
	var v, n int
	require.NoError(t, raw.QueryRow("PRAGMA user_version").Scan(&v))
	assert.Equal(t, 1, v)
	require.NoError(t, raw.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'b'").Scan(&n))
	assert.Equal(t, 0, n, "the half-applied migration's table must roll back")
}

func TestProfileChangeRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	now := time.Unix(1_700_000_000, 0).UTC()
	c, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry", CreatedAt: now, UpdatedAt: now})
	require.NoError(t, err)
	require.NoError(t, db.ApplyProfileChange(ctx, c.ID, ProfileChange{
		SetVars:       []Var{{"B", "2"}, {"A", "1"}},
		SetSettings:   map[string]string{"aws.profile": "acme", "git.email": "me@acme.io"},
		AddKubeSource: "/k/one.yaml",
		AddContexts:   []string{"prod", "dev"},
		Isolate:       []string{"gh", "gcloud"},
		AddRepos:      []Repo{{Path: "/src/acme/api", URL: "git@x:acme/api", AddedAt: now}},
	}))
	require.NoError(t, db.ApplyProfileChange(ctx, c.ID, ProfileChange{
		UnsetVars: []string{"B"}, SetSettings: map[string]string{"git.email": ""}, Unisolate: []string{"gh"},
		AddKubeSource: "/k/two.yaml",
	}))
	p, err := db.Profile(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, []Var{{"A", "1"}}, p.Vars)
	assert.Equal(t, map[string]string{"aws.profile": "acme"}, p.Settings)
	assert.Equal(t, []string{"/k/one.yaml", "/k/two.yaml"}, p.KubeSources)
	assert.Equal(t, []string{"dev", "prod"}, p.KubeContexts)
	assert.Equal(t, []string{"gcloud"}, p.Isolated)
	require.Len(t, p.Repos, 1)
	assert.Equal(t, "git@x:acme/api", p.Repos[0].URL)

	_, err = db.Profile(ctx, "nobody")
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestOneRunningTimerEnforcedBySchema(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	c, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	ins := "INSERT INTO entries (client_id, start_at, end_at, created_at, updated_at) VALUES (?, ?, ?, 0, 0)"
	_, err = db.sql.Exec(ins, c.ID, 100, nil)
	require.NoError(t, err)
	_, err = db.sql.Exec(ins, c.ID, 200, 300)
	require.NoError(t, err, "finished entries are unconstrained")
	_, err = db.sql.Exec(ins, c.ID, 400, nil)
	require.Error(t, err, "a second running entry must be refused by the database")

	// Entries block deleting their client unless asked.
	require.Error(t, db.DeleteClient(ctx, c.ID, false))
	require.NoError(t, db.DeleteClient(ctx, c.ID, true))
}

func TestNotesSearchFollowsRows(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	c, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	_, err = db.sql.Exec("INSERT INTO runbooks (client_id, body, updated_at) VALUES (?, 'restart the flux controllers', 0)", c.ID)
	require.NoError(t, err)
	_, err = db.sql.Exec("INSERT INTO note_log (client_id, at, body) VALUES (?, 0, 'rotated the vault token')", c.ID)
	require.NoError(t, err)
	count := func(q string) int {
		var n int
		require.NoError(t, db.sql.QueryRow("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH ?", q).Scan(&n))
		return n
	}
	assert.Equal(t, 1, count("flux"))
	assert.Equal(t, 1, count("vault"))
	require.NoError(t, db.DeleteClient(ctx, c.ID, false))
	assert.Equal(t, 0, count("flux"), "notes leave the index with their client")
	assert.Equal(t, 0, count("vault"))
}

func TestAccessLog(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	c, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	at := time.Unix(1_700_000_000, 0).UTC()
	require.NoError(t, db.LogAccess(ctx, Access{At: at, ClientID: c.ID, Session: "123-abc", Action: "switch", SecretNames: []string{"GH_TOKEN", "VAULT_TOKEN"}}))
	require.NoError(t, db.LogAccess(ctx, Access{At: at.Add(time.Minute), ClientID: c.ID, Action: "exec", Detail: "terraform"}))
	log, err := db.AccessLog(ctx, c.ID, time.Time{})
	require.NoError(t, err)
	require.Len(t, log, 2)
	assert.Equal(t, []string{"GH_TOKEN", "VAULT_TOKEN"}, log[0].SecretNames)
	assert.Equal(t, "terraform", log[1].Detail)
	_, err = db.sql.Exec("INSERT INTO access_log (at, client_id, action) VALUES (0, ?, 'bogus')", c.ID)
	assert.Error(t, err, "actions are constrained by the schema")
}

// Many processes opening a brand-new database at once must all succeed:
// shells started together on first install.
func TestConcurrentFirstOpen(t *testing.T) {
	if os.Getenv("STINT_STORE_CHILD") != "" {
		db, err := Open(context.Background(), os.Getenv("STINT_STORE_CHILD"))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		db.Close()
		os.Exit(0)
	}
	for round := 0; round < 5; round++ {
		path := filepath.Join(t.TempDir(), "stint.db")
		cmds := make([]*exec.Cmd, 8)
		errs := make([]bytes.Buffer, 8)
		for i := range cmds {
			cmds[i] = exec.Command(os.Args[0], "-test.run=^TestConcurrentFirstOpen$")
			cmds[i].Env = append(os.Environ(), "STINT_STORE_CHILD="+path)
			cmds[i].Stderr = &errs[i]
			require.NoError(t, cmds[i].Start())
		}
		for i, c := range cmds {
			assert.NoError(t, c.Wait(), "round %d child %d: %s", round, i, errs[i].String())
		}
	}
}

// The WAL is kept between processes (it is cheaper than creating and
// deleting it on every command), but checkpointed and truncated on close:
// stint.db alone — what a backup copies — holds every committed write.
func TestCloseLeavesEverythingInTheDatabaseFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stint.db")
	db, err := Open(ctx, path)
	require.NoError(t, err)
	c, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	require.NoError(t, db.LogAccess(ctx, Access{At: time.Now(), ClientID: c.ID, Session: "s", Action: "switch"}))
	require.NoError(t, db.Close())

	wal, err := os.Stat(path + "-wal")
	require.NoError(t, err, "the WAL is kept for the next process")
	require.Zero(t, wal.Size(), "and emptied into the database on close")
	require.Equal(t, os.FileMode(0o600), wal.Mode().Perm())

	backup := filepath.Join(t.TempDir(), "copy.db")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(backup, data, 0o600))
	copied, err := sql.Open("sqlite", "file:"+backup+"?mode=ro")
	require.NoError(t, err)
	defer copied.Close()
	var n int
	require.NoError(t, copied.QueryRow("SELECT count(*) FROM access_log").Scan(&n))
	require.Equal(t, 1, n)
}
