package formats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
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
// that is not the client is kept as the first tag; Description becomes the
// note. A row with neither an end nor a duration is skipped as running.
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
	c := newCollector("toggl")
	for record := 1; ; record++ {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return ImportResult{}, fmt.Errorf("%s: line %d: %s", what, csvLine(err, line), csvProblem(err))
		}
		if err := togglRow(c, cols, row, record, opts); err != nil {
			return ImportResult{}, fmt.Errorf("%s: line %d: %w", what, line, err)
		}
	}
	return c.res, nil
}

func togglRow(c *collector, cols togglColumns, row []string, record int, opts ImportOptions) error {
	loc := opts.zone()
	start, err := togglTime(cols.get(row, "Start date"), cols.get(row, "Start time"), loc)
	if err != nil {
		return fmt.Errorf("start: %w", err)
	}
	var end time.Time
	switch endDate, endTime, dur := cols.get(row, "End date"), cols.get(row, "End time"), cols.get(row, "Duration"); {
	case endDate != "" || endTime != "":
		if end, err = togglTime(endDate, endTime, loc); err != nil {
			return fmt.Errorf("end: %w", err)
		}
	case dur != "":
		d, err := togglDuration(dur)
		if err != nil {
			return err
		}
		end = start.Add(d)
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
	c.add(e)
	return nil
}

// togglTime reads a YYYY-MM-DD date and an HH:MM:SS (or HH:MM) time.
func togglTime(date, clock string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, date+" "+clock, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q %q is not a date YYYY-MM-DD and a time HH:MM:SS", date, clock)
}

// togglDuration reads Toggl's duration formats: classic HH:MM:SS (hours may
// exceed 24), H:MM, or decimal hours (1.25).
func togglDuration(s string) (time.Duration, error) {
	bad := fmt.Errorf("duration %q is not HH:MM:SS, H:MM or decimal hours", s)
	if !strings.Contains(s, ":") {
		h, err := strconv.ParseFloat(s, 64)
		// NaN compares false with everything, so it is named: it would
		// become whatever the float-to-int conversion makes of it.
		if err != nil || math.IsNaN(h) || h < 0 || h > 1e6 {
			return 0, bad
		}
		return time.Duration(h*3600+0.5) * time.Second, nil
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, bad
	}
	var secs int64
	for i, p := range parts {
		n, err := strconv.ParseInt(p, 10, 64)
		// A sign anywhere ("-0:30") is a negative duration, not a zero hour.
		if err != nil || strings.ContainsAny(p, "+-") || n < 0 || (i > 0 && (n > 59 || len(p) != 2)) || n > 1e6 {
			return 0, bad
		}
		secs = secs*60 + n
	}
	if len(parts) == 2 {
		secs *= 60
	}
	return time.Duration(secs) * time.Second, nil
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
