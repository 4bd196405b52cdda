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
