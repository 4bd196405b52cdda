package workbench

import (
	"context"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSecretSetMarksBeforeTheKeyringWrite: the mark is in the database
// before the keyring is written, and gone with the name recorded after.
func TestSecretSetMarksBeforeTheKeyringWrite(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	marked := false
	// The keyring looks at the database while it is written: the pending
	// mark must already be there.
	w.keyring.beforeUpdate = func(client string) {
		pending, err := w.db.PendingSecrets(context.Background())
		require.NoError(t, err)
		marked = len(pending) == 1 && pending[0].Client == client
	}
	w.addClient("acme")
	require.NoError(t, w.SetSecret(ctx, "acme", "API_TOKEN", "v"))
	assert.True(t, marked, "the keyring was written before the pending mark")
	pending, err := w.db.PendingSecrets(ctx)
	require.NoError(t, err)
	assert.Empty(t, pending)
}

// TestInterruptedSecretSetLeavesNoOrphan: a `secret set` killed between its
// keyring write and its database write left the value in the keyring and
// its mark in the database. The next run removes the value no name points
// to; a value whose name the database lists (an update) stays; a mark of a
// process still running is left alone.
func TestInterruptedSecretSetLeavesNoOrphan(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	sec := w.keyring
	w.addClient("acme")
	require.NoError(t, w.SetSecret(ctx, "acme", "KEPT_TOKEN", "old"))
	p, err := w.clients.StoredProfile(ctx, "acme")
	require.NoError(t, err)

	dead := exec.Command("true")
	require.NoError(t, dead.Run())
	killed := dead.Process.Pid
	// The killed runs: one new secret, one update of KEPT_TOKEN.
	for name, value := range map[string]string{"ORPHAN_TOKEN": "leaked", "KEPT_TOKEN": "new"} {
		require.NoError(t, w.db.BeginSecretSet(ctx, p.Client.ID, name, killed, w.Now()))
		require.NoError(t, sec.Update("acme", func(m map[string]string) error { m[name] = value; return nil }))
	}
	// A set still running in another process.
	require.NoError(t, w.db.BeginSecretSet(ctx, p.Client.ID, "RUNNING_TOKEN", 1, w.Now()))
	require.NoError(t, sec.Update("acme", func(m map[string]string) error { m["RUNNING_TOKEN"] = "in flight"; return nil }))

	removed, err := w.CleanInterruptedSecrets(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"acme ORPHAN_TOKEN"}, removed)
	got, _ := sec.Load("acme")
	assert.NotContains(t, got, "ORPHAN_TOKEN")
	assert.Equal(t, "new", got["KEPT_TOKEN"])
	assert.Equal(t, "in flight", got["RUNNING_TOKEN"])
	pending, err := w.db.PendingSecrets(ctx)
	require.NoError(t, err)
	require.Len(t, pending, 1)
	assert.Equal(t, "RUNNING_TOKEN", pending[0].Name)

	// Nothing to do: no keyring call at all.
	again, err := New(w.db, nil, w.layout, w.clk.now).CleanInterruptedSecrets(ctx)
	require.NoError(t, err)
	assert.Empty(t, again)
}
