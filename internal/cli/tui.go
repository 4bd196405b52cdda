package cli

import (
	"context"
	"os"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/tui"
)

// runTUI starts the workbench TUI on the process's terminal. The hook's
// variables say where a switch script goes (STINT_EVAL_FILE), for which
// shell, and whether the hotkey opened it (STINT_PICKER=1: filter focused).
func runTUI(ctx context.Context, d *Deps) error {
	if !d.IO.IsStdinTTY() {
		return badinput.Errorf("the TUI needs a terminal: run `stint` in one, or see `stint --help` for commands")
	}
	wb, err := d.Workbench(ctx)
	if err != nil {
		return err
	}
	return tui.Run(ctx, wb, tui.Options{
		Environ:       d.Environ(),
		EvalFile:      d.Getenv("STINT_EVAL_FILE"),
		Shell:         d.Getenv("STINT_SHELL"),
		Picker:        d.Getenv("STINT_PICKER") == "1",
		CurrentClient: d.Getenv("STINT_CLIENT"),
		Now:           time.Now,
		NoColor:       !d.IO.ColorEnabled(),
		Input:         os.Stdin,
		Output:        os.Stdout,
	})
}
