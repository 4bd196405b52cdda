package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
)

// UsageError is a command line that does not fit the command: an unknown
// command or flag, a flag value that does not parse, the wrong number of
// arguments, a required flag left out. It is bad input (exit 2) and says
// where the command's help is, unless its message already shows the usage.
// Cobra's own errors for these are plain strings; every one of them reaches
// Run through the functions below, so the exit code never depends on their
// wording.
type UsageError struct {
	Err     error
	Command string // "stint client add": whose --help to see; "" for none
}

func (e *UsageError) Error() string {
	msg := e.Err.Error()
	if e.Command == "" || strings.Contains(msg, "--help") || strings.HasPrefix(msg, "usage: ") {
		return msg
	}
	return fmt.Sprintf("%s (see `%s --help`)", msg, e.Command)
}

func (e *UsageError) Unwrap() error { return e.Err }

// usageError marks err as a usage error of cmd.
func usageError(cmd *cobra.Command, err error) error {
	return badinput.Wrap(&UsageError{Err: err, Command: cmd.CommandPath()})
}

// usageErr is a usage error whose message says what to do.
func usageErr(msg string) error {
	return badinput.Wrap(&UsageError{Err: fmt.Errorf("%s", msg)})
}

// flagError is every command's FlagErrorFunc: pflag's parse errors
// (unknown flag, missing or bad value) as usage errors.
func flagError(cmd *cobra.Command, err error) error {
	return usageError(cmd, err)
}

// checkFlags runs before every command: cobra's checks of required flags
// and of flag groups, their errors as usage errors. (Cobra would run them
// itself after this, returning plain errors.)
func checkFlags(cmd *cobra.Command, _ []string) error {
	if err := cmd.ValidateRequiredFlags(); err != nil {
		return usageError(cmd, err)
	}
	if err := cmd.ValidateFlagGroups(); err != nil {
		return usageError(cmd, err)
	}
	return nil
}

// unknownCommand is the error for a word where cmd expects a subcommand,
// with cobra's suggestions of what was meant.
func unknownCommand(cmd *cobra.Command, word string) error {
	msg := fmt.Sprintf("unknown command %q for %q", word, cmd.CommandPath())
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's default, which only its own check sets
	}
	if s := cmd.SuggestionsFor(word); len(s) > 0 {
		slices.Sort(s) // cobra's order is whatever order the commands were last in
		msg += fmt.Sprintf(": did you mean %s?", strings.Join(quoteEach(s), " or "))
	}
	return usageError(cmd, fmt.Errorf("%s", msg))
}

func quoteEach(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = fmt.Sprintf("%q", w)
	}
	return out
}

// subcommandArgs is the root's Args: any word is an unknown command.
func subcommandArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return unknownCommand(cmd, args[0])
	}
	return nil
}

// unknownSubcommand catches `stint client bogus`: for a command that only
// groups others, cobra shows the help and exits 0 whatever word follows.
func unknownSubcommand(root *cobra.Command, args []string) error {
	cmd, rest, err := root.Find(args)
	if err != nil || cmd == root || cmd.Runnable() || !cmd.HasSubCommands() {
		return nil
	}
	for _, word := range rest {
		if !strings.HasPrefix(word, "-") {
			return unknownCommand(cmd, word)
		}
	}
	return nil
}

// Argument validators: each returns a usage error that shows usage, the
// command's synopsis.

func noArgs(usage string) cobra.PositionalArgs { return exactArgs(0, usage) }

func exactArgs(n int, usage string) cobra.PositionalArgs {
	return rangeArgs(n, n, usage)
}

func minArgs(n int, usage string) cobra.PositionalArgs {
	return rangeArgs(n, -1, usage)
}

func maxArgs(n int, usage string) cobra.PositionalArgs {
	return rangeArgs(0, n, usage)
}

// rangeArgs accepts from least to most arguments; most < 0 is no limit.
func rangeArgs(least, most int, usage string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < least || (most >= 0 && len(args) > most) {
			return usageError(cmd, fmt.Errorf("usage: %s", usage))
		}
		return nil
	}
}
