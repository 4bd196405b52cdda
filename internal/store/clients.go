package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"
)

// ErrNotFound is returned when a row asked for by name does not exist.
var ErrNotFound = errors.New("not found")

// Client is one row of the clients table.
type Client struct {
	ID             int64
	Slug           string
	Name           string
	Color          string
	RateMinor      int64
	Currency       string
	RoundMinutes   int
	RoundMode      string
	RoundPer       string
	MinimumMinutes int
	Timezone       string
	Production     bool
	AutoTrack      bool
	Archived       bool
	Workdir        string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Review before use: set by handoff import, cleared by AllowClient;
	// UpdateClient leaves these alone.
	ReviewPending bool
	ReviewHash    string // the content the last import brought
	AllowedHash   string // the content last allowed
	SrcRoot       string // where the import placed the repositories; "" for a client made here
	// A budget of BudgetMinutes per BudgetPeriod ("week", "month"; "" with
	// 0 minutes: none). Written by UpdateClient.
	BudgetMinutes int
	BudgetPeriod  string
	// AutoSwitch: with the auto_switch setting on, a cd into the workdir
	// or a repository switches the shell to this client.
	AutoSwitch bool
}

// Var is a plain environment variable of a client.
type Var struct {
	Name  string
	Value string
}

// Repo is a repository bound to a client.
type Repo struct {
	Path    string
	URL     string
	AddedAt time.Time
}

// SecretName records that a client has a secret of that name and size; the
// value lives in the keyring only.
type SecretName struct {
	Name      string
	Size      int
	UpdatedAt time.Time
}

// Profile is everything stored about one client.
type Profile struct {
	Client       Client
	Vars         []Var             // sorted by name
	Settings     map[string]string // dotted keys: aws.profile, git.email …
	KubeSources  []string          // in merge order
	KubeContexts []string          // sorted
	ProdContexts []string          // the production ones among KubeContexts, sorted
	Isolated     []string          // sorted tool names
	Repos        []Repo            // sorted by path
	SecretNames  []SecretName      // sorted by name
}

const clientColumns = `id, slug, name, color, rate_minor, currency, round_minutes, round_mode,
	round_per, minimum_minutes, timezone, production, auto_track, archived, workdir, created_at, updated_at,
	review_pending, review_hash, allowed_hash, src_root, budget_minutes, budget_period, auto_switch`

type rowScanner interface{ Scan(dest ...any) error }

func scanClient(r rowScanner) (Client, error) {
	var c Client
	var created, updated int64
	err := r.Scan(&c.ID, &c.Slug, &c.Name, &c.Color, &c.RateMinor, &c.Currency, &c.RoundMinutes,
		&c.RoundMode, &c.RoundPer, &c.MinimumMinutes, &c.Timezone, &c.Production, &c.AutoTrack,
		&c.Archived, &c.Workdir, &created, &updated, &c.ReviewPending, &c.ReviewHash, &c.AllowedHash, &c.SrcRoot,
		&c.BudgetMinutes, &c.BudgetPeriod, &c.AutoSwitch)
	c.CreatedAt, c.UpdatedAt = time.Unix(created, 0).UTC(), time.Unix(updated, 0).UTC()
	return c, err
}

// querier is satisfied by *sql.DB and *sql.Tx.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Client looks a client up by slug.
func (db *DB) Client(ctx context.Context, slug string) (Client, error) {
	return getClient(ctx, db.sql, slug)
}

func getClient(ctx context.Context, q querier, slug string) (Client, error) {
	c, err := scanClient(q.QueryRowContext(ctx, "SELECT "+clientColumns+" FROM clients WHERE slug = ?", slug))
	if errors.Is(err, sql.ErrNoRows) {
		return Client{}, fmt.Errorf("client %q: %w", slug, ErrNotFound)
	}
	return c, err
}

// Clients lists clients by slug; archived ones only when asked.
func (db *DB) Clients(ctx context.Context, includeArchived bool) ([]Client, error) {
	q := "SELECT " + clientColumns + " FROM clients"
	if !includeArchived {
		q += " WHERE archived = 0"
	}
	rows, err := db.sql.QueryContext(ctx, q+" ORDER BY slug")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Client
	for rows.Next() {
		c, err := scanClient(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// InsertClient adds a client and returns it with its ID set.
func (db *DB) InsertClient(ctx context.Context, c Client) (Client, error) {
	res, err := db.sql.ExecContext(ctx, `INSERT INTO clients (slug, name, color, rate_minor, currency,
		round_minutes, round_mode, round_per, minimum_minutes, timezone, production, auto_track, archived,
		workdir, created_at, updated_at, budget_minutes, budget_period, auto_switch) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		c.Slug, c.Name, c.Color, c.RateMinor, c.Currency, c.RoundMinutes, c.RoundMode, c.RoundPer,
		c.MinimumMinutes, c.Timezone, c.Production, c.AutoTrack, c.Archived, c.Workdir,
		c.CreatedAt.Unix(), c.UpdatedAt.Unix(), c.BudgetMinutes, c.BudgetPeriod, c.AutoSwitch)
	if err != nil {
		return c, err
	}
	c.ID, err = res.LastInsertId()
	return c, err
}

// UpdateClient writes every column of c (matched by ID), including its slug.
func (db *DB) UpdateClient(ctx context.Context, c Client) error {
	_, err := db.sql.ExecContext(ctx, `UPDATE clients SET slug=?, name=?, color=?, rate_minor=?, currency=?,
		round_minutes=?, round_mode=?, round_per=?, minimum_minutes=?, timezone=?, production=?,
		auto_track=?, archived=?, workdir=?, updated_at=?, budget_minutes=?, budget_period=?, auto_switch=? WHERE id=?`,
		c.Slug, c.Name, c.Color, c.RateMinor, c.Currency, c.RoundMinutes, c.RoundMode, c.RoundPer,
		c.MinimumMinutes, c.Timezone, c.Production, c.AutoTrack, c.Archived, c.Workdir,
		c.UpdatedAt.Unix(), c.BudgetMinutes, c.BudgetPeriod, c.AutoSwitch, c.ID)
	return err
}

// SayBudget records that mark level (80 or 100) of client id's budget
// period starting at from has been said, and reports whether it had not
// been yet: one process wins, so a crossing is said once. A new period
// starts from no mark said.
func (db *DB) SayBudget(ctx context.Context, id int64, from time.Time, level int) (bool, error) {
	if db.readOnly {
		return false, nil // a snapshot remembers nothing: say nothing rather than fail a read
	}
	res, err := db.sql.ExecContext(ctx, `UPDATE clients SET budget_said_from = ?1, budget_said_level = ?2
		WHERE id = ?3 AND NOT (budget_said_from = ?1 AND budget_said_level >= ?2)`, from.Unix(), level, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// AllowClient marks what a client's last import brought as reviewed and
// allowed, provided it is still the content with hash reviewed (the one the
// user was shown); ok is false when a re-import changed it in between.
func (db *DB) AllowClient(ctx context.Context, id int64, reviewed string) (ok bool, err error) {
	res, err := db.sql.ExecContext(ctx, `UPDATE clients SET review_pending = 0, allowed_hash = review_hash
		WHERE id = ? AND review_hash = ?`, id, reviewed)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// DeleteClient removes a client and, by cascade, its whole profile. With
// withEntries its time entries go too (the schema otherwise refuses).
func (db *DB) DeleteClient(ctx context.Context, id int64, withEntries bool) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		if withEntries {
			if _, err := tx.ExecContext(ctx, "DELETE FROM entries WHERE client_id = ?", id); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM clients WHERE id = ?", id)
		return err
	})
}

// CountEntries counts a client's time entries.
func (db *DB) CountEntries(ctx context.Context, clientID int64) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM entries WHERE client_id = ?", clientID).Scan(&n)
	return n, err
}

// ProfileChange is a set of edits to one client's profile applied in a
// single transaction: all of it or none of it.
type ProfileChange struct {
	SetVars       []Var
	UnsetVars     []string
	SetSettings   map[string]string // an empty value deletes the key
	AddKubeSource string
	AddContexts   []string
	// RemoveKubeSources and RemoveContexts are applied before the additions,
	// so one change can replace a kubeconfig.
	RemoveKubeSources []string
	RemoveContexts    []string
	Isolate           []string
	Unisolate         []string
	AddRepos          []Repo
	RemoveRepos       []string
	Touch             time.Time // becomes clients.updated_at
}

// ApplyProfileChange applies ch to the client with the given ID atomically.
func (db *DB) ApplyProfileChange(ctx context.Context, clientID int64, ch ProfileChange) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		for _, v := range ch.SetVars {
			if _, err := tx.ExecContext(ctx, `INSERT INTO client_vars (client_id, name, value) VALUES (?,?,?)
				ON CONFLICT (client_id, name) DO UPDATE SET value = excluded.value`, clientID, v.Name, v.Value); err != nil {
				return err
			}
		}
		for _, n := range ch.UnsetVars {
			if _, err := tx.ExecContext(ctx, "DELETE FROM client_vars WHERE client_id = ? AND name = ?", clientID, n); err != nil {
				return err
			}
		}
		keys := make([]string, 0, len(ch.SetSettings))
		for k := range ch.SetSettings {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v := ch.SetSettings[k]
			var err error
			if v == "" {
				_, err = tx.ExecContext(ctx, "DELETE FROM client_settings WHERE client_id = ? AND key = ?", clientID, k)
			} else {
				_, err = tx.ExecContext(ctx, `INSERT INTO client_settings (client_id, key, value) VALUES (?,?,?)
					ON CONFLICT (client_id, key) DO UPDATE SET value = excluded.value`, clientID, k, v)
			}
			if err != nil {
				return err
			}
		}
		if err := removeKube(ctx, tx, clientID, ch.RemoveKubeSources, ch.RemoveContexts); err != nil {
			return err
		}
		if ch.AddKubeSource != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO kube_sources (client_id, path, position)
				VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM kube_sources WHERE client_id = ?))
				ON CONFLICT DO NOTHING`, clientID, ch.AddKubeSource, clientID); err != nil {
				return err
			}
		}
		for _, c := range ch.AddContexts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO kube_contexts (client_id, context) VALUES (?,?)
				ON CONFLICT DO NOTHING`, clientID, c); err != nil {
				return err
			}
		}
		for _, t := range ch.Isolate {
			if _, err := tx.ExecContext(ctx, `INSERT INTO client_isolation (client_id, tool) VALUES (?,?)
				ON CONFLICT DO NOTHING`, clientID, t); err != nil {
				return err
			}
		}
		for _, t := range ch.Unisolate {
			if _, err := tx.ExecContext(ctx, "DELETE FROM client_isolation WHERE client_id = ? AND tool = ?", clientID, t); err != nil {
				return err
			}
		}
		for _, r := range ch.AddRepos {
			if _, err := tx.ExecContext(ctx, `INSERT INTO repos (client_id, path, url, added_at) VALUES (?,?,?,?)
				ON CONFLICT (client_id, path) DO UPDATE SET url = CASE WHEN excluded.url <> '' THEN excluded.url ELSE repos.url END`,
				clientID, r.Path, r.URL, r.AddedAt.Unix()); err != nil {
				return err
			}
		}
		for _, p := range ch.RemoveRepos {
			if _, err := tx.ExecContext(ctx, "DELETE FROM repos WHERE client_id = ? AND path = ?", clientID, p); err != nil {
				return err
			}
		}
		if !ch.Touch.IsZero() {
			if _, err := tx.ExecContext(ctx, "UPDATE clients SET updated_at = ? WHERE id = ?", ch.Touch.Unix(), clientID); err != nil {
				return err
			}
		}
		return nil
	})
}

// Profile loads everything stored about a client in one read transaction.
func (db *DB) Profile(ctx context.Context, slug string) (*Profile, error) {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := getClient(ctx, tx, slug)
	if err != nil {
		return nil, err
	}
	p := &Profile{Client: c, Settings: map[string]string{}}
	err = eachRow(ctx, tx, "SELECT name, value FROM client_vars WHERE client_id = ? ORDER BY name", []any{c.ID},
		func(r *sql.Rows) error {
			var v Var
			err := r.Scan(&v.Name, &v.Value)
			p.Vars = append(p.Vars, v)
			return err
		})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, "SELECT key, value FROM client_settings WHERE client_id = ?", []any{c.ID},
		func(r *sql.Rows) error {
			var k, v string
			err := r.Scan(&k, &v)
			p.Settings[k] = v
			return err
		})
	if err != nil {
		return nil, err
	}
	p.KubeSources, err = strings1(ctx, tx, "SELECT path FROM kube_sources WHERE client_id = ? ORDER BY position", c.ID)
	if err != nil {
		return nil, err
	}
	p.KubeContexts, err = strings1(ctx, tx, "SELECT context FROM kube_contexts WHERE client_id = ? ORDER BY context", c.ID)
	if err != nil {
		return nil, err
	}
	p.ProdContexts, err = strings1(ctx, tx, "SELECT context FROM kube_contexts WHERE client_id = ? AND production = 1 ORDER BY context", c.ID)
	if err != nil {
		return nil, err
	}
	p.Isolated, err = strings1(ctx, tx, "SELECT tool FROM client_isolation WHERE client_id = ? ORDER BY tool", c.ID)
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, "SELECT path, url, added_at FROM repos WHERE client_id = ? ORDER BY path", []any{c.ID},
		func(r *sql.Rows) error {
			var rp Repo
			var at int64
			err := r.Scan(&rp.Path, &rp.URL, &at)
			rp.AddedAt = time.Unix(at, 0).UTC()
			p.Repos = append(p.Repos, rp)
			return err
		})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, "SELECT name, size, updated_at FROM secret_names WHERE client_id = ? ORDER BY name", []any{c.ID},
		func(r *sql.Rows) error {
			var s SecretName
			var at int64
			err := r.Scan(&s.Name, &s.Size, &at)
			s.UpdatedAt = time.Unix(at, 0).UTC()
			p.SecretNames = append(p.SecretNames, s)
			return err
		})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// RemoveKubeContexts drops contexts (and, when no context is left that came
// from it, nothing else: sources are kept so `kube use` can re-add).
func (db *DB) RemoveKubeContexts(ctx context.Context, clientID int64, contexts []string) error {
	return db.Tx(ctx, func(tx *sql.Tx) error { return removeKube(ctx, tx, clientID, nil, contexts) })
}

// RemoveKubeSource drops one kubeconfig file of a client and the contexts
// given with it, in one transaction; the other sources keep their order.
func (db *DB) RemoveKubeSource(ctx context.Context, clientID int64, path string, contexts []string) error {
	return db.Tx(ctx, func(tx *sql.Tx) error { return removeKube(ctx, tx, clientID, []string{path}, contexts) })
}

// removeKube deletes kubeconfig sources and contexts of a client inside tx.
func removeKube(ctx context.Context, tx *sql.Tx, clientID int64, sources, contexts []string) error {
	for _, p := range sources {
		if _, err := tx.ExecContext(ctx, "DELETE FROM kube_sources WHERE client_id = ? AND path = ?", clientID, p); err != nil {
			return err
		}
	}
	for _, c := range contexts {
		if _, err := tx.ExecContext(ctx, "DELETE FROM kube_contexts WHERE client_id = ? AND context = ?", clientID, c); err != nil {
			return err
		}
	}
	return nil
}

func eachRow(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func strings1(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	var out []string
	err := eachRow(ctx, q, query, args, func(r *sql.Rows) error {
		var s string
		err := r.Scan(&s)
		out = append(out, s)
		return err
	})
	return out, err
}

// KubeSources is every client's kubeconfig files, by slug, in the order
// they were added: one query for the TUI's poll, which stats them all.
func (db *DB) KubeSources(ctx context.Context) (map[string][]string, error) {
	out := map[string][]string{}
	err := eachRow(ctx, db.sql, `SELECT c.slug, s.path FROM kube_sources s JOIN clients c ON c.id = s.client_id
		ORDER BY c.slug, s.position`, nil, func(r *sql.Rows) error {
		var slug, path string
		if err := r.Scan(&slug, &path); err != nil {
			return err
		}
		out[slug] = append(out[slug], path)
		return nil
	})
	return out, err
}

// Setting reads a global setting; ok is false when unset.
func (db *DB) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	err = db.sql.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return value, err == nil, err
}

// SetSetting writes a global setting; an empty value removes it.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	if value == "" {
		_, err := db.sql.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", key)
		return err
	}
	_, err := db.sql.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
