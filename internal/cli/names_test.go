package cli

import (
	"context"
	"errors"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

func TestResolveName(t *testing.T) {
	slugs := []string{"acme", "acme-eu", "acorn", "globex", "g"}
	for _, c := range []struct{ in, want, err string }{
		{"acme", "acme", ""}, // a whole name wins over the longer one it starts
		{"acme-", "acme-eu", ""},
		{"aco", "acorn", ""},
		{"gl", "globex", ""},
		{"g", "g", ""},
		{"nope", "nope", ""}, // left for the command to refuse
		{"", "", ""},
		{"-", "-", ""},
		{"ac", "", `"ac" is the start of several clients' names (acme, acme-eu, acorn): type more of the name`},
		{"a", "", `"a" is the start of several clients' names (acme, acme-eu, acorn)`},
	} {
		got, err := resolveName(c.in, slugs)
		if c.err != "" {
			require.Error(t, err, c.in)
			assert.Contains(t, err.Error(), c.err)
			continue
		}
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
}

// The probe finds the client names of every command that completes one,
// without opening the database.
func TestClientArgumentsAreFoundByTheirCompletion(t *testing.T) {
	opened := false
	d := &Deps{Workbench: func(context.Context) (*workbench.Workbench, error) {
		opened = true
		return nil, errors.New("the probe must not open the workbench")
	}}
	root := newRoot(d, nil)
	found := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.SetContext(context.Background())
		if namesClient(c, c.ValidArgsFunction, nil) {
			found[c.CommandPath()] = true
		}
		if fn, ok := c.GetFlagCompletionFunc("client"); ok && namesClient(c, fn, nil) {
			found[c.CommandPath()+" --client"] = true
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, want := range []string{"stint switch", "stint start", "stint continue", "stint env", "stint exec", "stint shell",
		"stint client show", "stint client edit", "stint client rm", "stint set", "stint secret set", "stint kube use",
		"stint note add", "stint repo list", "stint add", "stint log --client", "stint report --client",
		"stint export --client", "stint edit --client", "stint import --client"} {
		assert.True(t, found[want], "%s takes a client name", want)
	}
	for _, not := range []string{"stint client add", "stint edit", "stint rm", "stint history", "stint hook", "stint import"} {
		assert.False(t, found[not], "%s takes no client name", not)
	}
	assert.False(t, opened, "no command's probe opened the workbench")
}

// A unique prefix works wherever a client name is taken; an ambiguous one
// is refused, naming the matches, and changes nothing.
func TestClientNamePrefixes(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-02T10:00:00Z")
	h.ok("client", "add", "acme-eu")
	assert.Contains(t, h.ok("client", "show", "glob"), "globex")
	assert.Equal(t, "Started globex at 10:00 (entry 1).\n", h.ok("start", "gl"))
	h.ok("stop", "--at", "10:00")
	h.ok("add", "acme-", "--from", "08:00", "--to", "09:00")
	assert.Contains(t, h.ok("log", "--client", "acme-"), "acme-eu")
	assert.NotContains(t, h.ok("log", "--client", "acme"), "acme-eu", "a whole name is that client, not a prefix")
	h.ok("edit", "2", "--client", "glo")
	assert.Contains(t, h.ok("log", "--client", "g"), "globex")

	for _, args := range [][]string{
		{"start", "ac"},
		{"continue", "ac"},
		{"client", "show", "ac"},
		{"client", "edit", "ac", "--name", "X"},
		{"client", "rm", "ac", "--force"},
		{"set", "ac", "A=1"},
		{"secret", "list", "ac"},
		{"note", "add", "ac", "hello"},
		{"add", "ac", "--from", "06:00", "--to", "07:00"},
		{"log", "--client", "ac"},
		{"report", "--client", "ac"},
		{"export", "--client", "ac"},
		{"edit", "1", "--client", "ac"},
		{"env", "ac"},
	} {
		h.fails(2, "is the start of several clients' names (acme, acme-eu): type more of the name", args...)
	}
}

// A new name is never expanded: client add ac adds "ac" beside acme.
func TestClientAddTakesTheNameAsTyped(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-02T10:00:00Z")
	h.ok("client", "add", "ac")
	assert.Contains(t, h.ok("client", "show", "ac"), "ac")
	assert.Contains(t, h.ok("client", "list"), "acme")
	assert.Equal(t, "Started ac at 10:00 (entry 1).\n", h.ok("start", "ac"), "a whole name is that client")
}

// `stint switch` without a name opens the picker on a terminal; elsewhere it
// asks for a name and changes nothing.
func TestSwitchWithoutANameOpensThePicker(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-02T10:00:00Z")
	var asked []bool
	h.tui = func(ctx context.Context, d *Deps) error {
		asked = append(asked, pickerAsked(ctx))
		return nil
	}
	h.fails(2, "name the client: stint switch NAME (or -); on a terminal, stint switch alone opens the picker", "switch")
	h.tty = true
	h.fails(2, "name the client", "switch") // stdout is a pipe: no picker over it
	assert.Empty(t, asked)
	h.ttyOut = true
	h.ok("switch")
	assert.Equal(t, []bool{true}, asked, "the picker, filter focused")

	// The TUI alone is not the picker.
	h.ok()
	assert.Equal(t, []bool{true, false}, asked)
}
