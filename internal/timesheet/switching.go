package timesheet

import (
	"strings"
	"time"
)

// The timer rules of stops and shell switches. A switch moves the clock
// with the shell: it stops the running timer and starts the new client's.
// Within a grace period (the switch_grace setting) nothing bills a slip:
// any timer stopped less than the grace after its start is discarded
// (Slipped), and a switch back to the client whose switch entry just ended
// resumes that entry instead of starting a second one.
// These functions decide; the caller reads the entries and carries the
// decision out in one transaction.

// SwitchInstant is when a switch happens: at (zero: now), in whole seconds,
// never before notBefore (the running timer's start; zero: no bound). A
// switch must not fail over a clock that moved backwards.
func SwitchInstant(at, now, notBefore time.Time) time.Time {
	if at.IsZero() {
		at = now
	}
	at = at.Truncate(time.Second)
	if at.Before(notBefore) {
		return notBefore
	}
	return at
}

// Slipped reports whether a timer stopped at end only slipped: it ran less
// than grace (the switch_grace setting), started by mistake or passed
// through on the way to another client. Per-entry rounding or a minimum
// must not bill that, however the timer stopped — `stint stop`, the TUI, a
// switch or a start of another client — and whoever started it. An entry
// the user wrote a note or tags on is work they claimed, and is kept. A
// grace of zero (or less) turns the rule off.
func Slipped(e Entry, end time.Time, grace time.Duration) bool {
	return grace > 0 && end.Sub(e.Start) < grace && e.Note == "" && len(e.Tags) == 0
}

// StopDiscards decides a stop of running at end that adds note (`stint stop
// -m`): the entry is dropped when it slipped and the stop gives it no note.
// A start of the running client splits its entry rather than stopping it,
// and never discards.
func StopDiscards(running Entry, end time.Time, note string, grace time.Duration) bool {
	return strings.TrimSpace(note) == "" && Slipped(running, end, grace)
}

// ResumeFrom is where the entries Resumable looks at begin: a caller
// passes it the entries overlapping [ResumeFrom(when, grace), ∞).
func ResumeFrom(when time.Time, grace time.Duration) time.Time { return when.Add(-grace) }

// Resumable finds the entry a switch to slug at when runs again: the most
// recent entry of recent (oldest first, leaving out skip, an entry about to
// be discarded, and entries starting after when), if it is slug's, a switch
// started it, and it ended less than grace before when. nil: none — also
// when the most recent entry is another client's (or still running), since
// resuming would run over it.
func Resumable(recent []Entry, slug string, when time.Time, grace time.Duration, skip int64) *Entry {
	if grace <= 0 {
		return nil
	}
	for i := len(recent) - 1; i >= 0; i-- {
		e := recent[i]
		if (skip != 0 && e.ID == skip) || e.Start.After(when) {
			continue
		}
		ok := e.Client == slug && e.Source == SourceSwitch && e.End != nil &&
			e.End.After(when.Add(-grace)) && !e.End.After(when)
		if ok {
			return &e
		}
		return nil
	}
	return nil
}

// SwitchStart is what a switch to a client does to the timesheet.
type SwitchStart struct {
	// At is the switch's instant: the running timer stops and the client's
	// starts here. Never before the running timer's start.
	At time.Time
	// Keep: the client's timer already runs, and a switch keeps it.
	Keep bool
	// Discard: the running entry, stopped at At, was flicked past and is
	// dropped (once the client's timer runs).
	Discard bool
	// Resume is the client's switch entry to run again instead of starting
	// a new one; nil: start one.
	Resume *Entry
}

// StartBySwitch decides a switch to slug at when (see SwitchInstant).
// running is the running entry (nil: none); recent holds the entries
// overlapping [ResumeFrom(when, grace), ∞), oldest first, the running one
// included.
func StartBySwitch(running *Entry, recent []Entry, slug string, when time.Time, grace time.Duration) SwitchStart {
	if running != nil && running.Client == slug {
		return SwitchStart{At: when, Keep: true}
	}
	d := SwitchStart{At: when}
	var skip int64
	if running != nil {
		d.At = SwitchInstant(when, when, running.Start)
		if d.Discard = Slipped(*running, d.At, grace); d.Discard {
			skip = running.ID
		}
	}
	d.Resume = Resumable(recent, slug, d.At, grace, skip)
	return d
}

// SwitchStop is what leaving a client (`stint off`) does to its timer.
type SwitchStop struct {
	At      time.Time // the running timer stops here, never before its start
	Discard bool      // the entry was flicked past and is dropped
}

// StopBySwitch decides a switch's stop of running at at (zero: now).
func StopBySwitch(running Entry, at, now time.Time, grace time.Duration) SwitchStop {
	end := SwitchInstant(at, now, running.Start)
	return SwitchStop{At: end, Discard: Slipped(running, end, grace)}
}
