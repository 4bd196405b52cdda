package reports

import (
	"context"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/settings"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/timesheet/formats"
	"github.com/stint-sh/stint/internal/workbench/timer"
)

// ExportRequest is what `stint export` asks for.
type ExportRequest struct {
	Format   string    // csv, json, toggl, clockify, harvest; "" is csv
	From, To time.Time // zero: unbounded
	Client   string    // "" every client
	// IncludeNonBillable keeps non-billable entries in a Harvest export.
	// Harvest's import has no billable column, so by default they are left
	// out rather than billed; the other formats always keep them, marked.
	IncludeNonBillable bool
	// TZ is the IANA zone Toggl's and Clockify's files are written in: the
	// zone the importing user's profile reads them in (--tz). "" is the
	// local zone.
	TZ string
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
	// Zone names the zone Toggl's or Clockify's dates and times are in; ""
	// for the other formats.
	Zone string `json:"zone"`
	// CommaTags counts entries with a tag holding a comma (from before
	// stint refused them) that Toggl's or Clockify's Tags cell, split at
	// commas, got with a '-' instead.
	CommaTags int `json:"comma_tags"`
}

// Export writes the entries of the range in the asked format: stint's own
// csv/json with every field, or a file another tracker imports, dated in
// each client's zone, with the engineer's name and email from the settings.
func (rp *Reports) Export(ctx context.Context, req ExportRequest, out io.Writer) (ExportSummary, error) {
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
	tools := f == formats.FormatToggl || f == formats.FormatClockify
	zone := rp.clock.Local()
	if req.TZ != "" {
		if !tools {
			return ExportSummary{}, badinput.Errorf("--tz is for --format toggl or clockify, which write wall times: %s", noTimes(f))
		}
		if _, err := profiles.ParseTimezone(req.TZ); err != nil {
			return ExportSummary{}, err
		}
		zone, _ = time.LoadLocation(req.TZ)
	}
	var clientID int64
	if req.Client != "" {
		c, err := rp.clients.Client(ctx, req.Client)
		if err != nil {
			return ExportSummary{}, err
		}
		clientID = c.ID
	}
	rows, err := rp.db.EntriesBetween(ctx, req.From, req.To, clientID)
	if err != nil {
		return ExportSummary{}, err
	}
	opts, err := rp.exportOptions(ctx)
	if err != nil {
		return ExportSummary{}, err
	}
	opts.Zone = zone
	sum := ExportSummary{Format: string(f), Unset: unsetPersonSettings(f, opts)}
	if tools {
		sum.Zone = display.ZoneName(zone, rp.clock.Now())
	}
	entries := make([]timesheet.Entry, 0, len(rows))
	for _, r := range rows {
		// An entry belongs to the period it starts in, as its date column
		// says: exports of adjacent ranges never both carry one entry.
		if r.Start.Before(req.From) {
			continue
		}
		e := timer.Sheet(r)
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
	if tools {
		sum.CommaTags = formats.CommaTags(entries)
	}
	if f == formats.FormatHarvest {
		if opts.Billed, err = rp.billedByEntry(ctx, req, entries); err != nil {
			return ExportSummary{}, err
		}
	}
	return sum, formats.Write(f, out, entries, opts)
}

// noTimes says why a format has no use for --tz.
func noTimes(f formats.Format) string {
	if f == formats.FormatHarvest {
		return "Harvest's rows carry a date (the client's day the entry is billed on) and hours, no time"
	}
	return "the " + string(f) + " format writes instants in UTC"
}

// billedByEntry is each entry's billed seconds as the report of the
// export's range bills them (its --by entry shares), for Harvest's Hours.
// An export without a range is billed over the span of its entries' starts.
func (rp *Reports) billedByEntry(ctx context.Context, req ExportRequest, entries []timesheet.Entry) (map[int64]int64, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	from, to := req.From, req.To
	if from.IsZero() || to.IsZero() {
		first, last := entries[0].Start, entries[0].Start
		for _, e := range entries {
			first, last = earlierOf(first, e.Start), laterOf(last, e.Start)
		}
		if from.IsZero() {
			from = first
		}
		if to.IsZero() {
			to = last.Add(time.Second)
		}
	}
	rep, err := rp.Report(ctx, ReportRequest{From: from, To: to, Client: req.Client, By: string(timesheet.ByEntry)})
	if err != nil {
		return nil, err
	}
	out := make(map[int64]int64, len(rep.Groups))
	for _, g := range rep.Groups {
		if g.Entry != nil {
			out[g.Entry.ID] = g.RoundedSeconds
		}
	}
	return out, nil
}

func earlierOf(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
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
		out = append(out, settings.Name)
	}
	if needEmail && opts.Email == "" {
		out = append(out, settings.Email)
	}
	return out
}

// exportOptions are how clients are named and zoned, and who the engineer
// is (the name and email settings), for the import files of other trackers.
func (rp *Reports) exportOptions(ctx context.Context) (formats.ExportOptions, error) {
	cs, err := rp.db.Clients(ctx, true)
	if err != nil {
		return formats.ExportOptions{}, err
	}
	opts := formats.ExportOptions{Clients: map[string]formats.ClientInfo{}, Location: rp.clock.Local()}
	for _, c := range cs {
		opts.Clients[c.Slug] = formats.ClientInfo{Name: c.Name, Location: rp.clients.ZoneOf(c)}
	}
	name, email, err := rp.settings.Person(ctx)
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
func (rp *Reports) resolver(ctx context.Context) (formats.Resolver, error) {
	cs, err := rp.db.Clients(ctx, true)
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
