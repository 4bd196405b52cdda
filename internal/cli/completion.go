package cli

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
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

// wireCompletions gives every command dynamic completion from the words in
// its Use line, so each command's file stays free of completion code:
//
//   - positional words: NAME completes client names (also in NAME|- and
//     [NAME]), CONTEXT the client's Kubernetes contexts, ID time-entry IDs,
//     TOOL the tools `stint isolate` knows, and a choice of lowercase words
//     (bash|zsh|fish) those words; WORD... repeats for every later argument;
//   - flags: --client and --context as above, and a flag shown with a choice
//     of lowercase words (--by client|day|tag|entry) those words.
func wireCompletions(root *cobra.Command, d *Deps) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		positional, choices := parseUse(c.Use)
		if c.Runnable() && c.ValidArgsFunction == nil && c.ValidArgs == nil {
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				word, ok := wordAt(positional, len(args))
				if !ok {
					return nil, cobra.ShellCompDirectiveDefault
				}
				return completeWord(cmd.Context(), d, word, args)
			}
		}
		for flag, values := range choices {
			if c.Flags().Lookup(flag) != nil {
				_ = c.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
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

// completeWord offers the values of one positional word of a Use line.
func completeWord(ctx context.Context, d *Deps, word string, args []string) ([]string, cobra.ShellCompDirective) {
	none := cobra.ShellCompDirectiveNoFileComp
	alternatives := strings.Split(word, "|")
	if slices.Contains(alternatives, "NAME") {
		names := clientNames(ctx, d)
		if slices.Contains(alternatives, "-") {
			names = append(names, "-\tthe previous client")
		}
		return names, none
	}
	switch word {
	case "CONTEXT":
		if len(args) > 0 {
			return contextNames(ctx, d, args[0]), none
		}
		return nil, none
	case "ID":
		return entryIDs(ctx, d), none
	case "TOOL":
		return profiles.Tools(), none
	}
	if isChoice(alternatives) {
		return alternatives, none
	}
	return nil, cobra.ShellCompDirectiveDefault
}

// parseUse splits a Use line ("rm NAME [CONTEXT...] [--kubeconfig PATH]")
// into its positional words, brackets trimmed and "..." kept ("NAME",
// "CONTEXT..."), and the choices shown for flags ("--by client|day|tag|entry").
// It stops at "--" (what follows is another program's) and at a bare "|",
// which starts another form of the command.
func parseUse(use string) (positional []string, choices map[string][]string) {
	choices = map[string][]string{}
	fields := strings.Fields(use)
	depth := 0 // how many brackets around a flag are open
	for i := 1; i < len(fields); i++ {
		f := fields[i]
		if depth == 0 && (f == "|" || f == "--") {
			break
		}
		bare := strings.Trim(f, "[].")
		switch {
		case strings.HasPrefix(bare, "-"):
			next := ""
			if i+1 < len(fields) {
				next = fields[i+1]
			}
			if values := strings.Split(strings.Trim(next, "[]."), "|"); isChoice(values) {
				choices[strings.TrimLeft(bare, "-")] = values
			}
			if depth == 0 && next != "" && !strings.ContainsAny(next[:1], "-[|") {
				i++ // the value of an unbracketed flag: --kubeconfig PATH
			}
		case depth == 0:
			if strings.Contains(f, "...") {
				bare += "..."
			}
			positional = append(positional, bare)
		}
		if strings.HasPrefix(f, "[-") || depth > 0 {
			depth = max(0, depth+strings.Count(f, "[")-strings.Count(f, "]"))
		}
	}
	return positional, choices
}

// wordAt is the positional word for argument i; the last word repeats when
// it ends in "...".
func wordAt(words []string, i int) (string, bool) {
	if i < len(words) {
		return strings.TrimSuffix(words[i], "..."), true
	}
	if n := len(words); n > 0 && strings.HasSuffix(words[n-1], "...") {
		return strings.TrimSuffix(words[n-1], "..."), true
	}
	return "", false
}

// isChoice: two or more lowercase words, like bash|zsh|fish.
func isChoice(values []string) bool {
	if len(values) < 2 {
		return false
	}
	for _, v := range values {
		if v == "" || strings.ToLower(v) != v || strings.HasPrefix(v, "-") {
			return false
		}
	}
	return true
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
