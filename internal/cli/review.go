package cli

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/workbench"
)

// Review before use (docs/safety.md): what a handoff bundle brings is shown
// and allowed before any shell or program runs with it.

func clientReviewCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "review NAME [--json]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Show what a switch to a client would apply, and whether it waits to be allowed",
		Long: "Shows everything in a client's profile that changes what runs or where when a shell\n" +
			"enters it: variables with their values, secret names, settings (files and programs they\n" +
			"name included), kubeconfigs and contexts, per-client tool homes, the working directory and\n" +
			"the repositories with their URLs. A client imported from a handoff bundle is refused by\n" +
			"switch, exec, shell and env until `stint client allow NAME`.",
		Args: exactArgs(1, "stint client review NAME [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			r, err := wb.Review(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(r)
			}
			printReview(d.IO.Out, r)
			if r.Pending {
				fmt.Fprintf(d.IO.Out, "Pending review: allow it with `stint client allow %s`.\n", r.Client)
			} else {
				fmt.Fprintf(d.IO.Out, "Allowed: `stint switch %s` applies it.\n", r.Client)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func clientAllowCmd(d *Deps) *cobra.Command {
	var asJSON bool
	var hash string
	cmd := &cobra.Command{
		Use:               "allow NAME [--hash HASH]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Allow what a client's handoff import brought, after reviewing it",
		Long: "Accepts the content `stint client review NAME` shows, so switch, exec, shell and env\n" +
			"enter the client. An import that changes any of it makes it pending again. --hash allows\n" +
			"only the content whose hash `stint client review NAME --json` printed.",
		Example: "  stint client review acme\n  stint client allow acme",
		Args:    exactArgs(1, "stint client allow NAME [--hash HASH]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			r, err := wb.Allow(cmd.Context(), args[0], hash)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(r)
			}
			fmt.Fprintf(d.IO.Out, "Allowed %s: switch to it with `stint switch %s`.\n", r.Client, r.Client)
			return nil
		},
	}
	cmd.Flags().StringVar(&hash, "hash", "", "allow only the content with this `HASH`, as client review --json prints it")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// printReview lists a review's content, one fact a line, values quoted
// when they hold anything but printable text.
func printReview(w io.Writer, r workbench.Review) {
	fmt.Fprintf(w, "What a switch to %s applies:\n", r.Client)
	if len(r.Vars) == 0 && len(r.Secrets) == 0 && len(r.Settings) == 0 && len(r.Kube.Sources) == 0 &&
		len(r.Isolated) == 0 && r.Workdir == "" && len(r.Repos) == 0 {
		fmt.Fprintln(w, "  nothing: no variables, settings, files or repositories")
		return
	}
	for _, v := range r.Vars {
		line := fmt.Sprintf("  variable %s=%s", v.Name, shownValue(v.Value))
		if v.RunsCode {
			line += "   <- RUNS CODE: makes shells or programs run commands or load libraries"
		}
		fmt.Fprintln(w, line)
	}
	if len(r.Secrets) > 0 {
		fmt.Fprintf(w, "  secrets (values you set here): %s\n", strings.Join(r.Secrets, ", "))
	}
	keys := make([]string, 0, len(r.Settings))
	for k := range r.Settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "  setting %s = %s\n", k, shownValue(r.Settings[k]))
	}
	for _, s := range r.Kube.Sources {
		fmt.Fprintf(w, "  kubeconfig %s\n", shownValue(s))
	}
	if len(r.Kube.Contexts) > 0 {
		fmt.Fprintf(w, "  kube contexts: %s\n", shownValue(strings.Join(r.Kube.Contexts, ", ")))
	}
	if len(r.Isolated) > 0 {
		fmt.Fprintf(w, "  tool logins kept per client: %s\n", strings.Join(r.Isolated, ", "))
	}
	if r.Workdir != "" {
		fmt.Fprintf(w, "  working directory %s\n", shownValue(r.Workdir))
	}
	for _, rp := range r.Repos {
		url := rp.URL
		if url == "" {
			url = "(no URL)"
		}
		fmt.Fprintf(w, "  repository %s from %s\n", shownValue(rp.Path), shownValue(url))
	}
	if risky := r.RunsCode(); len(risky) > 0 {
		fmt.Fprintf(w, "WARNING: %s make shells or programs run code: allow only what you would type yourself.\n", strings.Join(risky, ", "))
	}
}

// shownValue is v as typed, or quoted when it holds a control character or
// other invisible rune a terminal would act on or hide.
func shownValue(v string) string {
	if v == "" {
		return `""`
	}
	for _, r := range v {
		if !unicode.IsGraphic(r) || r == '\u00a0' {
			return strconv.Quote(v)
		}
	}
	return v
}

// askAllow shows an import's content on the terminal and asks whether to
// allow it now; anything but yes leaves it pending.
func askAllow(d *Deps) func(workbench.Review) bool {
	return func(r workbench.Review) bool {
		printReview(d.IO.ErrOut, r)
		fmt.Fprintf(d.IO.ErrOut, "Allow this for %s now? (no: import it pending review) [y/N] ", r.Client)
		line, _ := bufio.NewReader(d.IO.In).ReadString('\n')
		a := strings.ToLower(strings.TrimSpace(line))
		return a == "y" || a == "yes"
	}
}
