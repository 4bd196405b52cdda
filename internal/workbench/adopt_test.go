package workbench

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAdoptGivesAChildShellItsOwnKubeconfig(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	_, err := w.KubeAdd(ctx, "acme", writeKubeconfig(t, t.TempDir(), "acme-prod", "acme-dev"), []string{"acme-prod", "acme-dev"}, nil)
	require.NoError(t, err)

	parent := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-parent", "HOME=/h"}
	res, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: parent, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	parent = environOf(t, parent, res)
	parentFile := EnvironMap(parent)["KUBECONFIG"]
	before, err := w.AccessLog(ctx, "acme", w.Now().AddDate(-1, 0, 0))
	require.NoError(t, err)

	// The child inherits everything but gets a session id of its own.
	child := append(parent, "STINT_SESSION="+strconv.Itoa(os.Getpid())+"-child")
	res, err = w.Adopt(ctx, SwitchRequest{Shell: "bash", Environ: child}, delivered)
	require.NoError(t, err)
	childFile := filepath.Join(w.layout.ClientKubeDir("acme"), "kube-"+strconv.Itoa(os.Getpid())+"-child.yaml")
	assert.Equal(t, []string{"KUBECONFIG"}, res.Set, "only KUBECONFIG moves")
	assert.Empty(t, res.Unset)
	assert.Equal(t, childFile, EnvironMap(environOf(t, child, res))["KUBECONFIG"])
	want, _ := os.ReadFile(parentFile)
	got, err := os.ReadFile(childFile)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "a copy of the parent's, at the parent's context")
	after, err := w.AccessLog(ctx, "acme", w.Now().AddDate(-1, 0, 0))
	require.NoError(t, err)
	assert.Equal(t, len(before.Events), len(after.Events), "no secrets read, nothing logged")

	// Run again in the same shell: nothing to do.
	res, err = w.Adopt(ctx, SwitchRequest{Shell: "bash", Environ: environOf(t, child, res)}, delivered)
	require.NoError(t, err)
	assert.Empty(t, res.Script)

	// The parent has exited and its file was swept: built again from the profile.
	require.NoError(t, os.Remove(parentFile))
	require.NoError(t, os.Remove(childFile))
	res, err = w.Adopt(ctx, SwitchRequest{Shell: "bash", Environ: child}, delivered)
	require.NoError(t, err)
	body, err := os.ReadFile(childFile)
	require.NoError(t, err)
	assert.Contains(t, string(body), "acme-dev")
	assert.Equal(t, childFile, res.Kubeconfig)
}

func TestAdoptLeavesOtherShellsAlone(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	for name, env := range map[string][]string{
		"in no client":         {"STINT_SESSION=1-a", "KUBECONFIG=/home/u/.kube/config"},
		"KUBECONFIG by hand":   {"STINT_SESSION=1-a", "STINT_CLIENT=acme", "KUBECONFIG=/home/u/.kube/config"},
		"no KUBECONFIG":        {"STINT_SESSION=1-a", "STINT_CLIENT=acme"},
		"another client's dir": {"STINT_SESSION=1-a", "STINT_CLIENT=acme", "KUBECONFIG=" + filepath.Join(w.layout.ClientKubeDir("globex"), "kube-2-b.yaml")},
	} {
		res, err := w.Adopt(ctx, SwitchRequest{Shell: "bash", Environ: env}, delivered)
		require.NoError(t, err, name)
		assert.Empty(t, res.Script, name)
	}
	files, _ := filepath.Glob(filepath.Join(w.layout.Runtime, "kube", "*", "*"))
	assert.Empty(t, files)
}

func TestAdoptInAnArchivedClientSaysHowToLeave(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	_, err := w.Offboard(ctx, "acme")
	require.NoError(t, err)
	gone := filepath.Join(w.layout.ClientKubeDir("acme"), "kube-1-parent.yaml")
	_, err = w.Adopt(ctx, SwitchRequest{Shell: "bash", Environ: []string{"STINT_SESSION=2-child", "STINT_CLIENT=acme", "KUBECONFIG=" + gone}}, delivered)
	require.EqualError(t, err, "client acme is archived (offboarded), so this shell gets no kubeconfig: leave it with `stint off`")
}

// A shell's start-up usually only copies a file: no database needed.
func TestAdoptWithoutADatabaseCopiesOrAsksForOne(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	lean := New(nil, nil, w.layout, nil)
	kubeDir := w.layout.ClientKubeDir("acme")
	require.NoError(t, os.MkdirAll(kubeDir, 0o700))
	parent := filepath.Join(kubeDir, "kube-1-parent.yaml")
	require.NoError(t, os.WriteFile(parent, []byte("apiVersion: v1\nkind: Config\n"), 0o600))
	env := []string{"STINT_SESSION=2-child", "STINT_CLIENT=acme", "KUBECONFIG=" + parent}

	res, err := lean.Adopt(ctx, SwitchRequest{Shell: "bash", Environ: env}, delivered)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(kubeDir, "kube-2-child.yaml"), res.Kubeconfig)

	require.NoError(t, os.Remove(parent))
	require.NoError(t, os.Remove(res.Kubeconfig))
	_, err = lean.Adopt(ctx, SwitchRequest{Shell: "bash", Environ: env}, delivered)
	require.ErrorIs(t, err, ErrAdoptNeedsDatabase)
	res, err = w.Adopt(ctx, SwitchRequest{Shell: "bash", Environ: env}, delivered)
	require.NoError(t, err)
	assert.FileExists(t, res.Kubeconfig)
}
