package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/money"
	"github.com/stint-sh/stint/internal/workbench"
)

// Projects under a client: an entry may carry one, and one with a rate of
// its own bills its entries at that rate (docs/billing.md).

func projectCmd(d *Deps) *cobra.Command {
	p := &cobra.Command{Use: "project", Short: "A client's projects, with rates of their own"}
	p.AddCommand(projectAddCmd(d), projectListCmd(d), projectRateCmd(d), projectRmCmd(d))
	return p
}

func projectAddCmd(d *Deps) *cobra.Command {
	var rate string
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "add NAME PROJECT [--rate DECIMAL]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Add a project to a client (with an hourly rate of its own, in the client's currency)",
		Example: "  stint project add acme web\n" +
			"  stint project add acme \"Security audit\" --rate 220",
		Args: exactArgs(2, "stint project add NAME PROJECT [--rate DECIMAL]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			p, err := wb.AddProject(cmd.Context(), args[0], args[1], rate)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(p)
			}
			fmt.Fprintf(d.IO.Out, "Added project %s to %s (%s).\n", display.Safe(p.Name), p.Client, projectRateText(p))
			return nil
		},
	}
	cmd.Flags().StringVar(&rate, "rate", "", "hourly rate as a decimal in the client's currency, like 220.00 (default: the client's rate)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the project as JSON")
	return cmd
}

func projectRateCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "rate NAME PROJECT DECIMAL",
		ValidArgsFunction: completeArgs(d.completeClient, d.completeProject),
		Short:             "Set a project's own hourly rate (0: bill at the client's rate)",
		Example:           "  stint project rate acme web 180\n  stint project rate acme web 0",
		Args:              exactArgs(3, "stint project rate NAME PROJECT DECIMAL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			p, err := wb.SetProjectRate(cmd.Context(), args[0], args[1], args[2])
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(p)
			}
			fmt.Fprintf(d.IO.Out, "%s's project %s bills %s.\n", p.Client, display.Safe(p.Name), projectRateText(p))
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the project as JSON")
	return cmd
}

func projectListCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "list [NAME]",
		Aliases:           []string{"ls"},
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "List the projects of a client (of every client without NAME)",
		Args:              maxArgs(1, "stint project list [NAME] [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			client := ""
			if len(args) == 1 {
				client = args[0]
			}
			ps, err := wb.Projects(cmd.Context(), client)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(ps)
			}
			if len(ps) == 0 {
				if client == "" {
					names := clientNames(cmd.Context(), d)
					if len(names) == 0 {
						fmt.Fprintln(d.IO.Out, "No projects, and no clients: add one with `stint client add acme`.")
						return nil
					}
					client, _, _ = strings.Cut(names[0], "\t")
				}
				fmt.Fprintf(d.IO.Out, "No projects. Add one with `stint project add %s web`.\n", client)
				return nil
			}
			tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "CLIENT\tPROJECT\tRATE\tENTRIES")
			for _, p := range ps {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", p.Client, display.Safe(p.Name), projectRateText(p), p.Entries)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func projectRmCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "rm NAME PROJECT",
		Aliases:           []string{"remove"},
		ValidArgsFunction: completeArgs(d.completeClient, d.completeProject),
		Short:             "Remove a project no entry carries",
		Args:              exactArgs(2, "stint project rm NAME PROJECT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if err := wb.RemoveProject(cmd.Context(), args[0], args[1]); err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Removed project %s from %s.\n", display.Safe(args[1]), args[0])
			return nil
		},
	}
}

// projectRateText is a project's rate as the client list shows rates, or
// what it bills at without one.
func projectRateText(p workbench.Project) string {
	if p.RateMinor == 0 {
		return "the client's rate"
	}
	return money.Format(p.RateMinor, money.Currency(p.Currency)) + "/h"
}

// completeProject offers the projects of the client named by the first
// argument, or by --client / STINT_CLIENT for a flag.
func (d *Deps) completeProject(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if probing(cmd.Context()) {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	client := d.Getenv("STINT_CLIENT")
	if f := cmd.Flags().Lookup("client"); f != nil && f.Changed {
		client = f.Value.String()
	} else if len(args) > 0 && cmd.Name() != "edit" {
		client = args[0]
	}
	if client == "" {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return projectNames(cmd.Context(), d, client), cobra.ShellCompDirectiveNoFileComp
}

func projectNames(ctx context.Context, d *Deps, client string) []string {
	wb, err := d.Workbench(ctx)
	if err != nil {
		return nil
	}
	ps, err := wb.Projects(ctx, client)
	if err != nil {
		return nil
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}
