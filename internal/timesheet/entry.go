package timesheet

import (
	"fmt"
	"time"
)

// Source says how an entry came to exist.
type Source string

// The sources an entry can have; the store keeps them as these strings.
const (
	SourceManual Source = "manual" // stint start/stop/add
	SourceSwitch Source = "switch" // started or stopped by a shell switch
	SourceImport Source = "import" // brought in from another tracker
)

// ParseSource validates a stored or typed source name.
func ParseSource(s string) (Source, error) {
	switch Source(s) {
	case SourceManual, SourceSwitch, SourceImport:
		return Source(s), nil
	}
	return "", fmt.Errorf("source %q is unknown: use manual, switch or import", s)
}

// Entry is one stretch of time for one client. Start and End are instants
// (the store keeps them in UTC). End is nil while the timer runs: a pointer
// rather than a zero time so that "running" cannot be confused with a real
// instant and maps directly onto a NULL column and a JSON null.
type Entry struct {
	ID       int64
	Client   string // client slug
	Start    time.Time
	End      *time.Time // nil: running
	Note     string
	Tags     []string
	Billable bool
	Source   Source
	Project  string // one of the client's projects; "" for none
}

// Running reports whether the entry's timer is still going.
func (e Entry) Running() bool { return e.End == nil }

// EndOr returns the entry's end, or now for a running entry.
func (e Entry) EndOr(now time.Time) time.Time {
	if e.End == nil {
		return now
	}
	return *e.End
}

// Seconds is the entry's length in whole seconds, counting a running entry up
// to now. Never negative: an end before the start (or a running entry whose
// start is after now, as after a clock change) counts as zero.
func (e Entry) Seconds(now time.Time) int64 {
	return max(0, e.EndOr(now).Unix()-e.Start.Unix())
}

// Validate checks what every stored entry must satisfy.
func (e Entry) Validate() error {
	if e.Client == "" {
		return fmt.Errorf("entry has no client: name the client it belongs to")
	}
	if e.Start.IsZero() {
		return fmt.Errorf("entry has no start time: give --from or --at")
	}
	if e.End != nil && e.End.Before(e.Start) {
		return fmt.Errorf("entry ends (%s) before it starts (%s): swap --from and --to",
			e.End.UTC().Format(time.RFC3339), e.Start.UTC().Format(time.RFC3339))
	}
	if _, err := ParseSource(string(e.Source)); err != nil {
		return err
	}
	return nil
}

// TimePtr returns a pointer to t, for building ended entries in one line.
func TimePtr(t time.Time) *time.Time { return &t }
