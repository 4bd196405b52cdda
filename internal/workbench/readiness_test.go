package workbench

import (
	"context"
	"errors"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Readiness finds what a switch then fails on or warns about, in the
// switch's words: a vanished kubeconfig (with the command that drops it),
// secrets the keyring lost, a keyring that cannot be read.
func TestReadinessFindsWhatASwitchWould(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	sec := w.keyring
	w.addClient("acme")
	kc := writeKubeconfig(t, t.TempDir(), "acme-prod")
	_, err := w.KubeAdd(ctx, "acme", kc, nil, nil)
	require.NoError(t, err)
	for _, name := range []string{"VAULT_TOKEN", "GH_TOKEN"} {
		require.NoError(t, w.SetSecret(ctx, "acme", name, "v-"+name))
	}
	env := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-r"}

	r, err := w.Readiness(ctx, "acme", true)
	require.NoError(t, err)
	assert.True(t, r.Ready(), "%+v", r)
	assert.True(t, r.SecretsChecked)

	// The keyring lost one; a switch goes on and names it.
	delete(sec.sets["acme"], "GH_TOKEN")
	r, err = w.Readiness(ctx, "acme", true)
	require.NoError(t, err)
	assert.Equal(t, []string{"GH_TOKEN"}, r.MissingSecrets)
	res, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionEnv}, delivered)
	require.NoError(t, err)
	assert.Equal(t, r.MissingSecrets, res.MissingSecrets)

	// Without secrets asked for, the keyring is not read at all.
	sec.loadErr = errors.New("the keyring is locked")
	r, err = w.Readiness(ctx, "acme", false)
	require.NoError(t, err)
	assert.False(t, r.SecretsChecked)
	assert.True(t, r.Ready())
	r, err = w.Readiness(ctx, "acme", true)
	require.NoError(t, err)
	assert.Contains(t, r.SecretsProblem, "keyring is locked")
	sec.loadErr = nil

	// The kubeconfig has gone: the switch fails with the same sentence.
	require.NoError(t, os.Remove(kc))
	r, err = w.Readiness(ctx, "acme", false)
	require.NoError(t, err)
	require.Len(t, r.Kube, 1)
	p := r.Kube[0]
	assert.True(t, p.Missing)
	assert.Equal(t, kc, p.Path)
	assert.Contains(t, p.Fix, "stint kube rm acme --kubeconfig "+kc)
	_, err = w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionEnv}, delivered)
	require.Error(t, err)
	assert.Contains(t, err.Error(), p.Problem)
	assert.Contains(t, err.Error(), p.Fix)
	all, err := w.KubeReadiness(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[string][]SourceProblem{"acme": {p}}, all, "every client at once says the same")

	// Dropped as the fix says: ready again.
	_, err = w.KubeRemove(ctx, "acme", kc, nil)
	require.NoError(t, err)
	r, err = w.Readiness(ctx, "acme", false)
	require.NoError(t, err)
	assert.Empty(t, r.Kube)
	all, err = w.KubeReadiness(ctx)
	require.NoError(t, err)
	assert.Empty(t, all)
}
