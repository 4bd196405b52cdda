package cli

import (
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pflag takes the first `backquoted` words of a flag's usage as its value
// placeholder, so "directory `stint shell` starts in" made the help read
// "--workdir stint shell". A placeholder is one word, like DIR or URL.
func TestFlagPlaceholdersAreOneWord(t *testing.T) {
	root := NewRoot(&Deps{IO: &IOStreams{}})
	seen := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		check := func(f *pflag.Flag) {
			seen++
			placeholder, usage := pflag.UnquoteUsage(f)
			assert.NotContains(t, placeholder, " ", "%s --%s: placeholder %q (usage %q)", c.CommandPath(), f.Name, placeholder, usage)
		}
		c.LocalFlags().VisitAll(check)
		c.PersistentFlags().VisitAll(check)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	require.Greater(t, seen, 50, "the walk reaches the whole tree")
}

func TestFlagHelpShowsPlaceholders(t *testing.T) {
	h := newHarness(t)
	assert.Contains(t, h.ok("client", "add", "--help"), "--workdir DIR ")
	assert.Contains(t, h.ok("repo", "add", "--help"), "--url URL ")
	assert.Contains(t, h.ok("kube", "rm", "--help"), "--kubeconfig PATH ")
}

// Each group declares exactly the top-level commands (and aliases) it
// adds, so that running one of them builds only its group — and gets the
// same command as the whole tree has.
func TestCommandGroupsDeclareTheirCommands(t *testing.T) {
	d := &Deps{IO: &IOStreams{}}
	seen := map[string]bool{}
	for _, g := range commandGroups {
		root := &cobra.Command{Use: "stint"}
		g.add(root, d)
		var added []string
		for _, c := range root.Commands() {
			added = append(added, c.Name())
			added = append(added, c.Aliases...)
		}
		require.ElementsMatch(t, added, g.names)
		for _, n := range g.names {
			require.False(t, seen[n], "%s is declared by two groups", n)
			seen[n] = true
		}
	}
	full := NewRoot(d)
	for name := range seen {
		partial := newRoot(d, []string{name})
		want, _, err := full.Find([]string{name})
		require.NoError(t, err)
		got, _, err := partial.Find([]string{name})
		require.NoError(t, err)
		require.Equal(t, want.CommandPath(), got.CommandPath())
		require.Equal(t, want.UseLine(), got.UseLine())
		require.Equal(t, len(want.Commands()), len(got.Commands()))
	}
}
