package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// Sunday 1 November 2026 is 25 hours long in New York: clocks go back from
// 02:00 EDT to 01:00 EST.
func newYork(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	return loc
}

// timePaneOf opens the Time pane of the fake's only client and returns its
// lines, plain.
func timePaneOf(t *testing.T, b *fakeBackend, now time.Time) []string {
	t.Helper()
	h := newHarness(t, b, Options{CurrentClient: "nyc", Now: func() time.Time { return now }}, 120, 40)
	h.press("tab", "tab", "tab")
	require.Equal(t, paneTime, h.m.detail.pane)
	var pane []string
	for _, line := range strings.Split(h.screen(), "\n") {
		if _, right, ok := strings.Cut(line, "│"); ok {
			pane = append(pane, strings.TrimRight(right, " "))
		}
	}
	return pane
}

// line is the first line that starts with prefix (after its indent).
func line(t *testing.T, lines []string, prefix string) string {
	t.Helper()
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimLeft(l, " "), prefix) {
			return l
		}
	}
	t.Fatalf("no line starts with %q in\n%s", prefix, strings.Join(lines, "\n"))
	return ""
}

// nycFake has one client in New York, with entries around the fall-back
// night; the machine's clock runs in UTC.
func nycFake(t *testing.T, now time.Time) *fakeBackend {
	ny := newYork(t)
	f := newFake(func() time.Time { return now })
	f.clients = []workbench.ClientInfo{{Slug: "nyc", Name: "NYC Ltd", Currency: "USD", Timezone: "America/New_York", AutoTrack: true}}
	span := func(id int64, from, to time.Time) workbench.Entry {
		return workbench.Entry{ID: id, Client: "nyc", Start: from, End: &to, Seconds: int64(to.Sub(from) / time.Second), Billable: true}
	}
	f.entries = []workbench.Entry{
		span(1, time.Date(2026, 10, 31, 10, 0, 0, 0, ny), time.Date(2026, 10, 31, 11, 0, 0, 0, ny)), // Sat, 1:00
		span(2, time.Date(2026, 10, 31, 23, 0, 0, 0, ny), time.Date(2026, 11, 1, 1, 0, 0, 0, ny)),   // Sat → Sun, over midnight
		span(3, time.Date(2026, 11, 1, 23, 30, 0, 0, ny), time.Date(2026, 11, 1, 23, 45, 0, 0, ny)), // the 25th hour's evening
	}
	f.nextID = 10
	return f
}

// An entry at 23:30 on the 25-hour day is that day's: days are calendar
// days in the client's zone, not 24-hour steps from Monday in the
// machine's zone.
func TestTimePaneCountsTheLongFallBackDayInTheClientsZone(t *testing.T) {
	now := time.Date(2026, 11, 1, 23, 50, 0, 0, newYork(t)).In(time.UTC) // 04:50 UTC on Monday
	pane := timePaneOf(t, nycFake(t, now), now)

	assert.Contains(t, pane[2], "Today 1:15", "Sunday in New York: 1:00 after midnight, then 23:30–23:45")
	assert.Contains(t, pane[2], "Week 3:15")
	assert.Contains(t, line(t, pane, "Mon 26"), " -")
	assert.Contains(t, line(t, pane, "Sat 31"), "2:00", "10:00–11:00 and 23:00–24:00")
	assert.Contains(t, line(t, pane, "Sun 01"), "1:15", "00:00–01:00 and 23:30–23:45")
	assert.NotContains(t, strings.Join(pane, "\n"), "Mon 02", "the week ends with Sunday 1 November")
	assert.Contains(t, line(t, pane, "Entries this week"), "times in EST")
	assert.Contains(t, line(t, pane, "› today"), "23:30–23:45", "times read in the client's zone; the newest entry under the cursor")
}

// week_start moves the pane's week, as it moves `stint log` and the Week view.
func TestTimePaneWeekStartsOnTheWeekStartSetting(t *testing.T) {
	now := time.Date(2026, 11, 1, 23, 50, 0, 0, newYork(t)).In(time.UTC)
	b := nycFake(t, now)
	b.weekStart = time.Sunday
	pane := timePaneOf(t, b, now)

	assert.True(t, strings.HasPrefix(strings.TrimLeft(pane[3], " "), "Sun 01"), "the first day is Sunday: %q", pane[3])
	assert.Contains(t, pane[3], "1:15")
	assert.Contains(t, pane[2], "Week 1:15", "Saturday's time, and Saturday's part of the entry over midnight, are last week's")
	assert.Contains(t, line(t, pane, "Sat 07"), " -")
}

func TestWeekDaysAreCalendarDays(t *testing.T) {
	ny := newYork(t)
	days := weekDays(time.Date(2026, 10, 26, 0, 0, 0, 0, ny))
	for i, d := range days {
		assert.Equal(t, time.Date(2026, 10, 26+i, 0, 0, 0, 0, ny), d)
	}
	assert.Equal(t, 25*time.Hour, days[7].Sub(days[6]), "Sunday 1 November is 25 hours long")
	assert.Equal(t, 6, dayIndex(days, time.Date(2026, 11, 1, 23, 30, 0, 0, ny)))
	assert.Equal(t, -1, dayIndex(days, days[7]))
}

// The Time pane loads a client's week once, keeps each client's answer,
// and forgets one client's or every client's week when time changed.
func TestTimePaneLoadsEachClientsWeekOnce(t *testing.T) {
	p := newTimePane(testShared(fixture()))
	cmd := p.Ensure("acme")
	require.NotNil(t, cmd)
	assert.Nil(t, p.Ensure("acme"), "loading already")
	assert.Contains(t, strings.Join(p.Lines("acme", 60), "\n"), "loading…")
	for _, msg := range drain(cmd) {
		p.Update(msg.(entriesMsg))
	}
	for _, msg := range drain(p.Ensure("globex")) {
		p.Update(msg.(entriesMsg))
	}
	assert.Len(t, p.weeks["acme"].val.entries, 3)
	assert.Contains(t, strings.Join(p.Lines("acme", 60), "\n"), "incident review")
	assert.NotContains(t, strings.Join(p.Lines("globex", 60), "\n"), "incident review")

	p.Forget("acme")
	assert.NotContains(t, p.weeks, "acme")
	assert.Contains(t, p.weeks, "globex")
	p.Forget("")
	assert.Empty(t, p.weeks)
}

// A timer stopped in another shell: the next status poll sees it, and the
// Time pane stops counting it, reloaded rather than left ticking.
func TestTimePaneFollowsAStopMadeElsewhere(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("tab", "tab", "tab")
	require.Equal(t, paneTime, h.m.detail.pane)
	running := func() bool {
		for _, e := range h.m.detail.time.weeks["acme"].val.entries {
			if e.Running() {
				return true
			}
		}
		return false
	}
	require.True(t, running())
	_, err := b.Stop(context.Background(), testNow, "") // another shell
	require.NoError(t, err)
	h.send(tickMsg(testNow.Add(statusEvery)))
	assert.Nil(t, h.m.sh.status.Running)
	assert.False(t, running(), "the pane's week is read again")
}

// Entries whose billed time is not their worked time are marked: under a
// minute, and raised by the client's per-entry rounding, as the report
// bills them.
func TestTimePaneMarksShortAndRoundedEntries(t *testing.T) {
	b := fixture()
	end := func(t time.Time) *time.Time { return &t }
	b.entries = append(b.entries,
		workbench.Entry{ID: 6, Client: "acme", Start: at(24, 14, 0), End: end(at(24, 14, 0).Add(20 * time.Second)), Seconds: 20, Billable: true},
		workbench.Entry{ID: 7, Client: "acme", Start: at(24, 15, 0), End: end(at(24, 15, 15)), Seconds: 900, Billable: true})
	h := newHarness(t, b, Options{}, 140, 40)
	h.press("tab", "tab", "tab")
	screen := h.screen()
	assert.Contains(t, screen, "↑ under a minute, billed 0:15", "20 s billed as a 15-minute increment")
	assert.Regexp(t, `1:40 +incident review +↑ billed 1:45`, screen, "1:40 rounds up to 1:45")
	assert.NotRegexp(t, `0:15 +↑`, screen, "an exact increment is not raised")
}

// An entry's project shows in the Time pane, before its note.
func TestTimePaneShowsTheProject(t *testing.T) {
	b := fixture()
	end := func(t time.Time) *time.Time { return &t }
	b.entries = append(b.entries,
		workbench.Entry{ID: 8, Client: "acme", Start: at(24, 16, 0), End: end(at(24, 17, 0)), Seconds: 3600, Billable: true,
			Project: "Security audit", Note: "pen test"})
	h := newHarness(t, b, Options{}, 140, 40)
	h.press("tab", "tab", "tab")
	assert.Regexp(t, `1:00 +\[Security audit\] +pen test`, h.screen())
}
