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

// Each entry of the command table names exactly the command it builds
// (which has no aliases the table would miss), so that running it builds
// only that command — and gets the same command as the whole tree has.
func TestCommandTableNamesItsCommands(t *testing.T) {
	d := &Deps{IO: &IOStreams{}}
	seen := map[string]bool{}
	for _, c := range commandTable {
		built := c.build(d)
		require.Equal(t, c.name, built.Name())
		require.Empty(t, built.Aliases, "%s: a top-level alias needs its own table entry", c.name)
		require.False(t, seen[c.name], "%s is in the table twice", c.name)
		seen[c.name] = true
	}
	full := NewRoot(d)
	require.Len(t, full.Commands(), len(commandTable), "the whole tree is the table")
	var walk func(want, got *cobra.Command)
	walk = func(want, got *cobra.Command) {
		require.Equal(t, want.CommandPath(), got.CommandPath())
		require.Equal(t, want.UseLine(), got.UseLine())
		require.Equal(t, want.Aliases, got.Aliases)
		require.Equal(t, want.LocalFlags().FlagUsages(), got.LocalFlags().FlagUsages(), want.CommandPath())
		require.Equal(t, want.ValidArgsFunction != nil, got.ValidArgsFunction != nil, want.CommandPath())
		require.Len(t, got.Commands(), len(want.Commands()), want.CommandPath())
		for i, sub := range want.Commands() {
			walk(sub, got.Commands()[i])
		}
	}
	for name := range seen {
		partial := newRoot(d, []string{name})
		require.Len(t, partial.Commands(), 1, "running %s builds only %s", name, name)
		want, _, err := full.Find([]string{name})
		require.NoError(t, err)
		got, _, err := partial.Find([]string{name})
		require.NoError(t, err)
		walk(want, got)
	}
}
