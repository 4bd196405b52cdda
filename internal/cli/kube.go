package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

func kubeCmd(d *Deps) *cobra.Command {
	k := &cobra.Command{Use: "kube", Short: "Bind Kubernetes contexts to a client"}
	k.AddCommand(kubeAddCmd(d), kubeUseCmd(d), kubeListCmd(d), kubeRmCmd(d), kubeProdCmd(d))
	return k
}

func kubeAddCmd(d *Deps) *cobra.Command {
	var path, namespace string
	var contexts []string
	cmd := &cobra.Command{
		Use:               "add NAME --kubeconfig PATH [--context CTX]... [--namespace NS]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Bind contexts of a kubeconfig to a client (all of its contexts unless named)",
		Example: "  stint kube add acme --kubeconfig ~/.kube/acme.yaml\n" +
			"  stint kube add acme --kubeconfig ~/.kube/config --context acme-prod --context acme-dev --namespace platform",
		Args: exactArgs(1, "stint kube add NAME --kubeconfig PATH [--context CTX]... [--namespace NS]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			added, err := wb.KubeAdd(cmd.Context(), args[0], path, contexts, changed(cmd.Flags(), "namespace", &namespace))
			if err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "%s: contexts %s.\n", args[0], display.Safe(strings.Join(added, ", ")))
			return nil
		},
	}
	cmd.Flags().StringVar(&path, "kubeconfig", "", "kubeconfig file holding the client's contexts (required)")
	cmd.Flags().StringArrayVar(&contexts, "context", nil, "a context that belongs to the client (repeatable)")
	completeFlag(cmd, "context", d.completeContext)
	cmd.Flags().StringVar(&namespace, "namespace", "", "default namespace")
	_ = cmd.MarkFlagRequired("kubeconfig")
	return cmd
}

func kubeUseCmd(d *Deps) *cobra.Command {
	var namespace string
	cmd := &cobra.Command{
		Use:               "use NAME CONTEXT [--namespace NS]",
		ValidArgsFunction: completeArgs(d.completeClient, d.completeContext),
		Short:             "Choose the context (and namespace) a switch to the client selects",
		Args:              exactArgs(2, "stint kube use NAME CONTEXT [--namespace NS]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if err := wb.KubeUse(cmd.Context(), args[0], args[1], changed(cmd.Flags(), "namespace", &namespace)); err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "%s now switches to context %s.\n", args[0], display.Safe(args[1]))
			return nil
		},
	}
	cmd.Flags().StringVar(&namespace, "namespace", "", "default namespace")
	return cmd
}

func kubeProdCmd(d *Deps) *cobra.Command {
	const usage = "stint kube prod NAME CONTEXT on|off"
	return &cobra.Command{
		Use:               "prod NAME CONTEXT on|off",
		ValidArgsFunction: completeArgs(d.completeClient, d.completeContext, fixed("on", "off")),
		Short:             "Mark one of a client's contexts as production: mutating commands through it ask first",
		Long: "A production context is guarded like a production client: in any client's shell, kubectl\n" +
			"and helm commands that change the cluster through it ask you to type the client's name\n" +
			"first (see docs/safety.md). Reads are never asked about.",
		Example: "  stint kube prod acme acme-prod on\n" +
			"  stint kube prod acme acme-prod off",
		Args: exactArgs(3, usage),
		RunE: func(cmd *cobra.Command, args []string) error {
			var on bool
			switch strings.ToLower(args[2]) {
			case "on":
				on = true
			case "off":
			default:
				return usageErr(fmt.Sprintf("%q is neither on nor off: `stint kube prod %s %s on`", args[2], args[0], args[1]))
			}
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if err := wb.KubeProd(cmd.Context(), args[0], args[1], on); err != nil {
				return err
			}
			if on {
				fmt.Fprintf(d.IO.Out, "%s: context %s is production; mutating commands through it ask first.\n", args[0], args[1])
			} else {
				fmt.Fprintf(d.IO.Out, "%s: context %s is no longer production.\n", args[0], args[1])
			}
			return nil
		},
	}
}

func kubeListCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "list NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "List a client's contexts, its default and namespace",
		Args:              exactArgs(1, "stint kube list NAME [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			cs, err := wb.KubeContexts(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(cs)
			}
			if len(cs) == 0 {
				fmt.Fprintf(d.IO.Out, "%s has no contexts. Add some with `stint kube add %s --kubeconfig PATH`.\n", args[0], args[0])
				return nil
			}
			tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "\tCONTEXT\tPROD\tNAMESPACE\tSERVER\tPROBLEM")
			// A problem several contexts share (their file has gone) is
			// said once, under the table, with its fix; the rows point at it.
			var notes []string
			for _, c := range cs {
				if c.Problem == "" {
					continue
				}
				note := c.Problem
				if c.Fix != "" {
					note += ": " + c.Fix
				}
				if !slices.Contains(notes, note) {
					notes = append(notes, note)
				}
			}
			for _, c := range cs {
				mark, prod := "", ""
				if c.Default {
					mark = "*"
				}
				if c.Production {
					prod = "prod"
				}
				problem := ""
				if c.Problem != "" {
					note := c.Problem
					if c.Fix != "" {
						note += ": " + c.Fix
					}
					problem = fmt.Sprintf("see %d below", slices.Index(notes, note)+1)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", mark, display.Safe(c.Name), prod, display.Safe(c.Namespace), display.Safe(c.Server), problem)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			for i, n := range notes {
				fmt.Fprintf(d.IO.Out, "%d. %s\n", i+1, display.Safe(n))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func kubeRmCmd(d *Deps) *cobra.Command {
	var path string
	var asJSON bool
	const usage = "stint kube rm NAME [CONTEXT...] [--kubeconfig PATH] [--json]"
	cmd := &cobra.Command{
		Use:               "rm NAME [CONTEXT...] [--kubeconfig PATH]",
		ValidArgsFunction: completeArgsRepeating(d.completeClient, d.completeContext),
		Short:             "Remove contexts, or a kubeconfig file, from a client",
		Long: "Remove the named contexts from a client. With --kubeconfig, also stop using that file\n" +
			"(it may already be gone) and drop every context no remaining kubeconfig of the client has.\n" +
			"When the default context goes, the first remaining context becomes the default.",
		Example: "  stint kube rm acme acme-staging\n" +
			"  stint kube rm acme --kubeconfig ~/.kube/acme-old.yaml",
		Args: minArgs(1, usage),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if len(args) == 1 && path == "" {
				return nothingToRemove(cmd, wb, args[0], usage)
			}
			r, err := wb.KubeRemove(cmd.Context(), args[0], path, args[1:])
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(r)
			}
			printKubeRemoval(d.IO.Out, r)
			return nil
		},
	}
	cmd.Flags().StringVar(&path, "kubeconfig", "", "stop using this kubeconfig `PATH` (it may be gone)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print what was removed as JSON")
	return cmd
}

func printKubeRemoval(w io.Writer, r workbench.KubeRemoval) {
	var parts []string
	if r.Source != "" {
		parts = append(parts, "kubeconfig "+display.Safe(r.Source))
	}
	if len(r.Contexts) > 0 {
		parts = append(parts, "contexts "+display.Safe(strings.Join(r.Contexts, ", ")))
	}
	fmt.Fprintf(w, "%s: removed %s.\n", r.Client, strings.Join(parts, " and "))
	switch {
	case r.DefaultChanged && r.Default != "":
		fmt.Fprintf(w, "Default context is now %s.\n", display.Safe(r.Default))
	case r.DefaultChanged:
		fmt.Fprintf(w, "%s has no contexts left.\n", r.Client)
	}
	if len(r.Unresolved) > 0 {
		fmt.Fprintf(w, "Cannot tell which contexts came only from %s (%s): if these did, drop them with `stint kube rm %s %s`.\n",
			display.Safe(r.Source), display.Safe(r.Problem), r.Client, display.Safe(strings.Join(r.Unresolved, " ")))
	}
}

// nothingToRemove is the refusal of `kube rm NAME` alone, with commands
// that name the client's real contexts and files.
func nothingToRemove(cmd *cobra.Command, wb *workbench.Workbench, slug, usage string) error {
	p, err := wb.Profile(cmd.Context(), slug)
	if err != nil {
		return err
	}
	k := p.Kube
	switch {
	case len(k.Contexts) > 0 && len(k.Sources) > 0:
		return usageErr(fmt.Sprintf("nothing to remove: name contexts, like `stint kube rm %s %s`, or a file, like `stint kube rm %s --kubeconfig %s` (usage: %s)",
			slug, shellQuote(k.Contexts[0]), slug, shellQuote(k.Sources[0]), usage))
	case len(k.Sources) > 0:
		return usageErr(fmt.Sprintf("nothing to remove: name a file, like `stint kube rm %s --kubeconfig %s` (usage: %s)", slug, shellQuote(k.Sources[0]), usage))
	}
	return usageErr(fmt.Sprintf("nothing to remove: %s has no Kubernetes contexts or kubeconfigs (`stint kube list %s` lists them)", slug, slug))
}

// shellQuote is s as one word for a POSIX shell, quoted only when needed.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@%+=,-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
