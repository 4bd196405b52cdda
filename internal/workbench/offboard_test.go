package workbench

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOffboard(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	clock, sec := w.clk, w.keyring
	addFullClient(t, w, t.TempDir())
	w.addClient("globex")
	require.NoError(t, w.SetSecret(ctx, "globex", "TOKEN", "g"))
	_, err := w.AddEntry(ctx, NewEntry{Client: "acme", From: clock.t.Add(-2 * time.Hour), To: clock.t.Add(-time.Hour)})
	require.NoError(t, err)

	l := w.Layout()
	ghHome := l.ToolHome("acme", "gh")
	otherHome := l.ToolHome("globex", "gh")
	kubeDir := l.ClientKubeDir("acme")
	otherKube := l.ClientKubeDir("globex")
	for _, d := range []string{ghHome, otherHome, kubeDir, otherKube} {
		require.NoError(t, os.MkdirAll(d, 0o700))
	}
	require.NoError(t, os.WriteFile(filepath.Join(ghHome, "hosts.yml"), []byte("oauth"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(kubeDir, "kube-123.yaml"), []byte("x"), 0o600))

	preview, err := w.OffboardPreview(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, []string{"GITHUB_TOKEN", "VAULT_TOKEN"}, preview.Secrets)
	assert.ElementsMatch(t, []string{l.ClientDir("acme"), kubeDir}, preview.Paths)
	assert.False(t, preview.Archived)
	assert.DirExists(t, ghHome, "a preview changes nothing")
	assert.Contains(t, sec.sets, "acme")

	o, err := w.Offboard(ctx, "acme")
	require.NoError(t, err)
	assert.True(t, o.Archived)
	assert.NotContains(t, sec.sets, "acme")
	assert.Contains(t, sec.sets, "globex", "other clients' secrets stay")
	assert.NoDirExists(t, l.ClientDir("acme"))
	assert.NoDirExists(t, kubeDir)
	assert.DirExists(t, otherHome)
	assert.DirExists(t, otherKube)
	require.NotEmpty(t, o.Checklist)
	assert.Equal(t, "secret", o.Checklist[0].Kind)

	p, err := w.Profile(ctx, "acme")
	require.NoError(t, err)
	assert.True(t, p.Client.Archived)
	assert.Empty(t, p.Secrets)
	entries, err := w.Entries(ctx, time.Time{}, time.Time{}, "acme")
	require.NoError(t, err)
	assert.Len(t, entries, 1, "time entries stay for billing")
	rb, _ := w.Runbook(ctx, "acme")
	assert.NotEmpty(t, rb, "notes stay")

	// Running it again is harmless.
	_, err = w.Offboard(ctx, "acme")
	require.NoError(t, err)
}

func TestOffboardWithoutKeyringChangesNothing(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, withoutKeyring())
	w.addClient("acme")
	p, err := w.clients.StoredProfile(ctx, "acme")
	require.NoError(t, err)
	require.NoError(t, w.db.RecordSecretName(ctx, p.Client.ID, "TOKEN", 3, w.Now()))
	home := w.Layout().ToolHome("acme", "gh")
	require.NoError(t, os.MkdirAll(home, 0o700))

	_, err = w.Offboard(ctx, "acme")
	require.ErrorContains(t, err, "no keyring is available to remove them: run `stint doctor`")
	assert.DirExists(t, home)
	after, err := w.Profile(ctx, "acme")
	require.NoError(t, err)
	assert.False(t, after.Client.Archived)
	assert.Len(t, after.Secrets, 1)
}

// An archived client's timer would run on unseen: offboarding stops it,
// and leaves another client's timer alone.
func TestOffboardStopsTheClientsTimer(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	clock := w.clk
	w.addClient("acme")
	w.addClient("globex")

	_, _, err := w.Start(ctx, "acme", clock.t, "last task")
	require.NoError(t, err)
	clock.t = clock.t.Add(90 * time.Minute)
	preview, err := w.OffboardPreview(ctx, "acme")
	require.NoError(t, err)
	assert.True(t, preview.StopsTimer)
	o, err := w.Offboard(ctx, "acme")
	require.NoError(t, err)
	require.NotNil(t, o.TimerStopped)
	assert.Equal(t, int64(90*60), o.TimerStopped.Seconds)
	st, err := w.Status(ctx)
	require.NoError(t, err)
	assert.Nil(t, st.Running)

	_, _, err = w.Start(ctx, "globex", clock.t, "")
	require.NoError(t, err)
	w.addClient("initech")
	o, err = w.Offboard(ctx, "initech")
	require.NoError(t, err)
	assert.False(t, o.StopsTimer)
	assert.Nil(t, o.TimerStopped)
	st, err = w.Status(ctx)
	require.NoError(t, err)
	require.NotNil(t, st.Running)
	assert.Equal(t, "globex", st.Running.Client)
}
