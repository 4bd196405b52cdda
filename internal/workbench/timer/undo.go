package timer

import (
	"context"
	"errors"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
)

// Cancel, continue and undo: the verbs that take a slip back.

// Cancel discards the running timer: the entry is removed, its last
// version kept in the history, and `stint undo` brings it back. Nothing
// running is an input error.
func (tm *Timer) Cancel(ctx context.Context) (Entry, error) {
	var out Entry
	err := tm.db.EditEntries(ctx, tm.clock.Now(), func(tx *store.EntryTx) error {
		running, err := tx.Running()
		if err != nil {
			return err
		}
		if running == nil {
			return badinput.Errorf("no timer is running: nothing to cancel (see `stint status`)")
		}
		tx.Journal("cancel")
		out = FromStore(*running, tm.clock.Now())
		return tx.Delete(running.ID)
	})
	if err != nil {
		return Entry{}, wrapTimeErr("cannot cancel the timer", err)
	}
	return out, nil
}

// Continue starts a new entry like the last one — of slug, or of any
// client when slug is "" —: its client, note, tags and billable flag, at at
// (zero: now), stopping the running timer as Start does. The entry it
// copies is returned as from.
func (tm *Timer) Continue(ctx context.Context, slug string, at time.Time) (started Entry, stopped *Entry, from Entry, err error) {
	var clientID int64
	if slug != "" {
		c, err := tm.clients.Client(ctx, slug)
		if err != nil {
			return Entry{}, nil, Entry{}, err
		}
		clientID = c.ID
	}
	last, err := tm.db.LastEntry(ctx, clientID)
	if err != nil {
		return Entry{}, nil, Entry{}, err
	}
	switch {
	case last == nil && slug == "":
		return Entry{}, nil, Entry{}, badinput.Errorf("there is no entry to continue: start a timer with `stint start NAME`")
	case last == nil:
		return Entry{}, nil, Entry{}, badinput.Errorf("%s has no entry to continue: start its timer with `stint start %s`", slug, slug)
	case last.End == nil:
		return Entry{}, nil, Entry{}, badinput.Errorf("the %s timer is running (entry %d): there is nothing to continue; `stint continue NAME` continues another client", last.Client, last.ID)
	}
	s, stopped, err := tm.startFrom(ctx, last.Client, at, "continue", timesheet.SourceManual,
		store.Entry{Note: last.Note, Tags: last.Tags, Billable: last.Billable, Project: last.Project})
	if err != nil {
		return Entry{}, nil, Entry{}, err
	}
	return *s, stopped, FromStore(*last, tm.clock.Now()), nil
}

// LastEntry is the entry that started last, of slug ("" for any client);
// nil when there is none.
func (tm *Timer) LastEntry(ctx context.Context, slug string) (*Entry, error) {
	var clientID int64
	if slug != "" {
		c, err := tm.clients.Client(ctx, slug)
		if err != nil {
			return nil, err
		}
		clientID = c.ID
	}
	last, err := tm.db.LastEntry(ctx, clientID)
	if err != nil || last == nil {
		return nil, err
	}
	e := FromStore(*last, tm.clock.Now())
	return &e, nil
}

// Undone is what `stint undo` reverted.
type Undone struct {
	Kind    string        `json:"kind"` // start, stop, switch, cancel, discard, continue, add, edit, delete
	At      time.Time     `json:"at"`   // when the change was made
	Entries []UndoneEntry `json:"entries"`
}

// UndoneEntry is one entry an undo put back: Was is how the change had left
// it (nil: the change removed it), Now how it is again (nil: the change
// created it, and it is gone).
type UndoneEntry struct {
	ID  int64  `json:"id"`
	Was *Entry `json:"was"`
	Now *Entry `json:"now"`
}

// Undo reverts the latest time change not yet undone — a start, stop,
// switch, cancel, discard, continue, add, edit or rm — putting every entry
// it touched back as it was. Undoing again reverts the change before. It is
// refused, changing nothing, when there is none, when an entry has changed
// since in a way the log does not hold (an import), or when the entries put
// back would overlap others.
func (tm *Timer) Undo(ctx context.Context) (Undone, error) {
	var out Undone
	err := tm.db.EditEntries(ctx, tm.clock.Now(), func(tx *store.EntryTx) error {
		c, err := tx.LastChange()
		if errors.Is(err, store.ErrNothingToUndo) {
			return badinput.Errorf("nothing to undo: `stint undo` reverts a start, stop, switch, cancel, add, edit or rm of time entries")
		}
		if err != nil {
			return err
		}
		if err := tx.Revert(c); err != nil {
			var cs *store.ChangedSinceError
			if errors.As(err, &cs) {
				return badinput.Errorf("cannot undo the %s of %s: entry %d has changed since (see `stint history %d`); change it with `stint edit %d`",
					c.Kind, tm.showTime(c.At, tm.clock.Local()), cs.Entry, cs.Entry, cs.Entry)
			}
			return err
		}
		now := tm.clock.Now()
		out = Undone{Kind: c.Kind, At: c.At}
		for _, e := range c.Entries {
			u := UndoneEntry{ID: e.ID}
			if e.After != nil {
				w := FromStore(*e.After, now)
				u.Was = &w
			}
			if e.Before != nil {
				if err := tm.checkOverlap(ctx, tx, Sheet(*e.Before)); err != nil {
					return badinput.Errorf("cannot undo the %s: entry %d would come back over another: %w", c.Kind, e.ID, err)
				}
				n := FromStore(*e.Before, now)
				u.Now = &n
			}
			out.Entries = append(out.Entries, u)
		}
		return nil
	})
	if err != nil {
		return Undone{}, wrapTimeErr("cannot undo", err)
	}
	return out, nil
}
