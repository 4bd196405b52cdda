package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/workbench"
)

// idleCmd is `stint idle [keep|drop|split]`, and the hook's report of a
// shell back at its prompt after a pause (--gap, hidden): a new idle
// stretch is asked about once, on the terminal; unanswered, it stays
// flagged in `stint status` until decided.
func idleCmd(d *Deps) *cobra.Command {
	var gap int64
	var asJSON bool
	cmd := &cobra.Command{
		Use:       "idle [keep|drop|split]",
		Short:     "Decide on a running timer's idle stretch: keep it, drop it, or split it off non-billable",
		ValidArgs: []string{"keep", "drop", "split"},
		Long: "A running timer's stretch with no activity in any shell of its client for longer than\n" +
			"idle_after (default 20m) is flagged when you come back. Without an argument, shows it.\n" +
			"keep leaves the entry as it is; drop ends the entry where the stretch starts and continues\n" +
			"it where the stretch ends; split does the same and adds the stretch as a non-billable\n" +
			"entry noted \"idle\". Nothing changes an entry until you decide.",
		Example: "  stint idle\n  stint idle drop",
		Args:    maxArgs(1, "stint idle [keep|drop|split] [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("gap") {
				return noteIdle(d, t, time.Duration(gap)*time.Second)
			}
			if len(args) == 1 {
				g, err := t.wb.DecideIdle(t.ctx, strings.ToLower(args[0]))
				if err != nil {
					return err
				}
				fmt.Fprintln(d.IO.Out, decidedText(t, *g, strings.ToLower(args[0])))
				return nil
			}
			g, err := t.wb.PendingIdle(t.ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(g)
			}
			if g == nil {
				fmt.Fprintln(d.IO.Out, "No idle time to decide on.")
				return nil
			}
			fmt.Fprintln(d.IO.Out, idleText(t, *g))
			return nil
		},
	}
	cmd.Flags().Int64Var(&gap, "gap", 0, "seconds this shell sat at its prompt (the hook's report)")
	_ = cmd.Flags().MarkHidden("gap")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the pending idle stretch as JSON (null: none)")
	return cmd
}

// noteIdle records a new idle stretch and asks about it once, when there
// is a terminal to ask on; any other answer leaves it flagged.
func noteIdle(d *Deps, t *timeCtx, gap time.Duration) error {
	g, err := t.wb.NoteIdle(t.ctx, d.Getenv(shell.VarClient), d.Getenv(shell.VarSession), gap)
	if err != nil || g == nil {
		return err
	}
	fmt.Fprintln(d.IO.ErrOut, idleText(t, *g))
	if !d.IO.IsStdinTTY() {
		return nil
	}
	fmt.Fprint(d.IO.ErrOut, "Keep it, drop it or split it off? [k/d/s, Enter: later] ")
	line := readAnswer(d.IO.In)
	fmt.Fprintln(d.IO.ErrOut)
	decision := map[string]string{"k": "keep", "keep": "keep", "d": "drop", "drop": "drop", "s": "split", "split": "split"}[strings.ToLower(strings.TrimSpace(line))]
	if decision == "" {
		fmt.Fprintln(d.IO.ErrOut, "Left as it is; `stint idle keep|drop|split` decides later.")
		return nil
	}
	if _, err := t.wb.DecideIdle(t.ctx, decision); err != nil {
		return err
	}
	fmt.Fprintln(d.IO.ErrOut, decidedText(t, *g, decision))
	return nil
}

// readAnswer reads one line, ended by a newline or a carriage return: fish
// runs the hook before it hands the terminal back in canonical mode, so
// Enter arrives as a carriage return.
func readAnswer(in io.Reader) string {
	r := bufio.NewReader(in)
	var b strings.Builder
	for b.Len() < 64 {
		c, err := r.ReadByte()
		if err != nil || c == '\n' || c == '\r' {
			break
		}
		b.WriteByte(c)
	}
	return b.String()
}

func idleText(t *timeCtx, g workbench.IdleGap) string {
	return fmt.Sprintf("Idle: the %s timer (entry %d) ran %s with no activity in any %s shell, %s–%s: `stint idle keep`, `stint idle drop` or `stint idle split`.",
		g.Client, g.EntryID, display.Compact(g.Seconds), g.Client,
		t.clock(g.From, g.Client, "15:04"), t.clock(g.To, g.Client, "15:04"))
}

func decidedText(t *timeCtx, g workbench.IdleGap, decision string) string {
	span := t.clock(g.From, g.Client, "15:04") + "–" + t.clock(g.To, g.Client, "15:04")
	switch decision {
	case "keep":
		return fmt.Sprintf("Kept %s of idle time (%s) in entry %d.", display.Compact(g.Seconds), span, g.EntryID)
	case "drop":
		return fmt.Sprintf("Dropped %s of idle time (%s): entry %d ends where it started, and %s's timer goes on from its end.", display.Compact(g.Seconds), span, g.EntryID, g.Client)
	}
	return fmt.Sprintf("Split %s of idle time (%s) off entry %d as a non-billable entry; %s's timer goes on from its end.", display.Compact(g.Seconds), span, g.EntryID, g.Client)
}
