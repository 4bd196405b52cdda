package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

func repoCmd(d *Deps) *cobra.Command {
	repo := &cobra.Command{Use: "repo", Short: "Bind a client's repositories"}
	repo.AddCommand(repoAddCmd(d), repoListCmd(d), repoRmCmd(d), repoDiscoverCmd(d), repoStatusCmd(d), repoCloneCmd(d))
	return repo
}

func repoAddCmd(d *Deps) *cobra.Command {
	var url string
	cmd := &cobra.Command{
		Use:               "add NAME PATH [--url URL]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Bind a repository to a client (an existing clone with its origin URL)",
		Example:           "  stint repo add acme ~/src/acme/infra\n  stint repo add acme ~/src/acme/api --url git@github.com:acme/api.git",
		Args:              exactArgs(2, "stint repo add NAME PATH [--url URL]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			r, err := wb.AddRepo(cmd.Context(), args[0], args[1], url)
			if err != nil {
				return err
			}
			if r.CredentialsRemoved {
				noteCredentialsRemoved(d, []string{r.Path})
			}
			if url == "" && r.URL != "" {
				fmt.Fprintf(d.IO.Out, "Added %s to %s, with its origin %s.\n", display.Safe(r.Path), args[0], display.Safe(r.URL))
				return nil
			}
			fmt.Fprintf(d.IO.Out, "Added %s to %s.\n", display.Safe(r.Path), args[0])
			return nil
		},
	}
	cmd.Flags().StringVar(&url, "url", "", "remote `URL`, used by stint repo clone (default: the clone's origin)")
	return cmd
}

func repoListCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "list NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Aliases:           []string{"ls"},
		Short:             "List a client's repositories",
		Args:              exactArgs(1, "stint repo list NAME [--json]"),
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
				fmt.Fprintf(tw, "%s\t%s\n", display.Safe(r.Path), display.Safe(r.URL))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func repoRmCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "rm NAME PATH",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Unbind a repository from a client (its files stay)",
		Args:              exactArgs(2, "stint repo rm NAME PATH"),
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

func repoDiscoverCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "discover NAME DIR",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Bind every git repository under DIR, with its origin URL",
		Example:           "  stint repo discover acme ~/src/acme",
		Args:              exactArgs(2, "stint repo discover NAME DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			rs, stripped, err := wb.DiscoverRepos(cmd.Context(), args[0], args[1])
			if err != nil {
				return err
			}
			noteCredentialsRemoved(d, stripped)
			if asJSON {
				return d.IO.printJSON(rs)
			}
			fmt.Fprintf(d.IO.Out, "Bound %s to %s:\n", display.Count(len(rs), "repository", "repositories"), args[0])
			tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
			for _, r := range rs {
				url := r.URL
				if url == "" {
					url = "(no origin)"
				}
				fmt.Fprintf(tw, "  %s\t%s\n", display.Safe(r.Path), display.Safe(url))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// noteCredentialsRemoved tells the user, in one line, that the URLs of
// these repositories were stored without the credentials they carried, and
// what that means: stint never hands them to git, and does not touch the
// clone's own configuration.
func noteCredentialsRemoved(d *Deps, repoPaths []string) {
	const what = "stint stores and exports it without them (the clone's own .git/config is unchanged); `stint repo clone` needs git's credential helper or ssh-agent to authenticate"
	switch len(repoPaths) {
	case 0:
		return
	case 1:
		fmt.Fprintf(d.IO.ErrOut, "stint: note: removed credentials from the URL of %s: %s\n", display.Safe(repoPaths[0]), what)
	default:
		fmt.Fprintf(d.IO.ErrOut, "stint: note: removed credentials from the URLs of %s: %s\n", display.Safe(strings.Join(repoPaths, ", ")), what)
	}
}

func repoStatusCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "status NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Branch, uncommitted changes and ahead/behind of a client's repositories",
		Args:              exactArgs(1, "stint repo status NAME [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			sts, err := wb.RepoStatus(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(sts)
			}
			if len(sts) == 0 {
				fmt.Fprintf(d.IO.Out, "No repositories for %s. Add them with `stint repo discover %s DIR`.\n", args[0], args[0])
				return nil
			}
			tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "PATH\tBRANCH\tSTATE\tUPSTREAM")
			for _, s := range sts {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", display.Safe(s.Path), display.Safe(s.Branch), display.Safe(repoState(s, args[0])), display.Safe(repoSync(s)))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func repoState(s workbench.RepoStatus, slug string) string {
	switch {
	case !s.Exists && s.URL != "":
		return "missing: `stint repo clone " + slug + "`"
	case !s.Exists:
		return "missing"
	case s.Error != "":
		return "error: " + s.Error
	case s.Dirty:
		return "dirty"
	}
	return "clean"
}

func repoSync(s workbench.RepoStatus) string {
	switch {
	case !s.Exists || s.Error != "":
		return ""
	case s.Upstream == "":
		return "no upstream"
	case s.Ahead == 0 && s.Behind == 0:
		return "up to date"
	}
	return fmt.Sprintf("%d ahead, %d behind %s", s.Ahead, s.Behind, s.Upstream)
}

func repoCloneCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "clone NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Clone a client's missing repositories in its environment (git identity, SSH key, tokens)",
		Long: "Clones each missing repository that has a URL. git runs in the environment `stint exec`\n" +
			"gives a command: this shell's, switched to the client, so the client's identity, SSH key,\n" +
			"secrets and tool homes apply and no other client's tokens reach git. git never asks for\n" +
			"a password: credential helpers and ssh-agent apply.",
		Args: exactArgs(1, "stint repo clone NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			res, cloneErr := wb.CloneRepos(cmd.Context(), args[0], d.Environ())
			if res == nil && cloneErr != nil {
				return cloneErr
			}
			if asJSON {
				if err := d.IO.printJSON(res); err != nil {
					return err
				}
				return cloneErr
			}
			if len(res) == 0 {
				fmt.Fprintf(d.IO.Out, "No repositories for %s.\n", args[0])
				return nil
			}
			tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
			for _, r := range res {
				detail := r.Result
				switch r.Result {
				case "no-url":
					detail = "missing, and no URL to clone from: `stint repo add " + args[0] + " " + r.Path + " --url URL`"
				case "failed":
					detail = "failed: " + r.Error
				}
				fmt.Fprintf(tw, "%s\t%s\n", display.Safe(r.Path), display.Safe(detail))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			return cloneErr
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
