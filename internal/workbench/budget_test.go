package workbench

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The switch summary says the client's budget use; a client without one
// says nothing of budgets.
func TestSwitchSummarySaysTheBudget(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t) // Monday 2026-03-02 09:00 UTC
	w.addClient("acme", "budget=20h/month")
	w.addClient("globex")
	_, err := w.AddEntry(ctx, NewEntry{Client: "acme", From: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		To: time.Date(2026, 3, 1, 14, 30, 0, 0, time.UTC)})
	require.NoError(t, err)
	env := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-b", "HOME=/h"}
	res, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "json", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	assert.Equal(t, "→ acme · kube none · timer started · budget 5h30m of 20h this month, 14h30m left", res.Summary(w.Now()))

	res, err = w.Switch(ctx, SwitchRequest{Client: "globex", Shell: "json", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	assert.NotContains(t, res.Summary(w.Now()), "budget")

	u, mark, err := w.BudgetCrossing(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, 0, mark)
	assert.Equal(t, int64(5*3600+30*60), u.UsedSeconds)
}
