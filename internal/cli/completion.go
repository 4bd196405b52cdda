package cli

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/profiles"
)

func completionCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:       "completion bash|zsh|fish",
		Short:     "Print the shell completion script",
		Long:      "Print the completion script for a shell. Client names, contexts and entry IDs complete from your data.",
		Example:   "  stint completion bash > ~/.local/share/bash-completion/completions/stint\n  stint completion fish > ~/.config/fish/completions/stint.fish",
		ValidArgs: []string{"bash", "zsh", "fish"},
		Args:      exactArgs(1, "stint completion bash|zsh|fish"),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch args[0] {
			case "bash":
				return cmd.Root().GenBashCompletionV2(d.IO.Out, true)
			case "zsh":
				return cmd.Root().GenZshCompletion(d.IO.Out)
			case "fish":
				return cmd.Root().GenFishCompletion(d.IO.Out, true)
			}
			return badinput.Errorf("unknown shell %q: use bash, zsh or fish", args[0])
		},
	}
}

// Completion is registered where each command is built, one function per
// positional argument (ValidArgsFunction) and per flag
// (RegisterFlagCompletionFunc). These build them.

// completeArgs completes argument i with fns[i] and offers the shell's
// default (files) after the last one.
func completeArgs(fns ...cobra.CompletionFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) < len(fns) {
			return fns[len(args)](cmd, args, toComplete)
		}
		return nil, cobra.ShellCompDirectiveDefault
	}
}

// completeArgsRepeating is completeArgs whose last function completes
// every later argument too (NAME TOOL...).
func completeArgsRepeating(fns ...cobra.CompletionFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return fns[min(len(args), len(fns)-1)](cmd, args, toComplete)
	}
}

// completeFlag registers fn for cmd's flag name.
func completeFlag(cmd *cobra.Command, name string, fn cobra.CompletionFunc) {
	if err := cmd.RegisterFlagCompletionFunc(name, fn); err != nil {
		panic(err) // a flag that does not exist: a mistake in this package
	}
}

// fixed offers a fixed choice of words.
func fixed(words ...string) cobra.CompletionFunc {
	return cobra.FixedCompletions(words, cobra.ShellCompDirectiveNoFileComp)
}

// completeClient offers client names, described by their display names.
func (d *Deps) completeClient(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	return clientNames(cmd.Context(), d), cobra.ShellCompDirectiveNoFileComp
}

// completeClientOrPrevious offers client names and "-", the previous client.
func (d *Deps) completeClientOrPrevious(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	return append(clientNames(cmd.Context(), d), "-\tthe previous client"), cobra.ShellCompDirectiveNoFileComp
}

// completeContext offers the Kubernetes contexts of the client named by the
// first argument.
func (d *Deps) completeContext(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return contextNames(cmd.Context(), d, args[0]), cobra.ShellCompDirectiveNoFileComp
}

// completeEntryID offers the last two weeks' time entries.
func (d *Deps) completeEntryID(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	return entryIDs(cmd.Context(), d), cobra.ShellCompDirectiveNoFileComp
}

// completeTool offers the tools `stint isolate` knows.
func completeTool(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return profiles.Tools(), cobra.ShellCompDirectiveNoFileComp
}

// shells are the shells stint has hooks and completion scripts for.
var shells = []string{"bash", "zsh", "fish"}

func clientNames(ctx context.Context, d *Deps) []string {
	wb, err := d.Workbench(ctx)
	if err != nil {
		return nil
	}
	cs, err := wb.Clients(ctx, false)
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Slug+"\t"+display.Safe(c.Name))
	}
	return out
}

func contextNames(ctx context.Context, d *Deps, client string) []string {
	wb, err := d.Workbench(ctx)
	if err != nil {
		return nil
	}
	p, err := wb.Profile(ctx, client)
	if err != nil {
		return nil
	}
	return p.Kube.Contexts
}

// entryIDs offers the last two weeks' entries, newest first, described.
func entryIDs(ctx context.Context, d *Deps) []string {
	wb, err := d.Workbench(ctx)
	if err != nil {
		return nil
	}
	now := wb.Now()
	es, err := wb.Entries(ctx, now.AddDate(0, 0, -14), time.Time{}, "")
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(es))
	for i := len(es) - 1; i >= 0; i-- {
		e := es[i]
		out = append(out, fmt.Sprintf("%s\t%s %s %s", strconv.FormatInt(e.ID, 10), e.Client,
			e.Start.Local().Format("Mon 02 Jan 15:04"), display.Safe(display.OneLine(e.Note))))
	}
	return out
}
