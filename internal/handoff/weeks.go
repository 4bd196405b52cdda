package handoff

import "time"

// Span is a stretch of tracked time; End is when it stopped (or now, for a
// running timer).
type Span struct {
	Start, End time.Time
	Billable   bool
}

// Week is the time tracked in one week (Monday to Sunday in the client's
// time zone) that falls inside the reported window.
type Week struct {
	Start           time.Time `json:"start"`
	Seconds         int64     `json:"seconds"`
	BillableSeconds int64     `json:"billable_seconds"`
}

// Weeks totals spans per week over [from, to). A span counts whole in the
// week its start falls in, and not at all when it starts outside the window —
// the one attribution rule of stint's reports (timesheet.Attribution). Every
// week that touches the window is listed, empty ones too, oldest first.
func Weeks(spans []Span, from, to time.Time, loc *time.Location) []Week {
	if loc == nil {
		loc = time.Local
	}
	if !to.After(from) {
		return nil
	}
	var weeks []Week
	for start := weekStart(from, loc); start.Before(to); start = addDays(start, 7) {
		weeks = append(weeks, Week{Start: start})
	}
	for _, s := range spans {
		if s.Start.Before(from) || !s.Start.Before(to) || !s.End.After(s.Start) {
			continue
		}
		for i := range weeks {
			if s.Start.Before(weeks[i].Start) || !s.Start.Before(weekEnd(weeks, i)) {
				continue
			}
			secs := int64(s.End.Sub(s.Start) / time.Second)
			weeks[i].Seconds += secs
			if s.Billable {
				weeks[i].BillableSeconds += secs
			}
		}
	}
	return weeks
}

func weekEnd(weeks []Week, i int) time.Time {
	return addDays(weeks[i].Start, 7)
}

// weekStart is the Monday 00:00 on or before t, in loc.
func weekStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	return time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, loc)
}

// addDays moves by calendar days, so weeks across a DST change still start
// at midnight.
func addDays(t time.Time, n int) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day()+n, 0, 0, 0, 0, t.Location())
}
