package timesheet

import (
	"fmt"
	"time"

	"github.com/stint-sh/stint/internal/display"
)

// DefaultForgottenAfter is how long a timer may run before stint calls it
// probably forgotten.
const DefaultForgottenAfter = 10 * time.Hour

// Forgotten reports whether a running entry has run longer than limit
// (DefaultForgottenAfter when limit is zero or negative). Ended entries are
// never forgotten.
func Forgotten(running Entry, now time.Time, limit time.Duration) bool {
	if !running.Running() {
		return false
	}
	if limit <= 0 {
		limit = DefaultForgottenAfter
	}
	return now.Sub(running.Start) > limit
}

// CheckOverlap returns the existing entry that candidate would overlap, or
// nil. Intervals are half-open, so an entry may start the second another
// ends. A running entry (existing or candidate) reaches forever: nothing may
// be added after a running timer's start, because the timer will cover it.
// An existing entry with the candidate's ID is the candidate's own previous
// version (an edit) and is skipped. When several collide, the earliest
// starting one (then the lowest ID) is returned, so messages are stable.
func CheckOverlap(existing []Entry, candidate Entry) *Entry {
	cs, ce := bounds(candidate)
	var hit *Entry
	for i := range existing {
		e := &existing[i]
		if candidate.ID != 0 && e.ID == candidate.ID {
			continue
		}
		es, ee := bounds(*e)
		if !overlaps(cs, ce, es, ee) {
			continue
		}
		if hit == nil || e.Start.Before(hit.Start) || (e.Start.Equal(hit.Start) && e.ID < hit.ID) {
			hit = e
		}
	}
	if hit == nil {
		return nil
	}
	found := *hit
	return &found
}

// bounds returns an entry's interval in Unix seconds; a running entry ends
// at the largest instant there is.
func bounds(e Entry) (start, end int64) {
	start, end = e.Start.Unix(), int64(1<<63-1)
	if e.End != nil {
		end = e.End.Unix()
	}
	return start, end
}

// overlaps: two half-open intervals share at least one instant. An empty
// interval shares an instant only when it lies strictly inside the other.
func overlaps(as, ae, bs, be int64) bool {
	if as == ae {
		return bs < as && as < be
	}
	if bs == be {
		return as < bs && bs < ae
	}
	return as < be && bs < ae
}

// OverlapError is the refusal of an add or edit that would overlap another
// entry; its message names the entry in the way.
type OverlapError struct {
	With Entry
	Loc  *time.Location // zone to show times in; nil means UTC
}

func (e *OverlapError) Error() string {
	loc := e.Loc
	if loc == nil {
		loc = time.UTC
	}
	return fmt.Sprintf("overlaps entry %d (%s, %s): change --from/--to or edit that entry first",
		e.With.ID, e.With.Client, display.Span(e.With.Start, e.With.End, loc, loc))
}
