package workbench

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
)

// The preview is what the switch sets: the same names and plain values as
// the environment PrepareChild builds from the same profile, secrets by name
// and size only, and the keyring never asked.
func TestPreviewPlanAgreesWithASwitchAndReadsNoSecret(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	sec := w.keyring
	addFullClient(t, w, t.TempDir())
	require.NoError(t, w.Isolate(ctx, "acme", []string{"terraform"}, false))

	sec.watched.Store(true)
	p, err := w.PreviewPlan(ctx, "acme")
	require.NoError(t, err)
	assert.Zero(t, sec.calls.Load(), "a preview never touches the keyring")
	assertNothingWritten(t, w)
	assert.NoDirExists(t, w.layout.ToolHome("acme", "gcloud"))

	doc, err := json.Marshal(p)
	require.NoError(t, err)
	assert.NotContains(t, string(doc), secretMarker, "no secret value in the preview")
	assert.NotContains(t, string(doc), "‹secret›", "the placeholder stays inside PreviewPlan")

	assert.Equal(t, "acme", p.Client)
	kubeDir := w.layout.ClientKubeDir("acme")
	assert.Equal(t, filepath.Join(kubeDir, "kube-"+PreviewSession+".yaml"), p.Kubeconfig)
	assert.Equal(t, []ToolHome{
		{Tool: "gcloud", Path: w.layout.ToolHome("acme", "gcloud")},
		{Tool: "gh", Path: w.layout.ToolHome("acme", "gh")},
		{Tool: "terraform", Path: w.layout.ToolHome("acme", "terraform")},
	}, sortedHomes(p.ToolHomes))
	assert.Equal(t, []string{filepath.Join(w.layout.ToolHome("acme", "terraform"), "terraformrc")}, p.Files)
	assert.Positive(t, p.Cleared)
	assert.True(t, slices.IsSortedFunc(p.Vars, func(a, b PreviewVar) int { return strings.Compare(a.Name, b.Name) }))

	// The switch, for real (keyring included), from an environment that
	// holds none of the client's variables.
	sec.watched.Store(false)
	caller := []string{"PATH=/bin"}
	child, err := w.PrepareChild(ctx, ChildRequest{Client: "acme", Environ: caller, Action: ActionExec, Detail: "env"})
	require.NoError(t, err)
	t.Cleanup(child.Close)
	env := EnvironMap(child.Env)
	set := map[string]bool{}
	for name := range env {
		if name != "PATH" && !strings.HasPrefix(name, "STINT_") {
			set[name] = true
		}
	}
	var secretNames []string
	for _, v := range p.Vars {
		assert.True(t, set[v.Name], "the preview lists %s, which the switch does not set", v.Name)
		delete(set, v.Name)
		switch {
		case v.Secret:
			secretNames = append(secretNames, v.Name)
			assert.Empty(t, v.Value)
			assert.Equal(t, len(env[v.Name]), v.Size, "the size of %s", v.Name)
		case v.Name == "KUBECONFIG":
			assert.Equal(t, kubeDir, filepath.Dir(env[v.Name]), "the session file sits where the preview says")
		default:
			assert.Equal(t, env[v.Name], v.Value, v.Name)
		}
	}
	assert.Empty(t, set, "the switch sets variables the preview does not list")
	assert.Equal(t, child.SecretNames, secretNames)
}

func sortedHomes(hs []ToolHome) []ToolHome {
	out := slices.Clone(hs)
	slices.SortFunc(out, func(a, b ToolHome) int { return strings.Compare(a.Tool, b.Tool) })
	return out
}

func TestPreviewPlanOfABareClient(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, withoutKeyring()) // no keyring at all: a preview does not need one
	w.addClient("initech")
	p, err := w.PreviewPlan(ctx, "initech")
	require.NoError(t, err)
	assert.Equal(t, []PreviewVar{{Name: "KUBECONFIG", Value: p.Kubeconfig}}, p.Vars,
		"every switch points KUBECONFIG at its session file, so no other cluster is reachable")
	assert.NotNil(t, p.ToolHomes)
	assert.NotNil(t, p.Files)
	assert.Positive(t, p.Cleared)
	_, err = os.Stat(filepath.Dir(p.Kubeconfig))
	assert.True(t, os.IsNotExist(err), "nothing written")
}

func TestPreviewPlanOfAnUnknownClient(t *testing.T) {
	w := newFixture(t, withoutKeyring())
	_, err := w.PreviewPlan(context.Background(), "nobody")
	require.Error(t, err)
	assert.True(t, badinput.Is(err), "an unknown client is the user's input: %v", err)
	assert.Contains(t, err.Error(), "stint client list")
}
