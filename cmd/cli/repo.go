package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func init() { register(addRepoCommands) }

func addRepoCommands(root *cobra.Command, d *Deps) {
	repo := &cobra.Command{Use: "repo", Short: "Bind a client's repositories"}
	repo.AddCommand(repoAddCmd(d), repoListCmd(d), repoRmCmd(d))
	root.AddCommand(repo)
}

func repoAddCmd(d *Deps) *cobra.Command {
	var url string
	cmd := &cobra.Command{
		Use:     "add NAME PATH [--url URL]",
		Short:   "Bind a repository to a client",
		Example: "  stint repo add acme ~/src/acme/infra\n  stint repo add acme ~/src/acme/api --url git@github.com:acme/api.git",
		Args:    exactArgs(2, "stint repo add NAME PATH [--url URL]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			r, err := wb.AddRepo(cmd.Context(), args[0], args[1], url)
			if err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Added %s to %s.\n", r.Path, args[0])
			return nil
		},
	}
	cmd.Flags().StringVar(&url, "url", "", "remote URL, used by `stint repo clone`")
	return cmd
}

func repoListCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "list NAME",
		Aliases: []string{"ls"},
		Short:   "List a client's repositories",
		Args:    exactArgs(1, "stint repo list NAME [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			rs, err := wb.Repos(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(rs)
			}
			if len(rs) == 0 {
				fmt.Fprintf(d.IO.Out, "No repositories for %s. Add one with `stint repo add %s PATH`.\n", args[0], args[0])
				return nil
			}
			tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "PATH\tURL")
			for _, r := range rs {
				fmt.Fprintf(tw, "%s\t%s\n", r.Path, r.URL)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func repoRmCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "rm NAME PATH",
		Short: "Unbind a repository from a client (its files stay)",
		Args:  exactArgs(2, "stint repo rm NAME PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if err := wb.RemoveRepo(cmd.Context(), args[0], args[1]); err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Removed %s from %s.\n", args[1], args[0])
			return nil
		},
	}
}
