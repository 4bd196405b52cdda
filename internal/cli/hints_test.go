package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stintHint matches a stint command quoted in a message: `stint ...`.
var stintHint = regexp.MustCompile("`stint ([^`]+)`")

// hintWords are the words of a hint's command, which must run without a
// shell: no operator, expansion, escape or open quote.
func hintWords(t *testing.T, hint string) []string {
	t.Helper()
	words, stop, balanced := shellWords(hint)
	require.Zero(t, stop, "hint %q needs a shell to run", hint)
	require.True(t, balanced, "unbalanced quote in hint %q", hint)
	require.False(t, strings.ContainsAny(hint, "$`\\"), "hint %q needs a shell to run", hint)
	return words
}

// TestEveryHintFixesWhatItNames puts stint in each state a hint is given
// for, checks the refusal, then runs every stint command the hint quotes,
// as pasted (no placeholder may be left in it), and checks that the
// command that failed works afterwards (or, where the hint is the last
// word, that it did what it said).
func TestEveryHintFixesWhatItNames(t *testing.T) {
	kubeconfig := func(t *testing.T, h *harness, contexts ...string) string {
		dir := filepath.Join(h.home, "my kube")
		require.NoError(t, os.MkdirAll(dir, 0o700))
		return writeKubeconfig(t, dir, "acme.yaml", contexts...)
	}
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, h *harness)
		stdin string   // for the failing command
		args  []string // the command that fails with a hint
		code  int
		want  string   // in the refusal
		then  []string // works once the hint is followed ("" : args)
	}{
		{
			name: "a kube context that vanished from its file",
			setup: func(t *testing.T, h *harness) {
				path := kubeconfig(t, h, "acme-prod", "acme-dev")
				h.ok("kube", "add", "acme", "--kubeconfig", path)
				writeKubeconfig(t, filepath.Dir(path), "acme.yaml", "acme-prod")
			},
			args: []string{"env", "acme"}, code: 1, want: "context acme-dev is not in",
		},
		{
			name: "a kubeconfig file that is gone",
			setup: func(t *testing.T, h *harness) {
				path := kubeconfig(t, h, "acme-prod")
				h.ok("kube", "add", "acme", "--kubeconfig", path)
				require.NoError(t, os.Remove(path))
			},
			args: []string{"env", "acme"}, code: 1, want: "does not exist",
		},
		{
			name: "a kubeconfig file that is gone, via kube use",
			setup: func(t *testing.T, h *harness) {
				path := kubeconfig(t, h, "acme-prod")
				h.ok("kube", "add", "acme", "--kubeconfig", path)
				require.NoError(t, os.Remove(path))
			},
			args: []string{"kube", "use", "acme", "other"}, code: 2, want: "does not exist",
			then: []string{"env", "acme"},
		},
		{
			name:  "client rm of a client with entries",
			setup: func(t *testing.T, h *harness) { h.ok("add", "acme", "--from", "-3h", "--to", "-2h") },
			args:  []string{"client", "rm", "acme"}, code: 2, want: "has 1 time entry",
			then: []string{"client", "list", "--all"},
		},
		{
			name: "client rm of an archived client with entries",
			setup: func(t *testing.T, h *harness) {
				h.ok("add", "acme", "--from", "-3h", "--to", "-2h")
				h.ok("client", "edit", "acme", "--archive")
			},
			args: []string{"client", "rm", "acme"}, code: 2, want: "is archived and has 1 time entry",
			then: []string{"client", "add", "acme"},
		},
		{
			name: "a secret piped in empty", stdin: "",
			args: []string{"secret", "set", "acme", "GH_TOKEN"}, code: 2, want: "nothing came on stdin",
			then: []string{"secret", "list", "acme"},
		},
		{
			name: "switch - in a shell never switched",
			setup: func(t *testing.T, h *harness) {
				hooked(t, h)
			},
			args: []string{"switch", "-"}, code: 1, want: "no previous client",
			then: []string{"client", "show", "acme"},
		},
		{
			name: "client edit with nothing to change",
			args: []string{"client", "edit", "acme"}, code: 2, want: "nothing to change",
			then: []string{"client", "edit", "acme", "--rate", "160"},
		},
		{
			name: "kube rm with nothing named, and nothing there",
			args: []string{"kube", "rm", "acme"}, code: 2, want: "acme has no Kubernetes contexts",
			then: []string{"kube", "list", "acme"},
		},
		{
			name: "kube rm with nothing named",
			setup: func(t *testing.T, h *harness) {
				h.ok("kube", "add", "acme", "--kubeconfig", kubeconfig(t, h, "acme-prod", "acme-dev"))
			},
			args: []string{"kube", "rm", "acme"}, code: 2, want: "nothing to remove: name contexts, like `stint kube rm acme acme-dev`",
			then: []string{"kube", "list", "acme"},
		},
		{
			name: "a project the client does not have",
			args: []string{"start", "acme", "--project", "Big one"}, code: 2, want: `acme has no project "Big one"`,
		},
		{
			name:  "a project added twice",
			setup: func(t *testing.T, h *harness) { h.ok("project", "add", "acme", "web") },
			args:  []string{"project", "add", "acme", "web"}, code: 2, want: `already has a project "web"`,
			then: []string{"project", "list", "acme"},
		},
		{
			name: "project rm of a project entries carry",
			setup: func(t *testing.T, h *harness) {
				h.ok("project", "add", "acme", "web")
				h.ok("add", "acme", "--from", "-3h", "--to", "-2h", "--project", "web")
			},
			args: []string{"project", "rm", "acme", "web"}, code: 2, want: "still has 1 entry",
		},
		{
			name: "an unknown client",
			args: []string{"client", "show", "nope"}, code: 2, want: `no client named "nope"`,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.ok("client", "add", "acme")
			if c.setup != nil {
				c.setup(t, h)
			}
			h.stdin = c.stdin
			h.fails(c.code, c.want, c.args...)
			r := h.run(c.args...)
			hints := stintHint.FindAllStringSubmatch(r.stderr, -1)
			require.NotEmpty(t, hints, "the refusal names a stint command: %s", r.stderr)
			for _, m := range hints {
				words := hintWords(t, m[1])
				for _, w := range words {
					require.NotRegexp(t, `^[A-Z]+$|^--?[a-z-]+=?[A-Z]+$`, w, "a placeholder in the hint `stint %s`", m[1])
				}
				h.stdin = "a-value" // a hint that reads stdin (secret set) gets one
				h.chdir(t)
				hr := h.run(words...)
				require.Equal(t, 0, hr.code, "the hint `stint %s` fails: %s", m[1], hr.stderr)
			}
			h.stdin = c.stdin
			then := c.then
			if then == nil {
				then = c.args
			}
			r = h.run(then...)
			assert.Equal(t, 0, r.code, "after the hint, stint %v still fails: %s", then, r.stderr)
		})
	}
}

// chdir runs the rest of the test in the harness's home, so hints that
// write a file (export -o) write it there.
func (h *harness) chdir(t *testing.T) {
	t.Chdir(h.home)
}
