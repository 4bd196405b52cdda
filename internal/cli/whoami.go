package cli

import (
	"fmt"
	"os/exec"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/workbench"
)

func whoamiCmd(d *Deps) *cobra.Command {
	var asJSON, record bool
	cmd := &cobra.Command{
		Use:               "whoami [NAME] [--json]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Ask each cloud who the client's environment is signed in as, and compare with the profile",
		Long: "Probes, in parallel and each with a timeout, every cloud the client's profile configures:\n" +
			"AWS (STS GetCallerIdentity), GCP (the active gcloud account), Azure (subscription and tenant),\n" +
			"Kubernetes (kubectl auth whoami) and GitHub (gh api user), in the client's environment —\n" +
			"this shell's when it is in that client. Exit 0 when every identity is the expected one, 1 when\n" +
			"one is not; a service that cannot be asked is unknown, not a mismatch.",
		Example: "  stint whoami\n  stint whoami acme --json\n  stint aws acme --account 123456789012   # what whoami expects",
		Args:    maxArgs(1, "stint whoami [NAME] [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := ""
			if len(args) == 1 {
				name = args[0]
				if name == "" {
					return usageErr("client name is empty: give one, e.g. `stint whoami acme`")
				}
			}
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if record {
				// The background check a switch started: quiet, and its
				// findings kept for status, the TUI and $STINT_WARN.
				rep, err := wb.Whoami(cmd.Context(), workbench.WhoamiRequest{Client: name, Environ: d.Environ()})
				if err == nil {
					_ = wb.RecordIdentity(d.Getenv(shell.VarSession), rep)
				}
				return nil
			}
			rep, err := wb.Whoami(cmd.Context(), workbench.WhoamiRequest{Client: name, Environ: d.Environ(), MFA: d.mfaPrompt()})
			if err != nil {
				if badinput.Is(err) {
					return err
				}
				return badinput.Failed(err)
			}
			if asJSON {
				if err := d.IO.printJSON(rep); err != nil {
					return err
				}
			} else {
				printWhoami(d, rep)
			}
			if rep.Mismatch() {
				return &exitError{code: ExitFailed}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&record, "record", false, "keep the findings for this shell session instead of printing them (a switch's background check)")
	_ = cmd.Flags().MarkHidden("record")
	return cmd
}

// checkIdentityAfter starts the background identity check of a switch that
// went ahead, in the environment the shell now has: it never holds the
// prompt up, and what it finds shows in `stint status`, the TUI and
// $STINT_WARN. A client that expects no identity has its old warning for
// this session cleared instead.
func checkIdentityAfter(d *Deps, wb *workbench.Workbench, res workbench.SwitchResult) {
	if res.Client == "" {
		return
	}
	if !res.CheckIdentity {
		_ = wb.ClearIdentity(d.Getenv(shell.VarSession), res.Client)
		return
	}
	// The record goes under the session the shell has after the switch.
	args := []string{"whoami", res.Client, "--record"}
	if d.Background != nil {
		d.Background(args, res.Environ)
		return
	}
	bin, err := selfPath()
	if err != nil {
		return
	}
	c := exec.Command(bin, args...)
	c.Env = res.Environ
	c.SysProcAttr = detachedProcess() // no terminal: nothing it runs may prompt
	if c.Start() == nil {
		_ = c.Process.Release()
	}
}

// printWhoami: one line per identity, naming what was expected and what
// was found.
func printWhoami(d *Deps, rep workbench.IdentityReport) {
	if len(rep.Checks) == 0 {
		fmt.Fprintf(d.IO.Out, "%s configures no cloud to ask: see `stint aws %s`, `stint gcp %s`, `stint azure %s`, `stint kube add %s`.\n",
			rep.Client, rep.Client, rep.Client, rep.Client, rep.Client)
		return
	}
	tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
	for _, c := range rep.Checks {
		var line string
		switch c.Status {
		case "match":
			line = c.Actual
		case "mismatch":
			line = fmt.Sprintf("expected %s, actual %s", c.Expected, c.Actual)
		case "seen":
			line = c.Actual + " (nothing expected)"
		default:
			line = c.Detail
			if c.Expected != "" {
				line = fmt.Sprintf("expected %s, actual unknown: %s", c.Expected, c.Detail)
			}
		}
		if c.Status != "mismatch" && c.Status != "unknown" && c.Detail != "" {
			line += "  " + c.Detail
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.What, c.Status, display.Safe(line))
	}
	_ = tw.Flush()
}
