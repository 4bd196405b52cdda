package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

func historyCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "history ID",
		ValidArgsFunction: completeArgs(d.completeEntryID),
		Short:             "Show every earlier version of a time entry (edits, stops, removal)",
		Args:              exactArgs(1, "stint history ID [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, id, err := openTimeOn(cmd, d, args[0])
			if err != nil {
				return err
			}
			current, versions, err := t.wb.EntryHistory(t.ctx, id)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(struct {
					Current  *workbench.Entry         `json:"current"`
					Versions []workbench.EntryVersion `json:"versions"`
				}{current, versions})
			}
			line := func(e workbench.Entry) string {
				s := t.describe(e)
				if e.Note != "" {
					s += " — " + display.Safe(display.OneLine(e.Note))
				}
				if !e.Billable {
					s += " (non-billable)"
				}
				return s
			}
			// When a version was replaced is this machine's time, and says
			// so: the entries beside it read in their client's zone.
			tw := tabwriter.NewWriter(d.IO.Out, 0, 4, 2, ' ', 0)
			for _, v := range versions {
				fmt.Fprintf(tw, "until %s\t%s\n", display.Time(v.ReplacedAt, t.local, nil), line(v.Entry))
			}
			if current != nil {
				fmt.Fprintf(tw, "now\t%s\n", line(*current))
			} else {
				fmt.Fprintln(tw, "now\t(removed)")
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
