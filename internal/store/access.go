package store

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Access is one access-log row: a switch, exec or secret read. Secret names
// only, never values.
type Access struct {
	ID          int64
	At          time.Time
	ClientID    int64
	Session     string
	Action      string // switch, off, env, exec, shell, secret
	Detail      string
	SecretNames []string
}

// LogAccess appends to the access log.
func (db *DB) LogAccess(ctx context.Context, a Access) error {
	_, err := db.sql.ExecContext(ctx, `INSERT INTO access_log (at, client_id, session, action, detail, secret_names)
		VALUES (?, ?, ?, ?, ?, ?)`, a.At.Unix(), a.ClientID, a.Session, a.Action, a.Detail, strings.Join(a.SecretNames, " "))
	return err
}

// AccessLog lists a client's access log, oldest first, from since on.
func (db *DB) AccessLog(ctx context.Context, clientID int64, since time.Time) ([]Access, error) {
	var out []Access
	err := eachRow(ctx, db.sql, `SELECT id, at, client_id, session, action, detail, secret_names FROM access_log
		WHERE client_id = ? AND at >= ? ORDER BY at, id`, []any{clientID, since.Unix()}, func(r *sql.Rows) error {
		var a Access
		var at int64
		var names string
		if err := r.Scan(&a.ID, &at, &a.ClientID, &a.Session, &a.Action, &a.Detail, &names); err != nil {
			return err
		}
		a.At = time.Unix(at, 0).UTC()
		a.SecretNames = strings.Fields(names)
		out = append(out, a)
		return nil
	})
	return out, err
}

// LogAccess appends to the access log inside the transaction: a switch
// records its access and moves the timer in one unit of work, committed
// only once its script is delivered.
func (t *EntryTx) LogAccess(a Access) error {
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO access_log (at, client_id, session, action, detail, secret_names)
		VALUES (?, ?, ?, ?, ?, ?)`, a.At.Unix(), a.ClientID, a.Session, a.Action, a.Detail, strings.Join(a.SecretNames, " "))
	return err
}
