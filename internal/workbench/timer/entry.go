package timer

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/workbench/awsaccess"
)

// Entry is one time entry as the front ends see it (and `--json` prints
// it). End is nil while the timer runs; Seconds then counts up to the
// workbench clock.
type Entry struct {
	ID       int64      `json:"id"`
	Client   string     `json:"client"`
	Start    time.Time  `json:"start"`
	End      *time.Time `json:"end"`
	Seconds  int64      `json:"seconds"`
	Note     string     `json:"note"`
	Tags     []string   `json:"tags"`
	Billable bool       `json:"billable"`
	Source   string     `json:"source"`            // manual, switch, import
	Project  string     `json:"project,omitempty"` // one of the client's projects
}

// Running reports whether the entry's timer is still going.
func (e Entry) Running() bool { return e.End == nil }

// Discarded reports whether a switch stopped this entry and then dropped it
// as shorter than switch_grace: it is no longer stored, so it has no ID.
func (e Entry) Discarded() bool { return e.ID == 0 && e.End != nil }

// Status is what `stint status` and the TUI footer show.
type Status struct {
	Running   *Entry `json:"running"`   // nil when no timer runs
	Forgotten bool   `json:"forgotten"` // running longer than the configured limit
	// TodaySeconds is today's tracked time per client (running entry included),
	// days taken in each client's time zone.
	TodaySeconds map[string]int64 `json:"today_seconds"`
	// AWS is the temporary AWS credentials of the calling shell (set by
	// the front end from its environment; see awsaccess.InShell).
	AWS *awsaccess.ShellCredentials `json:"aws,omitempty"`
	// IdentityWarning is what the background identity check after the
	// calling shell's switch found wrong (set by the front end; see
	// package identity); "" for nothing.
	IdentityWarning string `json:"identity_warning,omitempty"`
}

// FromStore is a stored entry as the front ends see it, its length counted
// up to now.
func FromStore(e store.Entry, now time.Time) Entry {
	tags := e.Tags
	if tags == nil {
		tags = []string{}
	}
	return Entry{ID: e.ID, Client: e.Client, Start: e.Start, End: e.End, Seconds: Sheet(e).Seconds(now),
		Note: e.Note, Tags: tags, Billable: e.Billable, Source: e.Source, Project: e.Project}
}

// Sheet is a stored entry for the timesheet rules.
func Sheet(e store.Entry) timesheet.Entry {
	return timesheet.Entry{ID: e.ID, Client: e.Client, Start: e.Start, End: e.End, Note: e.Note,
		Tags: e.Tags, Billable: e.Billable, Source: timesheet.Source(e.Source), Project: e.Project}
}

// Sheets is Sheet of each.
func Sheets(rows []store.Entry) []timesheet.Entry {
	out := make([]timesheet.Entry, len(rows))
	for i, r := range rows {
		out[i] = Sheet(r)
	}
	return out
}

// ParseTime reads a --at/--from/--to value in client's zone ("" for the
// local zone); a bad value is an input error.
func (tm *Timer) ParseTime(ctx context.Context, s, client string) (time.Time, error) {
	loc, err := tm.clients.Zone(ctx, client)
	if err != nil {
		return time.Time{}, err
	}
	t, err := timesheet.ParseTime(s, tm.clock.Now(), loc)
	return t, badinput.Wrap(err)
}
