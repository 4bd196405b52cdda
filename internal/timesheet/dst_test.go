package timesheet

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

// dstWeeks are weeks (Monday start) containing a clock change, with the
// date of the change and how long that local day is.
var dstWeeks = []struct {
	zone      string
	monday    string
	change    string
	changeLen time.Duration
}{
	{"Europe/Berlin", "2024-03-25", "2024-03-31", 23 * time.Hour},
	{"Europe/Berlin", "2024-10-21", "2024-10-27", 25 * time.Hour},
	{"America/New_York", "2024-03-04", "2024-03-10", 23 * time.Hour},
	{"America/New_York", "2024-10-28", "2024-11-03", 25 * time.Hour},
}

func TestDayAndWeekRangesAcrossDST(t *testing.T) {
	for _, w := range dstWeeks {
		loc := mustZone(t, w.zone)
		mid, _ := time.ParseInLocation("2006-01-02 15:04", w.change+" 12:00", loc)
		from, to := DayRange(mid, loc)
		assert.Equal(t, w.changeLen, to.Sub(from), "%s %s", w.zone, w.change)
		assert.Equal(t, "00:00", from.Format("15:04"))
		assert.Equal(t, "00:00", to.Format("15:04"))

		wf, wt := WeekRange(mid, loc, time.Monday)
		assert.Equal(t, w.monday, wf.Format("2006-01-02"), w.zone)
		assert.Equal(t, 6*24*time.Hour+w.changeLen, wt.Sub(wf), "%s week length", w.zone)
		assert.Equal(t, time.Monday, wt.Weekday())
	}
}

// A worker who logs every local day of the week from midnight to midnight,
// plus a late stint 23:30–00:30 each evening, must see 24 h days, one 23 h or
// 25 h day, and the late stints on the day they started.
func TestDayTotalsInAWeekWithAClockChange(t *testing.T) {
	for _, w := range dstWeeks {
		t.Run(w.zone+" "+w.change, func(t *testing.T) {
			loc := mustZone(t, w.zone)
			monday, _ := time.ParseInLocation("2006-01-02", w.monday, loc)
			var entries []Entry
			id := int64(0)
			for d := range 7 {
				start := time.Date(monday.Year(), monday.Month(), monday.Day()+d, 0, 0, 0, 0, loc)
				end := time.Date(monday.Year(), monday.Month(), monday.Day()+d, 23, 30, 0, 0, loc)
				id++
				entries = append(entries, Entry{ID: id, Client: "acme", Start: start.UTC(), End: TimePtr(end.UTC()), Billable: true})
				late := end.Add(time.Hour)
				id++
				entries = append(entries, Entry{ID: id, Client: "acme", Start: end.UTC(), End: TimePtr(late.UTC()), Billable: true})
			}
			from, to := WeekRange(monday.Add(36*time.Hour), loc, time.Monday)
			hourly := Terms{RateMinor: 3600, Currency: "EUR", Location: loc}
			// The fallback zone is deliberately different: the client's own zone wins.
			r, err := BuildReport(entries, map[string]Terms{"acme": hourly},
				ReportOptions{From: from, To: to, By: ByDay, Location: time.UTC})
			require.NoError(t, err)
			require.Len(t, r.Groups, 7)
			for i, g := range r.Groups {
				day := time.Date(monday.Year(), monday.Month(), monday.Day()+i, 0, 0, 0, 0, loc)
				assert.Equal(t, day.Format("2006-01-02"), g.Key)
				want := int64(23*3600 + 30*60) // the working part of a 24 h day
				if g.Key == w.change {
					want += int64(w.changeLen-24*time.Hour) / int64(time.Second)
				}
				// The late stint counts whole on the day it started, Sunday's
				// too: an entry belongs to the range its start falls in.
				want += 3600
				assert.Equal(t, 2, g.Entries)
				assert.Equal(t, want, g.Seconds, "day %s", g.Key)
				assert.Equal(t, want, g.AmountMinor, "1 minor unit per second")
			}
			// The late stints overlap the next day's first entry by 30 min;
			// Sunday's reaches 30 min past the week, whole.
			assert.Equal(t, int64(to.Sub(from)/time.Second)+7*1800, r.TotalSeconds)
		})
	}
}

func TestMonthRange(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	from, to := MonthRange(2024, time.March, ny)
	assert.Equal(t, "2024-03-01T00:00:00-05:00", from.Format(time.RFC3339))
	assert.Equal(t, "2024-04-01T00:00:00-04:00", to.Format(time.RFC3339))
	assert.Equal(t, 31*24*time.Hour-time.Hour, to.Sub(from))
	from, to = MonthRange(2024, time.December, ny)
	assert.Equal(t, "2025-01-01", to.Format("2006-01-02"))
	assert.Equal(t, "2024-12-01", from.Format("2006-01-02"))
}

func TestWeekStartIsConfigurable(t *testing.T) {
	wed := at("2024-05-15T12:00:00Z")
	from, _ := WeekRange(wed, time.UTC, time.Sunday)
	assert.Equal(t, "2024-05-12", from.Format("2006-01-02"))
	from, _ = WeekRange(wed, time.UTC, time.Wednesday)
	assert.Equal(t, "2024-05-15", from.Format("2006-01-02"))
	from, _ = WeekRange(wed, time.UTC, time.Thursday)
	assert.Equal(t, "2024-05-09", from.Format("2006-01-02"))
}
