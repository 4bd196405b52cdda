package cli

import (
	"fmt"

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
			for _, v := range versions {
				fmt.Fprintf(d.IO.Out, "until %s  %s\n", v.ReplacedAt.In(t.local).Format("2006-01-02 15:04"), line(v.Entry))
			}
			if current != nil {
				fmt.Fprintf(d.IO.Out, "now                     %s\n", line(*current))
			} else {
				fmt.Fprintln(d.IO.Out, "now                     (removed)")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
