package cli

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// A timer stopped within switch_grace bills nothing, says so, and undo
// puts it back running, as if the stop never happened.
func TestSlipIsDiscardedAndUndone(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	h.ok("start", "acme")
	*clock = clock.Add(5 * time.Second)
	assert.Equal(t, "Discarded the acme timer after 5s: shorter than switch_grace, it bills nothing (`stint undo` brings it back).\n",
		h.ok("stop"))
	assert.Contains(t, h.ok("log"), "No time entries")
	assert.Contains(t, h.ok("report", "--json"), `"total_seconds": 0`)

	*clock = clock.Add(10 * time.Second)
	out := h.ok("undo")
	assert.Equal(t, "Undid the last time change (discard at 2024-05-02 10:00):\n"+
		"  entry 1 is back: acme 2024-05-02 12:00 CEST–now (0:00)\n", out)
	st := decode[workbench.Status](t, h.ok("status", "--json"))
	require.NotNil(t, st.Running)
	assert.Equal(t, int64(1), st.Running.ID)
	assert.Equal(t, int64(15), st.Running.Seconds)

	// A note claims it however short; the grace itself is billed.
	*clock = clock.Add(5 * time.Second)
	assert.Contains(t, h.ok("stop", "-m", "paged"), "Stopped entry 1: acme 2024-05-02 12:00–12:00 CEST (0:00)")
	h.ok("start", "globex")
	*clock = clock.Add(time.Minute)
	assert.Contains(t, h.ok("stop"), "Stopped entry 2: globex")

	// Off: nothing is discarded.
	h.ok("config", "set", "switch_grace", "0")
	h.ok("start", "globex")
	*clock = clock.Add(time.Second)
	assert.Contains(t, h.ok("stop"), "Stopped entry 3: globex")
}

// A start of another client discards the slip it stops.
func TestStartDiscardsTheSlipItStops(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	h.ok("start", "acme")
	*clock = clock.Add(3 * time.Second)
	out := h.ok("start", "globex")
	assert.Equal(t, "Discarded the acme timer after 3s: shorter than switch_grace, it bills nothing (`stint undo` brings it back).\n"+
		"Started globex at 10:00 (entry 2).\n", out)
	// Undo reverts the start whole: globex's entry goes, acme runs again.
	out = h.ok("undo")
	assert.Contains(t, out, "(start at 2024-05-02 10:00):\n")
	assert.Contains(t, out, "  entry 2 removed: globex 2024-05-02 10:00–now (0:00)\n")
	assert.Contains(t, out, "  entry 1 is back: acme 2024-05-02 12:00 CEST–now (0:00)\n")
	st := decode[workbench.Status](t, h.ok("status", "--json"))
	require.NotNil(t, st.Running)
	assert.Equal(t, "acme", st.Running.Client)
}

func TestCancel(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	h.fails(2, "no timer is running: nothing to cancel", "cancel")
	h.ok("start", "globex", "--at", "-30m", "-m", "wrong client")
	*clock = clock.Add(time.Minute)
	assert.Equal(t, "Cancelled entry 1: globex 2024-05-02 09:30–now (0:31) bills nothing (`stint history 1` keeps it; `stint undo` brings it back).\n",
		h.ok("cancel"))
	assert.Contains(t, h.ok("status"), "No timer running.")
	assert.Contains(t, h.ok("history", "1"), "wrong client")
	h.fails(2, "usage: stint cancel [--json]", "cancel", "acme")

	out := h.ok("undo")
	assert.Contains(t, out, "(cancel at 2024-05-02 10:01):\n  entry 1 is back: globex 2024-05-02 09:30–now (0:31)\n")
	st := decode[workbench.Status](t, h.ok("status", "--json"))
	require.NotNil(t, st.Running)
	assert.Equal(t, "wrong client", st.Running.Note)
}

func TestContinue(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	h.fails(2, "there is no entry to continue: start a timer with `stint start NAME`", "continue")
	h.ok("add", "acme", "--from", "08:00", "--to", "09:00", "-m", "incident 4312", "--tag", "ops", "--tag", "pager", "--non-billable")
	h.ok("add", "globex", "--from", "04:00", "--to", "05:00", "-m", "review")
	h.fails(2, `no client named "nope"`, "continue", "nope")
	h.ok("client", "add", "initech")
	h.fails(2, "initech has no entry to continue: start its timer with `stint start initech`", "continue", "initech")

	out := h.ok("continue")
	assert.Equal(t, "Continued entry 1: started acme at 12:00 CEST (entry 3) — incident 4312 [ops pager].\n", out)
	e := decode[workbench.Entry](t, h.ok("edit", "3", "--json", "-m", "incident 4312"))
	assert.Equal(t, []string{"ops", "pager"}, e.Tags)
	assert.False(t, e.Billable, "the billable flag is copied too")
	h.fails(2, "the acme timer is running (entry 3): there is nothing to continue", "continue")
	h.fails(2, "the acme timer is running (entry 3)", "continue", "acme")

	// NAME continues that client's last entry, stopping the running one.
	*clock = clock.Add(time.Hour)
	res := decode[struct {
		Started   workbench.Entry  `json:"started"`
		Stopped   *workbench.Entry `json:"stopped"`
		Continued workbench.Entry  `json:"continued"`
	}](t, h.ok("continue", "globex", "--at", "-10m", "--json"))
	assert.Equal(t, int64(2), res.Continued.ID)
	assert.Equal(t, "review", res.Started.Note)
	require.NotNil(t, res.Stopped)
	assert.Equal(t, int64(3), res.Stopped.ID)
	assert.Equal(t, "2024-05-02T10:50:00Z", res.Started.Start.Format(time.RFC3339))
	h.fails(2, `--at: time "soonish" is not understood`, "continue", "--at", "soonish")
}

// Undo walks back through the log one change at a time, and refuses when
// there is nothing left.
func TestUndoWalksBack(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-02T10:00:00Z")
	h.fails(2, "nothing to undo", "undo")
	h.ok("add", "acme", "--from", "08:00", "--to", "09:00", "-m", "design")
	h.ok("edit", "1", "--to", "09:30", "-m", "design review")
	h.ok("rm", "1")

	assert.Contains(t, h.ok("undo"), "(delete at 2024-05-02 10:00):\n  entry 1 is back: acme 2024-05-02 08:00–09:30 CEST (1:30)\n")
	assert.Contains(t, h.ok("undo"), "(edit at 2024-05-02 10:00):\n  entry 1 is again acme 2024-05-02 08:00–09:00 CEST (1:00)\n")
	e := decode[workbench.Entry](t, h.ok("edit", "1", "--json", "--non-billable"))
	assert.Equal(t, "design", e.Note)
	h.ok("edit", "1", "--non-billable") // changes nothing: not a change to undo
	h.ok("undo")                        // the --non-billable edit
	assert.Contains(t, h.ok("undo"), "(add at 2024-05-02 10:00):\n  entry 1 removed: acme 2024-05-02 08:00–09:00 CEST (1:00)\n")
	assert.Contains(t, h.ok("log"), "No time entries")
	h.fails(2, "nothing to undo: `stint undo` reverts a start, stop, switch, cancel, add, edit or rm", "undo")
	h.fails(2, "usage: stint undo [--json]", "undo", "1")

	u := decode[workbench.Undone](t, func() string {
		h.ok("add", "globex", "--from", "08:00", "--to", "09:00")
		return h.ok("undo", "--json")
	}())
	assert.Equal(t, "add", u.Kind)
	require.Len(t, u.Entries, 1)
	assert.Nil(t, u.Entries[0].Now)
	require.NotNil(t, u.Entries[0].Was)
	assert.Equal(t, "globex", u.Entries[0].Was.Client)
}

// Undo refuses, changing nothing, to bring a cancelled timer back over an
// entry an import added since (imports are not in the undo log).
func TestUndoRefusesToComeBackOverAnImport(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	h.ok("start", "globex", "--at", "09:00")
	*clock = clock.Add(time.Hour)
	h.ok("cancel")
	file := filepath.Join(t.TempDir(), "timew.json")
	require.NoError(t, os.WriteFile(file, []byte(`[{"start":"20240502T093000Z","end":"20240502T094500Z","tags":["globex"]}]`), 0o600))
	h.ok("import", "timewarrior", file)
	h.fails(2, "cannot undo the cancel: entry 1 would come back over another: overlaps entry 2 (globex, 2024-05-02 09:30–09:45)", "undo")
}
