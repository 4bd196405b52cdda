package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// acmeRow is the list's TODAY and WEEK of acme.
func acmeRow(t *testing.T, h *harness) (today, week string) {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(h.screen()), "\n") {
		if strings.Contains(l, "acme ") && strings.Contains(l, "PROD") && strings.Contains(l, "●") {
			f := strings.Fields(strings.Split(l, "│")[0])
			require.GreaterOrEqual(t, len(f), 3, l)
			return f[len(f)-3], f[len(f)-2]
		}
	}
	t.Fatalf("no acme row:\n%s", h.screen())
	return "", ""
}

// The list's WEEK counts the running timer on as TODAY does: a status
// poll that finds nothing changed does not hold WEEK back at the time the
// week was read.
func TestListWeekCountsTheRunningTimerOnAsTodayDoes(t *testing.T) {
	b := fixture()
	clock := testNow
	b.now = func() time.Time { return clock }
	h := newHarness(t, b, Options{}, 120, 40)
	today0, week0 := acmeRow(t, h)

	clock = testNow.Add(10 * time.Minute)
	st, err := b.Status(context.Background())
	require.NoError(t, err)
	h.send(statusMsg{status: st, at: clock}) // the poll: the same timer, nothing else
	h.send(tickMsg(clock))
	today, week := acmeRow(t, h)
	assert.Equal(t, addMinutes(t, today0, 10), today)
	assert.Equal(t, addMinutes(t, week0, 10), week, "WEEK moves on with TODAY")
}

func addMinutes(t *testing.T, hm string, n int) string {
	t.Helper()
	d, err := time.ParseDuration(strings.Replace(hm, ":", "h", 1) + "m")
	require.NoError(t, err, hm)
	d += time.Duration(n) * time.Minute
	return strings.TrimSuffix(strings.Replace(strings.TrimSuffix(d.String(), "0s"), "h", ":", 1), "m")
}
