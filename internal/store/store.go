// Package store is stint's SQLite database: opening it with the right
// pragmas, applying embedded numbered migrations, and the queries the domain
// packages need. It holds no business rules.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/gofrs/flock"
	"modernc.org/sqlite" // pure Go, no cgo
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is an open stint database.
type DB struct {
	sql      *sql.DB
	path     string
	readOnly bool // opened by OpenReadOnly
}

// ErrTooNew means the file was written by a newer stint; it is never touched.
var ErrTooNew = errors.New("database was written by a newer stint")

// Migration is one numbered schema step.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations in order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s lacks a numeric prefix", e.Name())
		}
		body, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migrations are not numbered 1..n: %s", m.Name)
		}
	}
	return out, nil
}

// Open opens (creating if needed) the database at path, makes the file 0600
// and brings the schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	ms, err := Migrations()
	if err != nil {
		return nil, err
	}
	return openWith(ctx, path, ms)
}

func openWith(ctx context.Context, path string, ms []Migration) (*DB, error) {
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	// Several shells may start stint on a brand-new database at once; one
	// process at a time opens it into WAL mode and migrates it. Later opens
	// hold the lock only while user_version is read.
	lock := flock.New(path + ".lock")
	if err := lock.Lock(); err != nil {
		return nil, fmt.Errorf("cannot lock %s.lock: %w", path, err)
	}
	defer lock.Unlock()
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_pragma=journal_size_limit(1048576)&_txlock=immediate" +
		// Statement journals and sorts in memory: a large import's
		// multi-row INSERTs would otherwise write every page they touch
		// to a temporary file as well.
		"&_pragma=temp_store(memory)"
	sdb := sql.OpenDB(connector{dsn})
	db := &DB{sql: sdb, path: path}
	if err := db.migrate(ctx, ms); err != nil {
		sdb.Close()
		return nil, err
	}
	// WAL side files are created by SQLite with the process umask.
	for _, side := range []string{path + "-wal", path + "-shm"} {
		if _, err := os.Stat(side); err == nil {
			_ = os.Chmod(side, 0o600)
		}
	}
	return db, nil
}

// sqliteDriver is modernc's SQLite, registered nowhere, with stint's
// per-connection setup.
var sqliteDriver = func() *sqlite.Driver {
	d := &sqlite.Driver{}
	d.RegisterConnectionHook(keepWAL)
	return d
}()

// keepWAL keeps the -wal and -shm files when the last connection closes
// (SQLITE_FCNTL_PERSIST_WAL). Every stint command is a short process; with
// SQLite's default each one created both files, synced the directory on
// its first write and deleted them again on exit — about 0.8 ms of a
// `stint env` that must finish in 10. The closing checkpoint still runs,
// so stint.db alone holds everything once no stint is running, and
// journal_size_limit truncates the kept WAL to at most 1 MiB.
func keepWAL(conn sqlite.ExecQuerierContext, _ string) error {
	fc, ok := conn.(sqlite.FileControl)
	if !ok {
		return nil
	}
	_, err := fc.FileControlPersistWAL("main", 1)
	return err
}

// connector opens connections to one database through sqliteDriver.
type connector struct{ dsn string }

func (c connector) Connect(context.Context) (driver.Conn, error) { return sqliteDriver.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return sqliteDriver }

// createPrivate makes sure the file exists with mode 0600 before SQLite
// opens it, so it is never briefly world-readable.
func createPrivate(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("cannot create database directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("cannot open database %s: %w", path, err)
	}
	f.Close()
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if info.Mode().Perm() != 0o600 {
		if err := os.Chmod(path, 0o600); err != nil {
			return fmt.Errorf("cannot make %s private (0600): %w", path, err)
		}
	}
	return nil
}

// Close releases the database.
func (db *DB) Close() error { return db.sql.Close() }

// Path is the database file.
func (db *DB) Path() string { return db.path }

// SQL exposes the handle for packages that need raw queries in tests and
// benchmarks.
func (db *DB) SQL() *sql.DB { return db.sql }

// SchemaVersion reads PRAGMA user_version.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

func (db *DB) migrate(ctx context.Context, ms []Migration) error {
	current, err := db.SchemaVersion(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("cannot read database %s: %w (is it a stint database?)", db.path, err)
	}
	latest := len(ms)
	if current > latest {
		return fmt.Errorf("%w: %s has schema version %d, this stint knows up to %d — upgrade stint; the file was not modified",
			ErrTooNew, db.path, current, latest)
	}
	for _, m := range ms[current:] {
		// DDL and user_version commit or roll back together. The version is
		// read again inside the write transaction, in case another process
		// applied this step first.
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			var v int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
				return err
			}
			if v >= m.Version {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.Version))
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s failed: %w; the database stays at version %d", m.Name, err, m.Version-1)
		}
	}
	return nil
}

// Tx runs fn in one immediate transaction, committing if it returns nil.
func (db *DB) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// IntegrityCheck runs PRAGMA integrity_check and returns nil when it says ok.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := db.sql.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("integrity check failed: %s", res)
	}
	return nil
}
