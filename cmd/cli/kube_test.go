package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/workbench"
)

// writeKubeconfig writes a kubeconfig with one cluster and user per context.
func writeKubeconfig(t *testing.T, dir, name string, contexts ...string) string {
	t.Helper()
	var clusters, users, ctxs strings.Builder
	for _, c := range contexts {
		fmt.Fprintf(&clusters, "- name: %s-cluster\n  cluster:\n    server: https://%s.example.com:6443\n", c, c)
		fmt.Fprintf(&users, "- name: %s-user\n  user:\n    token: token-of-%s\n", c, c)
		fmt.Fprintf(&ctxs, "- name: %s\n  context:\n    cluster: %s-cluster\n    user: %s-user\n", c, c, c)
	}
	body := "apiVersion: v1\nkind: Config\ncurrent-context: " + contexts[0] + "\nclusters:\n" + clusters.String() +
		"users:\n" + users.String() + "contexts:\n" + ctxs.String()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	return path
}

func TestKubeAddUseList(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	dir := t.TempDir()
	one := writeKubeconfig(t, dir, "one.yaml", "acme-prod", "acme-dev", "globex-prod")
	h.ok("kube", "add", "acme", "--kubeconfig", one, "--context", "acme-prod", "--context", "acme-dev", "--namespace", "platform")

	var cs []workbench.KubeContext
	require.NoError(t, json.Unmarshal([]byte(h.ok("kube", "list", "acme", "--json")), &cs))
	require.Len(t, cs, 2)
	assert.Equal(t, "acme-dev", cs[0].Name)
	assert.False(t, cs[0].Default)
	assert.True(t, cs[1].Default, "the file's current context becomes the default")
	assert.Equal(t, "platform", cs[1].Namespace)
	assert.Equal(t, "https://acme-prod.example.com:6443", cs[1].Server)

	h.ok("kube", "use", "acme", "acme-dev", "--namespace", "web")
	cs = nil
	require.NoError(t, json.Unmarshal([]byte(h.ok("kube", "list", "acme", "--json")), &cs))
	assert.True(t, cs[0].Default)
	assert.Equal(t, "web", cs[0].Namespace)

	// A vanished kubeconfig is reported per context, not fatal.
	require.NoError(t, os.Remove(one))
	out := h.ok("kube", "list", "acme")
	assert.Contains(t, out, "does not exist")
}

func TestKubeBadInput(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	dir := t.TempDir()
	good := writeKubeconfig(t, dir, "good.yaml", "a", "b")
	garbage := filepath.Join(dir, "garbage.yaml")
	require.NoError(t, os.WriteFile(garbage, []byte("clusters: [this is: not: yaml"), 0o600))
	cases := []struct {
		want string
		args []string
	}{
		{"does not exist", []string{"kube", "add", "acme", "--kubeconfig", filepath.Join(dir, "nope.yaml")}},
		{"garbage.yaml", []string{"kube", "add", "acme", "--kubeconfig", garbage}},
		{"context \"zzz\" is not in", []string{"kube", "add", "acme", "--kubeconfig", good, "--context", "zzz"}},
		{"namespace \"Bad_NS\" is invalid", []string{"kube", "add", "acme", "--kubeconfig", good, "--namespace", "Bad_NS"}},
		{"required flag", []string{"kube", "add", "acme"}},
		{"has no kubeconfig yet", []string{"kube", "use", "acme", "a"}},
		{"no client named", []string{"kube", "add", "nobody", "--kubeconfig", good}},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) { h.fails(2, c.want, c.args...) })
	}
	h.ok("kube", "add", "acme", "--kubeconfig", good, "--context", "a")
	h.fails(2, "neither a context of acme", "kube", "use", "acme", "zzz")
	h.ok("kube", "use", "acme", "b") // in the kubeconfig: added on use
}
