package workbench

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
)

// A real shell switch's timer move is one change: undo stops the timer it
// started and runs the one it stopped again, and leaves the shell alone.
func TestUndoRevertsASwitchTimerMove(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, withoutKeyring())
	w.addClient("acme")
	w.addClient("globex")
	fresh := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-a", "HOME=/h"}
	res, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: fresh, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	w.clk.t = w.clk.t.Add(time.Hour)
	_, err = w.Switch(ctx, SwitchRequest{Client: "globex", Shell: "bash", Environ: environOf(t, fresh, res), Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	st, err := w.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, "globex", st.Running.Client)
	globex := st.Running.ID

	u, err := w.Undo(ctx)
	require.NoError(t, err)
	assert.Equal(t, "switch", u.Kind)
	st, err = w.Status(ctx)
	require.NoError(t, err)
	require.NotNil(t, st.Running)
	assert.Equal(t, "acme", st.Running.Client)
	_, err = w.Entry(ctx, globex)
	require.Error(t, err, "globex's entry is gone")
	assert.Equal(t, []string{"delete"}, historyChanges(t, w, globex), "its last version is kept")
}

// Undo refuses, changing nothing, when an entry changed since in a way the
// log does not hold, or would come back over an entry added without it.
func TestUndoRefusesWhatItCannotPutBack(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-02T10:00:00Z")), withoutKeyring())
	w.addClient("acme")
	_, _, err := w.Start(ctx, "acme", utc("2024-05-02T09:00:00Z"), "")
	require.NoError(t, err)
	stopped, err := w.Stop(ctx, time.Time{}, "")
	require.NoError(t, err)

	// An import-like change the log does not see: the entry's note.
	unlogged := func(fn func(tx *store.EntryTx) error) {
		require.NoError(t, w.DB().EditEntries(ctx, w.clk.t, fn))
	}
	unlogged(func(tx *store.EntryTx) error {
		e, err := tx.Get(stopped.ID)
		if err != nil {
			return err
		}
		e.Note = "imported"
		return tx.Update(e, "edit")
	})
	before := w.dump()
	_, err = w.Undo(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot undo the stop of 2024-05-02 10:00: entry 1 has changed since (see `stint history 1`)")
	assert.Equal(t, before, w.dump())

	// A cancelled timer would come back over an entry added without the log.
	_, _, err = w.Start(ctx, "acme", time.Time{}, "")
	require.NoError(t, err)
	w.clk.t = w.clk.t.Add(time.Hour)
	_, err = w.Cancel(ctx)
	require.NoError(t, err)
	c, err := w.clients.Client(ctx, "acme")
	require.NoError(t, err)
	unlogged(func(tx *store.EntryTx) error {
		_, err := tx.Insert(store.Entry{ClientID: c.ID, Start: utc("2024-05-02T10:30:00Z"), End: timesheet.TimePtr(utc("2024-05-02T10:45:00Z")),
			Billable: true, Source: "import"})
		return err
	})
	before = w.dump()
	_, err = w.Undo(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot undo the cancel: entry 2 would come back over another: overlaps entry 3")
	assert.Equal(t, before, w.dump())
}

// The log keeps the latest changes only.
func TestUndoLogIsBounded(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-02T10:00:00Z")), withoutKeyring())
	w.addClient("acme")
	note := ""
	e, err := w.AddEntry(ctx, NewEntry{Client: "acme", From: utc("2024-05-01T09:00:00Z"), To: utc("2024-05-01T10:00:00Z")})
	require.NoError(t, err)
	for i := range 250 {
		note = strconv.Itoa(i)
		_, err := w.EditEntry(ctx, e.ID, EntryChange{Note: &note})
		require.NoError(t, err)
	}
	var n int
	require.NoError(t, w.DB().SQL().QueryRow("SELECT count(*) FROM time_changes").Scan(&n))
	assert.Equal(t, 200, n)
	require.NoError(t, w.DB().SQL().QueryRow("SELECT count(*) FROM time_change_entries").Scan(&n))
	assert.Equal(t, 200, n, "their entries go with them")
}
