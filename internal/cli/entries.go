// Time entries: log, add, edit and rm.

package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

func logCmd(d *Deps) *cobra.Command {
	var from, to, client string
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "log [--from T] [--to T] [--client NAME] [--json]",
		Short:   "List time entries (this week unless --from/--to)",
		Example: "  stint log\n  stint log --from 2024-05-01 --to 2024-06-01 --client acme",
		Args:    exactArgs(0, "stint log [--from T] [--to T] [--client NAME] [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			f, tt, err := t.wb.ResolveRange(t.ctx, workbench.RangeRequest{Client: client, From: from, To: to,
				Default: workbench.PeriodWeek})
			if err != nil {
				return err
			}
			es, err := t.wb.Entries(t.ctx, f, tt, client)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(es)
			}
			return printLog(d.IO.Out, t, es)
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "first instant (default: start of this week)")
	cmd.Flags().StringVar(&to, "to", "", "end of the range, exclusive (default: now)")
	cmd.Flags().StringVar(&client, "client", "", "only this client's entries")
	completeFlag(cmd, "client", d.completeClient)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// printLog lists entries oldest first. Each row is in its client's zone;
// when some row's zone reads differently from the local one, a ZONE column
// names every row's zone, so rows of different zones do not look out of
// order.
func printLog(w io.Writer, t *timeCtx, es []workbench.Entry) error {
	if len(es) == 0 {
		_, err := fmt.Fprintln(w, "No time entries in this range.")
		return err
	}
	showZones, clientHead := false, "CLIENT"
	for _, e := range es {
		if e.Project != "" {
			clientHead = "CLIENT/PROJECT"
		}
		if t.zoneOf(e.Start, e.Client) != "" || (e.End != nil && t.zoneOf(*e.End, e.Client) != "") {
			showZones = true
		}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	zoneHead, totalAt := "", "\t\t\t\t" // Total sits under END, or under ZONE
	if showZones {
		zoneHead, totalAt = "\tZONE", "\t\t\t\t\t"
	}
	fmt.Fprintf(tw, "ID\t%s\tDATE\tSTART\tEND%s\tTIME\tTAGS\tNOTE\n", clientHead, zoneHead)
	var total display.Total // the sum of the rows as printed
	for _, e := range es {
		loc := t.zone(e.Client)
		zone := display.Zone(e.Start, loc, nil) // every row's, once any needs one
		end := "running"
		if e.End != nil {
			end = e.End.In(loc).Format("15:04")
			if endZone := display.Zone(*e.End, loc, nil); showZones && endZone != zone {
				end += " " + endZone // the entry crosses a daylight-saving change
			}
		}
		zoneCell := ""
		if showZones {
			zoneCell = "\t" + zone
		}
		tags := display.Safe(strings.Join(e.Tags, " "))
		if !e.Billable {
			tags = strings.TrimSpace(tags + " (non-billable)")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s%s\t%s\t%s\t%s\n", e.ID, clientAndProject(e), e.Start.In(loc).Format("2006-01-02"),
			e.Start.In(loc).Format("15:04"), end, zoneCell, display.HM(e.Seconds), tags, display.Safe(display.OneLine(e.Note)))
		total.Add(e.Seconds)
	}
	fmt.Fprintf(tw, "%sTotal\t%s\t\t\n", totalAt, total.HM())
	return tw.Flush()
}

func addCmd(d *Deps) *cobra.Command {
	var from, to, note, project string
	var tags []string
	var nonBillable, asJSON bool
	cmd := &cobra.Command{
		Use:               "add NAME --from T --to T [-m NOTE] [--tag TAG]... [--non-billable] [--project PROJECT]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Add a finished entry by hand",
		Example: "  stint add acme --from \"2024-05-02 09:00\" --to \"2024-05-02 12:30\" -m \"design review\" --tag review\n" +
			"  stint add globex --from 14:00 --to 15:00 --non-billable\n" +
			"  stint add acme --from 9:00 --to 11:00 --project web",
		Args: exactArgs(1, "stint add NAME --from T --to T [-m NOTE] [--tag TAG]... [--non-billable]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			if _, err := t.wb.Zone(t.ctx, args[0]); err != nil {
				return err
			}
			f, err := t.parse("from", from, args[0])
			if err != nil {
				return err
			}
			tt, err := t.parse("to", to, args[0])
			if err != nil {
				return err
			}
			e, err := t.wb.AddEntry(t.ctx, workbench.NewEntry{Client: args[0], From: f, To: tt, Note: note,
				Tags: tags, NonBillable: nonBillable, Project: project})
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(e)
			}
			fmt.Fprintf(d.IO.Out, "Added entry %d: %s.\n", e.ID, t.describe(e))
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "start (required)")
	cmd.Flags().StringVar(&to, "to", "", "end (required)")
	cmd.Flags().StringVarP(&note, "message", "m", "", "note")
	cmd.Flags().StringArrayVar(&tags, "tag", nil, "tag (repeatable; spaces become -)")
	cmd.Flags().BoolVar(&nonBillable, "non-billable", false, "time that is not billed")
	cmd.Flags().StringVar(&project, "project", "", "the entry's `PROJECT`, one of the client's (see stint project list)")
	completeFlag(cmd, "project", d.completeProject)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the entry as JSON")
	_ = cmd.MarkFlagRequired("from")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, badinput.Errorf("entry ID %q is not a number: see `stint log` for entry IDs", s)
	}
	return id, nil
}

func editCmd(d *Deps) *cobra.Command {
	var from, to, note, client, project string
	var tags []string
	var billable, nonBillable, asJSON bool
	cmd := &cobra.Command{
		Use:               "edit ID [--from T] [--to T] [-m NOTE] [--client NAME] [--project PROJECT] [--tag TAG]... [--billable|--non-billable]",
		ValidArgsFunction: completeArgs(d.completeEntryID),
		Short:             "Change an entry (its previous version is kept)",
		Example:           "  stint edit 42 --to 17:45\n  stint edit 42 --client globex -m \"was globex after all\"\n  stint edit 42 --project web\n  stint edit 42 --project ''",
		Args:              exactArgs(1, "stint edit ID [--from T] [--to T] [-m NOTE] [--client NAME]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, id, err := openTimeOn(cmd, d, args[0])
			if err != nil {
				return err
			}
			old, err := t.wb.Entry(t.ctx, id)
			if err != nil {
				return err
			}
			var ch workbench.EntryChange
			fs := cmd.Flags()
			zoneClient := old.Client
			if fs.Changed("client") {
				if _, err := t.wb.Zone(t.ctx, client); err != nil {
					return err
				}
				ch.Client, zoneClient = &client, client
			}
			for _, f := range []struct {
				name, value string
				dst         **time.Time
			}{{"from", from, &ch.From}, {"to", to, &ch.To}} {
				if !fs.Changed(f.name) {
					continue
				}
				v, err := t.parse(f.name, f.value, zoneClient)
				if err != nil {
					return err
				}
				if v.IsZero() {
					return badinput.Errorf("--%s is empty: give a time", f.name)
				}
				*f.dst = &v
			}
			ch.Note = changed(fs, "message", &note)
			if fs.Changed("tag") {
				ch.Tags = &tags
			}
			if billable || nonBillable {
				ch.Billable = &billable
			}
			ch.Project = changed(fs, "project", &project)
			e, err := t.wb.EditEntry(t.ctx, id, ch)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(e)
			}
			fmt.Fprintf(d.IO.Out, "Updated entry %d: %s.\n", e.ID, t.describe(e))
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "new start")
	cmd.Flags().StringVar(&to, "to", "", "new end (stops a running entry)")
	cmd.Flags().StringVarP(&note, "message", "m", "", "new note")
	cmd.Flags().StringVar(&client, "client", "", "move the entry to another client")
	completeFlag(cmd, "client", d.completeClient)
	cmd.Flags().StringArrayVar(&tags, "tag", nil, "replace the tags (repeatable)")
	cmd.Flags().BoolVar(&billable, "billable", false, "mark as billable")
	cmd.Flags().BoolVar(&nonBillable, "non-billable", false, "mark as not billable")
	cmd.Flags().StringVar(&project, "project", "", "move the entry to one of its client's projects, `PROJECT` ('' for none)")
	completeFlag(cmd, "project", d.completeProject)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the entry as JSON")
	cmd.MarkFlagsMutuallyExclusive("billable", "non-billable")
	return cmd
}

func rmCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "rm ID",
		ValidArgsFunction: completeArgs(d.completeEntryID),
		Short:             "Remove an entry (its last version is kept in the history)",
		Args:              exactArgs(1, "stint rm ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, id, err := openTimeOn(cmd, d, args[0])
			if err != nil {
				return err
			}
			e, err := t.wb.RemoveEntry(t.ctx, id)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(e)
			}
			fmt.Fprintf(d.IO.Out, "Removed entry %d: %s.\n", e.ID, t.describe(e))
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the removed entry as JSON")
	return cmd
}
