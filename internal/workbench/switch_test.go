package workbench

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/shell"
)

// writeKubeconfig writes a kubeconfig with one cluster and user per context.
func writeKubeconfig(t *testing.T, dir string, contexts ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: Config\nclusters:\n")
	for _, c := range contexts {
		b.WriteString("- name: " + c + "\n  cluster:\n    server: https://" + c + ".invalid\n")
	}
	b.WriteString("users:\n")
	for _, c := range contexts {
		b.WriteString("- name: " + c + "\n  user:\n    token: t-" + c + "\n")
	}
	b.WriteString("contexts:\n")
	for _, c := range contexts {
		b.WriteString("- name: " + c + "\n  context:\n    cluster: " + c + "\n    user: " + c + "\n")
	}
	path := filepath.Join(dir, "kubeconfig.yaml")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
	return path
}

// environOf applies a bash script's exports and unsets to env, the way the
// shell would (values in these tests need no unquoting).
func environOf(t *testing.T, env []string, res SwitchResult) []string {
	t.Helper()
	m := EnvironMap(env)
	for _, line := range strings.Split(strings.TrimSpace(res.Script), "\n") {
		line = strings.TrimPrefix(strings.TrimSuffix(line, ";"), "builtin ")
		if name, ok := strings.CutPrefix(line, "unset -v "); ok {
			delete(m, name)
		} else if kv, ok := strings.CutPrefix(line, "export "); ok {
			k, v, _ := strings.Cut(kv, "=")
			m[k] = v
		}
	}
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}

func TestSwitchKubeconfigFilesFollowTheShell(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	w.addClient("globex")
	_, err := w.KubeAdd(ctx, "acme", writeKubeconfig(t, t.TempDir(), "acme-prod", "acme-dev"), []string{"acme-dev"}, nil)
	require.NoError(t, err)

	env := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-a", "HOME=/h"}
	res, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	acmeFile := filepath.Join(w.layout.ClientKubeDir("acme"), "kube-"+strconv.Itoa(os.Getpid())+"-a.yaml")
	assert.Equal(t, acmeFile, res.Kubeconfig)
	info, err := os.Stat(acmeFile)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	body, _ := os.ReadFile(acmeFile)
	assert.Contains(t, string(body), "acme-dev")
	assert.NotContains(t, string(body), "acme-prod", "only the client's contexts")
	assert.NotNil(t, res.TimerStarted)

	// acme → globex: acme's file of this session goes, globex gets an empty one.
	env = environOf(t, env, res)
	res, err = w.Switch(ctx, SwitchRequest{Client: "globex", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	assert.NoFileExists(t, acmeFile)
	globexFile := filepath.Join(w.layout.ClientKubeDir("globex"), "kube-"+strconv.Itoa(os.Getpid())+"-a.yaml")
	body, err = os.ReadFile(globexFile)
	require.NoError(t, err)
	assert.NotContains(t, string(body), "server:", "a client without contexts gets a kubeconfig without clusters")
	require.NotNil(t, res.TimerStopped)
	assert.Equal(t, "acme", res.TimerStopped.Client)

	// switch - goes back; off removes the file and stops globex's timer.
	env = environOf(t, env, res)
	res, err = w.Switch(ctx, SwitchRequest{Client: "-", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	assert.Equal(t, "acme", res.Client)
	env = environOf(t, env, res)
	res, err = w.Switch(ctx, SwitchRequest{Shell: "bash", Environ: env, Action: ActionOff}, delivered)
	require.NoError(t, err)
	assert.NoFileExists(t, acmeFile)
	require.NotNil(t, res.TimerStopped)
	st, err := w.Status(ctx)
	require.NoError(t, err)
	assert.Nil(t, st.Running)

	report, err := w.AccessLog(ctx, "acme", w.Now().AddDate(-1, 0, 0))
	require.NoError(t, err)
	var actions []string
	for _, e := range report.Events {
		actions = append(actions, e.Action)
	}
	assert.Equal(t, []string{"switch", "switch", "off"}, actions)
}

// TestSwitchBackTogglesLikeCdDash: `stint switch -` goes back to where the
// shell was, no client included, as `cd -` does: none → acme → (-) none →
// (-) acme → globex → (-) acme → (-) globex; off, then - brings globex back.
func TestSwitchBackTogglesLikeCdDash(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	w.addClient("globex")
	env := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-t", "HOME=/h"}
	_, err := w.Switch(ctx, SwitchRequest{Client: "-", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.ErrorContains(t, err, "no previous client", "a shell never switched has nowhere to go back to")

	steps := []struct{ to, want string }{
		{"acme", "acme"}, {"-", ""}, {"-", "acme"}, {"globex", "globex"}, {"-", "acme"}, {"-", "globex"}, {"", ""}, {"-", "globex"},
	}
	for i, s := range steps {
		action := ActionSwitch
		if s.to == "" {
			action = ActionOff
		}
		res, err := w.Switch(ctx, SwitchRequest{Client: s.to, Shell: "bash", Environ: env, Action: action}, delivered)
		require.NoError(t, err, "step %d", i)
		env = environOf(t, env, res)
		got := ""
		for _, kv := range env {
			if v, ok := strings.CutPrefix(kv, "STINT_CLIENT="); ok {
				got = v
			}
		}
		require.Equal(t, s.want, got, "step %d: switch %q", i, s.to)
	}
	st, err := w.Status(ctx)
	require.NoError(t, err)
	require.NotNil(t, st.Running)
	assert.Equal(t, "globex", st.Running.Client)
}

func TestSwitchFailsBeforeWritingAnything(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	sec := w.keyring
	w.addClient("acme")
	kc := writeKubeconfig(t, t.TempDir(), "acme-prod")
	_, err := w.KubeAdd(ctx, "acme", kc, nil, nil)
	require.NoError(t, err)
	require.NoError(t, w.SetSecret(ctx, "acme", "TOKEN", "v"))
	require.NoError(t, w.Isolate(ctx, "acme", []string{"gh", "terraform"}, false))
	env := []string{"STINT_SESSION=99999999-b"}

	// The keyring fails: no kubeconfig, no tool home, no log row, no timer.
	sec.loadErr = errors.New("the keyring is locked")
	_, err = w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionEnv}, delivered)
	require.ErrorContains(t, err, "keyring is locked")
	assertNothingWritten(t, w)

	// The kubeconfig has gone.
	sec.loadErr = nil
	require.NoError(t, os.Remove(kc))
	_, err = w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionEnv}, delivered)
	require.ErrorContains(t, err, "does not exist")
	assertNothingWritten(t, w)

	// A damaged shell state.
	_, err = w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: []string{"STINT_STATE=v1.%%"}}, delivered)
	var stateErr *shell.StateError
	require.ErrorAs(t, err, &stateErr)

	_, err = w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "tcsh", Environ: env}, delivered)
	require.ErrorContains(t, err, "unknown shell")
}

func assertNothingWritten(t *testing.T, w *fixture) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(w.layout.Runtime, "kube", "*", "*"))
	assert.Empty(t, files)
	assert.NoDirExists(t, w.layout.ToolHome("acme", "gh"))
	assert.NoDirExists(t, w.layout.ToolHome("acme", "terraform"))
	report, err := w.AccessLog(context.Background(), "acme", w.Now().AddDate(-1, 0, 0))
	require.NoError(t, err)
	assert.Empty(t, report.Events)
	st, err := w.Status(context.Background())
	require.NoError(t, err)
	assert.Nil(t, st.Running)
}

func TestPrepareChild(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	require.NoError(t, w.SetSecret(ctx, "acme", "TOKEN", "s3cret"))
	require.NoError(t, w.Isolate(ctx, "acme", []string{"gh"}, false))
	caller := []string{"PATH=/bin", "GITHUB_TOKEN=users", "STINT_EVAL_FILE=/tmp/e", "STINT_SHELL=bash", "STINT_PICKER="}

	child, err := w.PrepareChild(ctx, ChildRequest{Client: "acme", Environ: caller, Action: ActionExec, Detail: "terraform"})
	require.NoError(t, err)
	env := EnvironMap(child.Env)
	assert.Equal(t, "s3cret", env["TOKEN"])
	assert.Equal(t, "acme", env["STINT_CLIENT"])
	assert.Equal(t, w.layout.GuardDir()+":/bin", env["PATH"], "the guard's shims come first")
	assert.FileExists(t, filepath.Join(w.layout.GuardDir(), "kubectl"))
	assert.NotContains(t, env, "GITHUB_TOKEN", "leak-prone variables are cleared")
	for _, name := range []string{"STINT_EVAL_FILE", "STINT_SHELL", "STINT_PICKER"} {
		assert.NotContains(t, env, name, "the hook's private variables never reach a child")
	}
	assert.DirExists(t, w.layout.ToolHome("acme", "gh"))
	assert.FileExists(t, child.Kubeconfig)
	assert.Equal(t, child.Kubeconfig, env["KUBECONFIG"])
	assert.Equal(t, []string{"TOKEN"}, child.SecretNames)
	child.Close()
	assert.NoFileExists(t, child.Kubeconfig)

	report, err := w.AccessLog(ctx, "acme", w.Now().AddDate(-1, 0, 0))
	require.NoError(t, err)
	require.Len(t, report.Events, 1)
	assert.Equal(t, "exec", report.Events[0].Action)
	assert.Equal(t, "terraform", report.Events[0].Detail)
	assert.Equal(t, []string{"TOKEN"}, report.Events[0].SecretNames)
	st, err := w.Status(ctx)
	require.NoError(t, err)
	assert.Nil(t, st.Running, "exec does not move the clock")
}

func TestSweepRemovesKubeconfigsOfDeadShells(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	dead := filepath.Join(w.layout.ClientKubeDir("globex"), "kube-999999999-x.yaml")
	require.NoError(t, os.MkdirAll(filepath.Dir(dead), 0o700))
	require.NoError(t, os.WriteFile(dead, nil, 0o600))
	alive := filepath.Join(w.layout.ClientKubeDir("globex"), "kube-"+strconv.Itoa(os.Getpid())+"-x.yaml")
	require.NoError(t, os.WriteFile(alive, nil, 0o600))

	_, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: []string{"STINT_SESSION=1-s"}}, delivered)
	require.NoError(t, err)
	assert.NoFileExists(t, dead, "a session's first switch sweeps files of shells that are gone")
	assert.FileExists(t, alive)
}

func TestSwitchRefusesAnArchivedClient(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	require.NoError(t, w.Isolate(ctx, "acme", []string{"gh"}, false))
	_, err := w.Offboard(ctx, "acme")
	require.NoError(t, err)
	env := []string{"STINT_SESSION=99999999-c"}
	const want = "client acme is archived (offboarded): bring it back with `stint client edit acme --unarchive`"

	for _, action := range []string{ActionSwitch, ActionEnv} {
		_, err = w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: action}, delivered)
		require.EqualError(t, err, want)
	}
	for _, action := range []string{ActionExec, ActionShell} {
		_, err = w.PrepareChild(ctx, ChildRequest{Client: "acme", Environ: env, Action: action, Detail: "sh"})
		require.EqualError(t, err, want)
	}
	assertNothingWritten(t, w)

	// Leaving it still works: a shell that was in acme can get out.
	inAcme := []string{"STINT_SESSION=99999999-c", "STINT_CLIENT=acme", "STINT_STATE=" + shell.EncodeState([]shell.Saved{{Name: "X"}}, "")}
	res, err := w.Switch(ctx, SwitchRequest{Shell: "bash", Environ: inAcme, Action: ActionOff}, delivered)
	require.NoError(t, err)
	assert.Contains(t, res.Unset, "X")
}

func TestSwitchReportsSecretsMissingFromTheKeyring(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	sec := w.keyring
	w.addClient("acme")
	for _, name := range []string{"VAULT_TOKEN", "API_KEY", "GH_TOKEN"} {
		require.NoError(t, w.SetSecret(ctx, "acme", name, "v-"+name))
	}
	// The keyring lost two of them (a reset, or names from a handoff import).
	delete(sec.sets["acme"], "VAULT_TOKEN")
	delete(sec.sets["acme"], "GH_TOKEN")
	env := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-m"}

	res, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err, "the rest of the profile is still worth switching to")
	assert.Equal(t, []string{"GH_TOKEN", "VAULT_TOKEN"}, res.MissingSecrets)
	assert.Equal(t, []string{"API_KEY"}, res.SecretNames, "only secrets that were read")
	assert.Contains(t, res.Set, "API_KEY")
	assert.NotContains(t, res.Set, "VAULT_TOKEN")

	child, err := w.PrepareChild(ctx, ChildRequest{Client: "acme", Environ: env, Action: ActionExec})
	require.NoError(t, err)
	defer child.Close()
	assert.Equal(t, []string{"GH_TOKEN", "VAULT_TOKEN"}, child.MissingSecrets)

	// A complete keyring: nothing to report.
	require.NoError(t, w.SetSecret(ctx, "acme", "VAULT_TOKEN", "v"))
	require.NoError(t, w.SetSecret(ctx, "acme", "GH_TOKEN", "v"))
	res, err = w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	assert.Empty(t, res.MissingSecrets)
}

func TestSwitchCreatesTerraformConfigPerClient(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	require.NoError(t, w.Isolate(ctx, "acme", []string{"terraform"}, false))
	env := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-t", "TF_DATA_DIR=/somewhere/.terraform"}

	res, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	after := EnvironMap(environOf(t, env, res))
	home := w.layout.ToolHome("acme", "terraform")
	rc, cache := filepath.Join(home, "terraformrc"), filepath.Join(home, "plugin-cache")
	assert.Equal(t, rc, after["TF_CLI_CONFIG_FILE"])
	assert.Equal(t, cache, after["TF_PLUGIN_CACHE_DIR"])
	assert.NotContains(t, after, "TF_DATA_DIR", "each root module keeps its own .terraform")

	info, err := os.Stat(rc)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	assert.Zero(t, info.Size())
	info, err = os.Stat(cache)
	require.NoError(t, err)
	assert.True(t, info.IsDir())
	assert.Equal(t, os.FileMode(0o700), info.Mode().Perm())

	// The user's own config is never overwritten.
	require.NoError(t, os.WriteFile(rc, []byte(`credentials "app.terraform.io" {}`), 0o600))
	_, err = w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	body, err := os.ReadFile(rc)
	require.NoError(t, err)
	assert.Equal(t, `credentials "app.terraform.io" {}`, string(body))
}

// TestHandExportedTokenIsNotCarriedIntoTheNextClient: a GITHUB_TOKEN the
// user pastes into acme's shell is neither kept in globex's state (as the
// prior value of globex's own GITHUB_TOKEN secret) nor back after off.
func TestHandExportedTokenIsNotCarriedIntoTheNextClient(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	w.addClient("globex")
	require.NoError(t, w.SetSecret(ctx, "globex", "GITHUB_TOKEN", "globex-gh"))
	env := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-h", "HOME=/h"}

	res, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	env = append(environOf(t, env, res), "GITHUB_TOKEN=pasted-acme-token", "VAULT_TOKEN=pasted-acme-vault")

	res, err = w.Switch(ctx, SwitchRequest{Client: "globex", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	env = environOf(t, env, res)
	inGlobex := EnvironMap(env)
	assert.Equal(t, "globex-gh", inGlobex["GITHUB_TOKEN"])
	assert.NotContains(t, inGlobex, "VAULT_TOKEN")
	st, err := shell.DecodeState(inGlobex)
	require.NoError(t, err)
	for _, s := range st.Saved {
		assert.NotContains(t, s.Prior, "pasted", "%s keeps acme's pasted value in STINT_STATE", s.Name)
	}

	res, err = w.Switch(ctx, SwitchRequest{Shell: "bash", Environ: env, Action: ActionOff}, delivered)
	require.NoError(t, err)
	off := EnvironMap(environOf(t, env, res))
	assert.NotContains(t, off, "GITHUB_TOKEN")
	assert.NotContains(t, off, "VAULT_TOKEN")
}

// A production context makes the shell production: the summary says so and
// STINT_PROD says why, for prompts.
func TestSwitchToAProductionContext(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	_, err := w.KubeAdd(ctx, "acme", writeKubeconfig(t, t.TempDir(), "acme-prod", "acme-dev"), nil, nil)
	require.NoError(t, err)
	require.NoError(t, w.KubeUse(ctx, "acme", "acme-prod", nil))
	require.NoError(t, w.KubeProd(ctx, "acme", "acme-prod", true))
	env := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-p", "HOME=/h"}
	res, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "json", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	assert.True(t, res.ProdContext)
	assert.False(t, res.Production)
	assert.True(t, strings.HasPrefix(res.Summary(w.Now()), "⚠ PRODUCTION ⚠ → acme · kube acme-prod (production)"), res.Summary(w.Now()))
	assert.Contains(t, res.Script, `"STINT_PROD":"context"`)

	require.NoError(t, w.KubeUse(ctx, "acme", "acme-dev", nil))
	res, err = w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "json", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	assert.False(t, res.ProdContext)
	assert.NotContains(t, res.Summary(w.Now()), "PRODUCTION")
	assert.NotContains(t, res.Script, "STINT_PROD")
}

// With the guard off a switch leaves PATH alone, and the next switch takes
// the guard's directory out of a shell that had it.
func TestGuardOffLeavesPathAlone(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	env := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-g", "PATH=/usr/bin:/bin"}
	res, err := w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	env = environOf(t, env, res)
	assert.Equal(t, w.layout.GuardDir()+":/usr/bin:/bin", EnvironMap(env)["PATH"])
	_, err = w.SetConfig(ctx, "guard", "off")
	require.NoError(t, err)
	res, err = w.Switch(ctx, SwitchRequest{Client: "acme", Shell: "bash", Environ: env, Action: ActionSwitch}, delivered)
	require.NoError(t, err)
	assert.Equal(t, "/usr/bin:/bin", EnvironMap(environOf(t, env, res))["PATH"])
}

// `off --force` drops an unreadable record; the guard's shims leave PATH
// with it, and nothing else of PATH changes.
func TestForgetTakesTheGuardOffPath(t *testing.T) {
	w := newFixture(t)
	env := []string{"STINT_CLIENT=acme", "STINT_STATE=garbage", "PATH=/opt/x:" + w.layout.GuardDir() + ":/usr/bin"}
	res, err := w.Forget(SwitchRequest{Shell: "bash", Environ: env}, delivered)
	require.NoError(t, err)
	assert.Equal(t, "/opt/x:/usr/bin", EnvironMap(environOf(t, env, res))["PATH"])
	res, err = w.Forget(SwitchRequest{Shell: "bash", Environ: []string{"STINT_CLIENT=acme", "PATH=/usr/bin"}}, delivered)
	require.NoError(t, err)
	assert.NotContains(t, res.Set, "PATH")
}
