package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The week view in a real terminal, on the real binary and database: the
// cursor goes to last week's day with an entry, enter opens it, x and y
// delete the entry, u brings it back, and + adds one after it, pre-filled
// for that client and day — each visible to `stint log` at once.
func TestWeekViewDayInARealTerminal(t *testing.T) {
	h := newHome(t)
	h.client("acme", "--name", "Acme Corp")
	day := time.Now().UTC().AddDate(0, 0, -7) // TZ=UTC: the TUI's zone too
	date := day.Format("2006-01-02")
	h.ok("add", "acme", "--from", date+" 12:00", "--to", date+" 13:00", "-m", "pairing")
	log := func() string { return h.ok("log", "--from", date, "--client", "acme") }

	s := startTmux(t, h.env, stintBin)
	s.waitFor("Acme Corp")
	s.send("w")
	s.waitFor("this week")
	s.send("[")
	s.waitFor("last week")
	// From the week's first day (Monday, week_start's default) to the
	// entry's: whatever day today is.
	for range 6 {
		s.send("h")
	}
	for range (int(day.Weekday()) + 6) % 7 {
		s.send("l")
	}
	s.send("Enter")
	s.waitFor(day.Format("Mon 2 Jan 2006"))
	s.waitFor("pairing")

	s.send("x")
	s.waitFor("Delete acme's entry")
	s.send("y")
	s.waitFor("no time on this day")
	require.NotContains(t, log(), "pairing")
	s.send("u")
	s.waitFor("pairing")
	require.Contains(t, log(), "pairing")

	s.send("+")
	s.waitFor("Add time to acme")
	screen := s.waitFor("> " + date + " 14:00")
	require.Contains(t, screen, "> "+date+" 13:00", "from the end of the day's last entry")
	for range 6 { // From, To, Note, Tags, Billable, Project
		s.send("Enter")
	}
	s.waitFor("Added entry")
	s.waitFor("13:00–14:00")
	out := log()
	require.Contains(t, out, "pairing")
	require.Equal(t, 2, strings.Count(out, "acme"), out)

	// One key at a time: an Escape followed at once by another key reads
	// as Alt and that key.
	s.send("Escape")
	s.waitUntil("closed the day", func(screen string) bool { return strings.Contains(screen, "[/]") })
	s.send("Escape")
	s.waitUntil("left the week view", func(screen string) bool { return !strings.Contains(screen, "Week of") })
	s.send("q") // the TUI quits, and the pane with it
}
