package formats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/timesheet"
)

// togglColumns finds Toggl's columns by header name, in any order and case;
// columns stint does not use (Amount, Task …) are ignored.
type togglColumns map[string]int

func (c togglColumns) get(row []string, name string) string {
	if i, ok := c[strings.ToLower(name)]; ok && i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

func (c togglColumns) has(name string) bool {
	_, ok := c[strings.ToLower(name)]
	return ok
}

// ImportToggl reads a Toggl Track CSV: the detailed report export (with End
// date/End time) or the import layout (Start date, Start time, Duration).
// Dates and times are wall time in opts.Location — Toggl writes them in the
// user's profile zone without an offset. The Client column, else the
// Project, else a tag, naming a stint client maps the row to it; a project
// that is not the client becomes the entry's project (one whose name stint
// refuses is kept as the first tag instead); Description becomes the note. A row with neither an end nor a duration is skipped as running.
func ImportToggl(r io.Reader, opts ImportOptions) (ImportResult, error) {
	const what = "toggl csv"
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return ImportResult{}, fmt.Errorf("%s: line 1: cannot read the header: %s", what, csvProblem(err))
	}
	cols := togglColumns{}
	for i, h := range header {
		cols[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	if !cols.has("Start date") || !cols.has("Start time") ||
		!(cols.has("Duration") || (cols.has("End date") && cols.has("End time"))) {
		return ImportResult{}, fmt.Errorf("%s: line 1: the header needs Start date, Start time and Duration (or End date and End time), as Toggl's detailed export has", what)
	}
	c := newCollector("toggl", opts)
	for record := 1; ; record++ {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// FieldPos is only for a record read: a broken one may have none.
			return ImportResult{}, fmt.Errorf("%s: line %d: %s", what, csvLine(err, 0), csvProblem(err))
		}
		line, _ := cr.FieldPos(0)
		if err := togglRow(c, cols, row, record, opts); err != nil {
			return ImportResult{}, fmt.Errorf("%s: line %d: %w", what, line, err)
		}
	}
	return c.result()
}

func togglRow(c *collector, cols togglColumns, row []string, record int, opts ImportOptions) error {
	loc := opts.zone()
	starts, err := wallTimes(cols.get(row, "Start date"), cols.get(row, "Start time"), loc)
	if err != nil {
		return fmt.Errorf("start: %w", err)
	}
	var dur *togglSpan
	if s := cols.get(row, "Duration"); s != "" {
		d, err := togglDuration(s)
		if err != nil {
			return err
		}
		dur = &d
	}
	var start, end time.Time
	switch endDate, endTime := cols.get(row, "End date"), cols.get(row, "End time"); {
	case endDate != "" || endTime != "":
		ends, err := wallTimes(endDate, endTime, loc)
		if err != nil {
			return fmt.Errorf("end: %w", err)
		}
		if start, end, err = resolveWallTimes(starts, ends, dur, loc); err != nil {
			return err
		}
	case dur != nil:
		// Without an end, a start in a repeated hour cannot be told apart:
		// the first of the two readings is taken, as Go's rule does.
		start = starts[0]
		end = start.Add(dur.d)
	default:
		c.skip(record, "no end and no duration: the timer was still running")
		return nil
	}
	if err := opts.checkInterval(start, end); err != nil {
		return err
	}
	billable := true
	if cols.has("Billable") {
		if billable, err = yesNoValue(cols.get(row, "Billable")); err != nil {
			return err
		}
	}
	client, project, note := cols.get(row, "Client"), cols.get(row, "Project"), cols.get(row, "Description")
	tags := splitTags(cols.get(row, "Tags"))
	start, end = start.UTC(), end.UTC()
	e := ImportedEntry{Record: record, Start: start, End: end, Note: note, Billable: billable,
		ExternalID: fingerprint("toggl", start, end, cols.get(row, "Email"), client, project, note, sortedCopy(tags))}
	labels := tags
	if project != "" {
		labels = append([]string{project}, tags...)
	}
	mapClient(&e, candidateLevels{{client}, {project}, tags}, labels, opts)
	takeProject(&e, client, project, opts)
	c.add(e)
	return nil
}

// takeProject makes a mapped row's project, kept by mapClient as its first
// label, the entry's project — unless the project is the client (the row's
// Client column, or what named the stint client: stint's own export writes
// the client's name there when an entry has no project) or is a name stint
// refuses.
func takeProject(e *ImportedEntry, client, project string, opts ImportOptions) {
	project = strings.TrimSpace(project)
	if e.Client == "" || project == "" || project == strings.TrimSpace(client) ||
		len(e.Tags) == 0 || strings.TrimSpace(e.Tags[0]) != project {
		return
	}
	if opts.Resolve != nil {
		if c, ok := opts.Resolve(project); ok && c == e.Client {
			return
		}
	}
	if timesheet.CheckProjectName(project) != nil {
		return
	}
	e.Project, e.Tags = project, e.Tags[1:]
}

// wallTimes reads a YYYY-MM-DD date and an HH:MM:SS (or HH:MM) wall time in
// loc and returns every instant that shows that wall time there, earliest
// first: one usually, two in the hour a fall-back change repeats. A wall time
// that does not exist (skipped by a spring-forward change) is read by Go's
// rule, as one instant.
func wallTimes(date, clock string, loc *time.Location) ([]time.Time, error) {
	var wall time.Time
	parsed := false
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, date+" "+clock); err == nil {
			wall, parsed = t, true
			break
		}
	}
	if !parsed {
		return nil, fmt.Errorf("%q %q is not a date YYYY-MM-DD and a time HH:MM:SS", date, clock)
	}
	var out []time.Time
	// The zone's offsets a day either side cover any change on that day.
	for _, probe := range []time.Time{wall.Add(-24 * time.Hour), wall, wall.Add(24 * time.Hour)} {
		t := wall.Add(-timesheet.UTCOffset(probe, loc))
		if sameWall(t.In(loc), wall) && !slices.ContainsFunc(out, t.Equal) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		out = append(out, time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, loc))
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out, nil
}

func sameWall(t, wall time.Time) bool {
	y, m, d := t.Date()
	wy, wm, wd := wall.Date()
	return y == wy && m == wm && d == wd && t.Hour() == wall.Hour() && t.Minute() == wall.Minute() && t.Second() == wall.Second()
}

// resolveWallTimes picks the start and end among their readings. Toggl's
// Duration column is computed from the instants, so the pair it agrees with
// is the one that happened: that is how a row in the repeated hour of a
// fall-back night (its end wall time before its start) keeps its length. A
// Duration no pair agrees with refuses the row: the file was read in another
// zone than the one it was written in, or edited by hand.
func resolveWallTimes(starts, ends []time.Time, dur *togglSpan, loc *time.Location) (start, end time.Time, err error) {
	for _, s := range starts {
		for _, e := range ends {
			if dur == nil {
				if !e.Before(s) {
					return s, e, nil
				}
				continue
			}
			if diff := e.Sub(s) - dur.d; diff <= dur.tolerance && diff >= -dur.tolerance {
				return s, e, nil
			}
		}
	}
	if dur == nil {
		return starts[0], ends[0], nil // refused as ending before it starts
	}
	return time.Time{}, time.Time{}, fmt.Errorf("start %s, end %s and Duration %s disagree in %s: import with TZ set to your Toggl profile's time zone",
		starts[0].In(loc).Format("2006-01-02 15:04:05"), ends[0].In(loc).Format("2006-01-02 15:04:05"), dur.text, loc)
}

// togglSpan is a Duration cell: its value, and how far the true length can
// be from it given the cell's precision (half its last decimal place for
// decimal hours: 18 s for 1.25; under a minute for H:MM).
type togglSpan struct {
	d, tolerance time.Duration
	text         string
}

// togglDuration reads Toggl's duration formats: classic HH:MM:SS (hours may
// exceed 24), H:MM, or decimal hours (1.25).
func togglDuration(s string) (togglSpan, error) {
	bad := fmt.Errorf("duration %q is not HH:MM:SS, H:MM or decimal hours", s)
	if !strings.Contains(s, ":") {
		h, err := strconv.ParseFloat(s, 64)
		// NaN compares false with everything, so it is named: it would
		// become whatever the float-to-int conversion makes of it.
		if err != nil || math.IsNaN(h) || h < 0 || h > 1e6 {
			return togglSpan{}, bad
		}
		// Half the last decimal place given: 1.25 is 1.245–1.255 h.
		tol := time.Hour / 2
		if i := strings.IndexByte(s, '.'); i >= 0 {
			for range len(s) - i - 1 {
				tol /= 10
			}
		}
		return togglSpan{time.Duration(h*3600+0.5) * time.Second, max(tol, time.Second), s}, nil
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return togglSpan{}, bad
	}
	var secs int64
	for i, p := range parts {
		n, err := strconv.ParseInt(p, 10, 64)
		// A sign anywhere ("-0:30") is a negative duration, not a zero hour.
		if err != nil || strings.ContainsAny(p, "+-") || n < 0 || (i > 0 && (n > 59 || len(p) != 2)) || n > 1e6 {
			return togglSpan{}, bad
		}
		secs = secs*60 + n
	}
	tol := time.Duration(0)
	if len(parts) == 2 {
		secs *= 60
		tol = 59 * time.Second
	}
	return togglSpan{time.Duration(secs) * time.Second, tol, s}, nil
}

func yesNoValue(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "yes", "true", "1":
		return true, nil
	case "no", "false", "0", "":
		return false, nil
	}
	return false, fmt.Errorf("billable %q is not Yes or No", s)
}

func splitTags(s string) []string {
	return nonEmpty(strings.Split(s, ","))
}

func csvLine(err error, fallback int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Line
	}
	return fallback
}

func csvProblem(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	if err == io.EOF {
		return "the file is empty"
	}
	return err.Error()
}
