package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// `stint env NAME` printed to a terminal is read by a person, not evaluated:
// a table of what would change, secrets off the screen (the target's and
// the shell's own tokens), the timer where it was, and nothing written —
// no session kubeconfig, no access-log row.
func TestEnvOnATerminalIsAPreview(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("set", "acme", "REGION=eu-west-1", "EDITOR=vim")
	h.stdin = marker
	h.ok("secret", "set", "acme", "GH_TOKEN")
	h.ok("kube", "add", "acme", "--kubeconfig", writeKubeconfig(t, t.TempDir(), "k.yaml", "acme-prod"))
	h.env["EDITOR"] = "nano"
	h.env["GITHUB_TOKEN"] = "users-own-" + marker

	h.ttyOut = true
	r := h.run("env", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.NotContains(t, r.stdout, marker, "neither acme's secret nor the shell's own token")
	assert.NotContains(t, r.stdout, "export", "a table, not a script")
	assert.NotContains(t, r.stdout, "STINT_STATE")
	assert.Regexp(t, `(?m)^REGION\s+\(unset\)\s+eu-west-1$`, r.stdout)
	assert.Regexp(t, `(?m)^EDITOR\s+nano\s+vim$`, r.stdout)
	assert.Regexp(t, `(?m)^GH_TOKEN\s+\(unset\)\s+secret, \d+ bytes, from the keyring$`, r.stdout)
	assert.Regexp(t, `(?m)^GITHUB_TOKEN\s+\(set, not shown\)\s+\(unset\)$`, r.stdout)
	assert.Regexp(t, `(?m)^KUBECONFIG\s+\(unset\)\s+\S+kube-\S+\.yaml \(acme-prod\)$`, r.stdout)
	assert.Contains(t, r.stdout, "nothing has been changed")
	assert.Contains(t, r.stdout, "`eval \"$(stint env acme)\"`")
	var st workbench.Status
	require.NoError(t, json.Unmarshal([]byte(h.ok("status", "--json")), &st))
	assert.Nil(t, st.Running, "a preview starts no timer")
	kubes, _ := filepath.Glob(filepath.Join(h.home, "run", "kube", "acme", "*"))
	assert.Empty(t, kubes, "a preview writes no session kubeconfig")
	assert.Contains(t, h.ok("access", "acme"), "No access to acme recorded", "a preview reads no secret: nothing to log")

	r = h.run("env", "acme", "--shell", "bash", "--reveal")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, marker)

	// Piped (the eval case) it is the real script, and the timer follows.
	h.ttyOut = false
	r = h.run("env", "acme", "--shell", "bash")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, marker)
	assert.NotContains(t, r.stderr, "preview")
}

// A switch whose script cannot reach the hook changes nothing: no timer, no
// access-log row.
func TestSwitchWithUnwritableEvalFileChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	// Under a regular file: no directory there, even for root, whatever
	// else runs on the machine.
	notADir := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(notADir, nil, 0o600))
	h.env["STINT_EVAL_FILE"] = filepath.Join(notADir, "eval")
	h.env["STINT_SHELL"] = "bash"
	h.fails(1, "nothing was changed", "switch", "acme")
	// The picker opens the same file the same way before it starts.
	h.tty, h.withTUI = true, true
	h.fails(1, "nothing was changed")

	// A file outside this home's eval directory (a hook loaded with
	// another STINT_HOME) is refused too, before anything changes.
	h.env["STINT_EVAL_FILE"] = filepath.Join(t.TempDir(), "eval.1.2")
	h.tty, h.withTUI = false, false
	h.fails(1, "is not in "+filepath.Join(h.home, "run", "eval"), "switch", "acme")
	h.fails(1, "load it again", "off")
}

// A timer that cannot follow never keeps the shell in the wrong client.
func TestSwitchGoesAheadWhenTheTimerCannotFollow(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	_, err := h.wb.DB().SQL().Exec("CREATE TRIGGER no_timers BEFORE INSERT ON entries BEGIN SELECT RAISE(FAIL, 'disk full'); END")
	require.NoError(t, err)
	r := h.run("env", "acme", "--shell", "bash")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "STINT_CLIENT")
	assert.Contains(t, r.stderr, "the shell switched but the timer did not follow")
}

func TestEntriesCannotEndInTheFuture(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.fails(2, "is in the future", "add", "acme", "--from", "-1h", "--to", "+2h")
}

// `stint env --off` on a terminal is a preview too: what leaving would put
// back, the user's own tokens not shown, and the shell still in its client
// with its timer running.
func TestEnvOffOnATerminalIsAPreview(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("set", "acme", "REGION=eu-west-1")
	h.stdin = "acme-secret-value"
	h.ok("secret", "set", "acme", "GITHUB_TOKEN")
	h.stdin = ""
	h.env["REGION"] = "mine"
	h.env["GITHUB_TOKEN"] = "users-own-" + marker
	r := h.run("env", "acme", "--shell", "bash")
	require.Equal(t, 0, r.code, r.stderr)
	h.env["STINT_CLIENT"], h.env["STINT_STATE"] = "acme", stateLine(t, r.stdout)
	h.env["REGION"], h.env["GITHUB_TOKEN"] = "eu-west-1", "acme-secret-value"

	h.ttyOut = true
	r = h.run("env", "--off")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "stint env --off: what leaving acme would change; nothing has been changed.")
	assert.Regexp(t, `(?m)^REGION\s+eu-west-1\s+mine$`, r.stdout)
	assert.Regexp(t, `(?m)^GITHUB_TOKEN\s+\(set, not shown\)\s+\(set, not shown\)$`, r.stdout)
	assert.NotContains(t, r.stdout, marker)
	assert.NotContains(t, r.stdout, "acme-secret-value")
	assert.Contains(t, r.stdout, "`eval \"$(stint env --off)\"`")
	var st workbench.Status
	require.NoError(t, json.Unmarshal([]byte(h.ok("status", "--json")), &st))
	require.NotNil(t, st.Running, "a preview of leaving stops no timer")

	delete(h.env, "STINT_CLIENT")
	delete(h.env, "STINT_STATE")
	assert.Contains(t, h.ok("env", "--off"), "this shell is in no client, so leaving changes nothing")
}
