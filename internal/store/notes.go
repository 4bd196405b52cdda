package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// LogNote is one dated line of a client's note log.
type LogNote struct {
	ID       int64
	ClientID int64
	At       time.Time
	Body     string
}

// NoteMatch is one full-text search hit in a runbook or a log line.
type NoteMatch struct {
	ClientID int64
	Slug     string
	Kind     string // "runbook" or "log"
	Ref      int64  // client ID for a runbook, note_log.id for a log line
	At       time.Time
	Snippet  string
	Rank     float64 // bm25: lower is better
}

// Runbook returns a client's runbook; an empty body and zero time when it
// has none yet.
func (db *DB) Runbook(ctx context.Context, clientID int64) (string, time.Time, error) {
	var body string
	var at int64
	err := db.sql.QueryRowContext(ctx, "SELECT body, updated_at FROM runbooks WHERE client_id = ?", clientID).Scan(&body, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, err
	}
	return body, time.Unix(at, 0).UTC(), nil
}

// SetRunbook replaces a client's runbook; an empty body removes it (and its
// search entry, through the triggers of migration 0005).
func (db *DB) SetRunbook(ctx context.Context, clientID int64, body string, at time.Time) error {
	return setRunbook(ctx, db.sql, clientID, body, at)
}

func setRunbook(ctx context.Context, q querier, clientID int64, body string, at time.Time) error {
	if body == "" {
		_, err := q.ExecContext(ctx, "DELETE FROM runbooks WHERE client_id = ?", clientID)
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO runbooks (client_id, body, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (client_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
		clientID, body, at.Unix())
	return err
}

// AddNote appends a line to a client's log and returns its ID.
func (db *DB) AddNote(ctx context.Context, clientID int64, at time.Time, body string) (int64, error) {
	return addNote(ctx, db.sql, clientID, at, body)
}

func addNote(ctx context.Context, q querier, clientID int64, at time.Time, body string) (int64, error) {
	res, err := q.ExecContext(ctx, "INSERT INTO note_log (client_id, at, body) VALUES (?, ?, ?)", clientID, at.Unix(), body)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Notes lists a client's log, newest first; limit <= 0 means all.
func (db *DB) Notes(ctx context.Context, clientID int64, limit int) ([]LogNote, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	var out []LogNote
	err := eachRow(ctx, db.sql, `SELECT id, client_id, at, body FROM note_log WHERE client_id = ?
		ORDER BY at DESC, id DESC LIMIT ?`, []any{clientID, limit}, func(r *sql.Rows) error {
		var n LogNote
		var at int64
		if err := r.Scan(&n.ID, &n.ClientID, &at, &n.Body); err != nil {
			return err
		}
		n.At = time.Unix(at, 0).UTC()
		out = append(out, n)
		return nil
	})
	return out, err
}

// SearchNotes runs a full-text search over every client's runbook and log,
// best match first (bm25). query is what the user typed: it is never passed
// to FTS5 as syntax, so no input can cause a query error (see MatchWords).
// Snippets mark matched words with open and close. A query with no words
// returns no hits.
func (db *DB) SearchNotes(ctx context.Context, query string, limit int, open, close string) ([]NoteMatch, error) {
	match := MatchWords(query)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = -1
	}
	var out []NoteMatch
	err := eachRow(ctx, db.sql, `SELECT f.client_id, c.slug, f.kind, f.ref,
			coalesce(CASE f.kind WHEN 'runbook' THEN r.updated_at ELSE l.at END, 0),
			snippet(notes_fts, 0, ?, ?, '…', 16), bm25(notes_fts) AS score
		FROM notes_fts f
		JOIN clients c ON c.id = f.client_id
		LEFT JOIN runbooks r ON f.kind = 'runbook' AND r.client_id = f.ref
		LEFT JOIN note_log l ON f.kind = 'log' AND l.id = f.ref
		WHERE notes_fts MATCH ?
		ORDER BY score, c.slug, f.ref DESC
		LIMIT ?`, []any{open, close, match, limit}, func(r *sql.Rows) error {
		var m NoteMatch
		var at int64
		if err := r.Scan(&m.ClientID, &m.Slug, &m.Kind, &m.Ref, &at, &m.Snippet, &m.Rank); err != nil {
			return err
		}
		m.At = time.Unix(at, 0).UTC()
		out = append(out, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("note search failed: %w", err)
	}
	return out, nil
}

// MatchWords turns what a user typed into an FTS5 query that cannot be a
// syntax error: every word becomes a quoted string (embedded quotes
// doubled), so operators such as AND, NEAR, -, : or ( are searched for as
// plain words. Words are ANDed. A trailing * on a word keeps its meaning as a
// prefix search. Words with no letter or digit are dropped, since the
// tokenizer would drop them too.
func MatchWords(query string) string {
	var terms []string
	for _, w := range strings.Fields(query) {
		prefix := false
		if strings.HasSuffix(w, "*") {
			w = strings.TrimRight(w, "*")
			prefix = true
		}
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			continue
		}
		t := `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if prefix {
			t += "*"
		}
		terms = append(terms, t)
	}
	return strings.Join(terms, " ")
}

// ClientImport is a whole client arriving from a handoff bundle.
type ClientImport struct {
	Profile   Profile // Client.ID is ignored; everything else is written
	Runbook   string
	RunbookAt time.Time
	Log       []LogNote // ID and ClientID are ignored
}

// ImportClient writes a client, its profile, runbook and log in one
// transaction: all of it or nothing. A slug that exists already fails on the
// UNIQUE constraint (callers check first to give a better message).
func (db *DB) ImportClient(ctx context.Context, in ClientImport) (Client, error) {
	p := in.Profile
	c := p.Client
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO clients (slug, name, color, rate_minor, currency,
			round_minutes, round_mode, round_per, minimum_minutes, timezone, production, auto_track, archived,
			workdir, created_at, updated_at, review_pending, review_hash, allowed_hash, src_root)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			c.Slug, c.Name, c.Color, c.RateMinor, c.Currency, c.RoundMinutes, c.RoundMode, c.RoundPer,
			c.MinimumMinutes, c.Timezone, c.Production, c.AutoTrack, c.Archived, c.Workdir,
			c.CreatedAt.Unix(), c.UpdatedAt.Unix(), c.ReviewPending, c.ReviewHash, c.AllowedHash, c.SrcRoot)
		if err != nil {
			return err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for _, v := range p.Vars {
			if _, err := tx.ExecContext(ctx, "INSERT INTO client_vars (client_id, name, value) VALUES (?,?,?)", c.ID, v.Name, v.Value); err != nil {
				return err
			}
		}
		for k, v := range p.Settings {
			if _, err := tx.ExecContext(ctx, "INSERT INTO client_settings (client_id, key, value) VALUES (?,?,?)", c.ID, k, v); err != nil {
				return err
			}
		}
		for i, s := range p.KubeSources {
			if _, err := tx.ExecContext(ctx, "INSERT INTO kube_sources (client_id, path, position) VALUES (?,?,?)", c.ID, s, i+1); err != nil {
				return err
			}
		}
		for _, k := range p.KubeContexts {
			if _, err := tx.ExecContext(ctx, "INSERT INTO kube_contexts (client_id, context) VALUES (?,?)", c.ID, k); err != nil {
				return err
			}
		}
		for _, t := range p.Isolated {
			if _, err := tx.ExecContext(ctx, "INSERT INTO client_isolation (client_id, tool) VALUES (?,?)", c.ID, t); err != nil {
				return err
			}
		}
		for _, r := range p.Repos {
			if _, err := tx.ExecContext(ctx, "INSERT INTO repos (client_id, path, url, added_at) VALUES (?,?,?,?)", c.ID, r.Path, r.URL, r.AddedAt.Unix()); err != nil {
				return err
			}
		}
		for _, s := range p.SecretNames {
			if _, err := tx.ExecContext(ctx, "INSERT INTO secret_names (client_id, name, size, updated_at) VALUES (?,?,?,?)", c.ID, s.Name, s.Size, s.UpdatedAt.Unix()); err != nil {
				return err
			}
		}
		if err := setRunbook(ctx, tx, c.ID, in.Runbook, in.RunbookAt); err != nil {
			return err
		}
		for _, n := range in.Log {
			if _, err := addNote(ctx, tx, c.ID, n.At, n.Body); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Client{}, err
	}
	return c, nil
}

// ArchiveForOffboarding archives a client and forgets the names of its
// secrets (whose values the caller has removed from the keyring) in one
// transaction. Time entries, notes and the rest of the profile stay.
func (db *DB) ArchiveForOffboarding(ctx context.Context, clientID int64, at time.Time) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM secret_names WHERE client_id = ?", clientID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE clients SET archived = 1, updated_at = ? WHERE id = ?", at.Unix(), clientID)
		return err
	})
}
