package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
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
				return writeBashCompletion(cmd.Root(), d.IO.Out)
			case "zsh":
				return cmd.Root().GenZshCompletion(d.IO.Out)
			case "fish":
				return cmd.Root().GenFishCompletion(d.IO.Out, true)
			}
			return badinput.Errorf("unknown shell %q: use bash, zsh or fish", args[0])
		},
	}
}

// writeBashCompletion writes cobra's bash script made to work on its own:
// cobra's script falls back on the bash-completion package's
// _get_comp_words_by_ref and _filedir, so without that package (macOS,
// minimal images) every Tab printed "command not found". With the package
// loaded, its functions are still used.
func writeBashCompletion(root *cobra.Command, w io.Writer) error {
	var b strings.Builder
	if err := root.GenBashCompletionV2(&b, true); err != nil {
		return err
	}
	script := b.String()
	name := root.Name()
	for _, p := range []struct{ old, new string }{
		{"    _get_comp_words_by_ref \"$@\" cur prev words cword\n", strings.ReplaceAll(bashWordsFallback, "PROG", name)},
		{"filteringCmd=\"_filedir ", "filteringCmd=\"__" + name + "_filedir "},
		{"&& _filedir -d &&", "&& __" + name + "_filedir -d &&"},
		{"            _filedir -d\n", "            __" + name + "_filedir -d\n"},
		{"                    _filedir\n", "                    __" + name + "_filedir\n"},
	} {
		if !strings.Contains(script, p.old) {
			return fmt.Errorf("cannot make the bash completion script standalone: cobra's script changed (no %q)", p.old)
		}
		script = strings.ReplaceAll(script, p.old, p.new)
	}
	_, err := io.WriteString(w, script)
	return err
}

// bashWordsFallback replaces the body of cobra's __PROG_init_completion:
// bash-completion's _get_comp_words_by_ref when it is loaded, else the
// line's words as bash split them, joined again where bash split at = or :
// with no space between (what `-n =:` asks for), up to the cursor. Then
// __PROG_filedir, _filedir or plain compgen.
const bashWordsFallback = `    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref "$@" cur prev words cword
        return
    fi
    local rest=${COMP_LINE:0:COMP_POINT} i w n glued
    words=()
    for ((i = 0; i <= COMP_CWORD && i < ${#COMP_WORDS[@]}; i++)); do
        w=${COMP_WORDS[i]}
        glued=1
        while [[ $rest == [[:space:]]* ]]; do
            rest=${rest:1}
            glued=0
        done
        rest=${rest:${#w}}
        n=${#words[@]}
        if ((n > 0 && glued)) && [[ $w == [=:]* || ${words[n-1]} == *[=:] ]]; then
            words[n-1]+=$w
        else
            words+=("$w")
        fi
    done
    ((COMP_CWORD < ${#COMP_WORDS[@]})) || words+=("")
    cword=$((${#words[@]} - 1))
    cur=${words[cword]}
    prev=
    ((cword == 0)) || prev=${words[cword-1]}
}

__PROG_filedir()
{
    if declare -F _filedir >/dev/null 2>&1; then
        _filedir "$@"
        return
    fi
    local IFS=$'\n'
    if [[ ${1-} == -d ]]; then
        COMPREPLY=($(compgen -d -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
    compopt -o filenames 2>/dev/null
    return 0
`

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
	if probing(cmd.Context()) {
		return []string{clientProbe}, cobra.ShellCompDirectiveNoFileComp // see names.go
	}
	return clientNames(cmd.Context(), d), cobra.ShellCompDirectiveNoFileComp
}

// completeTakenName offers the client names already taken, where a new
// name is typed (client add). It is not a client name's completion: a
// prefix of a new name is not expanded (names.go).
func (d *Deps) completeTakenName(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	if probing(cmd.Context()) {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return clientNames(cmd.Context(), d), cobra.ShellCompDirectiveNoFileComp
}

// completeClientOrPrevious offers client names and "-", the previous client.
func (d *Deps) completeClientOrPrevious(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	if probing(cmd.Context()) {
		return []string{clientProbe}, cobra.ShellCompDirectiveNoFileComp
	}
	return append(clientNames(cmd.Context(), d), "-\tthe previous client"), cobra.ShellCompDirectiveNoFileComp
}

// completeContext offers the Kubernetes contexts of the client named by the
// first argument.
func (d *Deps) completeContext(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 || probing(cmd.Context()) {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return contextNames(cmd.Context(), d, args[0]), cobra.ShellCompDirectiveNoFileComp
}

// completeEntryID offers the last two weeks' time entries.
func (d *Deps) completeEntryID(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	if probing(cmd.Context()) {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
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
