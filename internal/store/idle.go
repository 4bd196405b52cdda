package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// IdleGap is a stretch [From, To) of entry EntryID's running time with no
// shell activity in its client; Decision is "" until the user decides.
type IdleGap struct {
	ID       int64
	EntryID  int64
	From, To time.Time
	Decision string
}

// AddIdleGap records a gap unless one starting at the same instant is
// already recorded for the entry; added says whether it was new.
func (db *DB) AddIdleGap(ctx context.Context, g IdleGap, now time.Time) (added bool, err error) {
	res, err := db.sql.ExecContext(ctx, `INSERT INTO idle_gaps (entry_id, from_at, to_at, created_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (entry_id, from_at) DO NOTHING`,
		g.EntryID, g.From.Unix(), g.To.Unix(), now.Unix())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PendingIdleGap is the latest gap not decided yet; nil when none.
func (db *DB) PendingIdleGap(ctx context.Context) (*IdleGap, error) {
	var g IdleGap
	var from, to int64
	err := db.sql.QueryRowContext(ctx, `SELECT id, entry_id, from_at, to_at, decision FROM idle_gaps
		WHERE decision = '' ORDER BY from_at DESC LIMIT 1`).Scan(&g.ID, &g.EntryID, &from, &to, &g.Decision)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	g.From, g.To = time.Unix(from, 0).UTC(), time.Unix(to, 0).UTC()
	return &g, err
}

// DecideIdleGap records the user's decision on gap id.
func (db *DB) DecideIdleGap(ctx context.Context, id int64, decision string) error {
	_, err := db.sql.ExecContext(ctx, `UPDATE idle_gaps SET decision = ? WHERE id = ?`, decision, id)
	return err
}
