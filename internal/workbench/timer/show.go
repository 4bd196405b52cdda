package timer

import (
	"time"

	"github.com/stint-sh/stint/internal/display"
)

// showTime is t in loc, labelled with the zone's abbreviation when that is
// not the local one ("2024-05-02 22:31 JST").
func (tm *Timer) showTime(t time.Time, loc *time.Location) string {
	return display.Time(t, loc, tm.clock.Local())
}

// showSpan is an entry's span in loc, labelled like showTime.
func (tm *Timer) showSpan(start time.Time, end *time.Time, loc *time.Location) string {
	return display.Span(start, end, loc, tm.clock.Local())
}
