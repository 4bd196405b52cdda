package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"

	"modernc.org/sqlite"
)

// A database on a read-only mount (a backup, a snapshot) cannot be opened
// the usual way: WAL mode needs its -shm file, the open lock its .lock,
// and migrations write. OpenReadOnly opens it as it is, without locks
// (immutable: nothing can change it under us), for the commands that only
// read; every write then fails with an error IsReadOnly recognises.

// OpenReadOnly opens the database at path for reading only. Its schema
// must be this stint's: an older one cannot be migrated, a newer one is
// never read.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	ms, err := Migrations()
	if err != nil {
		return nil, err
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&immutable=1&_pragma=foreign_keys(1)"
	sdb := sql.OpenDB(connector{dsn})
	var v int
	if err := sdb.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("cannot read the database %s: %w", path, err)
	}
	switch latest := ms[len(ms)-1].Version; {
	case v > latest:
		sdb.Close()
		return nil, fmt.Errorf("%w (%s, schema %d; this stint knows %d): use that stint", ErrTooNew, path, v, latest)
	case v < latest:
		sdb.Close()
		return nil, fmt.Errorf("the database %s is read-only and older than this stint (schema %d, this stint needs %d): read it with the stint that wrote it, or copy it somewhere writable", path, v, latest)
	}
	return &DB{sql: sdb, path: path, readOnly: true}, nil
}

// ReadOnly reports whether the database was opened by OpenReadOnly.
func (db *DB) ReadOnly() bool { return db.readOnly }

// IsReadOnly reports whether err is SQLite refusing a write to a database
// it opened read-only.
func IsReadOnly(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == 8 // SQLITE_READONLY
}
