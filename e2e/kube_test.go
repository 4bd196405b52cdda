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

// TestChildShellsGetTheirOwnKubeconfig: a shell started inside a client —
// a child shell, a new tmux pane — inherits its parent's environment, the
// session kubeconfig path included. The hook gives it a copy of its own,
// at the context the parent is at, so `use-context` in the child never
// moves the parent; leaving the client in the child removes only the
// child's file. A KUBECONFIG set by hand is left alone.
func TestChildShellsGetTheirOwnKubeconfig(t *testing.T) {
	needTool(t, "kubectl")
	h := newHome(t)
	kdir := t.TempDir()
	one := writeKubeconfig(t, kdir, "one.yaml", "acme-prod", "acme-dev")
	acme := uniqueSlug("acme")
	h.client(acme)
	h.ok("kube", "add", acme, "--kubeconfig", one, "--context", "acme-prod", "--context", "acme-dev")
	h.ok("kube", "use", acme, "acme-prod")
	own := writeKubeconfig(t, kdir, "own.yaml", "mine")

	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			needTool(t, sh)
			dir := t.TempDir()
			var child, childByHand, parent string
			switch sh {
			case "bash":
				child = "bash --norc --noprofile -c " + shellQuote(hookLine(sh)+"echo \"$KUBECONFIG\" > $D/child-kubeconfig; kubectl config current-context > $D/child-start; kubectl config use-context acme-prod >/dev/null; stint off; echo \"${KUBECONFIG-unset}\" > $D/child-off")
				childByHand = "KUBECONFIG=" + own + " bash --norc --noprofile -c " + shellQuote(hookLine(sh)+"echo \"$KUBECONFIG\" > $D/by-hand")
				parent = "export D=" + dir + "\n" + hookLine(sh) + "set -eu\nstint switch " + acme + "\n"
			case "zsh":
				child = "zsh -f -c " + shellQuote(hookLine(sh)+"echo \"$KUBECONFIG\" > $D/child-kubeconfig; kubectl config current-context > $D/child-start; kubectl config use-context acme-prod >/dev/null; stint off; echo \"${KUBECONFIG-unset}\" > $D/child-off")
				childByHand = "KUBECONFIG=" + own + " zsh -f -c " + shellQuote(hookLine(sh)+"echo \"$KUBECONFIG\" > $D/by-hand")
				parent = "export D=" + dir + "\n" + hookLine(sh) + "set -eu\nstint switch " + acme + "\n"
			case "fish":
				child = "fish --no-config -c " + shellQuote(hookLine(sh)+"echo \"$KUBECONFIG\" > $D/child-kubeconfig; kubectl config current-context > $D/child-start; kubectl config use-context acme-prod >/dev/null; stint off; set -q KUBECONFIG; and echo $KUBECONFIG > $D/child-off; or echo unset > $D/child-off")
				childByHand = "env KUBECONFIG=" + own + " fish --no-config -c " + shellQuote(hookLine(sh)+"echo \"$KUBECONFIG\" > $D/by-hand")
				parent = "set -gx D " + dir + "\n" + hookLine(sh) + "stint switch " + acme + "\n"
			}
			script := parent + `kubectl config use-context acme-dev >/dev/null
echo "$KUBECONFIG" > $D/parent-kubeconfig
` + child + `
kubectl config current-context > $D/parent-after
` + childByHand + "\n"
			out, err := h.runShell(sh, script)
			require.NoError(t, err, out)

			read := func(name string) string {
				b, err := os.ReadFile(filepath.Join(dir, name))
				require.NoError(t, err, out)
				return strings.TrimSpace(string(b))
			}
			parentFile, childFile := read("parent-kubeconfig"), read("child-kubeconfig")
			require.NotEqual(t, parentFile, childFile, "the child has a kubeconfig of its own")
			require.Equal(t, filepath.Dir(parentFile), filepath.Dir(childFile))
			require.Equal(t, "acme-dev", read("child-start"), "the child starts where its parent is")
			require.Equal(t, "acme-dev", read("parent-after"), "use-context in the child did not move the parent")
			require.Equal(t, "unset", read("child-off"), "off in the child gives back the user's own KUBECONFIG (none)")
			require.NoFileExists(t, childFile, "off removed the child's file")
			require.FileExists(t, parentFile, "and only the child's")
			require.Equal(t, own, read("by-hand"), "a KUBECONFIG set by hand is the user's")
		})
	}
}

// shellQuote single-quotes s for bash, zsh and fish alike (s has no ').
func shellQuote(s string) string {
	if strings.Contains(s, "'") {
		panic("shellQuote: " + s)
	}
	return "'" + s + "'"
}
