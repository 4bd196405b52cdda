package cli

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The hook's report flags the stretch and asks once on a terminal;
// unanswered it stays flagged in status until `stint idle` decides.
func TestIdleCommand(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	assert.Equal(t, "No idle time to decide on.\n", h.ok("idle"))
	h.fails(2, "no idle time to decide on", "idle", "keep")
	h.fails(2, "is not a decision", "idle", "maybe")

	h.ok("start", "globex", "--at", "-2h")
	*clock = clock.Add(time.Minute)
	h.env["STINT_CLIENT"], h.env["STINT_SESSION"] = "globex", "1-1"
	h.tty, h.stdin = true, "\n" // Enter: later
	r := h.run("idle", "--gap", "1800")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "Idle: the globex timer (entry 1) ran 30m with no activity in any globex shell, 09:31–10:01")
	assert.Contains(t, r.stderr, "Left as it is")
	r = h.run("idle", "--gap", "1800")
	assert.Empty(t, r.stderr, "asked once")

	assert.Contains(t, h.ok("status"), "Idle: the globex timer (entry 1) ran 30m")
	assert.Contains(t, h.ok("idle"), "`stint idle drop`")
	assert.Equal(t, "Split 30m of idle time (09:31–10:01) off entry 1 as a non-billable entry; globex's timer goes on from its end.\n", h.ok("idle", "split"))
	assert.NotContains(t, h.ok("status"), "Idle:")
	log := h.ok("log")
	assert.Contains(t, log, "08:00")
	assert.Contains(t, log, "idle")
}
