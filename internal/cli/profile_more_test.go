package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShellOwnedNamesAreRefusedWhenStored: a name a shell keeps for itself
// would make every later switch to the client fail, so `stint set` and
// `stint secret set` refuse it up front, as a usage error.
func TestShellOwnedNamesAreRefusedWhenStored(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	for _, name := range []string{"IFS", "UID", "RANDOM", "path", "status"} {
		h.fails(2, name+" belongs to the shell", "set", "acme", name+"=x")
		h.stdin = "value\n"
		h.fails(2, name+" belongs to the shell", "secret", "set", "acme", name)
	}
	h.fails(2, "HOME cannot be set per client", "set", "acme", "HOME=/tmp")

	// Names that merely look alike are fine, and the client still switches.
	h.ok("set", "acme", "PATH_EXTRA=/opt/bin", "Status=ok")
	hooked(t, h)
	r := h.run("switch", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "→ acme")
}

// Plain variables live in SQLite and in handoffs: credentials and the
// variables stint manages itself are refused, with the way to do it right.
func TestPlainVariablesRefuseCredentialsAndKubeconfig(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.fails(2, "looks like a credential: store it with `stint secret set acme GITHUB_TOKEN`", "set", "acme", "GITHUB_TOKEN=ghp_x")
	h.fails(2, "looks like a credential", "set", "acme", "DB_PASSWORD=hunter2")
	h.fails(2, "looks like a credential", "set", "acme", "AWS_SECRET_ACCESS_KEY=x")
	h.fails(2, "stint sets KUBECONFIG itself", "set", "acme", "KUBECONFIG=/root/.kube/config")
	h.stdin = "/root/.kube/config"
	h.fails(2, "stint sets KUBECONFIG itself", "secret", "set", "acme", "KUBECONFIG")
	h.ok("set", "acme", "AWS_REGION=eu-west-1", "TF_WORKSPACE=prod")
	h.stdin = "ghp_x"
	h.ok("secret", "set", "acme", "GITHUB_TOKEN")
}
