package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hooked makes the harness look like a shell with the hook loaded: an eval
// file the binary writes its script to.
func hooked(t *testing.T, h *harness) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "stint-eval")
	require.NoError(t, os.WriteFile(f, nil, 0o600))
	h.env["STINT_EVAL_FILE"], h.env["STINT_SHELL"], h.env["STINT_SESSION"] = f, "bash", "4242-1"
	return f
}

func readEval(t *testing.T, f string) string {
	t.Helper()
	b, err := os.ReadFile(f)
	require.NoError(t, err)
	return string(b)
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
	assert.Contains(t, r.stderr, "→ acme (Acme Corp) · kube none · timer started")
	script := readEval(t, f)
	assert.Contains(t, script, "export FOO=bar;\n")
	assert.Contains(t, script, "export STINT_CLIENT=acme;\n")
	info, err := os.Stat(f)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	// The hooked shell is now in acme; a production client is loud.
	h.env["STINT_CLIENT"], h.env["STINT_STATE"] = "acme", stateLine(t, script)
	r = h.run("switch", "bank")
	require.Equal(t, 0, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stderr, "⚠ PRODUCTION ⚠ → bank"), r.stderr)
	assert.Contains(t, r.stderr, "acme stopped after")
	assert.Contains(t, readEval(t, f), "unset -v FOO;\n", "acme's variable goes")

	// A failed switch writes nothing and changes no row.
	require.NoError(t, os.WriteFile(f, nil, 0o600))
	h.fails(1, `no client named "nope"`, "switch", "nope")
	assert.Empty(t, readEval(t, f))
}

// stateLine pulls the value of STINT_STATE out of a bash script.
func stateLine(t *testing.T, script string) string {
	t.Helper()
	for _, line := range strings.Split(script, "\n") {
		if v, ok := strings.CutPrefix(line, "export STINT_STATE="); ok {
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

	assert.Contains(t, h.ok("env", "acme", "--shell", "fish"), "set -gx FOO 'a b';")
	h.env["SHELL"] = "/usr/bin/zsh"
	assert.Contains(t, h.ok("env", "acme"), "export FOO='a b';")

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
	assert.Equal(t, "unset -v STINT_CLIENT;\nexport STINT_PREV=acme;\nunset -v STINT_STATE;\n", readEval(t, f))
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
	const warning = "stint: warning: acme's secrets GH_TOKEN, VAULT_TOKEN have no value in this keyring — set them with `stint secret set acme NAME`\n"

	r := h.run("env", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, warning, r.stderr)
	assert.Contains(t, r.stdout, "export API_KEY=present;")
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
	assert.Contains(t, r.stderr, "→ acme")
	assert.Contains(t, readEval(t, f), "export FOO=bar;")

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
