package timer

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/workbench/clients"
)

// Entries lists the entries overlapping [from, to) of one client ("" for
// all), oldest first. A zero to means no end.
func (tm *Timer) Entries(ctx context.Context, from, to time.Time, client string) ([]Entry, error) {
	var clientID int64
	if client != "" {
		c, err := tm.clients.Client(ctx, client)
		if err != nil {
			return nil, err
		}
		clientID = c.ID
	}
	if !to.IsZero() && !to.After(from) {
		return nil, badinput.Errorf("--to (%s) is not after --from (%s): swap them", to.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	rows, err := tm.db.EntriesBetween(ctx, from, to, clientID)
	if err != nil {
		return nil, err
	}
	now := tm.clock.Now()
	out := make([]Entry, 0, len(rows))
	for _, r := range rows {
		out = append(out, FromStore(r, now))
	}
	return out, nil
}

// Entry reads one entry by ID; an unknown ID is an input error.
func (tm *Timer) Entry(ctx context.Context, id int64) (Entry, error) {
	e, err := tm.db.EntryByID(ctx, id)
	if err != nil {
		return Entry{}, entryErr(id, err)
	}
	return FromStore(e, tm.clock.Now()), nil
}

// NewEntry is a finished stretch of time to add by hand.
type NewEntry struct {
	Client      string
	From, To    time.Time
	Note        string
	Tags        []string // normalised: spaces become '-', repeats go
	NonBillable bool     // the zero value is billable
	Project     string   // one of the client's projects; "" none
}

// AddEntry adds a finished entry. One that would overlap another entry (or
// lie after the running timer's start) is refused, naming that entry.
func (tm *Timer) AddEntry(ctx context.Context, n NewEntry) (Entry, error) {
	c, err := tm.clients.Client(ctx, n.Client)
	if err != nil {
		return Entry{}, err
	}
	if err := CheckTags(n.Tags); err != nil {
		return Entry{}, err
	}
	loc := tm.clients.ZoneOf(c)
	if err := tm.checkSpan(n.From, &n.To, loc); err != nil {
		return Entry{}, err
	}
	row := store.Entry{ClientID: c.ID, Client: c.Slug, Start: n.From.Truncate(time.Second),
		End: timesheet.TimePtr(n.To.Truncate(time.Second)), Note: strings.TrimSpace(n.Note),
		Tags: NormaliseTags(n.Tags), Billable: !n.NonBillable, Source: string(timesheet.SourceManual), Project: n.Project}
	err = tm.db.EditEntries(ctx, tm.clock.Now(), func(tx *store.EntryTx) error {
		tx.Journal("add")
		if err := checkProject(tx, row); err != nil {
			return err
		}
		if err := tm.checkOverlap(ctx, tx, Sheet(row)); err != nil {
			return err
		}
		row.ID, err = tx.Insert(row)
		return err
	})
	if err != nil {
		return Entry{}, wrapTimeErr("cannot add the entry", err)
	}
	return FromStore(row, tm.clock.Now()), nil
}

// EntryChange is an edit; nil fields stay as they are.
type EntryChange struct {
	From, To *time.Time // To on a running entry stops it
	Note     *string
	Client   *string
	Tags     *[]string // replaces the tags
	Billable *bool
	Project  *string // "" takes the project off
}

// IsZero reports whether the change changes nothing.
func (c EntryChange) IsZero() bool {
	return c.From == nil && c.To == nil && c.Note == nil && c.Client == nil && c.Tags == nil && c.Billable == nil &&
		c.Project == nil
}

// EditEntry changes an entry, keeping its previous version in the history.
// The result must not overlap another entry.
func (tm *Timer) EditEntry(ctx context.Context, id int64, ch EntryChange) (Entry, error) {
	if ch.IsZero() {
		return Entry{}, badinput.Errorf("nothing to change: give --from, --to, -m, --client, --project, --tag, --billable or --non-billable")
	}
	if ch.Tags != nil {
		if err := CheckTags(*ch.Tags); err != nil {
			return Entry{}, err
		}
	}
	var out Entry
	err := tm.db.EditEntries(ctx, tm.clock.Now(), func(tx *store.EntryTx) error {
		tx.Journal("edit")
		e, err := tx.Get(id)
		if err != nil {
			return entryErr(id, err)
		}
		if ch.Client != nil && *ch.Client != e.Client {
			c, err := tm.clients.Client(ctx, *ch.Client)
			if err != nil {
				return err
			}
			e.ClientID, e.Client = c.ID, c.Slug
		}
		loc, err := tm.clients.Zone(ctx, e.Client)
		if err != nil {
			return err
		}
		if ch.From != nil {
			e.Start = ch.From.Truncate(time.Second)
		}
		if ch.To != nil {
			e.End = timesheet.TimePtr(ch.To.Truncate(time.Second))
		}
		if e.End != nil {
			if err := tm.checkSpan(e.Start, e.End, loc); err != nil {
				return err
			}
		} else if e.Start.After(tm.clock.Now()) {
			return badinput.Errorf("a running entry cannot start in the future (%s)", tm.showTime(e.Start, loc))
		}
		if ch.Note != nil {
			e.Note = strings.TrimSpace(*ch.Note)
		}
		if ch.Tags != nil {
			e.Tags = NormaliseTags(*ch.Tags)
		}
		if ch.Billable != nil {
			e.Billable = *ch.Billable
		}
		if ch.Project != nil {
			e.Project = *ch.Project
		}
		// Moved to another client, the entry keeps its project only if
		// that client has one of the name too.
		if err := checkProject(tx, e); err != nil {
			return err
		}
		if err := tm.checkOverlap(ctx, tx, Sheet(e)); err != nil {
			return err
		}
		if err := tx.Update(e, "edit"); err != nil {
			return err
		}
		out = FromStore(e, tm.clock.Now())
		return nil
	})
	if err != nil {
		return Entry{}, wrapTimeErr("cannot edit the entry", err)
	}
	return out, nil
}

// checkProject refuses an entry whose project its client does not have.
func checkProject(tx *store.EntryTx, e store.Entry) error {
	if e.Project == "" {
		return nil
	}
	ok, err := tx.ProjectExists(e.ClientID, e.Project)
	if err != nil || ok {
		return err
	}
	return clients.UnknownProject(e.Client, e.Project)
}

// RemoveEntry deletes an entry (its last version stays in the history) and
// returns what was removed.
func (tm *Timer) RemoveEntry(ctx context.Context, id int64) (Entry, error) {
	var out Entry
	err := tm.db.EditEntries(ctx, tm.clock.Now(), func(tx *store.EntryTx) error {
		e, err := tx.Get(id)
		if err != nil {
			return entryErr(id, err)
		}
		out = FromStore(e, tm.clock.Now())
		tx.Journal("delete")
		return tx.Delete(id)
	})
	if err != nil {
		return Entry{}, wrapTimeErr("cannot remove the entry", err)
	}
	return out, nil
}

// checkSpan refuses an entry that ends before it starts or has no length.
func (tm *Timer) checkSpan(from time.Time, to *time.Time, loc *time.Location) error {
	if from.IsZero() || to == nil || to.IsZero() {
		return badinput.Errorf("an entry needs both --from and --to")
	}
	// Work that has not ended is a running timer, not an entry: an entry
	// ending in the future would collide with every timer started before
	// then. A --to up to FutureSlack ahead (a time typed to the minute, a
	// clock a little behind) is taken as now, so the entry has ended.
	now := tm.clock.Now()
	if to.After(now.Add(FutureSlack)) {
		return badinput.Errorf("--to (%s) is in the future (more than a minute ahead): log work that has ended, or use `stint start` for work in progress", tm.showTime(*to, loc))
	}
	if to.After(now) {
		*to = now
	}
	if !to.Truncate(time.Second).After(from.Truncate(time.Second)) {
		return badinput.Errorf("--from (%s) is not before --to (%s): swap them or give a later --to", tm.showTime(from, loc), tm.showTime(*to, loc))
	}
	return nil
}

// FutureSlack is how far ahead an entry's --to may lie: up to a minute
// ahead is taken as now, further is refused.
const FutureSlack = time.Minute

// checkOverlap refuses candidate if it would overlap a stored entry; the
// error names that entry (in its client's zone) and is an input error
// (exit 2) that still matches *timesheet.OverlapError with errors.As.
func (tm *Timer) checkOverlap(ctx context.Context, tx *store.EntryTx, candidate timesheet.Entry) error {
	var to time.Time
	if candidate.End != nil {
		to = *candidate.End
		if to.Equal(candidate.Start) { // an empty entry lies inside whatever surrounds it
			to = to.Add(time.Second)
		}
	}
	rows, err := tx.Overlapping(candidate.Start, to)
	if err != nil {
		return err
	}
	existing := make([]timesheet.Entry, len(rows))
	for i, r := range rows {
		existing[i] = Sheet(r)
	}
	if hit := timesheet.CheckOverlap(existing, candidate); hit != nil {
		loc, err := tm.clients.Zone(ctx, hit.Client)
		if err != nil {
			return err
		}
		return badinput.Wrap(overlapError{&timesheet.OverlapError{With: *hit, Loc: loc}, tm.showSpan(hit.Start, hit.End, loc)})
	}
	return nil
}

// overlapError is timesheet's OverlapError, its times labelled with their
// zone when that is not the local one.
type overlapError struct {
	err  *timesheet.OverlapError
	span string // showSpan of the entry in the way
}

func (e overlapError) Error() string {
	return fmt.Sprintf("overlaps entry %d (%s, %s): change --from/--to or edit that entry first", e.err.With.ID, e.err.With.Client, e.span)
}
func (e overlapError) Unwrap() error { return e.err }

// entryErr turns an unknown ID into an input error that says where IDs are.
func entryErr(id int64, err error) error {
	if errors.Is(err, store.ErrEntryNotFound) {
		return badinput.Errorf("no time entry %d: see `stint log` for entry IDs", id)
	}
	return err
}

// wrapTimeErr leaves input errors as they are (their message is the whole
// story) and prefixes the rest with what was being done.
func wrapTimeErr(doing string, err error) error {
	if badinput.Is(err) {
		return err
	}
	return fmt.Errorf("%s: %w", doing, err)
}

// NormaliseTags makes tags storable: the store keeps tags separated by
// spaces, so whitespace inside a tag becomes '-'; empty tags and repeats go.
func NormaliseTags(tags []string) []string {
	return normaliseTags(tags, " ")
}

// NormaliseImportedTags is NormaliseTags for tags read from another tool's
// file, where a comma inside a tag is taken like a space (it becomes '-'):
// stint refuses commas in tags typed in, since the import files of Toggl and
// Clockify separate tags with them, but one tag in a history is no reason to
// refuse the whole file.
func NormaliseImportedTags(tags []string) []string {
	return normaliseTags(tags, " ,")
}

// CheckTags refuses tags typed in with a comma inside.
func CheckTags(tags []string) error {
	for _, t := range tags {
		if strings.Contains(t, ",") {
			var parts []string
			for _, p := range strings.Split(t, ",") {
				if p = strings.Join(strings.Fields(p), "-"); p != "" {
					parts = append(parts, p)
				}
			}
			return badinput.Errorf("tag %q has a comma, which Toggl and Clockify read as two tags: give each its own --tag, like --tag %s",
				t, strings.Join(parts, " --tag "))
		}
	}
	return nil
}

func normaliseTags(tags []string, separators string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.Join(strings.FieldsFunc(t, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(separators, r) }), "-")
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}
