package store

import (
	"context"
	"time"
)

// RecordSecretName notes that a client has a secret of that name and size.
func (db *DB) RecordSecretName(ctx context.Context, clientID int64, name string, size int, at time.Time) error {
	_, err := db.sql.ExecContext(ctx, `INSERT INTO secret_names (client_id, name, size, updated_at) VALUES (?,?,?,?)
		ON CONFLICT (client_id, name) DO UPDATE SET size = excluded.size, updated_at = excluded.updated_at`,
		clientID, name, size, at.Unix())
	return err
}

// ForgetSecretNames removes secret names of a client; no names means all.
func (db *DB) ForgetSecretNames(ctx context.Context, clientID int64, names ...string) error {
	if len(names) == 0 {
		_, err := db.sql.ExecContext(ctx, "DELETE FROM secret_names WHERE client_id = ?", clientID)
		return err
	}
	for _, n := range names {
		if _, err := db.sql.ExecContext(ctx, "DELETE FROM secret_names WHERE client_id = ? AND name = ?", clientID, n); err != nil {
			return err
		}
	}
	return nil
}

// PendingSecret is a `secret set` that has begun (it may have written the
// keyring) and not yet recorded its name.
type PendingSecret struct {
	ClientID int64
	Client   string // slug
	Name     string
	PID      int
	Started  time.Time
	Known    bool // the database lists a secret of that name (an update)
}

// BeginSecretSet records that process pid is about to write name of the
// client to the keyring.
func (db *DB) BeginSecretSet(ctx context.Context, clientID int64, name string, pid int, at time.Time) error {
	_, err := db.sql.ExecContext(ctx, `INSERT INTO secret_pending (client_id, name, pid, started_at) VALUES (?,?,?,?)
		ON CONFLICT (client_id, name) DO UPDATE SET pid = excluded.pid, started_at = excluded.started_at`,
		clientID, name, pid, at.Unix())
	return err
}

// FinishSecretSet records the secret's name and size and ends its pending
// mark, in one transaction.
func (db *DB) FinishSecretSet(ctx context.Context, clientID int64, name string, size int, at time.Time) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO secret_names (client_id, name, size, updated_at) VALUES (?,?,?,?)
		ON CONFLICT (client_id, name) DO UPDATE SET size = excluded.size, updated_at = excluded.updated_at`,
		clientID, name, size, at.Unix()); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM secret_pending WHERE client_id = ? AND name = ?", clientID, name); err != nil {
		return err
	}
	return tx.Commit()
}

// DropPendingSecret ends a pending mark without recording anything.
func (db *DB) DropPendingSecret(ctx context.Context, clientID int64, name string) error {
	_, err := db.sql.ExecContext(ctx, "DELETE FROM secret_pending WHERE client_id = ? AND name = ?", clientID, name)
	return err
}

// PendingSecrets lists every pending mark, oldest first.
func (db *DB) PendingSecrets(ctx context.Context) ([]PendingSecret, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT p.client_id, c.slug, p.name, p.pid, p.started_at,
		EXISTS (SELECT 1 FROM secret_names s WHERE s.client_id = p.client_id AND s.name = p.name)
		FROM secret_pending p JOIN clients c ON c.id = p.client_id ORDER BY p.started_at, c.slug, p.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PendingSecret
	for rows.Next() {
		var p PendingSecret
		var started int64
		if err := rows.Scan(&p.ClientID, &p.Client, &p.Name, &p.PID, &started, &p.Known); err != nil {
			return nil, err
		}
		p.Started = time.Unix(started, 0)
		out = append(out, p)
	}
	return out, rows.Err()
}
