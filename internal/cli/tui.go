package cli

import (
	"context"
	"os"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/tui"
	"github.com/stint-sh/stint/internal/workbench"
)

type pickerKey struct{}

// asPicker asks runTUI for the picker (filter focused), as the hotkey's
// STINT_PICKER=1 does: `stint switch` without a name.
func asPicker(ctx context.Context) context.Context { return context.WithValue(ctx, pickerKey{}, true) }

func pickerAsked(ctx context.Context) bool { return ctx.Value(pickerKey{}) != nil }

// runTUI starts the workbench TUI on the process's terminal. The hook's
// variables say where a switch script goes (STINT_EVAL_FILE), for which
// shell, and whether the hotkey opened it (STINT_PICKER=1: filter focused).
func runTUI(ctx context.Context, d *Deps) error {
	if !d.IO.IsStdinTTY() {
		return badinput.Errorf("the TUI needs a terminal: run `stint` in one, or see `stint --help` for commands")
	}
	// With the hook, open its file before anything can change: a switch
	// whose script cannot be delivered must change nothing. The picker
	// hands the script over exactly as `stint switch` does.
	var deliverTo func(script, summary string) error
	if path := d.Getenv(shell.VarEvalFile); path != "" {
		layout, err := paths.Resolve(d.Getenv)
		if err != nil {
			return err
		}
		eval, err := openEvalFile(layout, path)
		if err != nil {
			return err
		}
		defer eval.Discard()
		sh := d.Getenv(shell.VarShell)
		deliverTo = func(script, summary string) error { return deliver(eval, sh, script, summary) }
	}
	// The database opens beside the TUI's start: the picker's first frame
	// does not wait for it (docs/performance.md).
	var wb *workbench.Workbench
	open := func() (tui.Backend, error) {
		var err error
		wb, err = d.Workbench(ctx)
		if err != nil {
			return nil, err
		}
		return wb, nil
	}
	return tui.RunOpening(ctx, open, tui.Options{
		AfterSwitch:   func(res workbench.SwitchResult) { checkIdentityAfter(d, wb, res) },
		Environ:       d.Environ(),
		Deliver:       deliverTo,
		EvalFile:      d.Getenv("STINT_EVAL_FILE"),
		Shell:         d.Getenv("STINT_SHELL"),
		Picker:        d.Getenv("STINT_PICKER") == "1" || pickerAsked(ctx),
		CurrentClient: d.Getenv("STINT_CLIENT"),
		Now:           time.Now,
		NoColor:       !d.IO.ColorEnabled(),
		Input:         os.Stdin,
		Output:        os.Stdout,
	})
}
