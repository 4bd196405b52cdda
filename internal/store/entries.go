package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Entry is one row of the entries table, with its client's slug.
type Entry struct {
	ID         int64
	ClientID   int64
	Client     string // slug, filled on reads
	Start      time.Time
	End        *time.Time // nil while running
	Note       string
	Tags       []string
	Billable   bool
	Source     string
	Project    string // a project of the client's; "" for none
	ExternalID string // import fingerprint; "" for none
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

const entryColumns = `e.id, e.client_id, c.slug, e.start_at, e.end_at, e.note, e.tags, e.billable, e.source,
	coalesce(e.external_id, ''), e.created_at, e.updated_at, e.project`

func scanEntry(r rowScanner) (Entry, error) {
	var e Entry
	var start, created, updated int64
	var end sql.NullInt64
	var tags string
	err := r.Scan(&e.ID, &e.ClientID, &e.Client, &start, &end, &e.Note, &tags, &e.Billable, &e.Source,
		&e.ExternalID, &created, &updated, &e.Project)
	e.Start = time.Unix(start, 0).UTC()
	if end.Valid {
		t := time.Unix(end.Int64, 0).UTC()
		e.End = &t
	}
	e.Tags = strings.Fields(tags)
	e.CreatedAt, e.UpdatedAt = time.Unix(created, 0).UTC(), time.Unix(updated, 0).UTC()
	return e, err
}

func joinTags(tags []string) string {
	t := append([]string(nil), tags...)
	sort.Strings(t)
	return strings.Join(t, " ")
}

func endValue(end *time.Time) any {
	if end == nil {
		return nil
	}
	return end.Unix()
}

// ErrEntryNotFound is returned for an unknown entry ID.
var ErrEntryNotFound = errors.New("no such time entry")

// EntriesBetween lists entries that overlap [from, to), oldest first; a
// running entry overlaps everything after its start. clientID 0 means every
// client. Entries of one person never overlap, so at most one entry that
// starts before from can reach into the range: the query stays on the
// (client_id, start_at) and (start_at) indexes whatever the history's size.
func (db *DB) EntriesBetween(ctx context.Context, from, to time.Time, clientID int64) ([]Entry, error) {
	return entriesBetween(ctx, db.sql, from, to, clientID)
}

func entriesBetween(ctx context.Context, q querier, from, to time.Time, clientID int64) ([]Entry, error) {
	f, t := from.Unix(), to.Unix()
	if to.IsZero() {
		t = math.MaxInt64
	}
	filter, args := "", []any{}
	if clientID != 0 {
		filter, args = " AND e.client_id = ?", []any{clientID}
	}
	base := "SELECT " + entryColumns + " FROM entries e JOIN clients c ON c.id = e.client_id WHERE "
	var out []Entry
	scan := func(r *sql.Rows) error {
		e, err := scanEntry(r)
		out = append(out, e)
		return err
	}
	// The one entry that may start before the range and reach into it.
	// Among entries starting in the same second (an empty one beside a real
	// one), the one reaching furthest is the one that can reach in.
	err := eachRow(ctx, q, base+"e.start_at < ?"+filter+" ORDER BY e.start_at DESC, e.end_at IS NULL DESC, e.end_at DESC LIMIT 1",
		append([]any{f}, args...), func(r *sql.Rows) error {
			e, err := scanEntry(r)
			if err == nil && (e.End == nil || e.End.Unix() > f) {
				out = append(out, e)
			}
			return err
		})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, q, base+"e.start_at >= ? AND e.start_at < ?"+filter+" ORDER BY e.start_at",
		append([]any{f, t}, args...), scan)
	return out, err
}

// RunningEntry returns the running entry, or nil.
func (db *DB) RunningEntry(ctx context.Context) (*Entry, error) {
	return runningEntry(ctx, db.sql)
}

func runningEntry(ctx context.Context, q querier) (*Entry, error) {
	e, err := scanEntry(q.QueryRowContext(ctx, "SELECT "+entryColumns+
		" FROM entries e JOIN clients c ON c.id = e.client_id WHERE e.end_at IS NULL"))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// LastEntry is the entry that started last, of one client (clientID 0:
// any); nil when there is none.
func (db *DB) LastEntry(ctx context.Context, clientID int64) (*Entry, error) {
	filter, args := "", []any{}
	if clientID != 0 {
		filter, args = " WHERE e.client_id = ?", []any{clientID}
	}
	e, err := scanEntry(db.sql.QueryRowContext(ctx, "SELECT "+entryColumns+
		" FROM entries e JOIN clients c ON c.id = e.client_id"+filter+" ORDER BY e.start_at DESC, e.id DESC LIMIT 1", args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// EntryByID reads one entry.
func (db *DB) EntryByID(ctx context.Context, id int64) (Entry, error) {
	return entryByID(ctx, db.sql, id)
}

func entryByID(ctx context.Context, q querier, id int64) (Entry, error) {
	e, err := scanEntry(q.QueryRowContext(ctx, "SELECT "+entryColumns+
		" FROM entries e JOIN clients c ON c.id = e.client_id WHERE e.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("%w: %d", ErrEntryNotFound, id)
	}
	return e, err
}

// EntryTx is a unit of work on time entries inside one immediate
// transaction: the reads it makes stay true until it commits, so rules
// checked on them (one running timer, no overlaps) hold across processes.
type EntryTx struct {
	ctx     context.Context
	tx      *sql.Tx
	now     time.Time
	journal *journal // the change being recorded for undo; nil: none
}

// EditEntries runs fn in one write transaction; it commits when fn
// returns nil and rolls everything back otherwise.
func (db *DB) EditEntries(ctx context.Context, now time.Time, fn func(*EntryTx) error) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		t := &EntryTx{ctx: ctx, tx: tx, now: now}
		if err := fn(t); err != nil {
			return err
		}
		return t.writeJournal()
	})
}

// Savepoint runs fn so that what it changed is undone when it fails and
// the transaction goes on without it: a switch whose timer cannot follow
// still records the switch.
func (t *EntryTx) Savepoint(fn func() error) error {
	if _, err := t.tx.ExecContext(t.ctx, "SAVEPOINT part"); err != nil {
		return err
	}
	mark := t.journal.mark()
	if err := fn(); err != nil {
		t.journal.rollback(mark)
		if _, rerr := t.tx.ExecContext(t.ctx, "ROLLBACK TO part"); rerr != nil {
			return errors.Join(err, rerr)
		}
		_, _ = t.tx.ExecContext(t.ctx, "RELEASE part")
		return err
	}
	_, err := t.tx.ExecContext(t.ctx, "RELEASE part")
	return err
}

// Running is the running entry, or nil.
func (t *EntryTx) Running() (*Entry, error) { return runningEntry(t.ctx, t.tx) }

// Get reads one entry.
func (t *EntryTx) Get(id int64) (Entry, error) { return entryByID(t.ctx, t.tx, id) }

// Overlapping lists entries of any client that overlap [from, to); a zero
// to means open-ended.
func (t *EntryTx) Overlapping(from, to time.Time) ([]Entry, error) {
	return entriesBetween(t.ctx, t.tx, from, to, 0)
}

// ClientID resolves a slug inside the transaction.
func (t *EntryTx) ClientID(slug string) (int64, error) {
	c, err := getClient(t.ctx, t.tx, slug)
	return c.ID, err
}

// ExternalIDExists reports whether an import fingerprint is already stored.
func (t *EntryTx) ExternalIDExists(id string) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(t.ctx, "SELECT count(*) FROM entries WHERE external_id = ?", id).Scan(&n)
	return n > 0, err
}

// ExternalIDs maps every stored import fingerprint to its entry's ID: an
// import checks its intervals against it in memory instead of one query
// each.
func (t *EntryTx) ExternalIDs() (map[string]int64, error) {
	out := map[string]int64{}
	err := eachRow(t.ctx, t.tx, "SELECT id, external_id FROM entries WHERE external_id IS NOT NULL", nil,
		func(r *sql.Rows) error {
			var id int64
			var ext string
			err := r.Scan(&id, &ext)
			out[ext] = id
			return err
		})
	return out, err
}

// SetExternalID replaces an entry's import fingerprint: a re-import that
// applied a newer version of the interval to it.
func (t *EntryTx) SetExternalID(id int64, ext string) error {
	_, err := t.tx.ExecContext(t.ctx, "UPDATE entries SET external_id = ? WHERE id = ?", ext, id)
	return err
}

const insertEntry = `INSERT INTO entries (client_id, start_at, end_at, note, tags, billable,
		source, external_id, created_at, updated_at, project) VALUES (?,?,?,?,?,?,?,?,?,?,?)`

func (t *EntryTx) insertArgs(e Entry) []any {
	var ext any
	if e.ExternalID != "" {
		ext = e.ExternalID
	}
	return []any{e.ClientID, e.Start.Unix(), endValue(e.End), e.Note, joinTags(e.Tags), e.Billable, e.Source, ext,
		t.now.Unix(), t.now.Unix(), e.Project}
}

// Insert adds an entry and returns its ID.
func (t *EntryTx) Insert(e Entry) (int64, error) {
	res, err := t.tx.ExecContext(t.ctx, insertEntry, t.insertArgs(e)...)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err == nil {
		t.journal.created(id)
	}
	return id, err
}

// Update rewrites an entry, keeping its previous version in entry_history.
func (t *EntryTx) Update(e Entry, change string) error {
	if err := t.touch(e.ID); err != nil {
		return err
	}
	if err := t.keepHistory(e.ID, change); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(t.ctx, `UPDATE entries SET client_id=?, start_at=?, end_at=?, note=?, tags=?,
		billable=?, source=?, updated_at=?, project=? WHERE id=?`,
		e.ClientID, e.Start.Unix(), endValue(e.End), e.Note, joinTags(e.Tags), e.Billable, e.Source, t.now.Unix(),
		e.Project, e.ID)
	return err
}

// Delete removes an entry, keeping its last version in entry_history.
func (t *EntryTx) Delete(id int64) error {
	if err := t.touch(id); err != nil {
		return err
	}
	if err := t.keepHistory(id, "delete"); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(t.ctx, "DELETE FROM entries WHERE id = ?", id)
	return err
}

func (t *EntryTx) keepHistory(id int64, change string) error {
	res, err := t.tx.ExecContext(t.ctx, `INSERT INTO entry_history (entry_id, changed_at, change, client_id,
		start_at, end_at, note, tags, billable, source, project)
		SELECT id, ?, ?, client_id, start_at, end_at, note, tags, billable, source, project FROM entries WHERE id = ?`,
		t.now.Unix(), change, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %d", ErrEntryNotFound, id)
	}
	return nil
}

// EntryHistory lists the previous versions of an entry, oldest first.
func (db *DB) EntryHistory(ctx context.Context, id int64) ([]Entry, error) {
	var out []Entry
	err := eachRow(ctx, db.sql, `SELECT h.entry_id, h.client_id, c.slug, h.start_at, h.end_at, h.note, h.tags,
		h.billable, h.source, '', h.changed_at, h.changed_at, h.project
		FROM entry_history h JOIN clients c ON c.id = h.client_id WHERE h.entry_id = ? ORDER BY h.id`,
		[]any{id}, func(r *sql.Rows) error {
			e, err := scanEntry(r)
			out = append(out, e)
			return err
		})
	return out, err
}
