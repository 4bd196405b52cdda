// Reports and exports, and the range flags they share.

package cli

import (
	"errors"
	"fmt"
	"github.com/stint-sh/stint/internal/timesheet/annex"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/stint-sh/stint/internal/atomicfile"
	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/workbench"
)

// optionalValue is what --week and --month hold when given without a value:
// the current week or month (so --week=this says the same).
const optionalValue = "this"

// rangeFlags are the range flags of report and export: --from/--to, --week
// [DATE] or --month [YYYY-MM].
type rangeFlags struct{ from, to, week, month string }

func (r *rangeFlags) bind(fs *pflag.FlagSet, fromHelp, toHelp string) {
	fs.StringVar(&r.from, "from", "", fromHelp)
	fs.StringVar(&r.to, "to", "", toHelp)
	fs.StringVar(&r.week, "week", "", "the week containing `DATE` (default this week)")
	fs.StringVar(&r.month, "month", "", "the month `YYYY-MM` (default this month)")
	fs.Lookup("week").NoOptDefVal = optionalValue
	fs.Lookup("month").NoOptDefVal = optionalValue
}

// args accepts no argument but the one pflag leaves behind for `--week
// 2024-05-02` and `--month 2024-05`: an optional flag's value stays an
// argument unless given with '='.
func (r *rangeFlags) args(usage string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		optional := r.week == optionalValue || r.month == optionalValue
		if len(args) > 1 || (len(args) == 1 && !optional) {
			return usageErr("usage: " + usage)
		}
		return nil
	}
}

// request is the range as the workbench resolves it.
func (r *rangeFlags) request(fs *pflag.FlagSet, args []string, client string, def workbench.Period) workbench.RangeRequest {
	req := workbench.RangeRequest{Client: client, From: r.from, To: r.to, Default: def}
	arg := ""
	if len(args) == 1 {
		arg = args[0]
	}
	if fs.Changed("week") {
		v := valueOrArg(r.week, arg)
		req.Week = &v
	}
	if fs.Changed("month") {
		v := valueOrArg(r.month, arg)
		req.Month = &v
	}
	return req
}

func valueOrArg(v, arg string) string {
	if v == optionalValue {
		return arg
	}
	return v
}

func reportCmd(d *Deps) *cobra.Command {
	var rf rangeFlags
	var client, by, format string
	var asJSON bool
	const usage = "stint report [--from T --to T | --week [DATE] | --month [YYYY-MM]] [--client NAME] [--by client|day|tag|entry|project] [--json | --format text|md|html]"
	cmd := &cobra.Command{
		Use:   strings.TrimPrefix(usage, "stint "),
		Short: "Hours and amounts per client, as an invoice shows them (this month by default)",
		Long: "Hours and amounts per client, as an invoice shows them (this month by default).\n" +
			"--format md or html writes the audit annex of one client's period (--client is required):\n" +
			"every entry with its date and times in the client's zone, note, tags, worked and billed\n" +
			"time and amount, the rounding rule and rate, totals, and the client's log lines.",
		Example: "  stint report --month 2024-05 --client acme\n" +
			"  stint report --week --by day\n" +
			"  stint report --from 2024-05-01 --to 2024-05-16 --by entry --json\n" +
			"  stint report --client acme --month 2024-05 --format html > acme-2024-05.html",
		Args: rf.args(usage),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := timesheet.ParseGroupBy(by); err != nil {
				return badinput.Wrap(err)
			}
			var annexFormat annex.Format
			switch format {
			case "text":
			default:
				var err error
				if annexFormat, err = annex.ParseFormat(format); err != nil {
					return badinput.Errorf("report format %q is unknown: use text, md or html", format)
				}
				switch {
				case asJSON:
					return badinput.Errorf("--json and --format %s are two outputs: give one", format)
				case cmd.Flags().Changed("by"):
					return badinput.Errorf("--format %s lists every entry: drop --by (it is for the text report)", format)
				case client == "":
					return badinput.Errorf("--format %s is the annex of one client's invoice: give --client NAME", format)
				}
			}
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			f, tt, err := t.wb.ResolveRange(t.ctx, rf.request(cmd.Flags(), args, client, workbench.PeriodMonth))
			if err != nil {
				return err
			}
			if annexFormat != "" {
				a, err := t.wb.Annex(t.ctx, workbench.AnnexRequest{From: f, To: tt, Client: client})
				if err != nil {
					return err
				}
				return annex.Write(d.IO.Out, annexFormat, a)
			}
			rep, err := t.wb.Report(t.ctx, workbench.ReportRequest{From: f, To: tt, Client: client, By: by})
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(rep)
			}
			if err := timesheet.RenderText(d.IO.Out, rep); err != nil {
				return err
			}
			// Budgets are of the current week or month, whatever the range:
			// what is left to sell is the news.
			shown, err := t.wb.Budgets(t.ctx)
			if client != "" {
				var u *workbench.BudgetUse
				u, err = t.wb.Budget(t.ctx, client)
				shown = nil
				if u != nil {
					shown = append(shown, *u)
				}
			}
			if err != nil {
				return err
			}
			if len(shown) > 0 {
				fmt.Fprintln(d.IO.Out)
				printBudgets(d.IO.Out, shown)
			}
			return nil
		},
	}
	fs := cmd.Flags()
	rf.bind(fs, "first instant", "end of the range, exclusive (default: now)")
	fs.StringVar(&client, "client", "", "only this client; days and months in its time zone")
	completeFlag(cmd, "client", d.completeClient)
	fs.StringVar(&by, "by", "client", "breakdown: client, day, tag, entry or project")
	completeFlag(cmd, "by", fixed("client", "day", "tag", "entry", "project"))
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	fs.StringVar(&format, "format", "text", "text, or md or html: the audit annex of one --client's period")
	completeFlag(cmd, "format", fixed("text", "md", "html"))
	return cmd
}

func exportCmd(d *Deps) *cobra.Command {
	var rf rangeFlags
	var format, client, out string
	var includeNonBillable bool
	var tz string
	const usage = "stint export [--format csv|json|toggl|clockify|harvest] [--from T --to T | --week [DATE] | --month [YYYY-MM]] [--client NAME] [--include-non-billable] [--tz ZONE] [-o FILE]"
	cmd := &cobra.Command{
		Use:   strings.TrimPrefix(usage, "stint "),
		Short: "Write time entries as CSV or JSON, or as a Toggl, Clockify or Harvest import file",
		Long: "Write time entries (all of them unless a range is given) as stint's own CSV or JSON, or as\n" +
			"a Toggl Track, Clockify or Harvest import file. Toggl's and Clockify's times are written in\n" +
			"the zone their importer reads them in, your profile's there: --tz ZONE, default the local zone.\n" +
			"Harvest's rows are dated on the client's day and carry the billed hours.\n" +
			"Running timers are left out of the import files. Harvest's import has no billable column,\n" +
			"so --format harvest leaves non-billable entries out unless --include-non-billable is given.\n" +
			"The person columns come from `stint config set name` and `stint config set email`.",
		Example: "  stint export --format json -o stint.json\n" +
			"  stint export --format harvest --client acme --month 2024-05 -o may.csv\n" +
			"  stint export --format toggl --week 2024-05-02",
		Args: rf.args(usage),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			f, tt, err := t.wb.ResolveRange(t.ctx, rf.request(cmd.Flags(), args, client, workbench.PeriodAll))
			if err != nil {
				return err
			}
			req := workbench.ExportRequest{Format: format, From: f, To: tt, Client: client, IncludeNonBillable: includeNonBillable, TZ: tz}
			var sum workbench.ExportSummary
			if out == "" || out == "-" {
				if sum, err = t.wb.Export(t.ctx, req, d.IO.Out); err != nil {
					return err
				}
				// stdout is the data; say only what would otherwise go
				// unnoticed (the running timer is never exportable).
				if left := leftOut(sum, false); len(left) > 0 {
					fmt.Fprintln(d.IO.ErrOut, "stint: note: "+strings.Join(left, "; "))
				}
				if sum.Written == 0 {
					fmt.Fprintln(d.IO.ErrOut, "stint: note: "+noEntries(client, f, tt)+": the export holds no entries")
				}
			} else {
				err = writeFileAtomically(out, func(w io.Writer) error {
					sum, err = t.wb.Export(t.ctx, req, w)
					return err
				})
				if err != nil {
					return err
				}
				fmt.Fprintln(d.IO.ErrOut, exportWritten(sum, out, client, f, tt))
			}
			for _, n := range exportNotes(sum) {
				fmt.Fprintln(d.IO.ErrOut, "note: "+n)
			}
			if hint := personHint(sum.Unset); hint != "" {
				fmt.Fprintln(d.IO.ErrOut, hint)
			}
			return nil
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&format, "format", "csv", "csv, json, toggl, clockify or harvest")
	completeFlag(cmd, "format", fixed("csv", "json", "toggl", "clockify", "harvest"))
	rf.bind(fs, "first instant (default: the beginning)", "end, exclusive (default: no end)")
	fs.StringVar(&client, "client", "", "only this client; days and months in its time zone")
	completeFlag(cmd, "client", d.completeClient)
	fs.BoolVar(&includeNonBillable, "include-non-billable", false, "keep non-billable entries in a Harvest export (it cannot mark them)")
	fs.StringVar(&tz, "tz", "", "write Toggl's and Clockify's times in this IANA `ZONE`, your profile's zone there (default: the local zone)")
	fs.StringVarP(&out, "output", "o", "", "write to `FILE` (mode 0600, replaced atomically) instead of stdout")
	return cmd
}

// exportNotes say what a Toggl or Clockify file assumes of the account it
// is imported into, and what it had to change.
func exportNotes(s workbench.ExportSummary) []string {
	tool := map[string]string{"toggl": "Toggl Track", "clockify": "Clockify"}[s.Format]
	if tool == "" {
		return nil
	}
	notes := []string{fmt.Sprintf("times are in %s: %s reads them in your profile's time zone, so set it to that zone before importing (or export with --tz ZONE)", s.Zone, tool)}
	if s.CommaTags > 0 {
		notes = append(notes, fmt.Sprintf("%s a tag with a comma, which %s would split in two: written with '-' instead",
			display.Count(s.CommaTags, "entry has", "entries have"), tool))
	}
	return notes
}

// exportWritten is the line `export -o FILE` confirms with, saying what the
// format left out: "Wrote 3 entries to may.csv (running timer left out)".
// An export without entries says so, and why, rather than leave a file
// that holds only a header to be found out later.
func exportWritten(s workbench.ExportSummary, path, client string, from, to time.Time) string {
	left := leftOut(s, true)
	line := fmt.Sprintf("Wrote %s to %s", display.Count(s.Written, "entry", "entries"), path)
	if s.Written == 0 {
		line = "Wrote no entries to " + path + ", only the format's header: " + noEntries(client, from, to)
	}
	if len(left) > 0 {
		line += " (" + strings.Join(left, "; ") + ")"
	}
	return line
}

// noEntries says which entries an empty export looked for: those of the
// client (or any) starting in the range, its last day inclusive.
func noEntries(client string, from, to time.Time) string {
	who := "no entries"
	if client != "" {
		who += " of " + client
	}
	switch {
	case from.IsZero() && to.IsZero():
		if client != "" {
			return who + " yet: start a timer with `stint start " + client + "`"
		}
		return who + " yet"
	case to.IsZero():
		return who + " start on or after " + from.Format("2006-01-02")
	case from.IsZero():
		return who + " start before " + to.Format("2006-01-02")
	}
	return who + " start from " + from.Format("2006-01-02") + " to " + to.Add(-time.Second).In(to.Location()).Format("2006-01-02")
}

// leftOut names what an export's format left out.
func leftOut(s workbench.ExportSummary, running bool) []string {
	var left []string
	if running && s.RunningLeftOut > 0 {
		left = append(left, "running timer left out")
	}
	if s.EmptyLeftOut > 0 {
		left = append(left, display.Count(s.EmptyLeftOut, "entry", "entries")+" of no length left out")
	}
	if s.NonBillableLeftOut > 0 {
		left = append(left, display.Count(s.NonBillableLeftOut, "non-billable entry", "non-billable entries")+
			" left out: --include-non-billable keeps them")
	}
	return left
}

// personHint says how to fill the person columns an export left empty
// because the name or email setting is unset; "" when nothing is missing.
func personHint(unset []string) string {
	var what, how []string
	for _, key := range unset {
		switch key {
		case workbench.SettingName:
			what, how = append(what, "name"), append(how, "`stint config set name \"Ada Lovelace\"`")
		case workbench.SettingEmail:
			what, how = append(what, "email"), append(how, "`stint config set email ada@example.com`")
		}
	}
	if len(what) == 0 {
		return ""
	}
	return fmt.Sprintf("hint: set your %s for the person columns with %s", strings.Join(what, " and "), strings.Join(how, " and "))
}

// writeFileAtomically writes a file the user named (an export, a handoff)
// with atomicfile: readers see the old file or the whole new one. A
// directory that is not there or not writable is the user's to fix.
func writeFileAtomically(path string, write func(io.Writer) error) error {
	err := atomicfile.Write(path, write)
	if ce := (*atomicfile.CreateError)(nil); errors.As(err, &ce) {
		return badinput.Wrap(err)
	}
	return err
}
