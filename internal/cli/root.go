package cli

import (
	"context"
	"errors"
	"fmt"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench"
)

// Exit codes of the command-line contract.
const (
	ExitOK       = 0
	ExitFailed   = 1
	ExitBadUsage = 2
)

// Deps is what commands need from the outside world; cmd/stint wires the
// real ones, tests wire temporary ones.
type Deps struct {
	IO *IOStreams
	// Workbench opens the database and keyring on first use, so commands that
	// need neither (version, hook, completion) never touch them.
	Workbench func(ctx context.Context) (*workbench.Workbench, error)
	// Getenv reads the calling process's environment.
	Getenv func(string) string
	// Environ is the calling process's whole environment (KEY=VALUE).
	Environ func() []string
	// Version is set by -ldflags at build time.
	Version string
	// Close releases what Workbench opened; nil when there is nothing to do.
	Close func()
	// RunTUI starts the workbench TUI; nil means not available.
	RunTUI func(ctx context.Context, d *Deps) error
	// WarmSecrets starts reading client's secrets in the background, where
	// that needs no prompt, so a switch does not wait for the keyring after
	// opening the database. nil does nothing.
	WarmSecrets func(client string)
	// MFA asks for MFA codes; nil asks on the controlling terminal.
	MFA workbench.MFAPrompt
	// OpenURL opens a URL in a browser; nil: $BROWSER or the system's opener.
	OpenURL func(url string) error
	// Confirm shows the production guard's prompt and reads the answer;
	// nil asks on the controlling terminal (errNoTerminal without one).
	Confirm func(prompt string) (string, error)
	// Exec replaces this process with a program (the production guard's
	// real tool); nil: execve(2).
	Exec func(path string, argv, env []string) error
	// Background starts this binary with args and env, detached from the
	// terminal, and does not wait (the identity check after a switch);
	// nil: the real binary in a session of its own.
	Background func(args, env []string)
}

// warmSecrets calls WarmSecrets if there is one.
func (d *Deps) warmSecrets(client string) {
	if d.WarmSecrets != nil {
		d.WarmSecrets(client)
	}
}

// Run executes the command tree with args and returns the process exit code.
// Errors are printed as one line starting with "stint: ".
func Run(ctx context.Context, d *Deps, args []string) int {
	root := newRoot(d, args)
	root.SetArgs(args)
	root.SetIn(d.IO.In)
	root.SetOut(d.IO.Out)
	root.SetErr(d.IO.ErrOut)
	err := unknownSubcommand(root, args)
	if err == nil {
		var ran *cobra.Command
		ran, err = root.ExecuteContextC(ctx)
		if err == nil {
			syncRoots(ctx, d, ran)
		}
	}
	if d.Close != nil {
		d.Close()
	}
	cleanEvalFiles(d)
	if err == nil {
		return ExitOK
	}
	var exit *exitError
	if errors.As(err, &exit) {
		return exit.code
	}
	if ro := readOnlyError(d, err); ro != nil {
		err = ro
	}
	fmt.Fprintln(d.IO.ErrOut, "stint: "+display.Safe(display.OneLine(err.Error())))
	if badinput.Is(err) {
		return ExitBadUsage
	}
	return ExitFailed
}

// exitError carries a child's exit status through (stint exec) without
// printing anything.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// NewRoot builds the whole command tree.
func NewRoot(d *Deps) *cobra.Command { return newRoot(d, nil) }

// newRoot builds the tree for running args. When args start with a
// top-level command of commandTable, only that command is built: the whole tree
// is some sixty commands with their flags, about 0.4 ms of every run in a
// fresh process, and `stint env` runs on every prompt switch. Bare `stint`
// (the TUI) builds none. Anything else (help, flags first, a misspelt
// command that wants suggestions) gets the whole tree.
func newRoot(d *Deps, args []string) *cobra.Command {
	root := &cobra.Command{
		Use:   "stint",
		Short: "A terminal workbench for engineers who work for several clients",
		Long: "stint keeps a profile per client (cloud credentials, Kubernetes contexts, git identity,\n" +
			"secrets, repos, notes), moves your shell between clients in one keystroke, tracks\n" +
			"billable time and writes handoff notes. Run it without arguments for the TUI.",
		Version:       versionOf(d),
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          subcommandArgs,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFlags(cmd, args); err != nil {
				return err
			}
			return resolveNames(d, cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if d.RunTUI == nil {
				return cmd.Help()
			}
			return d.RunTUI(cmd.Context(), d)
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(flagError)
	root.SetVersionTemplate("stint {{.Version}}\n") // as `stint version` prints it
	if c, ok := commandNamed(args); ok {
		root.AddCommand(c.build(d))
	} else if args != nil && len(args) == 0 && d.RunTUI != nil {
		// Bare `stint` is the TUI, and Alt-s runs it as the picker, whose
		// first frame has 25 ms: no command to build. (nil args, from
		// NewRoot, is the whole tree.)
	} else {
		for _, c := range commandTable {
			root.AddCommand(c.build(d))
		}
	}
	return root
}

// readOnlyError turns a write refused by a read-only STINT_HOME (a mounted
// backup or snapshot) into one line that says so; nil for other errors.
func readOnlyError(d *Deps, err error) error {
	if !store.IsReadOnly(err) && !errors.Is(err, syscall.EROFS) {
		return nil
	}
	where := "stint's data directory"
	if layout, lerr := paths.Resolve(d.Getenv); lerr == nil {
		where = layout.Data
	}
	return fmt.Errorf("%s is read-only (a mounted backup or snapshot?) and this command changes it: nothing was changed — read commands (client list/show, status, log, report, export, access, note list/search) work there; make changes in a writable STINT_HOME", where)
}
