// The verbs that take a slip back: continue, cancel and undo.

package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

func continueCmd(d *Deps) *cobra.Command {
	var at string
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "continue [NAME] [--at TIME] [--json]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Start a new entry like the last one: its client, note and tags",
		Long: "Starts a new entry with the client, note, tags and billable flag of the entry that started\n" +
			"last (of NAME, when given), stopping the running timer as `stint start` does.",
		Example: "  stint continue          # the last entry's client, note and tags\n" +
			"  stint continue acme     # acme's last entry\n" +
			"  stint continue --at 13:30",
		Args: maxArgs(1, "stint continue [NAME] [--at TIME] [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			slug := ""
			if len(args) == 1 {
				slug = args[0]
			}
			zoneOf := slug // --at is read in the zone of the client continued
			if zoneOf == "" {
				last, err := t.wb.LastEntry(t.ctx, "")
				if err != nil {
					return err
				}
				if last != nil {
					zoneOf = last.Client
				}
			}
			when, err := t.parse("at", at, zoneOf)
			if err != nil {
				return err
			}
			started, stopped, from, err := t.wb.Continue(t.ctx, slug, when)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(map[string]any{"started": started, "stopped": stopped, "continued": from})
			}
			t.printStopped(d.IO.Out, stopped)
			fmt.Fprintf(d.IO.Out, "Continued entry %d: started %s at %s (entry %d)%s.\n", from.ID, clientAndProject(started),
				t.clock(started.Start, started.Client, "15:04"), started.ID, noteAndTags(started))
			return nil
		},
	}
	cmd.Flags().StringVar(&at, "at", "", "start time: 14:30, \"yesterday 14:00\", -15m, \"2h ago\"… (default now)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the started, stopped and continued entries as JSON")
	return cmd
}

// noteAndTags is " — note [tag tag]", or "" for an entry with neither.
func noteAndTags(e workbench.Entry) string {
	s := ""
	if e.Note != "" {
		s += " — " + display.OneLine(e.Note)
	}
	if len(e.Tags) > 0 {
		s += " [" + strings.Join(e.Tags, " ") + "]"
	}
	return s
}

func cancelCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "cancel [--json]",
		Short: "Discard the running timer (kept in the history; `stint undo` brings it back)",
		Args:  exactArgs(0, "stint cancel [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			e, err := t.wb.Cancel(t.ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(e)
			}
			fmt.Fprintf(d.IO.Out, "Cancelled entry %d: %s bills nothing (`stint history %d` keeps it; `stint undo` brings it back).\n",
				e.ID, t.describe(e), e.ID)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the cancelled entry as JSON")
	return cmd
}

func undoCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "undo [--json]",
		Short: "Revert the last time change: a start, stop, switch, cancel, discard, continue, add, edit or rm",
		Long: "Puts every time entry the last change touched back as it was. Run it again to revert the\n" +
			"change before. It refuses (changing nothing) when an entry has changed since in a way it\n" +
			"cannot see, such as an import, or when an entry put back would overlap another.",
		Args: exactArgs(0, "stint undo [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			u, err := t.wb.Undo(t.ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(u)
			}
			printUndone(d.IO.Out, t, u)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print what was reverted as JSON")
	return cmd
}

func printUndone(w io.Writer, t *timeCtx, u workbench.Undone) {
	fmt.Fprintf(w, "Undid the last time change (%s at %s):\n", u.Kind, t.clock(u.At, "", "2006-01-02 15:04"))
	for _, e := range u.Entries {
		switch {
		case e.Was == nil:
			fmt.Fprintf(w, "  entry %d is back: %s\n", e.ID, t.describe(*e.Now))
		case e.Now == nil:
			fmt.Fprintf(w, "  entry %d removed: %s\n", e.ID, t.describe(*e.Was))
		default:
			fmt.Fprintf(w, "  entry %d is again %s\n", e.ID, t.describe(*e.Now))
		}
	}
}
