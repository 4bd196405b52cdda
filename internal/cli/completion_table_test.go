package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/stint-sh/stint/internal/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompletionOfEveryArgumentAndFlag asks `stint __complete` for every
// runnable command's first three positional arguments and for the value of
// every flag that takes one, and holds the answers to
// testdata/completions.txt: a completion that works is not lost when the
// wiring changes, and one that is added shows up in review. The earlier
// arguments are a client that has Kubernetes contexts ("acme") and then
// "x"; the candidates are printed without their descriptions, then cobra's
// directive (4 = no file completion, 0 = the shell's default).
func TestCompletionOfEveryArgumentAndFlag(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	h.ok("kube", "add", "acme", "--kubeconfig", writeKubeconfig(t, t.TempDir(), "k.yaml", "acme-prod", "acme-dev"))
	h.ok("add", "acme", "--from", "2024-05-01 09:00", "--to", "2024-05-01 10:00", "-m", "pairing")
	_ = clock

	var b strings.Builder
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		path := strings.Fields(c.CommandPath())[1:]
		if c.Runnable() && len(path) > 0 {
			for i := range 3 {
				args := append(append([]string{}, path...), fillers(i)...)
				fmt.Fprintf(&b, "%s\n", describeCompletion(h, append(args, "")))
			}
			c.LocalFlags().VisitAll(func(f *pflag.Flag) {
				if f.Value.Type() == "bool" || f.Hidden {
					return
				}
				args := append(append([]string{}, path...), "acme", "--"+f.Name)
				fmt.Fprintf(&b, "%s\n", describeCompletion(h, append(args, "")))
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewRoot(&Deps{IO: &IOStreams{}}))

	golden.Assert(t, filepath.Join("testdata", "completions.txt"), b.String())
}

func fillers(n int) []string {
	out := []string{}
	for i := range n {
		if i == 0 {
			out = append(out, "acme")
		} else {
			out = append(out, "x")
		}
	}
	return out
}

// describeCompletion is one line: the words asked about, then what
// completes them and the directive.
func describeCompletion(h *harness, args []string) string {
	h.t.Helper()
	r := h.run(append([]string{"__complete"}, args...)...)
	require.Equal(h.t, 0, r.code, "__complete %v: %s", args, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	directive := lines[len(lines)-1]
	var words []string
	for _, l := range lines[:len(lines)-1] {
		words = append(words, strings.SplitN(l, "\t", 2)[0])
	}
	shown := strings.Join(args[:len(args)-1], " ")
	return fmt.Sprintf("%s _ → %s %s", shown, strings.Join(words, " "), directive)
}

// A command whose first argument is a client completes client names: a net
// for commands added later without their completion.
func TestCommandsOfAClientCompleteItsName(t *testing.T) {
	for _, c := range everyCommand() {
		use := strings.Fields(c.Use)
		if len(use) > 1 && strings.Trim(use[1], "[]") == "NAME" || len(use) > 1 && strings.HasPrefix(use[1], "NAME|") {
			assert.NotNil(t, c.ValidArgsFunction, "%s takes a client's NAME but completes nothing", c.CommandPath())
		}
	}
}
