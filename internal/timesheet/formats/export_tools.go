package formats

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/timesheet"
)

// TogglHeader is Toggl Track's CSV import header.
var TogglHeader = []string{"User", "Email", "Client", "Project", "Task", "Description", "Billable",
	"Start date", "Start time", "Duration", "Tags"}

// WriteToggl writes Toggl Track's import CSV: dates YYYY-MM-DD and times
// HH:MM:SS in the zone Toggl reads them in (opts.Zone: the importing
// user's profile zone), Duration HH:MM:SS to the second, Billable Yes/No,
// tags comma-separated. The project is the entry's, else the client's
// display name (projectOf).
func WriteToggl(w io.Writer, entries []timesheet.Entry, opts ExportOptions) error {
	rows := [][]string{TogglHeader}
	loc := opts.readerZone()
	for _, e := range entries {
		if e.Running() {
			continue
		}
		start := e.Start.In(loc)
		name := opts.name(e.Client)
		rows = append(rows, []string{
			opts.User, opts.Email, name, projectOf(e, name), "", e.Note, yesNo(e.Billable),
			start.Format("2006-01-02"), start.Format("15:04:05"), display.HHMMSS(e.Seconds(*e.End)),
			ToolTags(e.Tags),
		})
	}
	return csv.NewWriter(w).WriteAll(rows)
}

// ClockifyHeader is the header of Clockify's timesheet import as its
// documentation names the columns (Email, Start date, Start time and
// Duration are required).
var ClockifyHeader = []string{"Project", "Client", "Description", "Task", "Email", "Tags", "Billable",
	"Start date", "Start time", "Duration"}

// WriteClockify writes Clockify's timesheet import CSV in the formats its
// importer requires the file to share with the importing account: dates
// MM/DD/YYYY and 12-hour times (09:00 AM) as the profile shows them, in
// the profile's zone (opts.Zone), and durations as the workspace's clock
// format HH:MM. Whole minutes lose the seconds, so each client's minutes
// are its worked seconds in minutes (display.Minutes) shared over its
// entries by largest remainder: the rows add up to the client's total.
func WriteClockify(w io.Writer, entries []timesheet.Entry, opts ExportOptions) error {
	rows := [][]string{ClockifyHeader}
	loc := opts.readerZone()
	ended := finished(entries)
	minutes := sharePerClient(ended, func(e timesheet.Entry) int64 { return e.Seconds(*e.End) }, display.Minutes)
	for i, e := range ended {
		start := e.Start.In(loc)
		name := opts.name(e.Client)
		rows = append(rows, []string{
			projectOf(e, name), name, e.Note, "", opts.Email, ToolTags(e.Tags), yesNo(e.Billable),
			start.Format("01/02/2006"), start.Format("03:04 PM"), display.MinutesHHMM(minutes[i]),
		})
	}
	return csv.NewWriter(w).WriteAll(rows)
}

// HarvestHeader is Harvest's time import header.
var HarvestHeader = []string{"Date", "Client", "Project", "Task", "Notes", "Hours", "First name", "Last name"}

// WriteHarvest writes Harvest's time import CSV: the date (YYYY-MM-DD) the
// entry is billed on — the client's day its start falls in — and the
// billed hours (opts.Billed) as a decimal with two places. Harvest keeps
// hours to the hundredth, so each client's billed seconds are taken in
// hundredths once (display.Hundredths) and shared over its rows by largest
// remainder: the rows add up to the billed hours of the report of the same
// range. Non-billable entries (kept only when asked for) carry their worked
// hours, shared the same way on their own.
func WriteHarvest(w io.Writer, entries []timesheet.Entry, opts ExportOptions) error {
	task := opts.Task
	if task == "" {
		task = "General"
	}
	rows := [][]string{HarvestHeader}
	ended := finished(entries)
	hundredths := sharePerClient(ended, func(e timesheet.Entry) int64 {
		if b, ok := opts.Billed[e.ID]; ok && e.Billable {
			return b
		}
		return e.Seconds(*e.End)
	}, display.Hundredths)
	for i, e := range ended {
		start := e.Start.In(opts.zone(e.Client))
		name := opts.name(e.Client)
		rows = append(rows, []string{
			start.Format("2006-01-02"), name, projectOf(e, name), task, e.Note,
			display.HundredthsHours(hundredths[i]), opts.FirstName, opts.LastName,
		})
	}
	return csv.NewWriter(w).WriteAll(rows)
}

// projectOf is an entry's Project cell: its project, else the client's
// name — Harvest needs a project on every row, and a client's work without
// one is one project to Toggl's and Clockify's reports, as before projects.
func projectOf(e timesheet.Entry, clientName string) string {
	if e.Project != "" {
		return e.Project
	}
	return clientName
}

// finished leaves out running entries: no import file can say "still
// running".
func finished(entries []timesheet.Entry) []timesheet.Entry {
	out := make([]timesheet.Entry, 0, len(entries))
	for _, e := range entries {
		if !e.Running() {
			out = append(out, e)
		}
	}
	return out
}

// sharePerClient turns each entry's seconds into the units of an export
// column (minutes, hundredths of an hour) so that the rows of one client
// and billability add up to that pool's seconds in those units, taken once:
// the pool's total is shared over its rows by largest remainder.
func sharePerClient(entries []timesheet.Entry, seconds func(timesheet.Entry) int64, units func(int64) int64) []int64 {
	type pool struct {
		client   string
		billable bool
	}
	members := map[pool][]int{}
	var order []pool
	for i, e := range entries {
		p := pool{e.Client, e.Billable}
		if _, ok := members[p]; !ok {
			order = append(order, p)
		}
		members[p] = append(members[p], i)
	}
	out := make([]int64, len(entries))
	for _, p := range order {
		idx := members[p]
		weights := make([]int64, len(idx))
		var sum int64
		for j, i := range idx {
			weights[j] = seconds(entries[i])
			sum += weights[j]
		}
		for j, share := range timesheet.Allocate(units(sum), weights) {
			out[idx[j]] = share
		}
	}
	return out
}

// ToolTags joins tags for Toggl's and Clockify's Tags cell, which they
// split at commas: a comma inside a tag (stint refuses them now; older
// entries may have one) is written as '-', as a space is in stint's tags.
// CommaTags counts the entries this rewrites, for the export to say so.
func ToolTags(tags []string) string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = strings.ReplaceAll(t, ",", "-")
	}
	return strings.Join(out, ", ")
}

// CommaTags counts the entries with a tag that ToolTags rewrites.
func CommaTags(entries []timesheet.Entry) int {
	n := 0
	for _, e := range entries {
		for _, t := range e.Tags {
			if strings.Contains(t, ",") {
				n++
				break
			}
		}
	}
	return n
}
