package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/handoff"
	"github.com/stint-sh/stint/internal/profiles"
)

func setCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "set NAME KEY=VALUE...",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Set plain environment variables of a client",
		Long:              "Set plain environment variables of a client. For tokens and keys use `stint secret set`, which keeps them in the OS keyring.",
		Example:           "  stint set acme AWS_REGION=eu-west-1 TF_WORKSPACE=prod",
		Args:              minArgs(2, "stint set NAME KEY=VALUE..."),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if err := wb.SetVars(cmd.Context(), args[0], args[1:]); err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Set %s of %s.\n", display.Count(len(args)-1, "variable", "variables"), args[0])
			warnCodeRunning(d, args[0], args[1:])
			return nil
		},
	}
}

// warnCodeRunning says, once the variables are set, which of them make
// shells or programs run code or load a library their value names — the
// names a handoff review marks — so a pasted LD_PRELOAD or
// NODE_OPTIONS does not go unnoticed. It is the user's own profile, so
// a note, not a refusal.
func warnCodeRunning(d *Deps, slug string, assignments []string) {
	var risky []string
	for _, a := range assignments {
		if name, _, ok := strings.Cut(a, "="); ok && handoff.RunsCode(name) {
			risky = append(risky, name)
		}
	}
	if len(risky) > 0 {
		fmt.Fprintf(d.IO.ErrOut, "note: %s can make programs run code or load libraries their value names; every shell switched to %s gets it (remove with `stint unset %s %s`)\n",
			strings.Join(risky, ", "), slug, slug, strings.Join(risky, " "))
	}
}

func unsetCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "unset NAME KEY...",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Remove plain environment variables of a client",
		Args:              minArgs(2, "stint unset NAME KEY..."),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if err := wb.UnsetVars(cmd.Context(), args[0], args[1:]); err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Unset %s of %s.\n", display.Count(len(args)-1, "variable", "variables"), args[0])
			return nil
		},
	}
}

// changed returns a pointer to v when the flag was given, so "" clears a
// setting and an absent flag leaves it alone.
func changed(fs *pflag.FlagSet, name string, v *string) *string {
	if fs.Changed(name) {
		return v
	}
	return nil
}

// isolation reads an --isolate/--no-isolate pair into tool lists.
func isolation(fs *pflag.FlagSet, tool string) (on, off []string) {
	if v, _ := fs.GetBool("isolate"); v && fs.Changed("isolate") {
		on = []string{tool}
	}
	if v, _ := fs.GetBool("no-isolate"); v && fs.Changed("no-isolate") {
		off = []string{tool}
	}
	return on, off
}

func settingsCmd(d *Deps, use, short, example string, build func(fs *pflag.FlagSet) (profiles.Settings, error), isolateTool string) *cobra.Command {
	cmd := &cobra.Command{
		Use:               use,
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             short,
		Example:           example,
		Args:              exactArgs(1, "stint "+use),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := build(cmd.Flags())
			if err != nil {
				return err
			}
			var on, off []string
			if isolateTool != "" {
				on, off = isolation(cmd.Flags(), isolateTool)
			}
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if err := wb.ApplySettings(cmd.Context(), args[0], s, on, off); err != nil {
				return err
			}
			fmt.Fprintf(d.IO.Out, "Updated %s.\n", args[0])
			return nil
		},
	}
	if isolateTool != "" {
		cmd.Flags().Bool("isolate", false, "keep "+isolateTool+"'s logins in a per-client directory")
		cmd.Flags().Bool("no-isolate", false, "use "+isolateTool+"'s normal config directory again")
		cmd.MarkFlagsMutuallyExclusive("isolate", "no-isolate")
	}
	return cmd
}

func gcpCmd(d *Deps) *cobra.Command {
	var project, region, account string
	cmd := settingsCmd(d, "gcp NAME [--project P] [--region R] [--account EMAIL] [--isolate | --no-isolate]",
		"Set a client's GCP project and region, and isolate gcloud's logins",
		"  stint gcp acme --project acme-prod-123 --region europe-west1 --isolate",
		func(fs *pflag.FlagSet) (profiles.Settings, error) {
			return profiles.GCP(profiles.GCPSpec{Project: changed(fs, "project", &project), Region: changed(fs, "region", &region),
				Account: changed(fs, "account", &account)})
		}, "gcloud")
	cmd.Flags().StringVar(&project, "project", "", "CLOUDSDK_CORE_PROJECT and GOOGLE_CLOUD_PROJECT")
	cmd.Flags().StringVar(&account, "account", "", "the active gcloud account (`EMAIL`) stint whoami expects")
	cmd.Flags().StringVar(&region, "region", "", "CLOUDSDK_COMPUTE_REGION")
	return cmd
}

func azureCmd(d *Deps) *cobra.Command {
	var sub, tenant string
	cmd := settingsCmd(d, "azure NAME [--subscription S] [--tenant T] [--isolate | --no-isolate]",
		"Set a client's Azure subscription and tenant, and isolate az's logins",
		"  stint azure acme --subscription 0b1f… --tenant acme.onmicrosoft.com --isolate",
		func(fs *pflag.FlagSet) (profiles.Settings, error) {
			return profiles.Azure(profiles.AzureSpec{Subscription: changed(fs, "subscription", &sub), Tenant: changed(fs, "tenant", &tenant)})
		}, "az")
	cmd.Flags().StringVar(&sub, "subscription", "", "ARM_SUBSCRIPTION_ID")
	cmd.Flags().StringVar(&tenant, "tenant", "", "ARM_TENANT_ID")
	return cmd
}

func gitCmd(d *Deps) *cobra.Command {
	var name, email, key, signing, login string
	cmd := settingsCmd(d, "git NAME [--name N] [--email E] [--ssh-key PATH] [--signing-key KEY] [--github-login LOGIN]",
		"Set the git identity commits get in a client's shell",
		"  stint git acme --name \"Ada Lovelace\" --email ada@acme.io --ssh-key ~/.ssh/id_acme",
		func(fs *pflag.FlagSet) (profiles.Settings, error) {
			return profiles.Git(profiles.GitSpec{Name: changed(fs, "name", &name), Email: changed(fs, "email", &email),
				SSHKey: changed(fs, "ssh-key", &key), SigningKey: changed(fs, "signing-key", &signing),
				GitHubLogin: changed(fs, "github-login", &login)})
		}, "")
	cmd.Flags().StringVar(&login, "github-login", "", "the GitHub `LOGIN` stint whoami expects of gh api user")
	cmd.Flags().StringVar(&name, "name", "", "author and committer name")
	cmd.Flags().StringVar(&email, "email", "", "author and committer email")
	cmd.Flags().StringVar(&key, "ssh-key", "", "private key for GIT_SSH_COMMAND (IdentitiesOnly)")
	cmd.Flags().StringVar(&signing, "signing-key", "", "user.signingkey; commits are signed")
	return cmd
}

func isolateCmd(d *Deps) *cobra.Command {
	var off bool
	cmd := &cobra.Command{
		Use:               "isolate NAME TOOL... [--off]",
		ValidArgsFunction: completeArgsRepeating(d.completeClient, completeTool),
		Short:             "Keep tools' logins per client (gcloud az gh docker helm terraform)",
		Example:           "  stint isolate acme gh docker\n  stint isolate acme docker --off",
		Args:              minArgs(2, "stint isolate NAME TOOL... [--off]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if err := wb.Isolate(cmd.Context(), args[0], args[1:], off); err != nil {
				return err
			}
			state := "isolated"
			if off {
				state = "shared again"
			}
			fmt.Fprintf(d.IO.Out, "%s: %s %s.\n", args[0], strings.Join(args[1:], ", "), state)
			return nil
		},
	}
	cmd.Flags().BoolVar(&off, "off", false, "stop isolating these tools")
	return cmd
}
