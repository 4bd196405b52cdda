package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/guard"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/workbench"
)

// EnvConfirm is how a script or CI says yes to a guarded command:
// STINT_CONFIRM=<client> for that command.
const EnvConfirm = "STINT_CONFIRM"

// guardCmd is what the production guard's shims run for a command that
// changes something (see internal/guard): it decides whether the command
// acts on production, asks for the client's name (or takes STINT_CONFIRM),
// logs the outcome and then becomes the real tool, or refuses with exit 1.
// Reads never get here: the shims exec the real tool themselves.
func guardCmd(d *Deps) *cobra.Command {
	var real string
	const usage = "stint guard --real PATH -- TOOL [ARG...]"
	cmd := &cobra.Command{
		Use:    "guard --real PATH -- TOOL [ARG...]",
		Hidden: true,
		Short:  "Run a mutating command through the production guard (the guard's shims call this)",
		Args:   minArgs(1, usage),
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] == "--" {
				args = args[1:]
			}
			if len(args) == 0 || !filepath.IsAbs(real) {
				return usageErr("usage: " + usage + " (the real tool's absolute path and the command)")
			}
			return runGuarded(cmd, d, real, args)
		},
	}
	cmd.Flags().StringVar(&real, "real", "", "absolute path of the real tool")
	cmd.Flags().SetInterspersed(false)
	return cmd
}

func runGuarded(cmd *cobra.Command, d *Deps, real string, argv []string) error {
	tool := argv[0]
	client, session := d.Getenv(shell.VarClient), d.Getenv(shell.VarSession)
	confirmEnv := d.Getenv(EnvConfirm)
	wb, err := d.Workbench(cmd.Context())
	var check workbench.GuardCheck
	if err == nil {
		check, err = wb.CheckGuarded(cmd.Context(), client, d.Getenv("KUBECONFIG"), tool, argv[1:])
	}
	if err != nil {
		// Cannot tell whether this is production: fail closed, but let the
		// shell's own client say yes the way scripts do.
		if client != "" && confirmEnv == client {
			return execReal(d, real, argv)
		}
		name := client
		if name == "" {
			name = "CLIENT"
		}
		return fmt.Errorf("%s was not run: cannot tell whether it acts on production (%v) — run it with %s=%s to go ahead anyway",
			tool, err, EnvConfirm, name)
	}
	dec := check.Decision
	if !dec.Guarded {
		return execReal(d, real, argv)
	}
	what := guard.Detail(check.Verdict, "")
	what = what[:len(what)-1] // "kubectl delete"
	var outcome string
	var refusal error
	if confirmEnv == dec.Confirm {
		outcome = guard.OutcomeConfirmedEnv
	} else {
		prompt := fmt.Sprintf("⚠ PRODUCTION ⚠ %s — %s\nType %s to run it, anything else stops it: ", what, dec.Why, dec.Confirm)
		typed, terr := d.confirm(prompt)
		switch {
		case errors.Is(terr, errNoTerminal):
			outcome = guard.OutcomeNoTerminal
			refusal = fmt.Errorf("%s refused: %s, and no terminal to confirm on — to confirm, run it with %s=%s",
				what, dec.Why, EnvConfirm, dec.Confirm)
		case terr == nil && guard.Confirmed(typed, dec.Confirm):
			outcome = guard.OutcomeConfirmed
		default:
			outcome = guard.OutcomeRefused
			refusal = fmt.Errorf("%s was not run: %s was not typed (%s)", what, dec.Confirm, dec.Why)
		}
	}
	if err := wb.LogGuarded(cmd.Context(), check, session, outcome); err != nil && refusal == nil {
		fmt.Fprintf(d.IO.ErrOut, "stint: warning: the access log does not show this %s: %v\n", what, err)
	}
	if refusal != nil {
		return refusal
	}
	return execReal(d, real, argv)
}

// execReal becomes the real tool: same process, same terminal, same
// signals, so the guard adds nothing once it has decided. The database is
// closed first (its WAL checkpointed).
func execReal(d *Deps, real string, argv []string) error {
	if d.Close != nil {
		d.Close()
	}
	run := d.Exec
	if run == nil {
		run = syscall.Exec
	}
	if err := run(real, argv, d.Environ()); err != nil {
		return fmt.Errorf("cannot run %s: %w", real, err)
	}
	return nil
}

// confirm asks the guard's question: through Deps.Confirm, else on the
// controlling terminal — not stdin, which belongs to the command
// (`kubectl apply -f -`).
func (d *Deps) confirm(prompt string) (string, error) {
	if d.Confirm != nil {
		return d.Confirm(prompt)
	}
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return "", errNoTerminal
	}
	defer tty.Close()
	fmt.Fprint(tty, prompt)
	line, err := bufio.NewReader(tty).ReadString('\n')
	if err != nil {
		fmt.Fprintln(tty)
		return "", err
	}
	return line, nil
}
