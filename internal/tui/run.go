package tui

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"golang.org/x/term"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// Run shows the workbench until the user quits or picks a client. After a
// pick the switch script is in opts.EvalFile for the hook to source, and a
// one-line summary is printed to opts.Output.
func Run(ctx context.Context, b Backend, opts Options) error {
	m := New(ctx, b, opts)
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
	if m.sh.opts.NoColor {
		popts = append(popts, tea.WithColorProfile(colorprofile.ASCII))
	}
	final, err := tea.NewProgram(m, popts...).Run()
	if err != nil {
		return fmt.Errorf("the TUI stopped: %w", err)
	}
	// The summary went with a script, printed by the shell once it has
	// applied it; a switch that changed nothing says so here.
	if fm, ok := final.(*Model); ok && fm.Result() != nil && fm.Result().Script == "" {
		fmt.Fprintln(out, switchSummary(*fm.Result(), fm.picked, fm.sh.now.Location()))
	}
	return nil
}

// prodMarker leads the summary of a switch to a production client, as it
// leads the CLI's.
const prodMarker = "⚠ PRODUCTION ⚠ "

// switchSummary is the line printed after a pick, when the TUI is gone;
// c is the client picked, as the list showed it.
func switchSummary(r workbench.SwitchResult, c workbench.ClientInfo, loc *time.Location) string {
	head := "Switched to " + r.Client
	if c.Slug == r.Client && c.Production {
		head = prodMarker + head
	}
	parts := []string{head}
	if e := r.TimerStopped; e != nil {
		parts = append(parts, fmt.Sprintf("stopped %s after %s", e.Client, display.Compact(e.Seconds)))
	}
	if e := r.TimerStarted; e != nil {
		parts = append(parts, "timer started at "+e.Start.In(loc).Format("15:04"))
	}
	line := strings.Join(parts, " · ")
	if len(r.MissingSecrets) > 0 {
		line += fmt.Sprintf("\nwarning: %s has no value in this keyring for %s — set it with `stint secret set %s NAME`",
			r.Client, strings.Join(r.MissingSecrets, ", "), r.Client)
	}
	return line
}
