package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/stint-sh/stint/internal/atomicfile"
	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/workbench"
)

// timeCtx is what every time command needs: the workbench, the local zone
// (the workbench clock's), and the zones of the clients it shows, looked up
// once each. A time shown in a zone other than the local one carries that
// zone's abbreviation ("22:31 JST"), so that no reader takes it for local.
type timeCtx struct {
	ctx   context.Context
	wb    *workbench.Workbench
	local *time.Location
	zones map[string]*time.Location
}

func openTime(cmd *cobra.Command, d *Deps) (*timeCtx, error) {
	wb, err := d.Workbench(cmd.Context())
	if err != nil {
		return nil, err
	}
	return &timeCtx{ctx: cmd.Context(), wb: wb, local: wb.Now().Location(), zones: map[string]*time.Location{}}, nil
}

// openTimeOn is openTime for a command about one entry: it reads the ID
// argument first, so a malformed ID never opens the database.
func openTimeOn(cmd *cobra.Command, d *Deps, arg string) (*timeCtx, int64, error) {
	id, err := parseID(arg)
	if err != nil {
		return nil, 0, err
	}
	t, err := openTime(cmd, d)
	return t, id, err
}

// zone is where client's times are shown ("" local).
func (t *timeCtx) zone(client string) *time.Location {
	if loc, ok := t.zones[client]; ok {
		return loc
	}
	loc, err := t.wb.Zone(t.ctx, client)
	if err != nil {
		loc = t.local
	}
	t.zones[client] = loc
	return loc
}

// parse reads a time flag in client's zone; "" is the zero time (now).
func (t *timeCtx) parse(flag, value, client string) (time.Time, error) {
	if value == "" {
		return time.Time{}, nil
	}
	v, err := t.wb.ParseTime(t.ctx, value, client)
	if err != nil {
		return v, badinput.Errorf("--%s: %w", flag, err)
	}
	return v, nil
}

// zoneOf is " JST" when tm reads differently in client's zone than in the
// local one, else "".
func (t *timeCtx) zoneOf(tm time.Time, client string) string {
	return display.ZoneSuffix(tm, t.zone(client), t.local)
}

// clock is tm in client's zone in layout, labelled with that zone unless it
// is the local one: "22:31 JST".
func (t *timeCtx) clock(tm time.Time, client, layout string) string {
	return display.In(tm, t.zone(client), t.local, layout)
}

// describe is an entry in one line: "acme 2024-05-01 09:00–10:30 (1:30)",
// the zone named once after the end when it is not the local one
// ("tokyo 2024-05-02 22:31–23:00 JST (0:29)").
func (t *timeCtx) describe(e workbench.Entry) string {
	return fmt.Sprintf("%s %s (%s)", e.Client, display.Span(e.Start, e.End, t.zone(e.Client), t.local), display.HM(e.Seconds))
}

func startCmd(d *Deps) *cobra.Command {
	var note, at string
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "start [NAME] [-m NOTE] [--at TIME]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Start a client's timer (stopping the running one at the same instant)",
		Example: "  stint start acme -m \"incident 4312\"\n" +
			"  stint start globex --at 09:15\n" +
			"  stint start              # the client of this shell ($STINT_CLIENT)",
		Args: maxArgs(1, "stint start [NAME] [-m NOTE] [--at TIME]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client := d.Getenv("STINT_CLIENT")
			if len(args) == 1 {
				client = args[0]
			}
			if client == "" {
				return usageErr("name the client: stint start NAME (or run it in a shell switched to a client)")
			}
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			when, err := t.parse("at", at, client)
			if err != nil {
				return err
			}
			started, stopped, err := t.wb.Start(t.ctx, client, when, note)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(map[string]any{"started": started, "stopped": stopped})
			}
			if stopped != nil {
				fmt.Fprintf(d.IO.Out, "Stopped entry %d: %s.\n", stopped.ID, t.describe(*stopped))
			}
			fmt.Fprintf(d.IO.Out, "Started %s at %s (entry %d).\n", started.Client,
				t.clock(started.Start, started.Client, "15:04"), started.ID)
			return nil
		},
	}
	cmd.Flags().StringVarP(&note, "message", "m", "", "note for the entry")
	cmd.Flags().StringVar(&at, "at", "", "start time: HH:MM, YYYY-MM-DD HH:MM, RFC 3339 or -15m (default now)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the started and stopped entries as JSON")
	return cmd
}

func stopCmd(d *Deps) *cobra.Command {
	var note, at string
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "stop [--at TIME] [-m NOTE]",
		Short:   "Stop the running timer",
		Example: "  stint stop\n  stint stop --at 17:30 -m \"handed over to on-call\"",
		Args:    exactArgs(0, "stint stop [--at TIME] [-m NOTE]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			var when time.Time
			if at != "" {
				st, err := t.wb.Status(t.ctx)
				if err != nil {
					return err
				}
				client := ""
				if st.Running != nil {
					client = st.Running.Client
				}
				if when, err = t.parse("at", at, client); err != nil {
					return err
				}
			}
			e, err := t.wb.Stop(t.ctx, when, note)
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(e)
			}
			fmt.Fprintf(d.IO.Out, "Stopped entry %d: %s.\n", e.ID, t.describe(e))
			return nil
		},
	}
	cmd.Flags().StringVarP(&note, "message", "m", "", "note to add to the entry")
	cmd.Flags().StringVar(&at, "at", "", "stop time: HH:MM, YYYY-MM-DD HH:MM, RFC 3339 or -15m (default now)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the stopped entry as JSON")
	return cmd
}

func statusCmd(d *Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status [--json]",
		Short: "The running timer and today's time per client",
		Args:  exactArgs(0, "stint status [--json]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			st, err := t.wb.Status(t.ctx)
			if err != nil {
				return err
			}
			st.AWS = workbench.ShellAWSOf(d.Environ(), t.wb.Now())
			if asJSON {
				return d.IO.printJSON(st)
			}
			printStatus(d.IO.Out, t, st)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func printStatus(w io.Writer, t *timeCtx, st workbench.Status) {
	if r := st.Running; r != nil {
		fmt.Fprintf(w, "Running: %s since %s (%s, entry %d)", r.Client,
			t.clock(r.Start, r.Client, "2006-01-02 15:04"), display.HM(r.Seconds), r.ID)
		if r.Note != "" {
			fmt.Fprintf(w, " — %s", display.OneLine(r.Note))
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintln(w, "No timer running.")
	}
	if len(st.TodaySeconds) > 0 {
		var parts []string
		for _, c := range sortedKeys(st.TodaySeconds) {
			parts = append(parts, c+" "+display.HM(st.TodaySeconds[c]))
		}
		fmt.Fprintf(w, "Today: %s\n", strings.Join(parts, ", "))
	}
	if st.Forgotten && st.Running != nil {
		fmt.Fprintf(w, "Warning: the %s timer has run %s and was probably forgotten: stop it with `stint stop --at TIME`.\n",
			st.Running.Client, display.HM(st.Running.Seconds))
	}
	if a := st.AWS; a != nil {
		if a.SecondsLeft > 0 {
			fmt.Fprintf(w, "AWS: %s's temporary credentials in this shell, %s left (until %s)\n", a.Client, display.Compact(a.SecondsLeft),
				t.clock(a.Expires, a.Client, "15:04"))
		} else {
			fmt.Fprintf(w, "AWS: %s's temporary credentials in this shell expired %s ago: `stint switch %s` makes new ones\n",
				a.Client, display.Compact(-a.SecondsLeft), a.Client)
		}
	}
}

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
	showZones := false
	for _, e := range es {
		if t.zoneOf(e.Start, e.Client) != "" || (e.End != nil && t.zoneOf(*e.End, e.Client) != "") {
			showZones = true
		}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	zoneHead, totalAt := "", "\t\t\t\t" // Total sits under END, or under ZONE
	if showZones {
		zoneHead, totalAt = "\tZONE", "\t\t\t\t\t"
	}
	fmt.Fprintf(tw, "ID\tCLIENT\tDATE\tSTART\tEND%s\tTIME\tTAGS\tNOTE\n", zoneHead)
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
		tags := strings.Join(e.Tags, " ")
		if !e.Billable {
			tags = strings.TrimSpace(tags + " (non-billable)")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s%s\t%s\t%s\t%s\n", e.ID, e.Client, e.Start.In(loc).Format("2006-01-02"),
			e.Start.In(loc).Format("15:04"), end, zoneCell, display.HM(e.Seconds), tags, display.OneLine(e.Note))
		total.Add(e.Seconds)
	}
	fmt.Fprintf(tw, "%sTotal\t%s\t\t\n", totalAt, total.HM())
	return tw.Flush()
}

func addCmd(d *Deps) *cobra.Command {
	var from, to, note string
	var tags []string
	var nonBillable, asJSON bool
	cmd := &cobra.Command{
		Use:               "add NAME --from T --to T [-m NOTE] [--tag TAG]... [--non-billable]",
		ValidArgsFunction: completeArgs(d.completeClient),
		Short:             "Add a finished entry by hand",
		Example: "  stint add acme --from \"2024-05-02 09:00\" --to \"2024-05-02 12:30\" -m \"design review\" --tag review\n" +
			"  stint add globex --from 14:00 --to 15:00 --non-billable",
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
				Tags: tags, NonBillable: nonBillable})
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
	var from, to, note, client string
	var tags []string
	var billable, nonBillable, asJSON bool
	cmd := &cobra.Command{
		Use:               "edit ID [--from T] [--to T] [-m NOTE] [--client NAME] [--tag TAG]... [--billable|--non-billable]",
		ValidArgsFunction: completeArgs(d.completeEntryID),
		Short:             "Change an entry (its previous version is kept)",
		Example:           "  stint edit 42 --to 17:45\n  stint edit 42 --client globex -m \"was globex after all\"",
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
	var client, by string
	var asJSON bool
	const usage = "stint report [--from T --to T | --week [DATE] | --month [YYYY-MM]] [--client NAME] [--by client|day|tag|entry] [--json]"
	cmd := &cobra.Command{
		Use:   strings.TrimPrefix(usage, "stint "),
		Short: "Hours and amounts per client, as an invoice shows them (this month by default)",
		Example: "  stint report --month 2024-05 --client acme\n" +
			"  stint report --week --by day\n" +
			"  stint report --from 2024-05-01 --to 2024-05-16 --by entry --json",
		Args: rf.args(usage),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := timesheet.ParseGroupBy(by); err != nil {
				return badinput.Wrap(err)
			}
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			f, tt, err := t.wb.ResolveRange(t.ctx, rf.request(cmd.Flags(), args, client, workbench.PeriodMonth))
			if err != nil {
				return err
			}
			rep, err := t.wb.Report(t.ctx, workbench.ReportRequest{From: f, To: tt, Client: client, By: by})
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(rep)
			}
			return timesheet.RenderText(d.IO.Out, rep)
		},
	}
	fs := cmd.Flags()
	rf.bind(fs, "first instant", "end of the range, exclusive (default: now)")
	fs.StringVar(&client, "client", "", "only this client; days and months in its time zone")
	completeFlag(cmd, "client", d.completeClient)
	fs.StringVar(&by, "by", "client", "breakdown: client, day, tag or entry")
	completeFlag(cmd, "by", fixed("client", "day", "tag", "entry"))
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func exportCmd(d *Deps) *cobra.Command {
	var rf rangeFlags
	var format, client, out string
	var includeNonBillable bool
	const usage = "stint export [--format csv|json|toggl|clockify|harvest] [--from T --to T | --week [DATE] | --month [YYYY-MM]] [--client NAME] [--include-non-billable] [-o FILE]"
	cmd := &cobra.Command{
		Use:   strings.TrimPrefix(usage, "stint "),
		Short: "Write time entries as CSV or JSON, or as a Toggl, Clockify or Harvest import file",
		Long: "Write time entries (all of them unless a range is given) as stint's own CSV or JSON, or as\n" +
			"a Toggl Track, Clockify or Harvest import file, dated in each client's time zone.\n" +
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
			req := workbench.ExportRequest{Format: format, From: f, To: tt, Client: client, IncludeNonBillable: includeNonBillable}
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
			} else {
				err = writeFileAtomically(out, func(w io.Writer) error {
					sum, err = t.wb.Export(t.ctx, req, w)
					return err
				})
				if err != nil {
					return err
				}
				fmt.Fprintln(d.IO.ErrOut, exportWritten(sum, out))
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
	fs.StringVarP(&out, "output", "o", "", "write to `FILE` (mode 0600, replaced atomically) instead of stdout")
	return cmd
}

// exportWritten is the line `export -o FILE` confirms with, saying what the
// format left out: "Wrote 3 entries to may.csv (running timer left out)".
func exportWritten(s workbench.ExportSummary, path string) string {
	left := leftOut(s, true)
	line := fmt.Sprintf("Wrote %s to %s", display.Count(s.Written, "entry", "entries"), path)
	if len(left) > 0 {
		line += " (" + strings.Join(left, "; ") + ")"
	}
	return line
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

func importCmd(d *Deps) *cobra.Command {
	var client, maxSpan string
	var dryRun, asJSON bool
	cmd := &cobra.Command{
		Use:               "import timewarrior|watson|toggl FILE [--client NAME] [--dry-run]",
		ValidArgsFunction: completeArgs(fixed("timewarrior", "watson", "toggl")),
		Short:             "Bring in history from Timewarrior, Watson or Toggl Track",
		Long: "Reads `timew export` JSON, `watson log --json` or a Toggl Track CSV (FILE - reads stdin).\n" +
			"A tag, project or client that names a stint client (its slug or display name) maps the\n" +
			"interval to it; --client puts everything on one client. Importing the same file again adds\n" +
			"nothing twice. A malformed file is refused whole. Intervals that overlap existing entries\n" +
			"(or each other) are skipped and listed; so are intervals that name no client. An interval\n" +
			"that ends in the future or lasts longer than 24h (--max-span raises it) refuses the file.",
		Example: "  timew export > timew.json && stint import timewarrior timew.json --dry-run\n" +
			"  watson log --json | stint import watson - --client acme",
		Args: exactArgs(2, "stint import timewarrior|watson|toggl FILE [--client NAME] [--dry-run]"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var span time.Duration
			if maxSpan != "" {
				var err error
				if span, err = time.ParseDuration(maxSpan); err != nil || span <= 0 {
					return badinput.Errorf("--max-span %q is not a duration: give one such as 36h or 72h", maxSpan)
				}
			}
			var in io.Reader = d.IO.In
			if args[1] != "-" {
				f, err := os.Open(args[1])
				if err != nil {
					return badinput.Errorf("cannot read %s: %w", args[1], err)
				}
				defer f.Close()
				in = f
			}
			t, err := openTime(cmd, d)
			if err != nil {
				return err
			}
			sum, err := t.wb.Import(t.ctx, workbench.ImportRequest{Format: args[0], Input: in, Client: client, DryRun: dryRun, MaxSpan: span})
			if err != nil {
				return err
			}
			if asJSON {
				return d.IO.printJSON(sum)
			}
			printImport(d.IO.Out, sum)
			return nil
		},
	}
	cmd.Flags().StringVar(&client, "client", "", "put every interval on this client")
	completeFlag(cmd, "client", d.completeClient)
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "show what would be imported; write nothing")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the summary as JSON")
	cmd.Flags().StringVar(&maxSpan, "max-span", "", "take intervals up to this long (default 24h), e.g. 72h")
	return cmd
}

func printImport(w io.Writer, s workbench.ImportSummary) {
	verb := "Imported"
	if s.DryRun {
		verb = "Would import"
	}
	var parts []string
	var added display.Total // the sum of the clients as printed
	for _, c := range s.Clients {
		parts = append(parts, fmt.Sprintf("%s %d (%s)", c.Client, c.Entries, display.HM(c.Seconds)))
		added.Add(c.Seconds)
	}
	if len(s.Clients) == 0 {
		added.Add(s.AddedSeconds)
	}
	fmt.Fprintf(w, "%s %s (%s) from %s", verb, display.Count(s.Added, "entry", "entries"), added.HM(), s.Format)
	if len(parts) > 0 {
		fmt.Fprintf(w, ": %s", strings.Join(parts, ", "))
	}
	fmt.Fprintln(w, ".")
	if s.AlreadyImported > 0 {
		fmt.Fprintf(w, "%d already imported before: left as they are.\n", s.AlreadyImported)
	}
	listProblems(w, s.Overlapping, "interval overlaps existing entries or another interval; skipped (fix it with stint add/edit)",
		"intervals overlap existing entries or each other; skipped (fix them with stint add/edit)")
	listProblems(w, s.Unmapped, "interval names no stint client; skipped (give --client NAME, or add a client named like its tag or project)",
		"intervals name no stint client; skipped (give --client NAME, or add a client named like their tag or project)")
	listProblems(w, s.Skipped, "interval left out", "intervals left out")
	if s.DryRun {
		fmt.Fprintln(w, "Dry run: nothing was written.")
	}
}

// listProblems lists the records of one kind of problem under a heading
// that agrees with their number: one, many are its two forms.
func listProblems(w io.Writer, ps []workbench.ImportProblem, one, many string) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", display.Count(len(ps), one, many))
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Record < ps[j].Record })
	const shown = 10
	for i, p := range ps {
		if i == shown {
			fmt.Fprintf(w, "  … and %d more (see --json)\n", len(ps)-shown)
			break
		}
		fmt.Fprintf(w, "  record %d: %s\n", p.Record, p.Reason)
	}
}
