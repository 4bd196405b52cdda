package tui

import (
	"context"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"golang.org/x/term"
)

// Run shows the workbench until the user quits or picks a client. After a
// pick the switch script is in opts.EvalFile for the hook to source, and a
// one-line summary is printed to opts.Output.
func Run(ctx context.Context, b Backend, opts Options) error {
	return run(ctx, New(ctx, b, opts), opts)
}

// RunOpening is Run with a backend that open makes once the program has
// started, so that the first frame does not wait for it (opening.go). An
// error from open is returned as it is, once the program has quit;
// RunOpening returns only after an open that began has ended.
func RunOpening(ctx context.Context, open func() (Backend, error), opts Options) error {
	op := newOpener(open)
	m := New(ctx, nil, opts)
	m.opening.waiting, m.opening.open = true, op.cmd
	err := run(ctx, m, opts)
	if msg, ran := op.stop(); ran && msg.err != nil {
		return msg.err // also when the program quit before it came
	}
	return err
}

// upgradeForTmux asks tmux, off the first frame's path, whether it passes
// true colour, and redraws in it if so: the hook hides TMUX from Lip
// Gloss's detection at start (shell.RestoreTmux), which would otherwise
// run `tmux info` before main. The first frame is drawn with what the
// environment and terminfo say; the profile ends as Detect's would.
func upgradeForTmux(prog *tea.Program, have colorprofile.Profile, environ []string) {
	if environ == nil {
		environ = os.Environ()
	}
	if envValue(environ, "TMUX") == "" || have >= colorprofile.TrueColor {
		return
	}
	if p := colorprofile.Tmux(environ); p > have {
		prog.Send(tea.ColorProfileMsg{Profile: p})
	}
}

func run(ctx context.Context, m *Model, opts Options) error {
	out := opts.Output
	if out == nil {
		out = os.Stdout
	}
	popts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(out)}
	if opts.Input != nil {
		popts = append(popts, tea.WithInput(opts.Input))
	}
	if opts.Environ != nil {
		popts = append(popts, tea.WithEnvironment(opts.Environ))
	}
	if f, ok := out.(*os.File); !ok || !term.IsTerminal(int(f.Fd())) {
		// No terminal to ask for its size: draw at the classic 80×24.
		popts = append(popts, tea.WithWindowSize(80, 24))
	}
	if opts.Picker {
		// The renderer draws on a ticker: its first frame waits one
		// period. At 120 fps that is 8 ms instead of 17 — a third of the
		// picker's 25 ms budget back (bench/picker). The workbench, left
		// open for hours, keeps the default rate and its idle CPU.
		popts = append(popts, tea.WithFPS(120))
	}
	switch {
	case m.sh.opts.NoColor:
		popts = append(popts, tea.WithColorProfile(colorprofile.ASCII))
	case out == os.Stdout:
		// Lip Gloss detected stdout's profile when the process started;
		// detecting it again costs, inside tmux, a second `tmux info`
		// process — 5 to 15 ms of the picker's first frame
		// (docs/performance.md).
		popts = append(popts, tea.WithColorProfile(lipgloss.Writer.Profile))
	}
	prog := tea.NewProgram(m, popts...)
	if out == os.Stdout && !m.sh.opts.NoColor {
		go upgradeForTmux(prog, lipgloss.Writer.Profile, opts.Environ)
	}
	final, err := prog.Run()
	if err != nil {
		return fmt.Errorf("the TUI stopped: %w", err)
	}
	// The summary went with the script, printed by the shell once it has
	// applied it; a switch that changed nothing says so here. Warnings
	// come after, as the CLI's do.
	if fm, ok := final.(*Model); ok && fm.Result() != nil {
		res := *fm.Result()
		if res.Script == "" {
			fmt.Fprintln(out, res.Summary(fm.sh.now))
		}
		for _, w := range res.Warnings() {
			fmt.Fprintln(out, w)
		}
		if opts.AfterSwitch != nil {
			opts.AfterSwitch(res)
		}
	}
	return nil
}
