package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The undo log. A unit of work that calls EntryTx.Journal is recorded as
// one change: every entry it inserted, updated or deleted, as it was before
// and after. Undo puts the entries of the latest change not yet undone back
// as they were before it — but only while each still is as that change left
// it, so an undo never throws away a later change the log did not see (an
// import). Imports and undos themselves are not recorded.

// keptChanges is how many changes the log keeps.
const keptChanges = 200

// entryState is an entries row as the undo log keeps it.
type entryState struct {
	ClientID   int64  `json:"client_id"`
	Start      int64  `json:"start"`
	End        *int64 `json:"end"`
	Note       string `json:"note"`
	Tags       string `json:"tags"`
	Billable   bool   `json:"billable"`
	Source     string `json:"source"`
	Project    string `json:"project,omitempty"` // omitted when none, so older log rows compare equal
	ExternalID string `json:"external_id,omitempty"`
	CreatedAt  int64  `json:"created_at"`
}

// journal is the change a unit of work records: the entries it touched,
// in order, each with its state before the first touch ("" for none).
type journal struct {
	kind   string
	ids    []int64
	before map[int64]string
}

func (j *journal) created(id int64) {
	if j == nil {
		return
	}
	if _, seen := j.before[id]; !seen {
		j.ids = append(j.ids, id)
		j.before[id] = ""
	}
}

// mark and rollback undo the journal's record of what a failed savepoint
// rolled back.
func (j *journal) mark() int {
	if j == nil {
		return 0
	}
	return len(j.ids)
}

func (j *journal) rollback(mark int) {
	if j == nil {
		return
	}
	for _, id := range j.ids[mark:] {
		delete(j.before, id)
	}
	j.ids = j.ids[:mark]
}

// Journal makes this unit of work one change in the undo log, of kind
// (start, stop, switch, cancel, discard, continue, add, edit, delete). The
// last kind given names it; call it before the first change.
func (t *EntryTx) Journal(kind string) {
	if t.journal == nil {
		t.journal = &journal{before: map[int64]string{}}
	}
	t.journal.kind = kind
}

// touch notes id's state before this unit of work first changes it.
func (t *EntryTx) touch(id int64) error {
	j := t.journal
	if j == nil {
		return nil
	}
	if _, seen := j.before[id]; seen {
		return nil
	}
	s, err := t.state(id)
	if err != nil {
		return err
	}
	j.ids = append(j.ids, id)
	j.before[id] = s
	return nil
}

// state is entry id's row as JSON; "" when there is none.
func (t *EntryTx) state(id int64) (string, error) {
	var s entryState
	var end sql.NullInt64
	err := t.tx.QueryRowContext(t.ctx, `SELECT client_id, start_at, end_at, note, tags, billable, source,
		coalesce(external_id, ''), created_at, project FROM entries WHERE id = ?`, id).
		Scan(&s.ClientID, &s.Start, &end, &s.Note, &s.Tags, &s.Billable, &s.Source, &s.ExternalID, &s.CreatedAt, &s.Project)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if end.Valid {
		s.End = &end.Int64
	}
	b, err := json.Marshal(s)
	return string(b), err
}

// writeJournal stores the recorded change, leaving out entries that ended
// as they began; a change of nothing is not stored.
func (t *EntryTx) writeJournal() error {
	j := t.journal
	if j == nil || len(j.ids) == 0 {
		return nil
	}
	type row struct {
		id            int64
		before, after string
	}
	var rows []row
	for _, id := range j.ids {
		after, err := t.state(id)
		if err != nil {
			return err
		}
		if after != j.before[id] {
			rows = append(rows, row{id, j.before[id], after})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	res, err := t.tx.ExecContext(t.ctx, "INSERT INTO time_changes (changed_at, kind) VALUES (?, ?)", t.now.Unix(), j.kind)
	if err != nil {
		return err
	}
	change, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := t.tx.ExecContext(t.ctx, "INSERT INTO time_change_entries (change_id, entry_id, before, after) VALUES (?,?,?,?)",
			change, r.id, nullString(r.before), nullString(r.after)); err != nil {
			return err
		}
	}
	_, err = t.tx.ExecContext(t.ctx, "DELETE FROM time_changes WHERE id <= ?", change-keptChanges)
	return err
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Change is one change in the undo log.
type Change struct {
	ID      int64
	At      time.Time
	Kind    string
	Entries []ChangedEntry
}

// ChangedEntry is one entry a change touched: its ID, and whether it
// existed before and after.
type ChangedEntry struct {
	ID                 int64
	Existed, ExistsNow bool
	before, after      string
	Before, After      *Entry // as the change found and left it (Client unfilled); nil: none
}

// ErrNothingToUndo is returned when the log holds no change to undo.
var ErrNothingToUndo = errors.New("no time change to undo")

// ChangedSinceError is an undo refused because an entry is no longer as
// the change left it.
type ChangedSinceError struct {
	Change Change
	Entry  int64
}

func (e *ChangedSinceError) Error() string {
	return fmt.Sprintf("entry %d changed after the %s that undo would revert", e.Entry, e.Change.Kind)
}

// LastChange is the latest change not yet undone.
func (t *EntryTx) LastChange() (Change, error) {
	var c Change
	var at int64
	err := t.tx.QueryRowContext(t.ctx, "SELECT id, changed_at, kind FROM time_changes WHERE undone = 0 ORDER BY id DESC LIMIT 1").
		Scan(&c.ID, &at, &c.Kind)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNothingToUndo
	}
	if err != nil {
		return c, err
	}
	c.At = time.Unix(at, 0).UTC()
	err = eachRow(t.ctx, t.tx, "SELECT entry_id, coalesce(before, ''), coalesce(after, '') FROM time_change_entries WHERE change_id = ? ORDER BY rowid",
		[]any{c.ID}, func(r *sql.Rows) error {
			var e ChangedEntry
			if err := r.Scan(&e.ID, &e.before, &e.after); err != nil {
				return err
			}
			e.Existed, e.ExistsNow = e.before != "", e.after != ""
			var err error
			if e.Before, err = decodeState(e.ID, e.before); err != nil {
				return err
			}
			if e.After, err = decodeState(e.ID, e.after); err != nil {
				return err
			}
			c.Entries = append(c.Entries, e)
			return nil
		})
	if err != nil {
		return c, err
	}
	for _, e := range c.Entries {
		for _, v := range []*Entry{e.Before, e.After} {
			if v == nil {
				continue
			}
			if err := t.tx.QueryRowContext(t.ctx, "SELECT slug FROM clients WHERE id = ?", v.ClientID).Scan(&v.Client); err != nil {
				return c, err
			}
		}
	}
	return c, nil
}

func decodeState(id int64, s string) (*Entry, error) {
	if s == "" {
		return nil, nil
	}
	var st entryState
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		return nil, fmt.Errorf("undo log entry %d: %w", id, err)
	}
	e := Entry{ID: id, ClientID: st.ClientID, Start: time.Unix(st.Start, 0).UTC(), Note: st.Note,
		Billable: st.Billable, Source: st.Source, Project: st.Project, ExternalID: st.ExternalID, CreatedAt: time.Unix(st.CreatedAt, 0).UTC()}
	if st.End != nil {
		end := time.Unix(*st.End, 0).UTC()
		e.End = &end
	}
	e.Tags = strings.Fields(st.Tags)
	return &e, nil
}

// Revert puts c's entries back as they were before it and marks it
// undone. Each entry must still be as c left it (else *ChangedSinceError).
// The entry that ran before c is restored last, so the one-running rule
// holds at every step; overlaps are the caller's to check.
func (t *EntryTx) Revert(c Change) error {
	for _, e := range c.Entries {
		now, err := t.state(e.ID)
		if err != nil {
			return err
		}
		if now != e.after {
			return &ChangedSinceError{Change: c, Entry: e.ID}
		}
	}
	ordered := make([]ChangedEntry, 0, len(c.Entries))
	var last []ChangedEntry
	for _, e := range c.Entries {
		if e.Before != nil && e.Before.End == nil {
			last = append(last, e)
		} else {
			ordered = append(ordered, e)
		}
	}
	for _, e := range append(ordered, last...) {
		if err := t.restore(e); err != nil {
			return err
		}
	}
	_, err := t.tx.ExecContext(t.ctx, "UPDATE time_changes SET undone = 1 WHERE id = ?", c.ID)
	return err
}

// restore makes entry e as it was before its change: removed (its last
// version kept in the history) when the change created it, inserted again
// under its own ID when the change removed it, rewritten otherwise.
func (t *EntryTx) restore(e ChangedEntry) error {
	b := e.Before
	switch {
	case b == nil:
		return t.Delete(e.ID)
	case !e.ExistsNow:
		var ext any
		if b.ExternalID != "" {
			ext = b.ExternalID
		}
		_, err := t.tx.ExecContext(t.ctx, `INSERT INTO entries (id, client_id, start_at, end_at, note, tags, billable,
			source, external_id, created_at, updated_at, project) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
			e.ID, b.ClientID, b.Start.Unix(), endValue(b.End), b.Note, joinTags(b.Tags), b.Billable, b.Source, ext,
			b.CreatedAt.Unix(), t.now.Unix(), b.Project)
		return err
	default:
		return t.Update(*b, "edit")
	}
}
