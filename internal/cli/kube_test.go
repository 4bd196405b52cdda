package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
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

	// Production per context: shown in the list, in JSON and as text.
	assert.Equal(t, "acme: context acme-prod is production; mutating commands through it ask first.\n", h.ok("kube", "prod", "acme", "acme-prod", "on"))
	cs = nil
	require.NoError(t, json.Unmarshal([]byte(h.ok("kube", "list", "acme", "--json")), &cs))
	assert.False(t, cs[0].Production)
	assert.True(t, cs[1].Production)
	assert.Regexp(t, `acme-prod +prod +https://`, h.ok("kube", "list", "acme"))
	h.ok("kube", "prod", "acme", "acme-prod", "OFF")
	assert.NotContains(t, h.ok("kube", "list", "acme"), " prod ")
	h.fails(2, "acme has no context \"globex-prod\"", "kube", "prod", "acme", "globex-prod", "on")
	h.fails(2, "\"maybe\" is neither on nor off", "kube", "prod", "acme", "acme-prod", "maybe")
	h.fails(2, "", "kube", "prod", "acme", "acme-prod")
	h.fails(2, "no client named", "kube", "prod", "nobody", "acme-prod", "on")

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

// A kubeconfig that vanished used to break the client for good: nothing
// removed it, and every switch failed on it.
func TestKubeRmDropsAVanishedKubeconfig(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	dir := t.TempDir()
	one := writeKubeconfig(t, dir, "one.yaml", "a", "b")
	two := writeKubeconfig(t, dir, "two.yaml", "c")
	h.ok("kube", "add", "acme", "--kubeconfig", one, "--namespace", "web")
	h.ok("kube", "add", "acme", "--kubeconfig", two)
	list := func() []workbench.KubeContext {
		var cs []workbench.KubeContext
		require.NoError(t, json.Unmarshal([]byte(h.ok("kube", "list", "acme", "--json")), &cs))
		return cs
	}

	assert.Equal(t, "acme: removed contexts b.\n", h.ok("kube", "rm", "acme", "b"))
	cs := list()
	require.Len(t, cs, 2)
	assert.True(t, cs[0].Default, "a stays the default")

	require.NoError(t, os.Remove(one))
	h.fails(1, "", "env", "acme", "--shell", "json") // the switch fails on the vanished file
	h.fails(2, "stint kube rm acme --kubeconfig "+one, "kube", "use", "acme", "zzz")
	listed := h.ok("kube", "list", "acme")
	assert.Equal(t, 1, strings.Count(listed, "stint kube rm acme --kubeconfig "+one), "the fix is said once, not per context: %s", listed)
	assert.Contains(t, listed, "see 1 below")
	doctor := h.run("doctor")
	assert.Contains(t, doctor.stdout, "`stint kube rm acme --kubeconfig "+one+"`", "doctor names the fix with the real path")
	assert.NotContains(t, doctor.stdout, "OLD")

	out := h.ok("kube", "rm", "acme", "--kubeconfig", one)
	assert.Equal(t, "acme: removed kubeconfig "+one+" and contexts a.\nDefault context is now c.\n", out)
	cs = list()
	require.Len(t, cs, 1)
	assert.Equal(t, workbench.KubeContext{Name: "c", Default: true, Cluster: "c-cluster", Server: "https://c.example.com:6443",
		User: "c-user", Namespace: "web", Source: two}, cs[0])
	h.ok("env", "acme", "--shell", "json") // switching works again

	assert.Equal(t, "acme: removed contexts c.\nacme has no contexts left.\n", h.ok("kube", "rm", "acme", "c"))
	assert.Empty(t, list())
	assert.NotContains(t, h.ok("client", "show", "acme"), "web", "the namespace went with the last context")
}

func TestKubeRmWhenTheOtherKubeconfigsCannotBeRead(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "globex")
	dir := t.TempDir()
	g1 := writeKubeconfig(t, dir, "g1.yaml", "x")
	g2 := writeKubeconfig(t, dir, "g2.yaml", "yak", "zebra")
	h.ok("kube", "add", "globex", "--kubeconfig", g1)
	h.ok("kube", "add", "globex", "--kubeconfig", g2)
	require.NoError(t, os.Remove(g2))

	// g1 is still readable, so it tells which contexts it held.
	var r workbench.KubeRemoval
	require.NoError(t, json.Unmarshal([]byte(h.ok("kube", "rm", "globex", "--kubeconfig", g1, "--json")), &r))
	assert.Equal(t, g1, r.Source)
	assert.Empty(t, r.Contexts, "nothing is dropped on a guess")
	assert.Equal(t, []string{"x"}, r.Unresolved)
	assert.Contains(t, r.Problem, "does not exist")
	assert.False(t, r.DefaultChanged)

	// With no kubeconfig left, no context can stay.
	out := h.ok("kube", "rm", "globex", "--kubeconfig", g2)
	assert.Equal(t, "globex: removed kubeconfig "+g2+" and contexts x, yak, zebra.\nglobex has no contexts left.\n", out)
}

func TestKubeRmUnreadableRemainderNamesTheContextsToDrop(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "initech")
	dir := t.TempDir()
	k1 := writeKubeconfig(t, dir, "k1.yaml", "p")
	k2 := writeKubeconfig(t, dir, "k2.yaml", "q")
	h.ok("kube", "add", "initech", "--kubeconfig", k1)
	h.ok("kube", "add", "initech", "--kubeconfig", k2)
	require.NoError(t, os.Remove(k1))
	require.NoError(t, os.Remove(k2))
	out := h.ok("kube", "rm", "initech", "--kubeconfig", k1)
	assert.Contains(t, out, "initech: removed kubeconfig "+k1+".\n")
	assert.Contains(t, out, "drop them with `stint kube rm initech p q`", "with both files gone, any context may have come from k1")
	h.ok("kube", "rm", "initech", "p")
	h.ok("kube", "rm", "initech", "--kubeconfig", k2)
	h.ok("env", "initech", "--shell", "json")
}

func TestKubeRmBadInput(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	dir := t.TempDir()
	one := writeKubeconfig(t, dir, "one.yaml", "a")
	h.ok("kube", "add", "acme", "--kubeconfig", one)
	cases := []struct {
		want string
		args []string
	}{
		{"nothing to remove", []string{"kube", "rm", "acme"}},
		{"usage: stint kube rm", []string{"kube", "rm"}},
		{`context "zzz" is not a context of acme`, []string{"kube", "rm", "acme", "a", "zzz"}},
		{"is not a kubeconfig of acme: give one of its files, " + one, []string{"kube", "rm", "acme", "--kubeconfig", filepath.Join(dir, "other.yaml")}},
		{"no client named", []string{"kube", "rm", "nobody", "a"}},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) { h.fails(2, c.want, c.args...) })
	}
}

// TestKubeSourcesMustBeRegularFiles: a kubeconfig that is a FIFO, a device,
// a directory or bigger than any kubeconfig is refused at once, in one line
// (none of them may hang stint or fill its memory); so are the AWS files and
// SSH key named the same way.
func TestKubeSourcesMustBeRegularFiles(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	huge := filepath.Join(dir, "huge.yaml")
	require.NoError(t, os.WriteFile(huge, nil, 0o600))
	require.NoError(t, os.Truncate(huge, 16<<20+1))
	cases := []struct{ want, path string }{
		{"is a FIFO (named pipe), not a regular file", fifo},
		{"/dev/zero is a character device, not a regular file", "/dev/zero"},
		{"is a directory, not a regular file", dir},
		{"is larger than 16 MiB", huge},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			h.fails(2, c.want, "kube", "add", "acme", "--kubeconfig", c.path)
		})
	}
	h.fails(2, "is not a regular file", "aws", "acme", "--config-file", fifo)
	h.fails(2, "is not a regular file", "git", "acme", "--ssh-key", "/dev/zero")
}

// TestBrokenKubeContexts: a context that refers to a cluster or user its
// file lacks is refused at `kube add` (named or not); one the client does
// not bind never breaks its switch; `kube list` and `doctor` show every
// bound one that breaks later.
func TestBrokenKubeContexts(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	dir := t.TempDir()
	path := writeKubeconfig(t, dir, "config.yaml", "good", "other")
	withBroken := func(extra string) {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, []byte(string(b)+extra), 0o600))
	}
	withBroken("- name: dangling\n  context:\n    cluster: nowhere\n    user: good-user\n")

	h.fails(2, "context dangling refers to cluster nowhere", "kube", "add", "acme", "--kubeconfig", path)
	h.fails(2, "bind only the others: `stint kube add acme --kubeconfig "+path+" --context good --context other`", "kube", "add", "acme", "--kubeconfig", path)
	h.fails(2, "context dangling refers to cluster nowhere", "kube", "add", "acme", "--kubeconfig", path, "--context", "good", "--context", "dangling")
	h.ok("kube", "add", "acme", "--kubeconfig", path, "--context", "good", "--context", "other")
	h.fails(2, "context dangling refers to cluster nowhere", "kube", "use", "acme", "dangling")

	// The unbound broken context is no obstacle to switching.
	hooked(t, h)
	r := h.run("switch", "acme")
	require.Equal(t, 0, r.code, r.stderr)

	// Both bound contexts break: each is shown.
	require.NoError(t, os.WriteFile(path, []byte(strings.NewReplacer("cluster: good-cluster", "cluster: gone", "user: other-user\n", "user: nobody\n").Replace(readFile(t, path))), 0o600))
	out := h.ok("kube", "list", "acme")
	assert.Contains(t, out, "context good refers to cluster gone")
	assert.Contains(t, out, "context other refers to user nobody")
	r = h.run("doctor")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "context good: context good refers to cluster gone")
	assert.Contains(t, r.stdout, "context other: context other refers to user nobody")
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
