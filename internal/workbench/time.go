package workbench

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
)

// Timers and time entries. Every change runs in one store.EditEntries unit
// of work (an IMMEDIATE transaction), so the rules checked inside it — one
// running timer, no overlapping entries — hold across processes.
//
// "Local" is the zone of the workbench clock (time.Now() gives time.Local;
// tests pass a clock in a fixed zone). A client's own zone, when it has one,
// wins for everything that concerns that client: parsing, days, weeks.

// Status is the running timer, whether it looks forgotten, and today's time
// per client, each client's day taken in its own zone.
func (w *Workbench) Status(ctx context.Context) (Status, error) {
	now := w.Now()
	st := Status{TodaySeconds: map[string]int64{}}
	running, err := w.db.RunningEntry(ctx)
	if err != nil {
		return st, err
	}
	if running != nil {
		e := toEntry(*running, now)
		st.Running = &e
		limit, err := w.forgottenAfter(ctx)
		if err != nil {
			return st, err
		}
		st.Forgotten = timesheet.Forgotten(toSheet(*running), now, limit)
	}
	zones, err := w.clientZones(ctx)
	if err != nil {
		return st, err
	}
	// Today in any zone lies within a day (of up to 25 h) either side of now.
	entries, err := w.db.EntriesBetween(ctx, now.Add(-26*time.Hour), now.Add(26*time.Hour), 0)
	if err != nil {
		return st, err
	}
	for _, e := range entries {
		from, to := timesheet.DayRange(now, w.zoneFor(zones, e.Client))
		if secs, ok := clippedSeconds(toSheet(e), from, to, now); ok {
			st.TodaySeconds[e.Client] += secs
		}
	}
	return st, nil
}

// Start starts slug's timer at at (zero: now), stopping the running one at
// the same instant in the same transaction. Starting the client that is
// already running splits its entry there. A start in the future, before the
// running timer's start, or before the end of a later entry is refused.
func (w *Workbench) Start(ctx context.Context, slug string, at time.Time, note string) (started Entry, stopped *Entry, err error) {
	s, stopped, err := w.startTimer(ctx, slug, at, note, timesheet.SourceManual)
	if err != nil {
		return Entry{}, nil, err
	}
	return *s, stopped, nil
}

// StartFromSwitch is a shell switch's start. When auto-track applies to
// slug (the client's flag and the global auto_track setting) it keeps slug's
// timer if that already runs, and otherwise starts it (source "switch"),
// stopping the running one. When auto-track does not apply to slug, the
// switch is the end of the running client's work: it stops the running timer
// as StopFromSwitch does, and starts nothing.
//
// Within the switch_grace setting a switch leaves no trace of flicking past a
// client: a switch entry it stops that ran less than the grace is discarded
// (the returned stopped entry then has ID 0; see Entry.Discarded), and a
// switch back to a client whose switch entry is the most recent entry and
// ended less than the grace ago resumes that entry instead of starting one.
func (w *Workbench) StartFromSwitch(ctx context.Context, slug string, at time.Time) (started *Entry, stopped *Entry, err error) {
	c, err := w.client(ctx, slug)
	if err != nil {
		return nil, nil, err
	}
	track, err := w.autoTracks(ctx, c)
	if err != nil {
		return nil, nil, err
	}
	if !track {
		stopped, err := w.StopFromSwitch(ctx, at)
		return nil, stopped, err
	}
	return w.startTimer(ctx, slug, at, "", timesheet.SourceSwitch)
}

// StopFromSwitch is `stint off`: it stops the running timer if auto-track
// applies to its client, and returns it; nil when nothing was stopped. A
// switch entry shorter than switch_grace is discarded, and returned with ID 0.
func (w *Workbench) StopFromSwitch(ctx context.Context, at time.Time) (*Entry, error) {
	running, err := w.db.RunningEntry(ctx)
	if err != nil || running == nil {
		return nil, err
	}
	c, err := w.client(ctx, running.Client)
	if err != nil {
		return nil, err
	}
	if track, err := w.autoTracks(ctx, c); err != nil || !track {
		return nil, err
	}
	grace, err := w.switchGrace(ctx)
	if err != nil {
		return nil, err
	}
	var out *Entry
	err = w.db.EditEntries(ctx, w.Now(), func(tx *store.EntryTx) error {
		r, err := tx.Running()
		if err != nil || r == nil || r.ID != running.ID {
			return err // someone else stopped or replaced it meanwhile
		}
		end := w.instant(at, r.Start)
		e, err := w.stopEntry(tx, *r, end, "")
		if err != nil {
			return err
		}
		if flickedPast(*r, end, grace) {
			err = discard(tx, &e)
		}
		out = &e
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("cannot stop the timer: %w", err)
	}
	return out, nil
}

// flickedPast: a switch started e and a switch ends it at end, less than
// grace later — the user went through the client on the way to another, and
// per-entry rounding or a minimum must not bill that. An entry the user wrote
// a note or tags on is work they claimed, and is kept.
func flickedPast(e store.Entry, end time.Time, grace time.Duration) bool {
	return grace > 0 && e.Source == string(timesheet.SourceSwitch) && end.Sub(e.Start) < grace &&
		e.Note == "" && len(e.Tags) == 0
}

// discard deletes a stopped entry (entry_history keeps it, change "delete")
// and marks the returned copy as discarded.
func discard(tx *store.EntryTx, e *Entry) error {
	if err := tx.Delete(e.ID); err != nil {
		return err
	}
	e.ID = 0
	return nil
}

// Discarded reports whether a switch stopped this entry and then dropped it
// as shorter than switch_grace: it is no longer stored, so it has no ID.
func (e Entry) Discarded() bool { return e.ID == 0 && e.End != nil }

// resumable finds the entry a switch to slug at when resumes: the most recent
// entry (leaving out skip, an entry about to be discarded), if it is slug's,
// was started by a switch and ended less than grace before when. nil: none.
func resumable(tx *store.EntryTx, slug string, when time.Time, grace time.Duration, skip int64) (*store.Entry, error) {
	if grace <= 0 {
		return nil, nil
	}
	rows, err := tx.Overlapping(when.Add(-grace), time.Time{})
	if err != nil {
		return nil, err
	}
	for i := len(rows) - 1; i >= 0; i-- {
		e := rows[i]
		if e.ID == skip || e.Start.After(when) {
			continue
		}
		ok := e.Client == slug && e.Source == string(timesheet.SourceSwitch) && e.End != nil &&
			e.End.After(when.Add(-grace)) && !e.End.After(when)
		if ok {
			return &e, nil
		}
		return nil, nil // the most recent entry is another's: resuming would run over it
	}
	return nil, nil
}

// instant is a switch's time: at (zero: now), never before the running
// timer's start — a switch must not fail over a clock that moved backwards.
func (w *Workbench) instant(at, notBefore time.Time) time.Time {
	if at.IsZero() {
		at = w.Now()
	}
	at = at.Truncate(time.Second)
	if at.Before(notBefore) {
		return notBefore
	}
	return at
}

// startTimer is Start and StartFromSwitch. A switch keeps a timer of the
// same client and clamps its instant to the running timer's start; a manual
// start refuses such an instant instead. Only a switch discards or resumes
// entries within switch_grace (see StartFromSwitch).
func (w *Workbench) startTimer(ctx context.Context, slug string, at time.Time, note string, source timesheet.Source) (started, stopped *Entry, err error) {
	c, err := w.client(ctx, slug)
	if err != nil {
		return nil, nil, err
	}
	if c.Archived {
		// Its work has ended: a timer would bill time nobody sees, as the
		// switch it cannot have come from would refuse too.
		return nil, nil, archivedError(slug)
	}
	auto := source == timesheet.SourceSwitch
	var grace time.Duration
	if auto {
		if grace, err = w.switchGrace(ctx); err != nil {
			return nil, nil, err
		}
	}
	loc := w.zoneOf(c)
	err = w.db.EditEntries(ctx, w.Now(), func(tx *store.EntryTx) error {
		// Read the clock inside the transaction: a start that waited for
		// another process's lock still starts after that process's timer.
		now := w.Now()
		when := at.Truncate(time.Second)
		if at.IsZero() {
			when = now
		}
		if when.After(now) {
			return badinput.Errorf("cannot start a timer in the future (%s): give a time up to now", w.showTime(when, loc))
		}
		running, err := tx.Running()
		if err != nil {
			return err
		}
		var discarded int64 // a flicked-past entry, deleted once the new timer runs
		if running != nil {
			if auto && running.Client == slug {
				return nil
			}
			if when.Before(running.Start) {
				if !auto {
					return badinput.Errorf("the %s timer started at %s, after %s: give a later --at, or stop it first",
						running.Client, w.showTime(running.Start, loc), w.showTime(when, loc))
				}
				when = running.Start
			}
			e, err := w.stopEntry(tx, *running, when, "")
			if err != nil {
				return err
			}
			stopped = &e
			if auto && flickedPast(*running, when, grace) {
				discarded = e.ID
			}
		}
		var prev *store.Entry
		if auto {
			if prev, err = resumable(tx, slug, when, grace, discarded); err != nil {
				return err
			}
		}
		if prev != nil {
			// The flicked-past entry lies inside the resumed one: it goes first.
			if discarded != 0 {
				if err := discard(tx, stopped); err != nil {
					return err
				}
			}
			started, err = w.reopen(ctx, tx, *prev)
			return err
		}
		if started, err = w.insertRunning(ctx, tx, c, when, note, source); err != nil {
			return err
		}
		// Deleted after the insert, so the new entry cannot take over its ID
		// (SQLite hands out the largest ID plus one) and with it its history.
		if discarded != 0 {
			return discard(tx, stopped)
		}
		return nil
	})
	if err != nil {
		return nil, nil, wrapTimeErr("cannot start the timer", err)
	}
	return started, stopped, nil
}

// reopen makes a stopped entry run again (its stopped version is kept).
func (w *Workbench) reopen(ctx context.Context, tx *store.EntryTx, e store.Entry) (*Entry, error) {
	e.End = nil
	if err := w.checkOverlap(ctx, tx, toSheet(e)); err != nil {
		return nil, err
	}
	if err := tx.Update(e, "edit"); err != nil {
		return nil, err
	}
	out := toEntry(e, w.Now())
	return &out, nil
}

// insertRunning adds a running entry of c from when.
func (w *Workbench) insertRunning(ctx context.Context, tx *store.EntryTx, c store.Client, when time.Time, note string, source timesheet.Source) (*Entry, error) {
	candidate := timesheet.Entry{Client: c.Slug, Start: when, Billable: true, Source: source}
	if err := w.checkOverlap(ctx, tx, candidate); err != nil {
		return nil, err
	}
	row := store.Entry{ClientID: c.ID, Client: c.Slug, Start: when, Note: strings.TrimSpace(note), Billable: true, Source: string(source)}
	var err error
	if row.ID, err = tx.Insert(row); err != nil {
		return nil, err
	}
	e := toEntry(row, w.Now())
	return &e, nil
}

// Stop stops the running timer at at (zero: now). A note is appended to the
// entry's note (or becomes it). Nothing running is an input error.
func (w *Workbench) Stop(ctx context.Context, at time.Time, note string) (Entry, error) {
	var out Entry
	err := w.db.EditEntries(ctx, w.Now(), func(tx *store.EntryTx) error {
		running, err := tx.Running()
		if err != nil {
			return err
		}
		if running == nil {
			return badinput.Errorf("no timer is running: start one with `stint start NAME`")
		}
		now := w.Now()
		when := at.Truncate(time.Second)
		if at.IsZero() {
			when = now
		}
		loc, err := w.Zone(ctx, running.Client)
		if err != nil {
			return err
		}
		if when.After(now) {
			return badinput.Errorf("cannot stop a timer in the future (%s): give a time up to now", w.showTime(when, loc))
		}
		if when.Before(running.Start) {
			return badinput.Errorf("the %s timer started at %s, after %s: give a later --at",
				running.Client, w.showTime(running.Start, loc), w.showTime(when, loc))
		}
		out, err = w.stopEntry(tx, *running, when, note)
		return err
	})
	if err != nil {
		return Entry{}, wrapTimeErr("cannot stop the timer", err)
	}
	return out, nil
}

// stopEntry ends a running entry at end, keeping its previous version.
func (w *Workbench) stopEntry(tx *store.EntryTx, running store.Entry, end time.Time, note string) (Entry, error) {
	running.End = &end
	running.Note = appendNote(running.Note, note)
	if err := tx.Update(running, "stop"); err != nil {
		return Entry{}, err
	}
	return toEntry(running, w.Now()), nil
}

func appendNote(note, more string) string {
	more = strings.TrimSpace(more)
	switch {
	case more == "":
		return note
	case note == "":
		return more
	}
	return note + "; " + more
}

// Entries lists the entries overlapping [from, to) of one client ("" for
// all), oldest first. A zero to means no end.
func (w *Workbench) Entries(ctx context.Context, from, to time.Time, client string) ([]Entry, error) {
	var clientID int64
	if client != "" {
		c, err := w.client(ctx, client)
		if err != nil {
			return nil, err
		}
		clientID = c.ID
	}
	if !to.IsZero() && !to.After(from) {
		return nil, badinput.Errorf("--to (%s) is not after --from (%s): swap them", to.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	rows, err := w.db.EntriesBetween(ctx, from, to, clientID)
	if err != nil {
		return nil, err
	}
	now := w.Now()
	out := make([]Entry, 0, len(rows))
	for _, r := range rows {
		out = append(out, toEntry(r, now))
	}
	return out, nil
}

// Entry reads one entry by ID; an unknown ID is an input error.
func (w *Workbench) Entry(ctx context.Context, id int64) (Entry, error) {
	e, err := w.db.EntryByID(ctx, id)
	if err != nil {
		return Entry{}, entryErr(id, err)
	}
	return toEntry(e, w.Now()), nil
}

// NewEntry is a finished stretch of time to add by hand.
type NewEntry struct {
	Client      string
	From, To    time.Time
	Note        string
	Tags        []string // normalised: spaces become '-', repeats go
	NonBillable bool     // the zero value is billable
}

// AddEntry adds a finished entry. One that would overlap another entry (or
// lie after the running timer's start) is refused, naming that entry.
func (w *Workbench) AddEntry(ctx context.Context, n NewEntry) (Entry, error) {
	c, err := w.client(ctx, n.Client)
	if err != nil {
		return Entry{}, err
	}
	loc := w.zoneOf(c)
	if err := w.checkSpan(n.From, &n.To, loc); err != nil {
		return Entry{}, err
	}
	row := store.Entry{ClientID: c.ID, Client: c.Slug, Start: n.From.Truncate(time.Second),
		End: timesheet.TimePtr(n.To.Truncate(time.Second)), Note: strings.TrimSpace(n.Note),
		Tags: NormaliseTags(n.Tags), Billable: !n.NonBillable, Source: string(timesheet.SourceManual)}
	err = w.db.EditEntries(ctx, w.Now(), func(tx *store.EntryTx) error {
		if err := w.checkOverlap(ctx, tx, toSheet(row)); err != nil {
			return err
		}
		row.ID, err = tx.Insert(row)
		return err
	})
	if err != nil {
		return Entry{}, wrapTimeErr("cannot add the entry", err)
	}
	return toEntry(row, w.Now()), nil
}

// EntryChange is an edit; nil fields stay as they are.
type EntryChange struct {
	From, To *time.Time // To on a running entry stops it
	Note     *string
	Client   *string
	Tags     *[]string // replaces the tags
	Billable *bool
}

// IsZero reports whether the change changes nothing.
func (c EntryChange) IsZero() bool {
	return c.From == nil && c.To == nil && c.Note == nil && c.Client == nil && c.Tags == nil && c.Billable == nil
}

// EditEntry changes an entry, keeping its previous version in the history.
// The result must not overlap another entry.
func (w *Workbench) EditEntry(ctx context.Context, id int64, ch EntryChange) (Entry, error) {
	if ch.IsZero() {
		return Entry{}, badinput.Errorf("nothing to change: give --from, --to, -m, --client, --tag, --billable or --non-billable")
	}
	var out Entry
	err := w.db.EditEntries(ctx, w.Now(), func(tx *store.EntryTx) error {
		e, err := tx.Get(id)
		if err != nil {
			return entryErr(id, err)
		}
		if ch.Client != nil && *ch.Client != e.Client {
			c, err := w.client(ctx, *ch.Client)
			if err != nil {
				return err
			}
			e.ClientID, e.Client = c.ID, c.Slug
		}
		loc, err := w.Zone(ctx, e.Client)
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
			if err := w.checkSpan(e.Start, e.End, loc); err != nil {
				return err
			}
		} else if e.Start.After(w.Now()) {
			return badinput.Errorf("a running entry cannot start in the future (%s)", w.showTime(e.Start, loc))
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
		if err := w.checkOverlap(ctx, tx, toSheet(e)); err != nil {
			return err
		}
		if err := tx.Update(e, "edit"); err != nil {
			return err
		}
		out = toEntry(e, w.Now())
		return nil
	})
	if err != nil {
		return Entry{}, wrapTimeErr("cannot edit the entry", err)
	}
	return out, nil
}

// RemoveEntry deletes an entry (its last version stays in the history) and
// returns what was removed.
func (w *Workbench) RemoveEntry(ctx context.Context, id int64) (Entry, error) {
	var out Entry
	err := w.db.EditEntries(ctx, w.Now(), func(tx *store.EntryTx) error {
		e, err := tx.Get(id)
		if err != nil {
			return entryErr(id, err)
		}
		out = toEntry(e, w.Now())
		return tx.Delete(id)
	})
	if err != nil {
		return Entry{}, wrapTimeErr("cannot remove the entry", err)
	}
	return out, nil
}

// checkSpan refuses an entry that ends before it starts or has no length.
func (w *Workbench) checkSpan(from time.Time, to *time.Time, loc *time.Location) error {
	if from.IsZero() || to == nil || to.IsZero() {
		return badinput.Errorf("an entry needs both --from and --to")
	}
	if !to.Truncate(time.Second).After(from.Truncate(time.Second)) {
		return badinput.Errorf("--from (%s) is not before --to (%s): swap them or give a later --to", w.showTime(from, loc), w.showTime(*to, loc))
	}
	// Work that has not ended is a running timer, not an entry: an entry
	// ending in the future would collide with every timer started before then.
	if to.After(w.Now()) {
		return badinput.Errorf("--to (%s) is in the future: log work that has ended, or use `stint start` for work in progress", w.showTime(*to, loc))
	}
	return nil
}

// checkOverlap refuses candidate if it would overlap a stored entry; the
// error names that entry (in its client's zone) and is an input error
// (exit 2) that still matches *timesheet.OverlapError with errors.As.
func (w *Workbench) checkOverlap(ctx context.Context, tx *store.EntryTx, candidate timesheet.Entry) error {
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
		existing[i] = toSheet(r)
	}
	if hit := timesheet.CheckOverlap(existing, candidate); hit != nil {
		loc, err := w.Zone(ctx, hit.Client)
		if err != nil {
			return err
		}
		return typedInputError{overlapError{&timesheet.OverlapError{With: *hit, Loc: loc}, w.showSpan(hit.Start, hit.End, loc)}}
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

// typedInputError marks a typed error as bad input without hiding its type.
type typedInputError struct{ err error }

func (e typedInputError) Error() string { return e.err.Error() }
func (e typedInputError) Unwrap() []error {
	return []error{e.err, badinput.Errorf("%s", e.err.Error())}
}

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
	out := []string{}
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.Join(strings.Fields(t), "-")
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// ParseTime reads a --at/--from/--to value in client's zone ("" for the
// local zone); a bad value is an input error.
func (w *Workbench) ParseTime(ctx context.Context, s, client string) (time.Time, error) {
	loc, err := w.Zone(ctx, client)
	if err != nil {
		return time.Time{}, err
	}
	t, err := timesheet.ParseTime(s, w.Now(), loc)
	return t, badinput.Wrap(err)
}

// Zone is the zone times of client are read and shown in: its own, else
// the local one ("" for local).
func (w *Workbench) Zone(ctx context.Context, client string) (*time.Location, error) {
	if client == "" {
		return w.local(), nil
	}
	c, err := w.client(ctx, client)
	if err != nil {
		return nil, err
	}
	return w.zoneOf(c), nil
}

func (w *Workbench) local() *time.Location { return w.now().Location() }

// zoneOf is a client's zone, else local. Zones are validated when saved; an
// unloadable one (a system without that tzdata) falls back to local.
func (w *Workbench) zoneOf(c store.Client) *time.Location {
	if c.Timezone != "" {
		if loc, err := time.LoadLocation(c.Timezone); err == nil {
			return loc
		}
	}
	return w.local()
}

// clientZones maps every client's slug to its zone (nil: local).
func (w *Workbench) clientZones(ctx context.Context) (map[string]*time.Location, error) {
	cs, err := w.db.Clients(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*time.Location, len(cs))
	for _, c := range cs {
		out[c.Slug] = w.zoneOf(c)
	}
	return out, nil
}

func (w *Workbench) zoneFor(zones map[string]*time.Location, slug string) *time.Location {
	if loc := zones[slug]; loc != nil {
		return loc
	}
	return w.local()
}

// clippedSeconds is the part of e inside [from, to), counting a running
// entry up to now; ok is false when e does not touch the range.
func clippedSeconds(e timesheet.Entry, from, to, now time.Time) (int64, bool) {
	start, end := e.Start.Unix(), max(e.EndOr(now).Unix(), e.Start.Unix())
	f, t := from.Unix(), to.Unix()
	if start >= t || end < f || (end == f && start != end) {
		return 0, false
	}
	return max(0, min(end, t)-max(start, f)), true
}

// showTime is t in loc, labelled with the zone's abbreviation when that is
// not the local one ("2024-05-02 22:31 JST").
func (w *Workbench) showTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02 15:04") + ZoneSuffix(t, loc, w.local())
}

// ZoneSuffix is " " and the abbreviation of loc's zone at t ("JST") when t
// reads differently there than in local (another offset or abbreviation),
// and "" when it reads the same: a time in the local zone needs no label, a
// time in another zone must say which it is.
func ZoneSuffix(t time.Time, loc, local *time.Location) string {
	if loc == nil || local == nil {
		return ""
	}
	name, offset := t.In(loc).Zone()
	localName, localOffset := t.In(local).Zone()
	if name == localName && offset == localOffset {
		return ""
	}
	return " " + name
}

// showSpan is "start – end" in loc, the zone labelled once when both ends
// are in the same one; a nil end is "running".
func (w *Workbench) showSpan(start time.Time, end *time.Time, loc *time.Location) string {
	from, fromZone := start.In(loc).Format("2006-01-02 15:04"), ZoneSuffix(start, loc, w.local())
	if end == nil {
		return from + fromZone + " – running"
	}
	to, toZone := end.In(loc).Format("2006-01-02 15:04"), ZoneSuffix(*end, loc, w.local())
	if fromZone == toZone {
		return from + " – " + to + toZone
	}
	return from + fromZone + " – " + to + toZone
}

// toEntry is a stored entry as the front ends see it.
func toEntry(e store.Entry, now time.Time) Entry {
	tags := e.Tags
	if tags == nil {
		tags = []string{}
	}
	return Entry{ID: e.ID, Client: e.Client, Start: e.Start, End: e.End, Seconds: toSheet(e).Seconds(now),
		Note: e.Note, Tags: tags, Billable: e.Billable, Source: e.Source}
}

// toSheet is a stored entry for the timesheet rules.
func toSheet(e store.Entry) timesheet.Entry {
	return timesheet.Entry{ID: e.ID, Client: e.Client, Start: e.Start, End: e.End, Note: e.Note,
		Tags: e.Tags, Billable: e.Billable, Source: timesheet.Source(e.Source)}
}

// termsOf is a client's billing terms as the timesheet computes with them.
func (w *Workbench) termsOf(c store.Client) timesheet.Terms {
	mode, _ := timesheet.ParseRoundMode(c.RoundMode)
	per, _ := timesheet.ParseRoundPer(c.RoundPer)
	t := timesheet.Terms{RateMinor: c.RateMinor, Currency: c.Currency,
		RoundIncrement: time.Duration(c.RoundMinutes) * time.Minute, RoundMode: mode, RoundPer: per,
		MinimumPerEntry: time.Duration(c.MinimumMinutes) * time.Minute}
	if c.Timezone != "" {
		t.Location = w.zoneOf(c)
	}
	return t
}

// Settings of time tracking, kept in the global settings table.
const (
	SettingAutoTrack      = "auto_track"      // on | off
	SettingForgottenAfter = "forgotten_after" // a duration, like 10h
	SettingWeekStart      = "week_start"      // monday … sunday
	SettingName           = "name"            // the engineer's full name, for exports
	SettingEmail          = "email"           // the engineer's email address, for exports
	SettingSwitchGrace    = "switch_grace"    // a duration, like 60s; 0 turns it off
)

// maxSwitchGrace bounds switch_grace: a resumed entry bills the gap before
// the switch back, so a grace of hours would bill time spent elsewhere.
const maxSwitchGrace = time.Hour

// ConfigItem is one setting as `stint config` shows it.
type ConfigItem struct {
	Key     string `json:"key"`
	Value   string `json:"value"` // the effective value
	Default string `json:"default"`
	Set     bool   `json:"set"` // false: the default applies
	Help    string `json:"help"`
}

type settingSpec struct {
	def, help string
	normalise func(string) (string, error) // validates and returns the stored form
}

var settingSpecs = map[string]settingSpec{
	SettingAutoTrack: {"on", "start a client's timer when a shell switches to it (on|off)", func(s string) (string, error) {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "on", "true", "yes":
			return "on", nil
		case "off", "false", "no":
			return "off", nil
		}
		return "", badinput.Errorf("auto_track %q is invalid: use on or off", s)
	}},
	SettingForgottenAfter: {"10h", "a running timer older than this is reported as probably forgotten", func(s string) (string, error) {
		d, err := timesheet.ParseDuration(s)
		if err != nil || d < time.Minute {
			return "", badinput.Errorf("forgotten_after %q is invalid: give a duration of at least a minute, like 10h or 90m", s)
		}
		return shortDuration(d), nil
	}},
	SettingWeekStart: {"monday", "the day weeks start on (monday … sunday)", func(s string) (string, error) {
		d, err := parseWeekday(s)
		if err != nil {
			return "", err
		}
		return strings.ToLower(d.String()), nil
	}},
	SettingSwitchGrace: {"1m", "a switch entry shorter than this is dropped, and a switch back within it resumes the entry (0: off)", func(s string) (string, error) {
		d, err := timesheet.ParseDuration(s)
		if err != nil || d < 0 || d > maxSwitchGrace {
			return "", badinput.Errorf("switch_grace %q is invalid: give a duration from 0 (off) to 1h, like 60s or 2m", s)
		}
		return shortDuration(d), nil
	}},
	SettingName:  {"", "your full name, for the person columns of Toggl, Clockify and Harvest exports", normaliseName},
	SettingEmail: {"", "your email address, for the Email column of Toggl and Clockify exports", normaliseEmail},
}

// normaliseName accepts a person's name on one line, spaces collapsed.
func normaliseName(s string) (string, error) {
	name := strings.Join(strings.Fields(s), " ")
	if name == "" || strings.ContainsFunc(name, unicode.IsControl) || utf8.RuneCountInString(name) > 200 {
		return "", badinput.Errorf("name %q is invalid: give your full name on one line, like \"Dana Scully\"", s)
	}
	return name, nil
}

// normaliseEmail accepts one bare address (a "Name <addr>" form is reduced
// to the address; the name has its own setting).
func normaliseEmail(s string) (string, error) {
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil || strings.ContainsFunc(a.Address, unicode.IsSpace) {
		return "", badinput.Errorf("email %q is invalid: give one address, like dana@example.com", s)
	}
	return a.Address, nil
}

// ConfigKeys lists the settings `stint config` knows, sorted.
func ConfigKeys() []string {
	keys := make([]string, 0, len(settingSpecs))
	for k := range settingSpecs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func specOf(key string) (settingSpec, error) {
	s, ok := settingSpecs[key]
	if !ok {
		return s, badinput.Errorf("unknown setting %q: use one of %s", key, strings.Join(ConfigKeys(), ", "))
	}
	return s, nil
}

// Config reads one setting, or its default.
func (w *Workbench) Config(ctx context.Context, key string) (ConfigItem, error) {
	spec, err := specOf(key)
	if err != nil {
		return ConfigItem{}, err
	}
	v, set, err := w.db.Setting(ctx, key)
	if err != nil {
		return ConfigItem{}, err
	}
	if _, bad := spec.normalise(v); !set || bad != nil {
		v, set = spec.def, false
	}
	return ConfigItem{Key: key, Value: v, Default: spec.def, Set: set, Help: spec.help}, nil
}

// ConfigAll reads every setting.
func (w *Workbench) ConfigAll(ctx context.Context) ([]ConfigItem, error) {
	var out []ConfigItem
	for _, k := range ConfigKeys() {
		it, err := w.Config(ctx, k)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// SetConfig validates and stores a setting; "" restores the default.
func (w *Workbench) SetConfig(ctx context.Context, key, value string) (ConfigItem, error) {
	spec, err := specOf(key)
	if err != nil {
		return ConfigItem{}, err
	}
	if value != "" {
		if value, err = spec.normalise(value); err != nil {
			return ConfigItem{}, err
		}
	}
	if err := w.db.SetSetting(ctx, key, value); err != nil {
		return ConfigItem{}, fmt.Errorf("cannot save setting %s: %v", key, err)
	}
	return w.Config(ctx, key)
}

func (w *Workbench) forgottenAfter(ctx context.Context) (time.Duration, error) {
	it, err := w.Config(ctx, SettingForgottenAfter)
	if err != nil {
		return 0, err
	}
	d, _ := timesheet.ParseDuration(it.Value)
	return d, nil
}

func (w *Workbench) switchGrace(ctx context.Context) (time.Duration, error) {
	it, err := w.Config(ctx, SettingSwitchGrace)
	if err != nil {
		return 0, err
	}
	d, _ := timesheet.ParseDuration(it.Value)
	return d, nil
}

func (w *Workbench) weekStart(ctx context.Context) (time.Weekday, error) {
	it, err := w.Config(ctx, SettingWeekStart)
	if err != nil {
		return 0, err
	}
	return parseWeekday(it.Value)
}

// autoTracks: a switch to c moves the clock.
func (w *Workbench) autoTracks(ctx context.Context, c store.Client) (bool, error) {
	if !c.AutoTrack {
		return false, nil
	}
	it, err := w.Config(ctx, SettingAutoTrack)
	return err == nil && it.Value != "off", err
}

func parseWeekday(s string) (time.Weekday, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for d := time.Sunday; d <= time.Saturday; d++ {
		if name := strings.ToLower(d.String()); s == name || (len(s) >= 3 && strings.HasPrefix(name, s)) {
			return d, nil
		}
	}
	return 0, badinput.Errorf("week_start %q is invalid: use a day name, monday … sunday", s)
}

// shortDuration prints 10h rather than 10h0m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
