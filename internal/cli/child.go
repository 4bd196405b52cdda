package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/workbench"
)

// `stint exec` and `stint shell`: a command, or a shell, in a client's
// environment, as a child of this process (see shell.go for the commands
// that move the calling shell).

func execCmd(d *Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:               "exec NAME -- CMD [ARG...]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Run one command in a client's environment",
		Long: "Runs CMD in the current directory with the environment a shell switched to NAME would\n" +
			"have, with a kubeconfig of its own. Secrets reach it only through its environment, never\n" +
			"its arguments.\n" +
			"Its exit status is stint's; a command killed by signal N makes stint exit 128+N.",
		Example: "  stint exec acme -- terraform plan\n" +
			"  stint exec acme -- kubectl get pods -A",
		Args: minArgs(2, "stint exec NAME -- CMD [ARG...]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			argv := args[1:]
			// Flag parsing stopped at NAME, so a "--" after it is still here.
			if argv[0] == "--" {
				argv = argv[1:]
			}
			if len(argv) == 0 {
				return usageErr("usage: stint exec NAME -- CMD [ARG...]")
			}
			return runChild(cmd, d, args[0], argv, workbench.ActionExec)
		},
	}
	// Everything after NAME belongs to CMD, with or without "--".
	cmd.Flags().SetInterspersed(false)
	return cmd
}

func subshellCmd(d *Deps) *cobra.Command {
	return &cobra.Command{
		Use:               "shell NAME",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Start a subshell ($SHELL) in a client's environment and workdir; exit it to leave",
		Args:              exactArgs(1, "stint shell NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			sh := d.Getenv("SHELL")
			if sh == "" {
				sh = "/bin/sh"
			}
			return runChild(cmd, d, args[0], []string{sh}, workbench.ActionShell)
		},
	}
}

// runChild runs argv in client's environment with the terminal attached and
// passes its exit status through.
func runChild(cmd *cobra.Command, d *Deps, client string, argv []string, action string) error {
	if err := namedClient(client, action); err != nil {
		return err
	}
	d.warmSecrets(client)
	wb, err := d.Workbench(cmd.Context())
	if err != nil {
		return err
	}
	// Only the command's name is logged: arguments may hold secrets.
	child, err := wb.PrepareChild(cmd.Context(), workbench.ChildRequest{
		Client: client, Environ: d.Environ(), Action: action, Detail: filepath.Base(argv[0]), ArgvBytes: argvBytes(argv), MFA: d.mfaPrompt(),
	})
	if err != nil {
		return badinput.Failed(err) // exit 1, see above
	}
	defer child.Close()
	warnMissingSecrets(d, child.Client, child.MissingSecrets)

	path, err := lookPathIn(argv[0], workbench.EnvironMap(child.Env)["PATH"])
	if err != nil {
		fmt.Fprintf(d.IO.ErrOut, "stint: %s: %v\n", argv[0], err)
		return &exitError{code: 127}
	}
	if action == workbench.ActionShell {
		note := "→ subshell in " + child.Client
		if child.Production {
			note = "⚠ PRODUCTION ⚠ " + note
		}
		fmt.Fprintln(d.IO.ErrOut, note+"; `exit` to leave")
	}
	c := exec.Command(path, argv[1:]...)
	c.Args[0] = argv[0]
	c.Env = child.Env
	if action == workbench.ActionShell {
		// Only a subshell starts in the client's workdir. exec runs where
		// the caller is: `stint exec acme -- terraform plan` from a module's
		// directory must plan that module, not the workdir.
		c.Dir = child.Dir
	}
	c.Stdin, c.Stdout, c.Stderr = d.IO.In, d.IO.Out, d.IO.ErrOut
	code, err := runForwardingSignals(c, d.IO.IsStdinTTY())
	if err != nil {
		return fmt.Errorf("cannot run %s: %w", argv[0], err)
	}
	if code != 0 {
		return &exitError{code: code}
	}
	return nil
}

// argvBytes is what argv takes when a program starts: each argument and
// its NUL, plus a pointer to it.
func argvBytes(argv []string) int {
	n := 0
	for _, a := range argv {
		n += len(a) + 1 + 8
	}
	return n
}

// runForwardingSignals runs c and returns its exit status: its exit code,
// or 128+N when signal N killed it, as shells report it. SIGTERM and SIGHUP
// sent to stint are passed on to the child. SIGINT and SIGQUIT are passed on
// only when stdin is not a terminal: from a terminal, Ctrl-C already reaches
// the child (it is in the same foreground process group), and a second copy
// would make tools like terraform abort instead of stopping gracefully.
func runForwardingSignals(c *exec.Cmd, fromTTY bool) (int, error) {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT, syscall.SIGQUIT)
	defer signal.Stop(sigs)
	if err := c.Start(); err != nil {
		return 0, err
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				if fromTTY && (s == syscall.SIGINT || s == syscall.SIGQUIT) {
					continue
				}
				_ = c.Process.Signal(s)
			case <-done:
				return
			}
		}
	}()
	err := c.Wait()
	close(done)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return 0, err
	}
	if ws, ok := c.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal()), nil
	}
	return c.ProcessState.ExitCode(), nil
}

// lookPathIn finds name the way the child's shell would, on the child's
// PATH (a client may set its own), not on stint's.
func lookPathIn(name, pathList string) (string, error) {
	if strings.ContainsRune(name, filepath.Separator) {
		return exec.LookPath(name)
	}
	for _, dir := range filepath.SplitList(pathList) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err == nil && !info.IsDir() && info.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", errors.New("command not found on the PATH of the client's environment")
}
