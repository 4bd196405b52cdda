package cli

import (
	"fmt"
	"os"
	"os/exec"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

func doctorCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check what stint relies on, and say how to fix what does not work",
		Args:  exactArgs(0, "stint doctor [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				broken := workbench.Check{Name: "database", Level: workbench.CheckFail, Detail: err.Error(),
					Fix: "check STINT_HOME / XDG_DATA_HOME and the permissions of the data directory"}
				if asJSON {
					_ = d.IO.printJSON([]workbench.Check{broken})
				} else {
					fmt.Fprintf(d.IO.Out, "✗ %-12s %s\n  %-12s → %s\n", broken.Name, display.Safe(broken.Detail), "", display.Safe(broken.Fix))
				}
				return &exitError{code: ExitFailed}
			}
			home, _ := os.UserHomeDir()
			if h := d.Getenv("HOME"); h != "" {
				home = h
			}
			checks := wb.Doctor(cmd.Context(), workbench.DoctorEnv{Getenv: d.Getenv, LookPath: exec.LookPath, HomeDir: home, Environ: d.Environ()})
			failed := false
			for _, c := range checks {
				failed = failed || c.Level == workbench.CheckFail
			}
			if asJSON {
				if err := d.IO.printJSON(checks); err != nil {
					return err
				}
			} else {
				for _, c := range checks {
					mark := map[string]string{workbench.CheckOK: "✓", workbench.CheckWarn: "!", workbench.CheckFail: "✗", workbench.CheckInfo: "·"}[c.Level]
					fmt.Fprintf(d.IO.Out, "%s %-12s %s\n", mark, c.Name, display.Safe(c.Detail))
					if c.Fix != "" {
						fmt.Fprintf(d.IO.Out, "  %-12s → %s\n", "", display.Safe(c.Fix))
					}
				}
			}
			if failed {
				return &exitError{code: ExitFailed}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
