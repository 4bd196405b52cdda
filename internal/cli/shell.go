package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/evalfile"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/workbench"
)

// The shell commands of docs/cli.md. A failed switch, env, exec or shell exits 1
// (the operation failed), also for an unknown client: the calling shell must
// be able to tell "nothing happened" from a usage mistake (exit 2), and in
// neither case is a script written or printed: badinput.Failed marks
// their errors so.

func hookCmd(d *Deps) *cobra.Command {
	var key string
	cmd := &cobra.Command{
		Use:               "hook bash|zsh|fish [--key SPEC]",
		ValidArgsFunction: completeArgs(fixed(shells...)),
		Short:             "Print the shell integration: the `stint` function and the picker hotkey",
		Long: "Prints the integration to load from your shell's rc file. It defines a `stint`\n" +
			"function that lets `stint switch` and `stint off` change the shell itself, binds\n" +
			"a hotkey (default alt-s) to the client picker, and keeps STINT_CLIENT set for prompts.",
		Example: "  echo 'eval \"$(stint hook bash)\"' >> ~/.bashrc\n" +
			"  echo 'eval \"$(stint hook zsh)\"' >> ~/.zshrc\n" +
			"  echo 'stint hook fish | source' >> ~/.config/fish/config.fish\n" +
			"  eval \"$(stint hook bash --key ctrl-g)\"",
		Args: exactArgs(1, "stint hook bash|zsh|fish [--key SPEC]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, err := shell.ParseKind(args[0])
			if err != nil {
				return badinput.Wrap(err)
			}
			bin, err := selfPath()
			if err != nil {
				return err
			}
			// The hook creates its eval files in the runtime directory: make
			// it (private, checked) now, and bake its path in.
			layout, err := paths.Resolve(d.Getenv)
			if err != nil {
				return err
			}
			if err := layout.EnsureRuntime(); err != nil {
				return err
			}
			opts := shell.HookOptions{Binary: bin, Key: key, EvalDir: layout.EvalDir(), WarnDir: layout.WhoamiDir(),
				Roots: layout.RootsFile(), Activity: layout.ActivityDir(), IdleAfter: layout.IdleAfterFile()}
			if err := paths.EnsurePrivateDir(layout.ActivityDir()); err != nil {
				return err
			}
			if kind == shell.Fish {
				if opts.Rm, err = exec.LookPath("rm"); err != nil {
					return fmt.Errorf("fish's hook needs rm, which is not on PATH: %v", err)
				}
			}
			script, err := shell.Hook(kind, opts)
			if err != nil {
				return badinput.Wrap(err)
			}
			if _, err = fmt.Fprint(d.IO.Out, script); err != nil {
				return err
			}
			restoreRoots(cmd.Context(), d, layout)
			return nil
		},
	}
	cmd.Flags().StringVar(&key, "key", "", "hotkey that opens the picker, e.g. alt-s, ctrl-g, alt-S (default alt-s)")
	return cmd
}

// selfPath is the absolute path of this binary, symlinks resolved, so the
// hook keeps working whatever PATH says later.
func selfPath() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("cannot find the stint binary's path: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	return exe, nil
}

// noHook explains, in one line, how to get a shell that stint can change
// (the TUI says the same).
func noHook(d *Deps, name string) error {
	switch name {
	case "":
		name = "--off" // `stint off`
	case "-":
		name = "" // `stint env` has no "-": without the hook there is no previous client
	}
	return badinput.Errorf("%s", workbench.NoHookHint(workbench.DetectShell(d.Getenv), name))
}

// namedClient refuses an empty client name where one is required: to the
// workbench, "" means leaving the current client, and `stint switch ""` (an
// unset variable in a script: `stint switch "$CLIENT"`) must not quietly act
// as `stint off`.
func namedClient(name, command string) error {
	if name == "" {
		return badinput.Errorf("client name is empty: give one, e.g. `stint %s acme` (`stint off` leaves the current client)", command)
	}
	return nil
}

func switchCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "switch [NAME|-]",
		ValidArgsFunction: completeArgs(d.completeClientOrPrevious),
		Short:             "Move this shell to a client (needs the shell hook); - goes back to the previous one",
		Long: "Moves this shell to client NAME (a unique prefix of its name will do); - goes back to\n" +
			"the previous client. Without NAME on a terminal it opens the picker, as the hotkey does.",
		Example: "  stint switch acme\n" +
			"  stint switch -\n" +
			"  stint switch            # pick one",
		Args: maxArgs(1, "stint switch NAME|-"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return pickClient(cmd, d)
			}
			if err := namedClient(args[0], "switch"); err != nil {
				return err
			}
			return hookedSwitch(cmd, d, args[0], workbench.ActionSwitch, false)
		},
	}
}

// pickClient is `stint switch` without a name: on a terminal, the picker
// the hotkey opens; elsewhere (a script, a pipe) a name is needed.
func pickClient(cmd *cobra.Command, d *Deps) error {
	if d.RunTUI == nil || !d.IO.IsStdinTTY() || !d.IO.IsStdoutTTY() {
		return usageErr("name the client: stint switch NAME (or -); on a terminal, stint switch alone opens the picker")
	}
	return d.RunTUI(asPicker(cmd.Context()), d)
}

func offCmd(d *Deps) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "off [--force]",
		Short: "Leave the current client: every variable back to what it was (needs the shell hook)",
		Long: "Leaves the current client: every variable the client set goes back to the value it\n" +
			"had before, or is unset. --force forgets stint's record of this shell without\n" +
			"restoring anything, for when that record is damaged.",
		Args: exactArgs(0, "stint off [--force]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return hookedSwitch(cmd, d, "", workbench.ActionOff, force)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "forget this shell's stint state without restoring variables")
	return cmd
}

// adoptCmd is run by the hook itself, when a shell starts inside a client
// it inherited (a child shell, a new tmux pane): it gives the shell a
// session kubeconfig of its own. Silent when there is nothing to do.
func adoptCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:    "adopt",
		Short:  "Give a shell that inherited a client its own session kubeconfig (run by the shell hook)",
		Hidden: true,
		Args:   exactArgs(0, "stint adopt"),
		RunE: func(cmd *cobra.Command, args []string) error {
			evalFile := d.Getenv(shell.VarEvalFile)
			if evalFile == "" {
				return badinput.Errorf("stint adopt is run by the shell hook when a shell starts inside a client; load the hook with `eval \"$(stint hook bash)\"` (or zsh, fish)")
			}
			sh := d.Getenv(shell.VarShell)
			if _, err := shell.ParseKind(sh); err != nil {
				return fmt.Errorf("the stint hook passed an unknown shell %q: load it again with `eval \"$(stint hook bash)\"` (or zsh, fish)", sh)
			}
			layout, err := paths.Resolve(d.Getenv)
			if err != nil {
				return err
			}
			eval, err := openEvalFile(layout, evalFile)
			if err != nil {
				return err
			}
			defer eval.Discard()
			// Usually a copy of the parent's file: no database, so a new
			// shell or tmux pane starts as fast as it can.
			req := workbench.SwitchRequest{Shell: sh, Environ: d.Environ()}
			to := hookDelivery(eval, sh)
			_, err = workbench.New(nil, nil, layout, nil).Adopt(cmd.Context(), req, to)
			if errors.Is(err, workbench.ErrAdoptNeedsDatabase) {
				wb, werr := d.Workbench(cmd.Context())
				if werr != nil {
					return werr
				}
				_, err = wb.Adopt(cmd.Context(), req, to)
			}
			return badinput.Failed(err) // exit 1, see above
		},
	}
}

// hookedSwitch is `switch` and `off`: the script and its one-line summary
// go to the hook's eval file, once and only on success (the shell prints
// the summary once it has applied the script), and the switch is recorded
// only once they are delivered; warnings go to stderr.
func hookedSwitch(cmd *cobra.Command, d *Deps, client, action string, force bool) error {
	evalFile := d.Getenv(shell.VarEvalFile)
	if evalFile == "" {
		return noHook(d, client)
	}
	sh := d.Getenv(shell.VarShell)
	if _, err := shell.ParseKind(sh); err != nil {
		return fmt.Errorf("the stint hook passed an unknown shell %q: load it again with `eval \"$(stint hook bash)\"` (or zsh, fish)", sh)
	}
	req := workbench.SwitchRequest{Client: client, Shell: sh, Environ: d.Environ(), Action: action, MFA: d.mfaPrompt()}
	// Open the hook's file first: a file that cannot take the script stops
	// the switch before the keyring is read or a file written.
	layout, err := paths.Resolve(d.Getenv)
	if err != nil {
		return err
	}
	eval, err := openEvalFile(layout, evalFile)
	if err != nil {
		return err
	}
	defer eval.Discard()
	// One delivery for the script and the summary the shell prints once it
	// has applied it; the workbench records the switch only once it is
	// delivered.
	to := hookDelivery(eval, sh)
	var res workbench.SwitchResult
	if force {
		// Forgetting needs no database (it may be what is broken), only the
		// runtime dir, to remove this session's kubeconfig.
		res, err = workbench.New(nil, nil, layout, nil).Forget(req, to)
	} else {
		d.warmSecrets(client)
		wb, werr := d.Workbench(cmd.Context())
		if werr != nil {
			return werr
		}
		res, err = wb.Switch(cmd.Context(), req, to)
		if err == nil {
			checkIdentityAfter(d, wb, res)
			sayBudgetCrossing(cmd.Context(), d.IO.ErrOut, wb, res.Client)
		}
	}
	if err != nil {
		return badinput.Failed(err) // exit 1, see above
	}
	warn(d, res.Warnings())
	if res.Script == "" {
		// Nothing for the shell to apply, so nothing prints the summary
		// but this.
		fmt.Fprintln(d.IO.ErrOut, res.Summary(time.Now()))
	}
	return nil
}

// hookDelivery hands a switch's script to the hook's file (see deliver).
func hookDelivery(eval *evalfile.File, sh string) workbench.Deliver {
	return func(script, summary string) error { return deliver(eval, sh, script, summary) }
}

// warn prints a switch's warnings on stderr, one line each.
func warn(d *Deps, lines []string) {
	for _, l := range lines {
		fmt.Fprintln(d.IO.ErrOut, "stint: "+l)
	}
}

// warnMissingSecrets says, in one line on stderr, which of the client's
// secrets the keyring has no value for (after a handoff import or a keyring
// reset), in the words of a switch's warnings. The command itself went on:
// the rest of the profile is useful.
func warnMissingSecrets(d *Deps, client string, names []string) {
	warn(d, workbench.SwitchResult{Client: client, MissingSecrets: names}.Warnings())
}

// openEvalFile opens the file the hook made for the script, checked to be
// in this layout's eval directory (see internal/evalfile).
func openEvalFile(layout paths.Layout, path string) (*evalfile.File, error) {
	return evalfile.Open(layout.EvalDir(), path)
}

// deliver hands the script, and the summary the shell prints once it has
// applied it, to the hook: in one write, the file then removed. fish's
// hook reads the file by name and removes it itself.
func deliver(eval *evalfile.File, sh, script string, summary ...string) error {
	kind, err := shell.ParseKind(sh)
	if err != nil {
		return err
	}
	if len(summary) > 0 {
		script = shell.WithSummary(kind, script, summary[0])
	}
	if kind == shell.Fish {
		return eval.Write(script)
	}
	return eval.Deliver(script)
}

// cleanEvalFiles ends every run: the hook's file of this run goes, unless
// fish's hook still has to read it, and files that killed runs left behind
// go too (see evalfile.Sweep).
func cleanEvalFiles(d *Deps) {
	layout, err := paths.Resolve(d.Getenv)
	if err != nil {
		return
	}
	if path := d.Getenv(shell.VarEvalFile); path != "" && d.Getenv(shell.VarShell) != "fish" {
		evalfile.Remove(layout.EvalDir(), path)
	}
	evalfile.Sweep(layout.EvalDir(), time.Now(), d.Getenv(shell.VarEvalFile))
}

func envCmd(d *Deps) *cobra.Command {
	var sh string
	var off, reveal bool
	cmd := &cobra.Command{
		Use:               "env NAME [--shell bash|zsh|fish|json] | env --off",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Print the script that moves this shell to a client, for eval",
		Long: "Prints the script that moves the calling shell to NAME (or, with --off, out of its\n" +
			"client), read from the calling shell's own environment. Use it without the hook:\n" +
			"eval \"$(stint env acme)\". --shell json prints {client, previous, set, unset} for tools.\n" +
			"It counts as a switch: the access log records it and auto-track moves the timer.\n" +
			"Printed to a terminal, where nothing evaluates it, it is a preview instead: a table of\n" +
			"what the switch would change in this shell, secret values masked, nothing written and\n" +
			"the timer left alone (--reveal prints the script, values and all).",
		Example: "  eval \"$(stint env acme)\"\n" +
			"  eval \"$(stint env --off)\"\n" +
			"  stint env acme --shell fish | source\n" +
			"  stint env acme --shell json",
		Args: maxArgs(1, "stint env NAME [--shell bash|zsh|fish|json] | stint env --off"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client := ""
			switch {
			case off && len(args) == 0:
			case !off && len(args) == 1:
				if err := namedClient(args[0], "env"); err != nil {
					return err
				}
				client = args[0]
			default:
				return usageErr("usage: stint env NAME [--shell bash|zsh|fish|json] | stint env --off")
			}
			if sh == "" {
				sh = workbench.DetectShell(d.Getenv)
			}
			if _, err := shell.ParseKind(sh); err != nil && sh != workbench.ShellJSON {
				return badinput.Errorf("unknown shell %q: use --shell bash, zsh, fish or json", sh)
			}
			// On a terminal nobody is eval'ing: show what a switch would
			// change, as a table, without putting secrets on screen (screen
			// shares, scrollback), moving the timer or writing anything.
			preview := !reveal && d.IO.IsStdoutTTY()
			if !preview {
				d.warmSecrets(client)
			}
			wb, err := d.Workbench(cmd.Context())
			if err != nil {
				return err
			}
			if preview && sh != workbench.ShellJSON {
				p, err := wb.PreviewChange(cmd.Context(), client, d.Environ())
				if err != nil {
					return badinput.Failed(err)
				}
				return printChangePreview(d.IO.Out, p, d.Getenv("HOME"))
			}
			// Delivered on stdout, for the eval around this command; the
			// switch is recorded once it is written.
			toStdout := func(script, _ string) error {
				if _, err := fmt.Fprint(d.IO.Out, script); err != nil {
					return fmt.Errorf("cannot print the script on stdout: %w; nothing was changed", err)
				}
				return nil
			}
			res, err := wb.Switch(cmd.Context(), workbench.SwitchRequest{
				Client: client, Shell: sh, Environ: d.Environ(), Action: workbench.ActionEnv, Preview: preview, MFA: d.mfaPrompt(),
			}, toStdout)
			if err != nil {
				return badinput.Failed(err) // exit 1, see above
			}
			if !preview {
				checkIdentityAfter(d, wb, res)
			}
			// stderr only: the script on stdout stays valid for eval.
			warn(d, res.Warnings())
			if preview && res.AWS != nil && res.AWS.Expires.IsZero() {
				fmt.Fprintf(d.IO.ErrOut, "stint: preview: %s's temporary AWS credentials are not cached; a switch makes them (a preview calls no AWS service)\n", res.Client)
			}
			if preview && client != "" {
				fmt.Fprintf(d.IO.ErrOut, "stint: preview: secrets masked, timer untouched — apply it with `eval \"$(stint env %s)\"`, or print the values with --reveal\n", client)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&sh, "shell", "", "bash, zsh, fish or json (default: the hook's shell, else $SHELL's, else bash)")
	completeFlag(cmd, "shell", fixed(append(shells, "json")...))
	cmd.Flags().BoolVar(&off, "off", false, "print the script that leaves the current client")
	cmd.Flags().BoolVar(&reveal, "reveal", false, "print secret values even when stdout is a terminal")
	return cmd
}

func currentCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "current [--json]",
		Short: "The client of this shell, read from its environment (no database)",
		Args:  exactArgs(0, "stint current [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cur := workbench.Current{
				Client:   d.Getenv(shell.VarClient),
				Session:  d.Getenv(shell.VarSession),
				Previous: d.Getenv(shell.VarPrevious),
				// The hook's function is what passes an eval file: this
				// is exact, unlike STINT_SESSION, which `stint env` sets too.
				Hooked: d.Getenv(shell.VarEvalFile) != "",
			}
			if asJSON {
				return d.IO.printJSON(cur)
			}
			if cur.Client == "" {
				fmt.Fprintln(d.IO.ErrOut, "this shell is in no client")
				return nil
			}
			_, err := fmt.Fprintln(d.IO.Out, cur.Client)
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
