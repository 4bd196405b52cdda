package cli

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/workbench"
)

// brokenKeyring is a keyring store whose Secret Service is gone.
type brokenKeyring struct{ workbench.SecretStore }

func (brokenKeyring) Probe() error {
	return errors.New("no Secret Service on the session bus")
}

func TestDoctorAllGood(t *testing.T) {
	h := newHarness(t)
	h.env["SHELL"] = "/bin/bash"
	h.env["STINT_EVAL_FILE"] = filepath.Join(h.home, "eval")
	h.env["STINT_SHELL"] = "bash"
	require.NoError(t, os.WriteFile(filepath.Join(h.home, ".bashrc"), []byte("eval \"$(stint hook bash)\"\n"), 0o600))
	h.ok("client", "add", "acme")
	h.stdin = "v"
	h.ok("secret", "set", "acme", "TOKEN")
	h.ok("kube", "add", "acme", "--kubeconfig", writeKubeconfig(t, t.TempDir(), "k.yaml", "acme-prod"))
	out := h.ok("doctor")
	for _, want := range []string{"✓ database", "✓ permissions", "✓ runtime dir", "✓ keyring", "✓ secrets", "✓ hook", "✓ rc file", "✓ kubeconfigs", "✓ timer", "git"} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "✗")
}

func TestDoctorNoSecretService(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.stdin = "v"
	h.ok("secret", "set", "acme", "TOKEN")
	working := h.secrets
	h.secrets = func(l paths.Layout) workbench.SecretStore { return brokenKeyring{working(l)} }
	h.wb.DB().Close()
	h.wb = nil
	r := h.run("doctor")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "✗ keyring")
	assert.Contains(t, r.stdout, "no Secret Service on the session bus (1 client has secrets)")
	assert.Contains(t, r.stdout, "start a Secret Service")
	assert.Contains(t, r.stdout, "! hook") // not loaded here: a warning, not a failure
}

// A secret whose name the profile holds but whose value the keyring lost (a
// keyring reset, a handoff import) is named with the command that sets it,
// as the switch's warning names it; a warning, since the switch goes on.
func TestDoctorNamesSecretsTheKeyringLacks(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("client", "add", "globex")
	for _, name := range []string{"TOKEN", "API_KEY"} {
		h.stdin = "v"
		h.ok("secret", "set", "acme", name)
	}
	h.stdin = "v"
	h.ok("secret", "set", "globex", "ONLY")
	assert.Contains(t, h.run("doctor").stdout, "✓ secrets      every secret a client names has a value")

	store := h.secrets(h.wb.Layout())
	require.NoError(t, store.Update("acme", func(m map[string]string) error { clear(m); return nil }))
	require.NoError(t, store.Update("globex", func(m map[string]string) error { clear(m); return nil }))
	r := h.run("doctor")
	assert.Contains(t, r.stdout, "! secrets acme")
	assert.Contains(t, r.stdout, "secrets API_KEY, TOKEN have no value in this keyring")
	assert.Contains(t, r.stdout, "`stint secret set acme API_KEY`")
	assert.Contains(t, r.stdout, "secret ONLY has no value in this keyring")
	assert.Contains(t, r.stdout, "`stint secret set globex ONLY`")
	assert.NotContains(t, r.stdout, "✓ secrets")
}

func TestDoctorVanishedKubeconfig(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	kc := writeKubeconfig(t, t.TempDir(), "k.yaml", "acme-prod")
	h.ok("kube", "add", "acme", "--kubeconfig", kc)
	require.NoError(t, os.Remove(kc))
	r := h.run("doctor")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "✗ kube acme")
	assert.Contains(t, r.stdout, "does not exist")
	assert.Contains(t, r.stdout, "`stint kube rm acme --kubeconfig "+kc+"`")
	assert.NotContains(t, r.stdout, "--kubeconfig PATH")
}

// The hook check's fix follows the rc file's: a shell started before the
// rc file loaded the hook is told to load it here, not to add a line that
// is already there; an rc file without it gets the command that adds it.
func TestDoctorHookFixMatchesTheRcFile(t *testing.T) {
	h := newHarness(t)
	h.env["SHELL"] = "/bin/bash"
	rc := filepath.Join(h.home, ".bashrc")
	out := h.run("doctor").stdout
	assert.Contains(t, out, "add it with `echo 'eval \"$(stint hook bash)\"' >> ~/.bashrc`")
	require.NoError(t, os.WriteFile(rc, []byte("eval \"$(stint hook bash)\"\n"), 0o600))
	out = h.run("doctor").stdout
	assert.Contains(t, out, rc+" loads it: open a new shell, or load it in this one with `eval \"$(stint hook bash)\"`")
	assert.NotContains(t, out, "below")
}

// --json prints one JSON document even when the database cannot open.
func TestDoctorJSONWhenTheDatabaseCannotOpen(t *testing.T) {
	h := newHarness(t)
	h.env["STINT_HOME"] = "/proc/no-such-place"
	r := h.run("doctor", "--json")
	assert.Equal(t, 1, r.code)
	var checks []workbench.Check
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &checks), r.stdout)
	require.Len(t, checks, 1)
	assert.Equal(t, workbench.CheckFail, checks[0].Level)
}

// A forgotten timer's start reads in its client's zone, labelled, as
// `stint status` says it; the fix is a command that works as pasted.
func TestDoctorForgottenTimerInTheClientsZone(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-02T12:00:00Z")
	h.ok("start", "acme", "--at", "2024-05-01 20:00")
	out := h.run("doctor").stdout
	assert.Contains(t, out, "acme's timer has run since Wed 01 May 20:00 CEST: probably forgotten")
	assert.Contains(t, out, "stop it with `stint stop`")
}
