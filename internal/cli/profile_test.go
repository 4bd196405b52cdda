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

func TestVarsAndSettings(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	key := filepath.Join(h.home, "id_acme")
	require.NoError(t, os.WriteFile(key, []byte("k"), 0o600))
	h.ok("set", "acme", "AWS_REGION=eu-west-1", "WEIRD=a b=c $x")
	h.ok("aws", "acme", "--profile", "acme-admin", "--region", "eu-central-1")
	h.ok("gcp", "acme", "--project", "acme-prod-123", "--isolate")
	h.ok("azure", "acme", "--subscription", "0B1F2A3C-0000-4000-8000-000000000001", "--tenant", "acme.onmicrosoft.com")
	h.ok("git", "acme", "--name", "Ada Lovelace", "--email", "ada@acme.io", "--ssh-key", key)
	h.ok("isolate", "acme", "gh", "docker")
	h.ok("unset", "acme", "AWS_REGION")

	var p workbench.ProfileView
	require.NoError(t, json.Unmarshal([]byte(h.ok("client", "show", "acme", "--json")), &p))
	assert.Equal(t, map[string]string{"WEIRD": "a b=c $x"}, p.Vars)
	assert.Equal(t, map[string]string{"profile": "acme-admin", "region": "eu-central-1"}, p.AWS)
	assert.Equal(t, "acme-prod-123", p.GCP["project"])
	assert.Equal(t, "0b1f2a3c-0000-4000-8000-000000000001", p.Azure["subscription"])
	assert.Equal(t, key, p.Git["ssh_key"])
	assert.Equal(t, []string{"docker", "gcloud", "gh"}, p.Isolated)

	h.ok("aws", "acme", "--region", "")
	h.ok("gcp", "acme", "--no-isolate")
	p = workbench.ProfileView{}
	require.NoError(t, json.Unmarshal([]byte(h.ok("client", "show", "acme", "--json")), &p))
	assert.Equal(t, map[string]string{"profile": "acme-admin"}, p.AWS)
	assert.Equal(t, []string{"docker", "gh"}, p.Isolated)
}

func TestVarsAndSettingsBadInput(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	cases := []struct {
		want string
		args []string
	}{
		{"not a valid environment variable name", []string{"set", "acme", "1BAD=x"}},
		{"not a valid environment variable name", []string{"set", "acme", "GOOD=1", "BAD-NAME=x"}},
		{"is reserved", []string{"set", "acme", "STINT_CLIENT=x"}},
		{"is reserved", []string{"set", "acme", "stint_home=x"}},
		{"is reserved", []string{"set", "acme", "__stint_saved=x"}},
		{"is reserved", []string{"set", "acme", "__STINT_X=x"}},
		{"not KEY=VALUE", []string{"set", "acme", "JUSTNAME"}},
		{"given twice", []string{"set", "acme", "A=1", "A=2"}},
		{"no client named", []string{"set", "nobody", "A=1"}},
		{"is not a variable of acme", []string{"unset", "acme", "NOPE"}},
		{"AWS region \"mars\" is invalid", []string{"aws", "acme", "--region", "mars"}},
		{"does not exist", []string{"aws", "acme", "--config-file", "/nonexistent/aws.cfg"}},
		{"GCP project", []string{"gcp", "acme", "--project", "X"}},
		{"Azure subscription", []string{"azure", "acme", "--subscription", "nope"}},
		{"git email", []string{"git", "acme", "--email", "not an email"}},
		{"SSH key /nonexistent/key does not exist", []string{"git", "acme", "--ssh-key", "/nonexistent/key"}},
		{"unknown tool \"vim\"", []string{"isolate", "acme", "gh", "vim"}},
		{"nothing to change", []string{"aws", "acme"}},
		{"if any flags in the group", []string{"gcp", "acme", "--isolate", "--no-isolate"}},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) { h.fails(2, c.want, c.args...) })
	}
}

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
