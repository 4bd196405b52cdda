package timer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/workbench/clients"
)

// Timers and time entries. Every change runs in one store.EditEntries unit
// of work (an IMMEDIATE transaction), so the rules checked inside it — one
// running timer, no overlapping entries — hold across processes.
//
// "Local" is the zone of the workbench clock (time.Now() gives time.Local;
// tests pass a clock in a fixed zone). A client's own zone, when it has one,
// wins for everything that concerns that client: parsing, days, weeks.

// Status is the running timer, whether it looks forgotten, and today's time
// per client, each client's day taken in its own zone: the entries that
// started today, whole (timesheet.Attribution), a running one up to now.
func (tm *Timer) Status(ctx context.Context) (Status, error) {
	now := tm.clock.Now()
	st := Status{TodaySeconds: map[string]int64{}}
	running, err := tm.db.RunningEntry(ctx)
	if err != nil {
		return st, err
	}
	if running != nil {
		e := FromStore(*running, now)
		st.Running = &e
		limit, err := tm.settings.ForgottenAfter(ctx)
		if err != nil {
			return st, err
		}
		st.Forgotten = timesheet.Forgotten(Sheet(*running), now, limit)
	}
	zones, err := tm.clients.Zones(ctx)
	if err != nil {
		return st, err
	}
	// Today in any zone lies within a day (of up to 25 h) either side of now.
	entries, err := tm.db.EntriesBetween(ctx, now.Add(-26*time.Hour), now.Add(26*time.Hour), 0)
	if err != nil {
		return st, err
	}
	for _, e := range entries {
		loc := zones[e.Client]
		if loc == nil {
			loc = tm.clock.Local()
		}
		from, to := timesheet.DayRange(now, loc)
		if !e.Start.Before(from) && e.Start.Before(to) {
			st.TodaySeconds[e.Client] += Sheet(e).Seconds(now)
		}
	}
	return st, nil
}

// Start starts slug's timer at at (zero: now), stopping the running one at
// the same instant in the same transaction. Starting the client that is
// already running splits its entry there. A start in the future, before the
// running timer's start, or before the end of a later entry is refused.
func (tm *Timer) Start(ctx context.Context, slug string, at time.Time, note string) (started Entry, stopped *Entry, err error) {
	return tm.StartProject(ctx, slug, "", at, note)
}

// StartProject is Start with the new entry in one of the client's projects
// ("" none); a project the client does not have is refused.
func (tm *Timer) StartProject(ctx context.Context, slug, project string, at time.Time, note string) (started Entry, stopped *Entry, err error) {
	s, stopped, err := tm.startFrom(ctx, slug, at, "start", timesheet.SourceManual,
		store.Entry{Note: strings.TrimSpace(note), Billable: true, Project: project})
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
func (tm *Timer) StartFromSwitch(ctx context.Context, slug string, at time.Time) (started *Entry, stopped *Entry, err error) {
	c, err := tm.clients.Client(ctx, slug)
	if err != nil {
		return nil, nil, err
	}
	track, err := tm.autoTracks(ctx, c)
	if err != nil {
		return nil, nil, err
	}
	if !track {
		stopped, err := tm.StopFromSwitch(ctx, at)
		return nil, stopped, err
	}
	return tm.startTimer(ctx, slug, at, "", timesheet.SourceSwitch)
}

// StopFromSwitch is `stint off`: it stops the running timer if auto-track
// applies to its client, and returns it; nil when nothing was stopped. A
// timer stopped sooner than switch_grace is discarded, and returned with ID 0.
func (tm *Timer) StopFromSwitch(ctx context.Context, at time.Time) (*Entry, error) {
	var out *Entry
	err := tm.db.EditEntries(ctx, tm.clock.Now(), func(tx *store.EntryTx) error {
		tx.Journal("switch")
		var err error
		out, err = tm.stopBySwitchIn(ctx, tx, at)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("cannot stop the timer: %w", err)
	}
	return out, nil
}

// stopBySwitchIn is StopFromSwitch inside tx.
func (tm *Timer) stopBySwitchIn(ctx context.Context, tx *store.EntryTx, at time.Time) (*Entry, error) {
	r, err := tx.Running()
	if err != nil || r == nil {
		return nil, err
	}
	c, err := tm.clients.Client(ctx, r.Client)
	if err != nil {
		return nil, err
	}
	if track, err := tm.autoTracks(ctx, c); err != nil || !track {
		return nil, err
	}
	grace, err := tm.settings.SwitchGrace(ctx)
	if err != nil {
		return nil, err
	}
	d := timesheet.StopBySwitch(Sheet(*r), at, tm.clock.Now(), grace)
	e, err := tm.stopEntry(tx, *r, d.At, "")
	if err != nil {
		return nil, err
	}
	if d.Discard {
		err = discard(tx, &e)
	}
	return &e, err
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

// startTimer is Start and StartFromSwitch. A manual start refuses an
// instant before the running timer's start; a switch follows the switch
// rules (timesheet.StartBySwitch): it keeps a timer of the same client,
// clamps its instant to the running timer's start, and discards or resumes
// entries within switch_grace.
func (tm *Timer) startTimer(ctx context.Context, slug string, at time.Time, note string, source timesheet.Source) (started, stopped *Entry, err error) {
	kind := "start"
	if source == timesheet.SourceSwitch {
		kind = "switch"
	}
	return tm.startFrom(ctx, slug, at, kind, source, store.Entry{Note: strings.TrimSpace(note), Billable: true})
}

// startFrom is startTimer with the new entry's note, tags and billable
// flag taken from template (a continued entry's), recorded in the undo log
// as kind.
func (tm *Timer) startFrom(ctx context.Context, slug string, at time.Time, kind string, source timesheet.Source, template store.Entry) (started, stopped *Entry, err error) {
	c, err := tm.clients.Client(ctx, slug)
	if err != nil {
		return nil, nil, err
	}
	if c.Archived {
		// Its work has ended: a timer would bill time nobody sees, as the
		// switch it cannot have come from would refuse too.
		return nil, nil, clients.ArchivedError(slug)
	}
	bySwitch := source == timesheet.SourceSwitch
	grace, err := tm.settings.SwitchGrace(ctx)
	if err != nil {
		return nil, nil, err
	}
	loc := tm.clients.ZoneOf(c)
	err = tm.db.EditEntries(ctx, tm.clock.Now(), func(tx *store.EntryTx) error {
		// Read the clock inside the transaction: a start that waited for
		// another process's lock still starts after that process's timer.
		now := tm.clock.Now()
		when := at.Truncate(time.Second)
		if at.IsZero() {
			when = now
		}
		if when.After(now) {
			return badinput.Errorf("cannot start a timer in the future (%s): give a time up to now", tm.showTime(when, loc))
		}
		running, err := tx.Running()
		if err != nil {
			return err
		}
		if bySwitch {
			tx.Journal("switch")
			started, stopped, _, err = tm.switchStart(ctx, tx, c, running, when, grace)
			return err
		}
		tx.Journal(kind)
		if running != nil && when.Before(running.Start) {
			return badinput.Errorf("the %s timer started at %s, after %s: give a later --at, or stop it first",
				running.Client, tm.showTime(running.Start, loc), tm.showTime(when, loc))
		}
		started, stopped, err = tm.startManual(ctx, tx, c, running, when, grace, template)
		return err
	})
	if err != nil {
		return nil, nil, wrapTimeErr("cannot start the timer", err)
	}
	return started, stopped, nil
}

// switchStart carries out timesheet.StartBySwitch for a switch to c at when
// inside tx: it stops the running timer, then resumes c's entry or starts
// one, then drops the stopped entry if it was only flicked past.
func (tm *Timer) switchStart(ctx context.Context, tx *store.EntryTx, c store.Client, running *store.Entry, when time.Time, grace time.Duration) (started, stopped *Entry, resumed bool, err error) {
	var run *timesheet.Entry
	if running != nil {
		r := Sheet(*running)
		run = &r
	}
	var rows []store.Entry
	if grace > 0 && (running == nil || running.Client != c.Slug) {
		if rows, err = tx.Overlapping(timesheet.ResumeFrom(when, grace), time.Time{}); err != nil {
			return nil, nil, false, err
		}
	}
	recent := make([]timesheet.Entry, len(rows))
	for i, r := range rows {
		recent[i] = Sheet(r)
	}
	d := timesheet.StartBySwitch(run, recent, c.Slug, when, grace)
	if d.Keep {
		return nil, nil, false, nil
	}
	if running != nil {
		e, err := tm.stopEntry(tx, *running, d.At, "")
		if err != nil {
			return nil, nil, false, err
		}
		stopped = &e
	}
	if d.Resume != nil {
		// The flicked-past entry lies inside the resumed one: it goes first.
		if d.Discard {
			if err := discard(tx, stopped); err != nil {
				return nil, nil, false, err
			}
		}
		for _, r := range rows {
			if r.ID == d.Resume.ID {
				started, err = tm.reopen(ctx, tx, r)
				return started, stopped, err == nil, err
			}
		}
	}
	if started, err = tm.insertRunning(ctx, tx, c, d.At, "", timesheet.SourceSwitch); err != nil {
		return nil, nil, false, err
	}
	// Deleted after the insert, so the new entry cannot take over its ID
	// (SQLite hands out the largest ID plus one) and with it its history.
	if d.Discard {
		err = discard(tx, stopped)
	}
	return started, stopped, false, err
}

// startManual starts c's timer at when inside tx with template's note,
// tags and billable flag, stopping the running one there. A running timer
// of another client that slipped (timesheet.StopDiscards) is discarded once
// the new one runs; one of the same client is split at when, never
// discarded.
func (tm *Timer) startManual(ctx context.Context, tx *store.EntryTx, c store.Client, running *store.Entry, when time.Time, grace time.Duration, template store.Entry) (started, stopped *Entry, err error) {
	drop := false
	if running != nil {
		drop = running.Client != c.Slug && timesheet.StopDiscards(Sheet(*running), when, "", grace)
		e, err := tm.stopEntry(tx, *running, when, "")
		if err != nil {
			return nil, nil, err
		}
		stopped = &e
	}
	candidate := timesheet.Entry{Client: c.Slug, Start: when, Billable: template.Billable, Source: timesheet.SourceManual}
	if err := tm.checkOverlap(ctx, tx, candidate); err != nil {
		return nil, nil, err
	}
	row := store.Entry{ClientID: c.ID, Client: c.Slug, Start: when, Note: template.Note, Tags: template.Tags,
		Billable: template.Billable, Source: string(timesheet.SourceManual), Project: template.Project}
	if err := checkProject(tx, row); err != nil {
		return nil, nil, err
	}
	if row.ID, err = tx.Insert(row); err != nil {
		return nil, nil, err
	}
	e := FromStore(row, tm.clock.Now())
	if drop {
		err = discard(tx, stopped)
	}
	return &e, stopped, err
}

// reopen makes a stopped entry run again (its stopped version is kept).
func (tm *Timer) reopen(ctx context.Context, tx *store.EntryTx, e store.Entry) (*Entry, error) {
	e.End = nil
	if err := tm.checkOverlap(ctx, tx, Sheet(e)); err != nil {
		return nil, err
	}
	if err := tx.Update(e, "edit"); err != nil {
		return nil, err
	}
	out := FromStore(e, tm.clock.Now())
	return &out, nil
}

// insertRunning adds a running entry of c from when.
func (tm *Timer) insertRunning(ctx context.Context, tx *store.EntryTx, c store.Client, when time.Time, note string, source timesheet.Source) (*Entry, error) {
	candidate := timesheet.Entry{Client: c.Slug, Start: when, Billable: true, Source: source}
	if err := tm.checkOverlap(ctx, tx, candidate); err != nil {
		return nil, err
	}
	row := store.Entry{ClientID: c.ID, Client: c.Slug, Start: when, Note: strings.TrimSpace(note), Billable: true, Source: string(source)}
	var err error
	if row.ID, err = tx.Insert(row); err != nil {
		return nil, err
	}
	e := FromStore(row, tm.clock.Now())
	return &e, nil
}

// Stop stops the running timer at at (zero: now). A note is appended to the
// entry's note (or becomes it). Nothing running is an input error.
func (tm *Timer) Stop(ctx context.Context, at time.Time, note string) (Entry, error) {
	var out Entry
	err := tm.db.EditEntries(ctx, tm.clock.Now(), func(tx *store.EntryTx) error {
		running, err := tx.Running()
		if err != nil {
			return err
		}
		if running == nil {
			return badinput.Errorf("no timer is running: start one with `stint start NAME`")
		}
		tx.Journal("stop")
		now := tm.clock.Now()
		when := at.Truncate(time.Second)
		if at.IsZero() {
			when = now
		}
		loc, err := tm.clients.Zone(ctx, running.Client)
		if err != nil {
			return err
		}
		if when.After(now) {
			return badinput.Errorf("cannot stop a timer in the future (%s): give a time up to now", tm.showTime(when, loc))
		}
		if when.Before(running.Start) {
			return badinput.Errorf("the %s timer started at %s, after %s: give a later --at",
				running.Client, tm.showTime(running.Start, loc), tm.showTime(when, loc))
		}
		grace, err := tm.settings.SwitchGrace(ctx)
		if err != nil {
			return err
		}
		out, err = tm.stopEntry(tx, *running, when, note)
		if err != nil {
			return err
		}
		if timesheet.StopDiscards(Sheet(*running), when, note, grace) {
			tx.Journal("discard")
			return discard(tx, &out)
		}
		return nil
	})
	if err != nil {
		return Entry{}, wrapTimeErr("cannot stop the timer", err)
	}
	return out, nil
}

// stopEntry ends a running entry at end, keeping its previous version.
func (tm *Timer) stopEntry(tx *store.EntryTx, running store.Entry, end time.Time, note string) (Entry, error) {
	running.End = &end
	running.Note = appendNote(running.Note, note)
	if err := tx.Update(running, "stop"); err != nil {
		return Entry{}, err
	}
	return FromStore(running, tm.clock.Now()), nil
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
