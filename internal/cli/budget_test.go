package cli

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A budget is set, shown and used: status, reports and the marks at 80 %
// and 100 %, each said once per period.
func TestBudgetUsedLeftAndMarksSaidOnce(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	assert.Equal(t, "Updated acme.\n", h.ok("client", "edit", "acme", "--budget", "10h/week"))
	assert.Contains(t, h.ok("client", "show", "acme"), "budget     10h/week")
	assert.Contains(t, h.ok("client", "list", "--json"), `"budget": "10h/week"`)
	assert.Contains(t, h.ok("status"), "Budget: acme budget 0s of 10h this week, 10h00m left (0%)\n")

	// acme rounds up to 15 minutes: used is billed time.
	h.ok("add", "acme", "--from", "2024-04-29 09:00", "--to", "2024-04-29 16:50") // 7h50m, billed 8h
	r := h.run("status")
	assert.Contains(t, r.stdout, "Budget: acme budget 8h00m of 10h this week, 2h00m left (80%)\n")
	assert.Equal(t, "stint: acme has used 80% of its budget: budget 8h00m of 10h this week, 2h00m left\n", r.stderr)
	assert.Empty(t, h.run("status").stderr, "80 % is said once")

	// A timer started 3 hours back crosses 100 %: the start says so.
	r = h.run("start", "acme", "--at", "09:00") // Berlin, 07:00Z
	require.Equal(t, 0, r.code)
	assert.Equal(t, "stint: acme has used its whole budget: budget 11h00m of 10h this week, 1h00m over\n", r.stderr)
	*clock = clock.Add(time.Hour)
	r = h.run("stop")
	require.Equal(t, 0, r.code)
	assert.Empty(t, r.stderr, "100 % is said once")
	assert.Contains(t, h.ok("report", "--week", "--client", "acme"), "Budget: acme budget 12h00m of 10h this week, 2h00m over (120%)\n")

	// A new week starts from nothing said.
	*clock = clock.AddDate(0, 0, 7)
	h.ok("add", "acme", "--from", "2024-05-06 09:00", "--to", "2024-05-06 17:00")
	assert.Contains(t, h.run("status").stderr, "acme has used 80% of its budget")

	// globex has none; off removes acme's.
	assert.NotContains(t, h.ok("status"), "globex budget")
	h.ok("client", "edit", "acme", "--budget", "off")
	assert.NotContains(t, h.ok("status"), "Budget:")
	assert.NotContains(t, h.ok("client", "show", "acme"), "budget")
}

func TestBudgetBadInput(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-02T10:00:00Z")
	for _, bad := range []string{"20h", "20h/day", "0/month", "745h/month", "abc/week"} {
		h.fails(2, "budget", "client", "edit", "acme", "--budget", bad)
		h.fails(2, "budget", "client", "add", "initech", "--budget", bad)
	}
}
