package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// writeKubeconfig writes a kubeconfig with one cluster and one user per
// context; each cluster's CA is a relative path (certs/CTX.crt) next to it.
func writeKubeconfig(t *testing.T, dir, name string, contexts ...string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "certs"), 0o700))
	var clusters, users, ctxs strings.Builder
	for _, c := range contexts {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "certs", c+".crt"), []byte("not a real cert"), 0o600))
		fmt.Fprintf(&clusters, "- name: %s-cluster\n  cluster:\n    server: https://%s.example.invalid:6443\n    certificate-authority: certs/%s.crt\n", c, c, c)
		fmt.Fprintf(&users, "- name: %s-user\n  user:\n    token: token-of-%s\n", c, c)
		fmt.Fprintf(&ctxs, "- name: %s\n  context:\n    cluster: %s-cluster\n    user: %s-user\n", c, c, c)
	}
	body := "apiVersion: v1\nkind: Config\ncurrent-context: " + contexts[0] + "\nclusters:\n" + clusters.String() +
		"users:\n" + users.String() + "contexts:\n" + ctxs.String()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	return path
}

// TestKubeIsolationAndGitIdentity: two kubeconfigs hold four contexts; a
// client owns two of them. In its shell kubectl sees exactly those two,
// the chosen one current, with CA paths made absolute; `use-context` in
// another shell of the same client moves nothing here; a client without
// contexts reaches no cluster at all, not even ~/.kube/config's. git sees
// the client's identity.
func TestKubeIsolationAndGitIdentity(t *testing.T) {
	needTool(t, "kubectl")
	needTool(t, "git")
	h := newHome(t)
	kdir := t.TempDir()
	one := writeKubeconfig(t, kdir, "one.yaml", "acme-prod", "globex-prod")
	two := writeKubeconfig(t, kdir, "two.yaml", "acme-dev", "globex-dev")
	// The user's own kubeconfig, which no switched shell may reach.
	require.NoError(t, os.MkdirAll(filepath.Join(h.userHo, ".kube"), 0o700))
	writeKubeconfig(t, filepath.Join(h.userHo, ".kube"), "config", "personal-ctx")

	acme, bare := uniqueSlug("acme"), uniqueSlug("bare")
	h.client(acme)
	h.ok("kube", "add", acme, "--kubeconfig", one, "--context", "acme-prod")
	h.ok("kube", "add", acme, "--kubeconfig", two, "--context", "acme-dev")
	h.ok("kube", "use", acme, "acme-prod", "--namespace", "platform")
	h.ok("git", acme, "--name", "Ada Lovelace", "--email", "ada@acme.io")
	h.client(bare)

	dir := t.TempDir()
	script := hookLine("bash") + fmt.Sprintf(`set -eu
D=%[1]s
stint switch %[2]s
kubectl config get-contexts -o name > $D/contexts
kubectl config current-context > $D/current
kubectl config view --minify -o 'jsonpath={..namespace}' > $D/namespace
kubectl config view --raw -o 'jsonpath={.clusters[?(@.name=="acme-prod-cluster")].cluster.certificate-authority}' > $D/ca
stat -c %%a "$KUBECONFIG" > $D/mode
git var GIT_AUTHOR_IDENT > $D/ident
# Another shell, its own session, in the same client:
bash --norc --noprofile -c 'eval "$(%[3]s hook bash)"; set -e; stint switch %[2]s; kubectl config use-context acme-dev >/dev/null; kubectl config current-context' > $D/other 2>/dev/null
kubectl config current-context > $D/current-after
stint switch %[4]s
kubectl config get-contexts -o name > $D/bare-contexts
test -z "$(kubectl config current-context 2>/dev/null || true)"
`, dir, acme, stintBin, bare)
	out, err := h.runShell("bash", script)
	require.NoError(t, err, out)

	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		return string(b)
	}
	require.Equal(t, "acme-dev\nacme-prod\n", read("contexts"), "exactly the client's two contexts")
	require.Equal(t, "acme-prod\n", read("current"))
	require.Equal(t, "platform", read("namespace"))
	require.Equal(t, filepath.Join(kdir, "certs", "acme-prod.crt"), read("ca"), "relative CA path made absolute")
	require.Equal(t, "600\n", read("mode"))
	require.True(t, strings.HasPrefix(read("ident"), "Ada Lovelace <ada@acme.io> "), "git identity: %q", read("ident"))
	require.Equal(t, "acme-dev\n", read("other"), "the other shell moved")
	require.Equal(t, "acme-prod\n", read("current-after"), "this shell did not move")
	require.Empty(t, read("bare-contexts"), "a client without contexts reaches no cluster, not even ~/.kube/config's")
}
