package workbench

import (
	"context"
	"errors"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/timesheet/formats"
)

// Period is what a command covers when no range is given.
type Period int

// The default ranges of the time commands.
const (
	PeriodAll   Period = iota // everything (export)
	PeriodWeek                // the current week (log)
	PeriodMonth               // the current month (report)
)

// RangeRequest is a command's range as typed: --from/--to, --week [DATE] or
// --month [YYYY-MM]. Times and days are read in Client's zone ("" local).
type RangeRequest struct {
	Client   string
	From, To string
	Week     *string // non-nil when --week was given; "" is this week
	Month    *string // non-nil when --month was given; "" is this month
	Default  Period
}

// ResolveRange turns a RangeRequest into a half-open [from, to). With
// PeriodAll and no flags both are zero (no bounds); --from alone runs to now.
func (w *Workbench) ResolveRange(ctx context.Context, r RangeRequest) (from, to time.Time, err error) {
	loc, err := w.Zone(ctx, r.Client)
	if err != nil {
		return from, to, err
	}
	now := w.Now()
	given := 0
	for _, set := range []bool{r.From != "" || r.To != "", r.Week != nil, r.Month != nil} {
		if set {
			given++
		}
	}
	if given > 1 {
		return from, to, badinput.Errorf("give one of --from/--to, --week or --month, not several")
	}
	weekStart, err := w.settings.WeekStart(ctx)
	if err != nil {
		return from, to, err
	}
	switch {
	case r.Week != nil:
		day := now
		if *r.Week != "" {
			if day, err = w.ParseTime(ctx, *r.Week, r.Client); err != nil {
				return from, to, badinput.Errorf("--week: %w", err)
			}
		}
		from, to = timesheet.WeekRange(day, loc, weekStart)
		return from, to, nil
	case r.Month != nil:
		from, to, err = timesheet.ParseMonth(*r.Month, now, loc)
		return from, to, badinput.Wrap(err)
	case r.From == "" && r.To == "":
		switch r.Default {
		case PeriodWeek:
			from, to = timesheet.WeekRange(now, loc, weekStart)
		case PeriodMonth:
			from, to, _ = timesheet.ParseMonth("", now, loc)
		}
		return from, to, nil
	}
	if r.From == "" && r.Default != PeriodAll {
		return from, to, badinput.Errorf("--to needs --from: give the start of the range too")
	}
	if r.From != "" {
		if from, err = w.ParseTime(ctx, r.From, r.Client); err != nil {
			return from, to, badinput.Errorf("--from: %w", err)
		}
	}
	to = now
	if r.To != "" {
		if to, err = w.ParseTime(ctx, r.To, r.Client); err != nil {
			return from, to, badinput.Errorf("--to: %w", err)
		}
	} else if r.Default == PeriodAll {
		to = time.Time{}
	}
	if !to.IsZero() && !to.After(from) {
		return from, to, badinput.Errorf("--from (%s) is not before --to (%s): swap them", w.showTime(from, loc), w.showTime(to, loc))
	}
	return from, to, nil
}

// ReportRequest is what `stint report` asks for.
type ReportRequest struct {
	From, To time.Time // half-open; both required
	Client   string    // "" every client
	By       string    // client, day, tag or entry; "" is client
}

// Report totals [From, To) per client with the asked breakdown, billing
// each client by its terms; running timers count up to now and are flagged
// when probably forgotten.
func (w *Workbench) Report(ctx context.Context, req ReportRequest) (timesheet.Report, error) {
	by, err := timesheet.ParseGroupBy(req.By)
	if err != nil {
		return timesheet.Report{}, badinput.Wrap(err)
	}
	if !req.To.After(req.From) {
		return timesheet.Report{}, badinput.Errorf("--from (%s) is not before --to (%s): swap them",
			req.From.Format(time.RFC3339), req.To.Format(time.RFC3339))
	}
	clients, err := w.reportClients(ctx, req.Client)
	if err != nil {
		return timesheet.Report{}, err
	}
	var clientID int64
	if req.Client != "" {
		clientID = clients[0].ID
	}
	// Entries beyond the range complete the local days that per-day
	// rounding rounds whole (timesheet.Attribution).
	rows, err := w.db.EntriesBetween(ctx, req.From.Add(-timesheet.DayPadding), req.To.Add(timesheet.DayPadding), clientID)
	if err != nil {
		return timesheet.Report{}, err
	}
	limit, err := w.settings.ForgottenAfter(ctx)
	if err != nil {
		return timesheet.Report{}, err
	}
	terms := make(map[string]timesheet.Terms, len(clients))
	for _, c := range clients {
		terms[c.Slug] = w.termsOf(c)
	}
	entries := make([]timesheet.Entry, len(rows))
	for i, r := range rows {
		entries[i] = toSheet(r)
	}
	rep, err := timesheet.BuildReport(entries, terms, timesheet.ReportOptions{From: req.From, To: req.To, By: by,
		Now: w.Now(), Location: w.local(), ForgottenAfter: limit})
	// A forgotten timer's start is shown as `stint status` shows it: in its
	// client's zone, else the local one (the store hands out UTC).
	for i, f := range rep.Forgotten {
		rep.Forgotten[i].Start = f.Start.In(terms[f.Client].LocationOr(w.local()))
	}
	if errors.Is(err, timesheet.ErrTooLarge) {
		return rep, err // an operation failure, not bad input
	}
	return rep, badinput.Wrap(err)
}

// reportClients is the one named client, or every client (archived ones
// included: their time is still billable history).
func (w *Workbench) reportClients(ctx context.Context, slug string) ([]store.Client, error) {
	if slug != "" {
		c, err := w.client(ctx, slug)
		return []store.Client{c}, err
	}
	return w.db.Clients(ctx, true)
}

// Week is the grid of the week containing day, in day's zone (pass
// time.Now() for the local week), starting on the week_start setting. An
// entry's worked time counts whole on the local day its start falls in (the
// one attribution rule, timesheet.Attribution), so a row's days add up to
// what `stint report` shows for the week; a row's amount is the client's
// billed amount for the week, as `stint report` computes it.
func (w *Workbench) Week(ctx context.Context, day time.Time) (WeekGrid, error) {
	weekStart, err := w.settings.WeekStart(ctx)
	if err != nil {
		return WeekGrid{}, err
	}
	loc := day.Location()
	from, to := timesheet.WeekRange(day, loc, weekStart)
	g := WeekGrid{Start: from, Totals: make([]int64, 7), Rows: []WeekRow{}, Amounts: []MoneyTotal{}}
	for i := range 7 {
		g.Days = append(g.Days, time.Date(from.Year(), from.Month(), from.Day()+i, 0, 0, 0, 0, loc))
	}
	rep, err := w.Report(ctx, ReportRequest{From: from, To: to})
	if err != nil {
		return WeekGrid{}, err
	}
	rows, err := w.db.EntriesBetween(ctx, from, to, 0)
	if err != nil {
		return WeekGrid{}, err
	}
	now := w.Now()
	index := map[string]int{}
	for _, c := range rep.Clients {
		index[c.Client] = len(g.Rows)
		g.Rows = append(g.Rows, WeekRow{Client: c.Client, Seconds: make([]int64, 7),
			BilledSeconds: c.RoundedSeconds, RateMinor: c.RateMinor, AmountMinor: c.AmountMinor, Currency: c.Currency})
	}
	for _, r := range rows {
		i, ok := index[r.Client]
		if !ok { // an entry the report left out (e.g. empty, at the range's end)
			i = len(g.Rows)
			index[r.Client] = i
			g.Rows = append(g.Rows, WeekRow{Client: r.Client, Seconds: make([]int64, 7)})
		}
		row := &g.Rows[i]
		for i, d := range g.Days {
			end := to
			if i < 6 {
				end = g.Days[i+1]
			}
			if !r.Start.Before(d) && r.Start.Before(end) {
				secs := toSheet(r).Seconds(now)
				row.Seconds[i] += secs
				row.Total += secs
				g.Totals[i] += secs
			}
		}
	}
	sort.Slice(g.Rows, func(i, j int) bool { return g.Rows[i].Client < g.Rows[j].Client })
	for _, t := range rep.Totals {
		if t.Currency == "" {
			continue // time without a rate has no amount to total
		}
		g.Amounts = append(g.Amounts, MoneyTotal{AmountMinor: t.AmountMinor, Currency: t.Currency})
	}
	return g, nil
}

// ExportRequest is what `stint export` asks for.
type ExportRequest struct {
	Format   string    // csv, json, toggl, clockify, harvest; "" is csv
	From, To time.Time // zero: unbounded
	Client   string    // "" every client
	// IncludeNonBillable keeps non-billable entries in a Harvest export.
	// Harvest's import has no billable column, so by default they are left
	// out rather than billed; the other formats always keep them, marked.
	IncludeNonBillable bool
}

// ExportSummary is what an export wrote and what it left out, for the
// front ends to say so.
type ExportSummary struct {
	Format  string `json:"format"`
	Written int    `json:"written"` // entries written
	// The import files of other trackers leave out what they cannot hold
	// or would bill wrongly: a running timer (no end yet), an entry of no
	// length (an importer's rounding would bill it), and in Harvest's case
	// non-billable entries unless asked for.
	RunningLeftOut     int `json:"running_left_out"`
	EmptyLeftOut       int `json:"empty_left_out"`
	NonBillableLeftOut int `json:"non_billable_left_out"`
	// Unset lists the settings (name, email) the format's person columns
	// come from that are not set, so those columns are empty.
	Unset []string `json:"unset"`
}

// Export writes the entries of the range in the asked format: stint's own
// csv/json with every field, or a file another tracker imports, dated in
// each client's zone, with the engineer's name and email from the settings.
func (w *Workbench) Export(ctx context.Context, req ExportRequest, out io.Writer) (ExportSummary, error) {
	if req.Format == "" {
		req.Format = string(formats.FormatCSV)
	}
	f, err := formats.ParseFormat(req.Format)
	if err != nil {
		return ExportSummary{}, badinput.Wrap(err)
	}
	if req.IncludeNonBillable && f != formats.FormatHarvest {
		return ExportSummary{}, badinput.Errorf("--include-non-billable is for --format harvest: the %s format keeps non-billable entries and marks them", f)
	}
	var clientID int64
	if req.Client != "" {
		c, err := w.client(ctx, req.Client)
		if err != nil {
			return ExportSummary{}, err
		}
		clientID = c.ID
	}
	rows, err := w.db.EntriesBetween(ctx, req.From, req.To, clientID)
	if err != nil {
		return ExportSummary{}, err
	}
	opts, err := w.exportOptions(ctx)
	if err != nil {
		return ExportSummary{}, err
	}
	sum := ExportSummary{Format: string(f), Unset: unsetPersonSettings(f, opts)}
	entries := make([]timesheet.Entry, 0, len(rows))
	for _, r := range rows {
		// An entry belongs to the period it starts in, as its date column
		// says: exports of adjacent ranges never both carry one entry.
		if r.Start.Before(req.From) {
			continue
		}
		e := toSheet(r)
		switch exportFateOf(f, e, req.IncludeNonBillable) {
		case keptInExport:
			entries = append(entries, e)
		case runningLeftOut:
			sum.RunningLeftOut++
		case emptyLeftOut:
			sum.EmptyLeftOut++
		case nonBillableLeftOut:
			sum.NonBillableLeftOut++
		}
	}
	sum.Written = len(entries)
	return sum, formats.Write(f, out, entries, opts)
}

// Why an export leaves an entry out.
type exportFate int

const (
	keptInExport exportFate = iota
	runningLeftOut
	emptyLeftOut
	nonBillableLeftOut
)

// exportFateOf says whether format f keeps e. stint's own csv and json keep
// every entry as it is stored; the import files of other trackers leave out
// what they cannot hold or would bill wrongly.
func exportFateOf(f formats.Format, e timesheet.Entry, includeNonBillable bool) exportFate {
	switch {
	case f == formats.FormatCSV || f == formats.FormatJSON:
		return keptInExport
	case e.Running():
		return runningLeftOut
	case e.Seconds(*e.End) == 0:
		return emptyLeftOut
	case f == formats.FormatHarvest && !e.Billable && !includeNonBillable:
		return nonBillableLeftOut
	}
	return keptInExport
}

// unsetPersonSettings lists the settings format f's person columns need
// that are unset: Toggl has User and Email, Clockify Email, Harvest the
// first and last name.
func unsetPersonSettings(f formats.Format, opts formats.ExportOptions) []string {
	needName := f == formats.FormatToggl || f == formats.FormatHarvest
	needEmail := f == formats.FormatToggl || f == formats.FormatClockify
	out := []string{}
	if needName && opts.User == "" {
		out = append(out, SettingName)
	}
	if needEmail && opts.Email == "" {
		out = append(out, SettingEmail)
	}
	return out
}

// exportOptions are how clients are named and zoned, and who the engineer
// is (the name and email settings), for the import files of other trackers.
func (w *Workbench) exportOptions(ctx context.Context) (formats.ExportOptions, error) {
	cs, err := w.db.Clients(ctx, true)
	if err != nil {
		return formats.ExportOptions{}, err
	}
	opts := formats.ExportOptions{Clients: map[string]formats.ClientInfo{}, Location: w.local()}
	for _, c := range cs {
		opts.Clients[c.Slug] = formats.ClientInfo{Name: c.Name, Location: w.zoneOf(c)}
	}
	name, email, err := w.settings.Person(ctx)
	if err != nil {
		return opts, err
	}
	opts.User, opts.Email = name, email
	opts.FirstName, opts.LastName = splitName(name)
	return opts, nil
}

// splitName splits a full name on its last space, the way Harvest wants
// first and last names: "Dana Katherine Scully" is "Dana Katherine" and
// "Scully"; a single word is a first name.
func splitName(full string) (first, last string) {
	full = strings.TrimSpace(full)
	if i := strings.LastIndexByte(full, ' '); i >= 0 {
		return strings.TrimSpace(full[:i]), full[i+1:]
	}
	return full, ""
}

// resolver maps another tool's name to a client: its slug, or its display
// name, case-insensitively; archived clients included.
func (w *Workbench) resolver(ctx context.Context) (formats.Resolver, error) {
	cs, err := w.db.Clients(ctx, true)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	// Display names first, so a slug always wins over another client's name.
	sort.Slice(cs, func(i, j int) bool { return cs[i].Slug < cs[j].Slug })
	for _, c := range cs {
		names[strings.ToLower(strings.TrimSpace(c.Name))] = c.Slug
	}
	for _, c := range cs {
		names[c.Slug] = c.Slug
	}
	return func(name string) (string, bool) {
		slug, ok := names[strings.ToLower(strings.TrimSpace(name))]
		return slug, ok
	}, nil
}
