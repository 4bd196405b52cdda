package cli

import (
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
)

// everyCommand is every command of the whole tree but help, the root first.
func everyCommand() []*cobra.Command {
	var out []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "help" {
			return
		}
		out = append(out, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewRoot(&Deps{IO: &IOStreams{}}))
	return out
}

func words(c *cobra.Command) []string { return strings.Fields(c.CommandPath())[1:] }

// Every runnable command checks its own arguments: without Args, cobra
// applies rules of its own whose errors are plain strings.
func TestEveryCommandValidatesItsArguments(t *testing.T) {
	for _, c := range everyCommand() {
		if c.Runnable() {
			assert.NotNil(t, c.Args, "%s has no Args validator", c.CommandPath())
		}
	}
}

// TestUsageErrorsOfEveryCommand: an unknown flag, a count of arguments the
// command refuses, and an unknown subcommand of every command exit 2 with
// one `stint:` line that names the command, print nothing on stdout and
// change nothing.
func TestUsageErrorsOfEveryCommand(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.env["STINT_CLIENT"] = ""
	for _, c := range everyCommand() {
		path := words(c)
		name := c.CommandPath()
		t.Run(name, func(t *testing.T) {
			h.t = t
			switch {
			case c.HasSubCommands() && c.Runnable() && c != c.Root():
				// `stint aws NAME` and `stint aws creds NAME`: a word that is
				// no subcommand is the client's name, refused without flags.
				h.fails(2, "stint", append(path, "bogus")...)
			case c.HasSubCommands():
				h.fails(2, "unknown command \"bogus\" for \""+name+"\"", append(path, "bogus")...)
			}
			h.fails(2, "unknown flag: --no-such-flag (see `"+name+" --help`)", append(path, "--no-such-flag")...)
			if !c.Runnable() || c == c.Root() {
				return
			}
			refused := false
			for n := range 8 {
				args := strings.Split(strings.Repeat("x ", n), " ")[:n]
				if err := c.Args(c, args); err != nil {
					refused = true
					var usage *UsageError
					assert.True(t, errors.As(err, &usage) || badinput.Is(err), "%s with %d arguments: %v", name, n, err)
					h.fails(2, "stint", append(path, args...)...)
				}
			}
			assert.True(t, refused, "%s accepts any number of arguments", name)
		})
	}
}

func TestUnknownCommandsSuggest(t *testing.T) {
	h := newHarness(t)
	h.fails(2, `unknown command "swtich" for "stint": did you mean "switch"? (see `+"`stint --help`)", "swtich")
	h.fails(2, `unknown command "lsit" for "stint client": did you mean "edit" or "list"?`, "client", "lsit")
	h.fails(2, `unknown command "nope" for "stint kube" (see `+"`stint kube --help`)", "kube", "nope")
	h.fails(2, "unknown shorthand flag: 'Z' in -Z (see `stint start --help`)", "start", "-Z")
	h.fails(2, "flag needs an argument: --at (see `stint start --help`)", "start", "acme", "--at")
	h.fails(2, `invalid argument "maybe" for "--json" flag`, "status", "--json=maybe")
	h.fails(2, `required flag(s) "from", "to" not set (see `+"`stint add --help`)", "add", "acme")
	h.fails(2, "if any flags in the group [billable non-billable] are set none of the others can be; [billable non-billable] were all set (see `stint edit --help`)",
		"edit", "1", "--billable", "--non-billable")

	// A group without a subcommand still shows its help.
	out := h.ok("client")
	assert.Contains(t, out, "Available Commands:")
}

func TestVersionFlag(t *testing.T) {
	h := newHarness(t)
	assert.Equal(t, "stint test\n", h.ok("--version"))
	assert.Equal(t, h.ok("version"), h.ok("--version"), "the flag and the command print the same")
	assert.Equal(t, "stint test\n", h.ok("-v"))
	h.fails(2, "usage: stint version", "version", "extra")
}

func TestUsageErrorMessage(t *testing.T) {
	root := NewRoot(&Deps{IO: &IOStreams{}})
	add, _, err := root.Find([]string{"client", "add"})
	require.NoError(t, err)
	for _, c := range []struct {
		err  error
		want string
	}{
		{usageError(add, errors.New("unknown flag: --x")), "unknown flag: --x (see `stint client add --help`)"},
		{usageError(add, errors.New("usage: stint client add NAME")), "usage: stint client add NAME"},
		{usageError(add, errors.New("see `stint client add --help` for flags")), "see `stint client add --help` for flags"},
		{usageErr("nothing to change: give a flag"), "nothing to change: give a flag"},
	} {
		assert.Equal(t, c.want, c.err.Error())
		assert.True(t, badinput.Is(c.err), "a usage error is bad input: exit 2")
		var usage *UsageError
		assert.True(t, errors.As(c.err, &usage))
	}
}
