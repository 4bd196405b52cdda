package cli

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hooked makes the harness look like a shell with the hook loaded: an eval
// file the binary writes its script to.
// hooked makes the harness run commands as the bash hook does: each run
// gets an eval file in the runtime directory, made before the run and
// read (as the hook reads it) from a descriptor held across the run.
func hooked(t *testing.T, h *harness) string {
	t.Helper()
	f := filepath.Join(h.home, "run", "eval", "eval.4242.1")
	h.env["STINT_EVAL_FILE"], h.env["STINT_SHELL"], h.env["STINT_SESSION"] = f, "bash", "4242-1"
	return f
}

// delivered holds, per eval file, the script its last run handed over.
var delivered sync.Map

// holdEvalFile is the hook's side of a run: it creates the eval file and
// opens it for reading; done reads what the run wrote and whether the
// run removed the file, as it must.
func holdEvalFile(t *testing.T, path string) (done func()) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.WriteFile(path, nil, 0o644))
	r, err := os.Open(path)
	require.NoError(t, err)
	return func() {
		b, err := io.ReadAll(r)
		require.NoError(t, err)
		r.Close()
		delivered.Store(path, string(b))
		_, err = os.Stat(path)
		assert.ErrorIs(t, err, fs.ErrNotExist, "the run left the eval file %s", path)
	}
}

// said is what the user reads after a hooked run: the binary's stderr,
// then what the delivered script prints once bash has applied it (the
// summary of a switch).
func said(t *testing.T, r result, f string) string {
	t.Helper()
	script := readEval(t, f)
	if script == "" {
		return r.stderr
	}
	var stderr strings.Builder
	cmd := exec.Command("bash", "--norc", "--noprofile", "-c", script)
	cmd.Env = []string{}
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Run(), "the script fails in bash: %s", stderr.String())
	return r.stderr + stderr.String()
}

func readEval(t *testing.T, f string) string {
	t.Helper()
	v, _ := delivered.Load(f)
	s, _ := v.(string)
	return s
}

func TestHookCommand(t *testing.T) {
	h := newHarness(t)
	out := h.ok("hook", "zsh", "--key", "ctrl-g")
	assert.Contains(t, out, "stint() {")
	exe, err := selfPath()
	require.NoError(t, err)
	assert.Contains(t, out, exe, "the hook runs this binary by its absolute path")
	h.fails(2, "unknown shell", "hook", "tcsh")
	h.fails(2, "", "hook", "bash", "--key", "not-a-key")
}

func TestSwitchWithoutHookExplainsHowToInstallIt(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.fails(2, `eval "$(stint hook bash)"`, "switch", "acme")
	h.fails(2, `eval "$(stint env acme)"`, "switch", "acme")
	h.fails(2, "stint hook bash", "off")
}

func TestSwitchWritesTheScriptToTheEvalFile(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme", "--name", "Acme Corp")
	h.ok("client", "add", "bank", "--prod")
	h.ok("set", "acme", "FOO=bar")
	f := hooked(t, h)

	r := h.run("switch", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	assert.Equal(t, "→ acme (Acme Corp) · kube none · timer started\n", said(t, r, f))
	script := readEval(t, f)
	assert.Contains(t, script, "builtin export FOO=bar\n")
	assert.Contains(t, script, "builtin export STINT_CLIENT=acme\n")

	// The hooked shell is now in acme; a production client is loud.
	h.env["STINT_CLIENT"], h.env["STINT_STATE"] = "acme", stateLine(t, script)
	r = h.run("switch", "bank")
	require.Equal(t, 0, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(said(t, r, f), "⚠ PRODUCTION ⚠ → bank"), said(t, r, f))
	assert.Contains(t, said(t, r, f), "acme stopped after")
	assert.Contains(t, readEval(t, f), "builtin unset -v FOO\n", "acme's variable goes")

	// A failed switch writes nothing and changes no row.
	h.fails(1, `no client named "nope"`, "switch", "nope")
	assert.Empty(t, readEval(t, f))
}

// stateLine pulls the value of STINT_STATE out of a bash script.
func stateLine(t *testing.T, script string) string {
	t.Helper()
	for _, line := range strings.Split(script, "\n") {
		if v, ok := strings.CutPrefix(line, "builtin export STINT_STATE="); ok {
			return strings.TrimSuffix(v, ";")
		}
	}
	t.Fatalf("no STINT_STATE in %q", script)
	return ""
}

func TestSwitchBackNeedsAPreviousClient(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	hooked(t, h)
	h.fails(1, "no previous client", "switch", "-")
}

func TestEnvCommand(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("set", "acme", "FOO=a b")

	var doc struct {
		Client string            `json:"client"`
		Set    map[string]string `json:"set"`
		Unset  []string          `json:"unset"`
	}
	require.NoError(t, json.Unmarshal([]byte(h.ok("env", "acme", "--shell", "json")), &doc))
	assert.Equal(t, "acme", doc.Client)
	assert.Equal(t, "a b", doc.Set["FOO"])
	assert.Equal(t, "acme", doc.Set["STINT_CLIENT"])

	assert.Contains(t, h.ok("env", "acme", "--shell", "fish"), "builtin set -g -x FOO 'a b'\n")
	h.env["SHELL"] = "/usr/bin/zsh"
	assert.Contains(t, h.ok("env", "acme"), "builtin export FOO='a b'\n")

	h.fails(2, "unknown shell", "env", "acme", "--shell", "tcsh")
	h.fails(2, "usage", "env")
	h.fails(2, "usage", "env", "acme", "--off")
	h.fails(1, `no client named "nope"`, "env", "nope")

	// `env` is a switch of the calling shell: logged, and it tracks time.
	access := h.ok("access", "acme", "--json")
	assert.Contains(t, access, `"env"`)
	assert.Contains(t, h.ok("status", "--json"), `"acme"`)

	// Leaving a shell that is in no client prints nothing.
	assert.Empty(t, h.ok("env", "--off"))
}

func TestOffWithDamagedState(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	f := hooked(t, h)
	h.env["STINT_CLIENT"], h.env["STINT_STATE"] = "acme", "v1.!!!"
	h.fails(1, "stint off --force", "off")
	assert.Empty(t, readEval(t, f))

	r := h.run("off", "--force")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, readEval(t, f), "builtin unset -v STINT_CLIENT\nbuiltin export STINT_PREV=acme\nbuiltin unset -v STINT_STATE\n")
	assert.Equal(t, "← forgot this shell's stint state; variables keep their values\n", said(t, r, f))
}

func TestCurrentCommand(t *testing.T) {
	h := newHarness(t)
	r := h.run("current")
	assert.Equal(t, 0, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "no client")
	hooked(t, h)
	h.env["STINT_CLIENT"] = "acme"
	assert.Equal(t, "acme\n", h.ok("current"))
	assert.JSONEq(t, `{"client":"acme","session":"4242-1","hooked":true}`, h.ok("current", "--json"))
}

// TestArchivedClientIsRefused: an offboarded client cannot be switched to,
// evaluated, exec'd or shelled into; nothing is written (h.fails checks the
// database: no access-log row, no timer) and no kubeconfig appears.
func TestArchivedClientIsRefused(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("client", "edit", "acme", "--archive")
	f := hooked(t, h)
	const want = "client acme is archived (offboarded): bring it back with `stint client edit acme --unarchive`"
	h.fails(1, want, "switch", "acme")
	assert.Empty(t, readEval(t, f))
	h.fails(1, want, "env", "acme")
	h.fails(1, want, "exec", "acme", "--", "true")
	h.env["SHELL"] = "/bin/sh"
	h.fails(1, want, "shell", "acme")
	kube, _ := filepath.Glob(filepath.Join(h.home, "*", "kube", "acme", "*"))
	assert.Empty(t, kube)

	h.ok("client", "edit", "acme", "--unarchive")
	r := h.run("switch", "acme")
	require.Equal(t, 0, r.code, r.stderr)
}

// TestEmptyClientNameIsRefused: `stint switch "$CLIENT"` with CLIENT unset
// must not act as `stint off`, nor `stint env ""` print the leaving script;
// exec and shell, whose "" already meant nothing, say the same.
func TestEmptyClientNameIsRefused(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.fails(2, "client name is empty: give one, e.g. `stint switch acme`", "switch", "")
	f := hooked(t, h)
	h.fails(2, "client name is empty", "switch", "")
	assert.Empty(t, readEval(t, f))
	h.fails(2, "client name is empty: give one, e.g. `stint env acme`", "env", "")
	h.fails(2, "client name is empty", "env", "", "--shell", "fish")
	h.fails(2, "give one, e.g. `stint exec acme`", "exec", "", "--", "true")
	h.fails(2, "give one, e.g. `stint shell acme`", "shell", "")
}

// TestArchivedClientTimerIsRefused: `stint start` of an offboarded client
// is refused as its switch is, and nothing is written.
func TestArchivedClientTimerIsRefused(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("client", "edit", "acme", "--archive")
	h.fails(2, "client acme is archived (offboarded): bring it back with `stint client edit acme --unarchive`", "start", "acme")
	h.ok("client", "edit", "acme", "--unarchive")
	h.ok("start", "acme")
}

// TestMissingSecretsAreReported: secret names the keyring has no value for
// (as after a handoff import) do not stop a switch, but each shell command
// says which, in one line on stderr; `env`'s script on stdout stays clean.
func TestMissingSecretsAreReported(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("set", "acme", "FOO=bar")
	h.stdin = "present\n"
	h.ok("secret", "set", "acme", "API_KEY")
	ctx := context.Background()
	c, err := h.wb.DB().Client(ctx, "acme")
	require.NoError(t, err)
	for _, name := range []string{"VAULT_TOKEN", "GH_TOKEN"} {
		require.NoError(t, h.wb.DB().RecordSecretName(ctx, c.ID, name, 10, time.Now()))
	}
	const warning = "stint: warning: acme's secrets GH_TOKEN, VAULT_TOKEN have no value in this keyring — set each, starting with `stint secret set acme GH_TOKEN`\n"

	r := h.run("env", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, warning, r.stderr)
	assert.Contains(t, r.stdout, "builtin export API_KEY=present\n")
	assert.NotContains(t, r.stdout, "warning")
	assert.NotContains(t, r.stdout, "VAULT_TOKEN")

	h.env["PATH"] = os.Getenv("PATH")
	r = h.run("exec", "acme", "--", "true")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, warning, r.stderr)

	f := hooked(t, h)
	r = h.run("switch", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stderr, warning), r.stderr)
	assert.Contains(t, said(t, r, f), "→ acme")
	assert.Contains(t, readEval(t, f), "builtin export FOO=bar\n")

	// One missing secret reads as one.
	h.stdin = "v\n"
	h.ok("secret", "set", "acme", "VAULT_TOKEN")
	r = h.run("env", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "stint: warning: acme's secret GH_TOKEN has no value in this keyring — set it with `stint secret set acme GH_TOKEN`\n", r.stderr)

	// A complete keyring: nothing on stderr.
	h.stdin = "v\n"
	h.ok("secret", "set", "acme", "GH_TOKEN")
	r = h.run("env", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
}

// twinKubeconfig is a kubeconfig with one context, acme-prod, for the
// summary both front ends must show alike (the TUI's twin of
// TestTheSummaryOfAFlickBackIsTheTUIs holds the same file).
const twinKubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster:
    server: https://prod.acme.invalid
users:
- name: ada
  user:
    token: t
contexts:
- name: acme-prod
  context:
    cluster: prod
    user: ada
`

// A switch back to a client within switch_grace, as `stint switch` says
// it: the kube context, the entry flicked past discarded, the one left
// resumed. The TUI's TestPickerSaysWhatTheCLISays expects the same line
// for the same history.
func TestTheSummaryOfAFlickBackIsTheTUIs(t *testing.T) {
	h, clock := timeHarness(t, "2026-11-25T10:00:00Z")
	kc := filepath.Join(t.TempDir(), "kubeconfig")
	require.NoError(t, os.WriteFile(kc, []byte(twinKubeconfig), 0o600))
	h.ok("kube", "add", "acme", "--kubeconfig", kc, "--namespace", "web")
	f := hooked(t, h)
	switchTo(t, h, f, "acme")
	*clock = clock.Add(2 * time.Minute)
	switchTo(t, h, f, "globex")
	*clock = clock.Add(20 * time.Second)
	assert.Equal(t, "→ acme (Acme Corp) · kube acme-prod/web · globex stopped after 20s and discarded (shorter than switch_grace) · timer resumed\n",
		switchTo(t, h, f, "acme"))
}

// The one switch path, from the CLI: a script that cannot be handed to the
// shell — here stdout, whose reader went away — changes nothing: no
// access-log row, no timer move (the dump `fails` compares), no session
// kubeconfig.
func TestASwitchThatCannotBeDeliveredChangesNothing(t *testing.T) {
	h, _ := timeHarness(t, "2026-11-25T10:00:00Z")
	kc := filepath.Join(t.TempDir(), "kubeconfig")
	require.NoError(t, os.WriteFile(kc, []byte(twinKubeconfig), 0o600))
	h.ok("kube", "add", "acme", "--kubeconfig", kc)
	h.ok("start", "globex")
	runtime := filepath.Join(h.home, "run")
	before := treeOf(t, runtime)

	h.outErr = syscall.EPIPE
	h.fails(1, "cannot print the script on stdout: broken pipe; nothing was changed", "env", "acme")
	h.outErr = nil
	assert.Equal(t, before, treeOf(t, runtime), "no session kubeconfig left behind")
	assert.Contains(t, h.ok("status"), "globex", "globex's timer still runs")

	// Delivered, the same command records the switch.
	h.ok("env", "acme")
	assert.Contains(t, h.ok("status"), "acme")
	assert.NotEqual(t, before, treeOf(t, runtime))
}

// treeOf lists the files under dir with their contents.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		out[path] = string(b)
		return err
	})
	require.NoError(t, err)
	return out
}
