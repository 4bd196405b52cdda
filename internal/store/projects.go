package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Project is one of a client's projects. RateMinor is its own hourly rate
// in minor units of the client's currency; 0 bills at the client's rate.
type Project struct {
	ID        int64
	ClientID  int64
	Client    string // slug, filled on reads
	Name      string
	RateMinor int64
	Entries   int // entries carrying it, filled on reads
	CreatedAt time.Time
}

// ErrProjectExists is returned when a client already has a project of
// that name.
var ErrProjectExists = errors.New("project exists")

// ErrProjectInUse is returned when removing a project that entries carry.
var ErrProjectInUse = errors.New("project in use")

// ProjectInUseError is ErrProjectInUse with how many entries carry the
// project and the first of them.
type ProjectInUseError struct {
	Entries    int
	FirstEntry int64
}

func (e *ProjectInUseError) Error() string {
	return fmt.Sprintf("%d entries carry the project, the first %d", e.Entries, e.FirstEntry)
}

func (e *ProjectInUseError) Unwrap() error { return ErrProjectInUse }

// AddProject adds a project to a client; a name it already has is
// ErrProjectExists.
func (db *DB) AddProject(ctx context.Context, p Project, now time.Time) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		if ok, err := projectExists(ctx, tx, p.ClientID, p.Name); err != nil || ok {
			if ok {
				return fmt.Errorf("project %q: %w", p.Name, ErrProjectExists)
			}
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO projects (client_id, name, rate_minor, created_at) VALUES (?,?,?,?)`,
			p.ClientID, p.Name, p.RateMinor, now.Unix())
		return err
	})
}

// SetProjectRate changes a project's own rate (0: the client's); an
// unknown project is ErrNotFound.
func (db *DB) SetProjectRate(ctx context.Context, clientID int64, name string, rateMinor int64) error {
	res, err := db.sql.ExecContext(ctx, "UPDATE projects SET rate_minor = ? WHERE client_id = ? AND name = ?",
		rateMinor, clientID, name)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("project %q: %w", name, ErrNotFound)
	}
	return nil
}

// RemoveProject removes a project no entry carries; an unknown one is
// ErrNotFound, one in use ErrProjectInUse. Earlier versions of entries in
// the history keep its name.
func (db *DB) RemoveProject(ctx context.Context, clientID int64, name string) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		var n int
		var first sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT count(*), min(id) FROM entries WHERE client_id = ? AND project = ?",
			clientID, name).Scan(&n, &first); err != nil {
			return err
		}
		if n > 0 {
			return &ProjectInUseError{Entries: n, FirstEntry: first.Int64}
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM projects WHERE client_id = ? AND name = ?", clientID, name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("project %q: %w", name, ErrNotFound)
		}
		return nil
	})
}

// Projects lists the projects of one client (clientID 0: every client),
// by client slug then name, each with how many entries carry it.
func (db *DB) Projects(ctx context.Context, clientID int64) ([]Project, error) {
	filter, args := "", []any{}
	if clientID != 0 {
		filter, args = " WHERE p.client_id = ?", []any{clientID}
	}
	var out []Project
	err := eachRow(ctx, db.sql, `SELECT p.id, p.client_id, c.slug, p.name, p.rate_minor, p.created_at,
		(SELECT count(*) FROM entries e WHERE e.client_id = p.client_id AND e.project = p.name)
		FROM projects p JOIN clients c ON c.id = p.client_id`+filter+` ORDER BY c.slug, p.name`,
		args, func(r *sql.Rows) error {
			var p Project
			var created int64
			err := r.Scan(&p.ID, &p.ClientID, &p.Client, &p.Name, &p.RateMinor, &created, &p.Entries)
			p.CreatedAt = time.Unix(created, 0).UTC()
			out = append(out, p)
			return err
		})
	return out, err
}

// ProjectRates maps each client ID to its projects that have a rate of
// their own, by name: what reports bill those projects' entries at.
func (db *DB) ProjectRates(ctx context.Context) (map[int64]map[string]int64, error) {
	out := map[int64]map[string]int64{}
	err := eachRow(ctx, db.sql, "SELECT client_id, name, rate_minor FROM projects WHERE rate_minor > 0", nil,
		func(r *sql.Rows) error {
			var id, rate int64
			var name string
			err := r.Scan(&id, &name, &rate)
			if out[id] == nil {
				out[id] = map[string]int64{}
			}
			out[id][name] = rate
			return err
		})
	return out, err
}

func projectExists(ctx context.Context, q querier, clientID int64, name string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM projects WHERE client_id = ? AND name = ?", clientID, name).Scan(&n)
	return n > 0, err
}

// ProjectExists reports, inside the transaction, whether the client has
// the project: an entry may carry only a project of its client's.
func (t *EntryTx) ProjectExists(clientID int64, name string) (bool, error) {
	return projectExists(t.ctx, t.tx, clientID, name)
}

// EnsureProject adds the project to the client unless it has it already
// (an import bringing projects along) and reports whether it was added.
func (t *EntryTx) EnsureProject(clientID int64, name string) (bool, error) {
	res, err := t.tx.ExecContext(t.ctx, `INSERT INTO projects (client_id, name, rate_minor, created_at)
		VALUES (?,?,0,?) ON CONFLICT (client_id, name) DO NOTHING`, clientID, name, t.now.Unix())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
