package cli

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The guard command the shims call: production decides, a terminal asks
// for the client's name, STINT_CONFIRM says yes for scripts, a refusal is
// exit 1 with one line that says how to confirm, and the access log holds
// the tool and verb — never an argument.
func TestGuardCommand(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "bank", "--prod")
	h.ok("client", "add", "acme")
	kc := writeKubeconfig(t, t.TempDir(), "kc.yaml", "acme-prod", "acme-dev")
	h.ok("kube", "add", "acme", "--kubeconfig", kc)
	h.ok("kube", "prod", "acme", "acme-prod", "on")
	const real = "/usr/bin/kubectl"
	guarded := func(args ...string) result {
		h.execd = nil
		return h.run(append([]string{"guard", "--real", real, "--"}, args...)...)
	}

	// A production client, no terminal: refused, nothing run.
	h.env["STINT_CLIENT"], h.env["STINT_SESSION"] = "bank", "42-a"
	r := guarded("kubectl", "--token", "s3cr3t", "delete", "secret", "db-password")
	assert.Equal(t, 1, r.code)
	assert.Equal(t, "stint: kubectl delete refused: production client bank, and no terminal to confirm on — to confirm, run it with STINT_CONFIRM=bank\n", r.stderr)
	assert.Nil(t, h.execd)

	// STINT_CONFIRM with the client's name: run, as the real tool.
	h.env["STINT_CONFIRM"] = "bank"
	r = guarded("kubectl", "--token", "s3cr3t", "delete", "secret", "db-password")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, []string{real, "kubectl", "--token", "s3cr3t", "delete", "secret", "db-password"}, h.execd)
	h.env["STINT_CONFIRM"] = "acme" // another client's name is no
	assert.Equal(t, 1, guarded("terraform", "apply").code)
	delete(h.env, "STINT_CONFIRM")

	// On a terminal: the name goes on, anything else stops.
	var prompts []string
	answer := "bank\n"
	h.confirm = func(p string) (string, error) { prompts = append(prompts, p); return answer, nil }
	r = guarded("terraform", "destroy", "-var", "password=hunter2")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "⚠ PRODUCTION ⚠ terraform destroy — production client bank\nType bank to run it, anything else stops it: ", prompts[0])
	assert.Equal(t, []string{real, "terraform", "destroy", "-var", "password=hunter2"}, h.execd)
	for _, wrong := range []string{"yes\n", "\n", "Bank\n", "acme\n"} {
		answer = wrong
		r = guarded("helm", "upgrade", "x", "chart")
		assert.Equal(t, 1, r.code, wrong)
		assert.Equal(t, "stint: helm upgrade was not run: bank was not typed (production client bank)\n", r.stderr)
		assert.Nil(t, h.execd)
	}

	// Reads and dry runs are never asked about (the shims do not even
	// call stint for them; this is the fallback).
	prompts = nil
	for _, args := range [][]string{{"kubectl", "get", "pods"}, {"kubectl", "delete", "pod", "x", "--dry-run=server"}, {"terraform", "plan"}} {
		r = guarded(args...)
		assert.Equal(t, 0, r.code)
		assert.Equal(t, append([]string{real}, args...), h.execd)
	}
	assert.Empty(t, prompts)

	// A production context, from any client's shell: through --context, or
	// the kubeconfig's current context.
	h.confirm = nil
	h.env["STINT_CLIENT"], h.env["KUBECONFIG"] = "acme", kc // kc's current context is acme-prod
	r = guarded("kubectl", "delete", "pod", "x")
	assert.Equal(t, "stint: kubectl delete refused: production context acme-prod (acme), and no terminal to confirm on — to confirm, run it with STINT_CONFIRM=acme\n", r.stderr)
	r = guarded("kubectl", "--context", "acme-dev", "delete", "pod", "x")
	assert.Equal(t, 0, r.code, "a context that is not production")
	h.env["STINT_CLIENT"] = "globex-shell"
	delete(h.env, "KUBECONFIG")
	r = guarded("helm", "--kube-context=acme-prod", "rollback", "x", "1")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "STINT_CONFIRM=acme")
	h.env["STINT_CONFIRM"] = "acme"
	assert.Equal(t, 0, guarded("helm", "--kube-context=acme-prod", "rollback", "x", "1").code)
	delete(h.env, "STINT_CONFIRM")
	r = guarded("kubectl", "delete", "pod", "x") // not production anywhere
	assert.Equal(t, 0, r.code)

	// User rules from guard_extra.
	h.ok("config", "set", "guard_extra", "argocd app sync")
	h.env["STINT_CLIENT"] = "bank"
	assert.Equal(t, 1, guarded("argocd", "app", "sync", "guestbook").code)
	assert.Equal(t, 0, guarded("argocd", "app", "get", "guestbook").code)

	// The log: the tool, the verb and what became of it, nothing else.
	access := h.ok("access", "bank")
	for _, want := range []string{"kubectl delete refused: no terminal", "kubectl delete confirmed by STINT_CONFIRM",
		"terraform destroy confirmed", "helm upgrade refused", "argocd app sync refused: no terminal", "42-a"} {
		assert.Contains(t, access, want)
	}
	for _, secret := range []string{"s3cr3t", "db-password", "hunter2", "guestbook", "pods"} {
		assert.NotContains(t, access, secret)
	}
	assert.Equal(t, 1, strings.Count(access, "terraform apply refused"), "another client's name was no")
	acme := h.ok("access", "acme")
	assert.Contains(t, acme, "kubectl delete refused: no terminal")
	assert.Contains(t, acme, "helm rollback confirmed by STINT_CONFIRM")
}

func TestGuardCommandBadInput(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.fails(2, "the real tool's absolute path", "guard", "--", "kubectl", "delete")
	h.fails(2, "the real tool's absolute path", "guard", "--real", "kubectl", "--", "kubectl", "delete")
	h.fails(2, "", "guard", "--real", "/usr/bin/kubectl")
	h.fails(2, "guard_extra", "config", "set", "guard_extra", "kubectl")
	h.fails(2, "guard", "config", "set", "guard", "maybe")
	require.Nil(t, h.execd)
}
