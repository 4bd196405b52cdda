package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/badinput"
)

func init() { register(addCompletionCommand) }

func addCompletionCommand(root *cobra.Command, d *Deps) {
	root.AddCommand(&cobra.Command{
		Use:       "completion bash|zsh|fish",
		Short:     "Print the shell completion script",
		Long:      "Print the completion script for a shell. Client names, contexts and entry IDs complete from your data.",
		Example:   "  stint completion bash > ~/.local/share/bash-completion/completions/stint\n  stint completion fish > ~/.config/fish/completions/stint.fish",
		ValidArgs: []string{"bash", "zsh", "fish"},
		Args:      exactArgs(1, "stint completion bash|zsh|fish"),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(d.IO.Out, true)
			case "zsh":
				return root.GenZshCompletion(d.IO.Out)
			case "fish":
				return root.GenFishCompletion(d.IO.Out, true)
			}
			return badinput.Errorf("unknown shell %q: use bash, zsh or fish", args[0])
		},
	})
}

// wireCompletions gives every command dynamic completion from the names in
// its Use line: NAME completes client names, CONTEXT the client's Kubernetes
// contexts, ID time-entry IDs; --client and --context flags likewise. Doing
// it in one place keeps each command's file free of completion code.
func wireCompletions(root *cobra.Command, d *Deps) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c.Runnable() && c.ValidArgsFunction == nil && c.ValidArgs == nil {
			words := strings.Fields(c.Use)[1:]
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				if len(args) >= len(words) {
					return nil, cobra.ShellCompDirectiveDefault
				}
				switch strings.Trim(words[len(args)], "[]. ") {
				case "NAME":
					return clientNames(cmd.Context(), d), cobra.ShellCompDirectiveNoFileComp
				case "CONTEXT":
					if len(args) > 0 {
						return contextNames(cmd.Context(), d, args[0]), cobra.ShellCompDirectiveNoFileComp
					}
				case "ID":
					return entryIDs(cmd.Context(), d), cobra.ShellCompDirectiveNoFileComp
				}
				return nil, cobra.ShellCompDirectiveDefault
			}
		}
		if f := c.Flags().Lookup("client"); f != nil {
			_ = c.RegisterFlagCompletionFunc("client", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				return clientNames(cmd.Context(), d), cobra.ShellCompDirectiveNoFileComp
			})
		}
		if f := c.Flags().Lookup("context"); f != nil {
			_ = c.RegisterFlagCompletionFunc("context", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				if len(args) == 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return contextNames(cmd.Context(), d, args[0]), cobra.ShellCompDirectiveNoFileComp
			})
		}
	}
	walk(root)
}

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
		out = append(out, c.Slug+"\t"+c.Name)
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
			e.Start.Local().Format("Mon 02 Jan 15:04"), e.Note))
	}
	return out
}
