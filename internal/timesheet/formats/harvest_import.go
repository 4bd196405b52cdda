package formats

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/display"
)

// harvestTimeColumns are the header pairs a Harvest file may carry its
// start and end times under, when the account tracks time by start and
// end (Settings → Timer mode): the detailed time report shows them, and
// files built from the API name them after its started_time/ended_time.
var harvestTimeColumns = [][2]string{
	{"Started At", "Ended At"}, {"Start Time", "End Time"},
	{"Started Time", "Ended Time"}, {"Start", "End"},
}

// harvestRow is one row read, before rows without times are placed.
type harvestRow struct {
	where    string    // "line 3", "time entry 2 (id 636709355)"
	skipped  bool      // left out, and listed so
	date     time.Time // the row's Date, midnight UTC: a civil date
	span     harvestHours
	timed    bool           // Start and End are the row's own times
	loc      *time.Location // the client's zone, where a row without times is placed
	zoneName string
	entry    ImportedEntry
	// cells are the row's own cells that identify it, normalised (the
	// date, hours and times as read), for its ExternalID.
	cells []string
}

// ImportHarvest reads Harvest's Detailed time report CSV (Reports →
// Detailed time → Export → CSV) or Harvest's time import layout (Date,
// Client, Project, Task, Notes, Hours, First name, Last name — what
// `stint export --format harvest` writes). Columns are found by name in any
// order; the file needs Date and Hours.
//
// Harvest keeps a date and decimal hours per row. A row with a start and
// end time (accounts that track by start and end) is that interval on its
// date, wall times in opts.Location as Toggl's are. A row without (Harvest's default, duration
// tracking) is placed: each date's such rows are laid end to end from 09:00
// in their client's zone, in file order, around the rows with times that
// date; earlier when they would end after midnight or after now, so every
// entry stays on its Harvest date (placeUntimed). ImportResult.Notes says
// so. Hours are exact: "1.005" is 3618 seconds (harvestHoursOf).
//
// The Client column, else the Project, names the stint client; a project
// that is not the client becomes the entry's project; the Task becomes a
// tag, Notes the note, "Billable?" the billable flag (all billable when the
// column is missing). A file holding more than one person's time is refused:
// stint keeps one person's entries, which never overlap.
//
// Harvest has no id in its exports: a row's ExternalID is a digest of its
// own cells (never of the placement or the mapping) and its occurrence
// among identical rows, so a re-import finds it again. A file that is JSON
// is read as Harvest's API v2 time entries (importHarvestAPI), whose ids
// make edits in Harvest edits in stint.
func ImportHarvest(r io.Reader, opts ImportOptions) (ImportResult, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return ImportResult{}, fmt.Errorf("harvest: cannot read the file: %w", err)
	}
	if first := firstByte(data); first == '{' || first == '[' {
		return importHarvestAPI(data, opts)
	}
	const what = "harvest csv"
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return ImportResult{}, fmt.Errorf("%s: line 1: cannot read the header: %s", what, csvProblem(err))
	}
	cols := togglColumns{} // the same lookup by header name as Toggl's
	for i, h := range header {
		cols[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	if !cols.has("Date") || !cols.has("Hours") {
		return ImportResult{}, fmt.Errorf("%s: line 1: the header needs Date and Hours, as the CSV export of Harvest's Detailed time report has", what)
	}
	var startCol, endCol string
	for _, pair := range harvestTimeColumns {
		if cols.has(pair[0]) && cols.has(pair[1]) {
			startCol, endCol = pair[0], pair[1]
			break
		}
	}
	h := newHarvestRows(what, opts)
	occurrences := map[string]int{}
	for record := 1; ; record++ {
		cells, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// FieldPos is only for a record read: a broken one may have none.
			return ImportResult{}, fmt.Errorf("%s: line %d: %s", what, csvLine(err, 0), csvProblem(err))
		}
		line, _ := cr.FieldPos(0)
		row, err := h.read(cols, cells, startCol, endCol, record, fmt.Sprintf("line %d", line))
		if err != nil || row == nil {
			return ImportResult{}, err
		}
		if row.skipped {
			continue
		}
		// Identical rows are two entries in Harvest: the n-th of them
		// is told apart by n, in the file's order.
		key := strings.Join(row.cells, "\x00")
		occurrences[key]++
		row.entry.ExternalID = fingerprint("harvest", time.Time{}, time.Time{}, append(row.cells, strconv.Itoa(occurrences[key]))...)
	}
	return h.finish()
}

// harvestRows gathers a Harvest file's rows in file order, with the people
// whose time they are, and turns them into the result.
type harvestRows struct {
	what     string // "harvest csv", "harvest json": how errors begin
	opts     ImportOptions
	c        *collector
	rows     []*harvestRow
	people   []string
	personAt map[string]string // where each person first appears
}

func newHarvestRows(what string, opts ImportOptions) *harvestRows {
	return &harvestRows{what: what, opts: opts, c: newCollector("harvest", opts), personAt: map[string]string{}}
}

// read reads one row, found at where ("line 3"), and keeps it. A row left
// out is listed and returned with skipped set.
func (h *harvestRows) read(cols togglColumns, cells []string, startCol, endCol string, record int, where string) (*harvestRow, error) {
	if person := strings.TrimSpace(cols.get(cells, "First name") + " " + cols.get(cells, "Last name")); person != "" {
		if _, seen := h.personAt[person]; !seen {
			h.personAt[person] = where
			h.people = append(h.people, person)
		}
	}
	row, skip, err := harvestRead(cols, cells, startCol, endCol, h.opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", h.what, where, err)
	}
	if skip != "" {
		h.c.skip(record, skip)
		return &harvestRow{skipped: true}, nil
	}
	row.where, row.entry.Record = where, record
	h.rows = append(h.rows, &row)
	return &row, nil
}

// finish places the rows without times, checks every interval and
// collects them.
func (h *harvestRows) finish() (ImportResult, error) {
	opts := h.opts
	if len(h.people) > 1 {
		return ImportResult{}, fmt.Errorf("%s: %s: the file holds the time of %d people (%s): stint keeps one person's time — filter Harvest's Detailed time report by your name (Team) before exporting",
			h.what, h.personAt[h.people[1]], len(h.people), strings.Join(h.people, ", "))
	}
	placed, err := placeUntimed(h.rows, opts)
	if err != nil {
		return ImportResult{}, fmt.Errorf("%s: %w", h.what, err)
	}
	for _, row := range h.rows {
		if !row.timed && !opts.Now.IsZero() && row.entry.End.After(opts.Now) {
			// Its times are stint's: name what the row says.
			return ImportResult{}, fmt.Errorf("%s: %s: it is dated %s, and its %s hours do not fit before now (%s): import work that has ended",
				h.what, row.where, row.date.Format(time.DateOnly), row.span.text, opts.Now.UTC().Format(time.RFC3339))
		}
		if err := opts.checkInterval(row.entry.Start, row.entry.End); err != nil {
			return ImportResult{}, fmt.Errorf("%s: %s: %w", h.what, row.where, err)
		}
		h.c.add(row.entry)
	}
	if placed > 0 {
		h.c.res.Notes = append(h.c.res.Notes, fmt.Sprintf("Harvest gives no start and end time for %s: each day's are placed end to end from 09:00 in the client's zone, in file order",
			display.Count(placed, "row", "rows")))
	}
	return h.c.result()
}

// harvestRead reads one row: the entry (times still unset for a row
// without them, no ExternalID yet), or why it is left out, or what is
// wrong with it.
func harvestRead(cols togglColumns, cells []string, startCol, endCol string, opts ImportOptions) (harvestRow, string, error) {
	get := func(name string) string { return cols.get(cells, name) }
	date, err := harvestDate(get("Date"))
	if err != nil {
		return harvestRow{}, "", err
	}
	span, err := harvestHoursOf(get("Hours"))
	if err != nil {
		return harvestRow{}, "", err
	}
	var startClock, endClock string
	if startCol != "" {
		if startClock, err = harvestClock(get(startCol)); err != nil {
			return harvestRow{}, "", fmt.Errorf("%s: %w", startCol, err)
		}
		if endClock, err = harvestClock(get(endCol)); err != nil {
			return harvestRow{}, "", fmt.Errorf("%s: %w", endCol, err)
		}
	}
	switch {
	case startClock != "" && endClock == "":
		return harvestRow{}, fmt.Sprintf("a timer still running (started %s %s): stop it in Harvest, then export again", date.Format(time.DateOnly), startClock[:5]), nil
	case startClock == "" && endClock != "":
		return harvestRow{}, "", fmt.Errorf("%s %s without %s: give both times or neither", endCol, endClock[:5], startCol)
	case span.seconds == 0:
		return harvestRow{}, "0 hours: no time to import", nil
	}
	billable := true
	for _, col := range []string{"Billable?", "Billable"} { // Harvest's, a hand-made file's
		if cols.has(col) {
			if billable, err = yesNoValue(get(col)); err != nil {
				return harvestRow{}, "", err
			}
			break
		}
	}
	client, project, task, notes := get("Client"), get("Project"), get("Task"), get("Notes")
	e := ImportedEntry{Note: notes, Billable: billable}
	mapClient(&e, candidateLevels{{client}, {project}}, nonEmpty([]string{project, task}), opts)
	takeProject(&e, client, project, opts)
	row := harvestRow{date: date, span: span, entry: e, loc: opts.clientZone(e.Client),
		cells: []string{date.Format(time.DateOnly), client, project, get("Project Code"), task, notes,
			strconv.FormatInt(span.seconds, 10), startClock, endClock, strings.TrimSpace(get("First name") + " " + get("Last name"))}}
	row.zoneName = row.loc.String()
	if startClock == "" {
		return row, "", nil
	}
	// Harvest shows times in the profile's zone, as Toggl does: they are
	// read in the import's (TZ, or --client's), as Toggl's are.
	row.timed = true
	if row.entry.Start, row.entry.End, err = harvestTimes(date, startClock, endClock, span, opts.zone()); err != nil {
		return harvestRow{}, "", err
	}
	return row, "", nil
}

// harvestTimes reads a row's start and end wall times on its date in loc
// (an end before the start is the next day's). In the hour a fall-back
// night repeats, the readings Hours agrees with are taken, as for Toggl's
// Duration; times and Hours that no reading reconciles refuse the row.
func harvestTimes(date time.Time, startClock, endClock string, span harvestHours, loc *time.Location) (time.Time, time.Time, error) {
	day := date.Format(time.DateOnly)
	endDay := day
	if endClock < startClock {
		endDay = date.AddDate(0, 0, 1).Format(time.DateOnly)
	}
	starts, err := wallTimes(day, startClock, loc)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	ends, err := wallTimes(endDay, endClock, loc)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	// The times are to the minute, Hours to its last decimal.
	tolerance := span.tolerance + time.Minute
	want := time.Duration(span.seconds) * time.Second
	for _, s := range starts {
		for _, e := range ends {
			if diff := e.Sub(s) - want; e.After(s) && diff <= tolerance && diff >= -tolerance {
				return s.UTC(), e.UTC(), nil
			}
		}
	}
	return time.Time{}, time.Time{}, fmt.Errorf("start %s, end %s and Hours %s disagree in %s: import with TZ set to your Harvest profile's time zone, or fix the row in Harvest",
		startClock[:5], endClock[:5], span.text, loc)
}

// placeUntimed gives every row without times its interval and says how
// many it placed. Per Harvest date, in file order, such a row starts at
// the later of 09:00 on its date in its client's zone and the end of the
// date's previous such row, and moves past the rows with times that date.
// When a zone's rows of a date would end after midnight, or after now,
// they start earlier so that they end by then (never before the day's
// start): every entry keeps its Harvest date in its client's zone, the day
// it is billed on. A row that still cannot fit (clients in other zones
// filling the day) ends at midnight and may overlap, which the import lists.
// A date whose rows add up to more than the day has is refused.
func placeUntimed(rows []*harvestRow, opts ImportOptions) (int, error) {
	type zoneDay struct {
		date time.Time
		zone string
	}
	totals := map[zoneDay]time.Duration{}
	firstAt := map[zoneDay]*harvestRow{}
	timedOn := map[time.Time][]int{} // rows with times, by date
	for i, r := range rows {
		if r.timed {
			timedOn[r.date] = append(timedOn[r.date], i)
			continue
		}
		k := zoneDay{r.date, r.zoneName}
		if _, ok := firstAt[k]; !ok {
			firstAt[k] = r
		}
		totals[k] += time.Duration(r.span.seconds) * time.Second
	}
	// In file order, so that a file with several such dates names the
	// first.
	for _, r := range rows {
		k := zoneDay{r.date, r.zoneName}
		if r.timed || firstAt[k] != r {
			continue
		}
		y, m, d := k.date.Date()
		length := time.Date(y, m, d+1, 0, 0, 0, 0, r.loc).Sub(time.Date(y, m, d, 0, 0, 0, 0, r.loc))
		if totals[k] > length {
			return 0, fmt.Errorf("%s: the rows dated %s without start and end times add up to %s, more than the %s that day has in %s: fix them in Harvest",
				r.where, k.date.Format(time.DateOnly), hours(totals[k]), hours(length), k.zone)
		}
	}
	cursor := map[time.Time]time.Time{} // per date: where its next row may start
	placed := 0
	for _, r := range rows {
		if r.timed {
			continue
		}
		dur := time.Duration(r.span.seconds) * time.Second
		y, m, d := r.date.Date()
		dayStart := time.Date(y, m, d, 0, 0, 0, 0, r.loc)
		dayEnd := time.Date(y, m, d+1, 0, 0, 0, 0, r.loc)
		latest := dayEnd
		if now := opts.Now.Truncate(time.Second); !opts.Now.IsZero() && now.Before(latest) {
			latest = now
		}
		anchor := time.Date(y, m, d, 9, 0, 0, 0, r.loc)
		if early := latest.Add(-totals[zoneDay{r.date, r.zoneName}]); early.Before(anchor) {
			anchor = early
		}
		if anchor.Before(dayStart) {
			anchor = dayStart // it ends in the future, which is refused
		}
		start := laterTime(anchor, cursor[r.date])
		for moved := true; moved; {
			moved = false
			for _, j := range timedOn[r.date] {
				t := rows[j].entry
				if start.Before(t.End) && t.Start.Before(start.Add(dur)) {
					start, moved = t.End, true
				}
			}
		}
		if start.Add(dur).After(dayEnd) {
			start = dayEnd.Add(-dur)
		}
		r.entry.Start, r.entry.End = start.UTC(), start.Add(dur).UTC()
		cursor[r.date] = laterTime(cursor[r.date], start.Add(dur))
		placed++
	}
	return placed, nil
}

func laterTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// harvestDate reads a Date cell: YYYY-MM-DD as Harvest exports it, or
// M/D/YYYY, which Harvest's time import also takes.
func harvestDate(s string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD (or M/D/YYYY)", s)
}

// harvestClock reads a start or end time as Harvest writes it by the
// account's time format — 12-hour (9:00am, 5:30 PM) or 24-hour (17:30) —
// into "15:04:05"; "" for an empty cell.
func harvestClock(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{"3:04pm", "3:04 pm", "3:04:05pm", "3:04:05 pm", "15:04", "15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("15:04:05"), nil
		}
	}
	return "", fmt.Errorf("time %q is not a time of day like 9:00am or 17:30", s)
}

// harvestHours is an Hours cell: its length in whole seconds, and how far
// the true length can be from it given the cell's precision.
type harvestHours struct {
	seconds   int64
	tolerance time.Duration
	text      string
}

// maxHarvestHours bounds an Hours cell far above any interval an import
// takes, so that no arithmetic on it can overflow.
const maxHarvestHours = 1_000_000

// harvestHoursOf reads an Hours cell exactly: decimal hours as Harvest's
// reports and exports always write them (1.25), or H:MM / H:MM:SS as its
// timesheets may show them. Decimal digits are taken as the fraction they
// are, never through a float: 0.01 h is 36 s, 1.005 h is 3618 s; a
// fraction of a second is rounded half up (0.3333 h is 1200 s).
func harvestHoursOf(s string) (harvestHours, error) {
	bad := fmt.Errorf("hours %q is not decimal hours like 1.25 (or H:MM like 1:15)", s)
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) > 3 || !allDigits(parts[0]) || len(parts[0]) > 7 {
			return harvestHours{}, bad
		}
		secs, _ := strconv.ParseInt(parts[0], 10, 64)
		for _, p := range parts[1:] {
			n, err := strconv.Atoi(p)
			if len(p) != 2 || !allDigits(p) || err != nil || n > 59 {
				return harvestHours{}, bad
			}
			secs = secs*60 + int64(n)
		}
		tol := time.Duration(0)
		if len(parts) == 2 {
			secs *= 60
			tol = 59 * time.Second
		}
		return harvestHours{secs, tol, s}, nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole+frac == "" || !allDigits(whole) || !allDigits(frac) || len(whole) > 7 || len(frac) > 30 {
		return harvestHours{}, bad
	}
	num, _ := new(big.Int).SetString(whole+frac, 10)
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(frac))), nil)
	// seconds = round(num × 3600 / den), half up: (2·num·3600 + den) / (2·den).
	secs := new(big.Int).Mul(num, big.NewInt(2*3600))
	secs.Add(secs, den)
	secs.Quo(secs, new(big.Int).Mul(den, big.NewInt(2)))
	if secs.Cmp(big.NewInt(maxHarvestHours*3600)) > 0 {
		return harvestHours{}, bad
	}
	// Half the last decimal place given: 1.25 is 1.245–1.255 h.
	tol := time.Hour / 2
	for range len(frac) {
		tol /= 10
	}
	return harvestHours{secs.Int64(), tol, s}, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
