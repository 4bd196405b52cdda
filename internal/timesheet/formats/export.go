package formats

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/timesheet"
)

// Format names an export format as `stint export --format` spells it.
type Format string

// The export formats.
const (
	FormatCSV      Format = "csv"
	FormatJSON     Format = "json"
	FormatToggl    Format = "toggl"
	FormatClockify Format = "clockify"
	FormatHarvest  Format = "harvest"
)

// ParseFormat validates an export format name.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case FormatCSV, FormatJSON, FormatToggl, FormatClockify, FormatHarvest:
		return f, nil
	}
	return "", fmt.Errorf("export format %q is unknown: use csv, json, toggl, clockify or harvest", s)
}

// ClientInfo is what an export shows of a client.
type ClientInfo struct {
	Name     string         // display name; the slug when empty
	Location *time.Location // the client's zone; ExportOptions.Location when nil
}

// ExportOptions carry what entries do not: who did the work and how clients
// are named and where they are.
type ExportOptions struct {
	Clients  map[string]ClientInfo // by client slug
	Location *time.Location        // zone for clients without one; UTC when nil
	// Zone is the zone Toggl Track and Clockify read an import file's times
	// in — the importing user's profile zone (`stint export --tz`). Their
	// dates and times are written in it; Location when nil.
	Zone *time.Location
	// Billed is each entry's billed seconds by ID, as the report of the
	// same range bills them: Harvest's Hours. An entry missing from it (or
	// a nil map, for tests of the writer alone) bills its worked seconds.
	Billed    map[int64]int64
	User      string // Toggl's User column
	Email     string // Toggl and Clockify's Email column
	FirstName string // Harvest
	LastName  string // Harvest
	Task      string // Harvest's required Task column; "General" when empty
}

func (o ExportOptions) name(slug string) string {
	if n := o.Clients[slug].Name; n != "" {
		return n
	}
	return slug
}

func (o ExportOptions) zone(slug string) *time.Location {
	if loc := o.Clients[slug].Location; loc != nil {
		return loc
	}
	if o.Location != nil {
		return o.Location
	}
	return time.UTC
}

// readerZone is where Toggl and Clockify read times.
func (o ExportOptions) readerZone() *time.Location {
	if o.Zone != nil {
		return o.Zone
	}
	if o.Location != nil {
		return o.Location
	}
	return time.UTC
}

// Write writes entries in the named format.
func Write(f Format, w io.Writer, entries []timesheet.Entry, opts ExportOptions) error {
	switch f {
	case FormatCSV:
		return WriteCSV(w, entries)
	case FormatJSON:
		return WriteJSON(w, entries)
	case FormatToggl:
		return WriteToggl(w, entries, opts)
	case FormatClockify:
		return WriteClockify(w, entries, opts)
	case FormatHarvest:
		return WriteHarvest(w, entries, opts)
	}
	_, err := ParseFormat(string(f))
	return err
}

// CSVHeader is the column order of stint's own CSV; it only ever grows at
// the end.
var CSVHeader = []string{"id", "client", "start", "end", "duration_seconds", "note", "tags", "billable", "source", "project"}

// TagSeparator joins tags in one CSV cell of stint's own CSV.
const TagSeparator = ";"

// WriteCSV writes every field of every entry, instants in RFC 3339 UTC. A
// running entry has an empty end and duration. The free-text cells (note,
// tags) go through spreadsheetText, so a spreadsheet that opens the file
// shows them instead of running them as formulas.
func WriteCSV(w io.Writer, entries []timesheet.Entry) error {
	cw := csv.NewWriter(w)
	rows := [][]string{CSVHeader}
	for _, e := range entries {
		end, dur := "", ""
		if e.End != nil {
			end = utc(*e.End)
			dur = strconv.FormatInt(e.Seconds(*e.End), 10)
		}
		rows = append(rows, []string{
			strconv.FormatInt(e.ID, 10), e.Client, utc(e.Start), end, dur, spreadsheetText(e.Note),
			spreadsheetText(strings.Join(e.Tags, TagSeparator)), strconv.FormatBool(e.Billable), string(e.Source),
			spreadsheetText(e.Project),
		})
	}
	return cw.WriteAll(rows)
}

// jsonEntry is an entry in stint's own JSON export.
type jsonEntry struct {
	ID              int64    `json:"id"`
	Client          string   `json:"client"`
	Start           string   `json:"start"`
	End             *string  `json:"end"`              // null while running
	DurationSeconds *int64   `json:"duration_seconds"` // null while running
	Note            string   `json:"note"`
	Tags            []string `json:"tags"`
	Billable        bool     `json:"billable"`
	Source          string   `json:"source"`
	Project         string   `json:"project"` // "" none
}

// WriteJSON writes every field of every entry as one indented JSON array.
func WriteJSON(w io.Writer, entries []timesheet.Entry) error {
	out := make([]jsonEntry, 0, len(entries))
	for _, e := range entries {
		j := jsonEntry{ID: e.ID, Client: e.Client, Start: utc(e.Start), Note: e.Note,
			Tags: e.Tags, Billable: e.Billable, Source: string(e.Source), Project: e.Project}
		if j.Tags == nil {
			j.Tags = []string{}
		}
		if e.End != nil {
			end, secs := utc(*e.End), e.Seconds(*e.End)
			j.End, j.DurationSeconds = &end, &secs
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// spreadsheetText keeps a cell text when a spreadsheet opens the file: one
// that starts with what Excel, LibreOffice or Google Sheets take for a
// formula (=, +, -, @) or with a tab or carriage return (which some of them
// skip before looking) gets a leading apostrophe, the spreadsheets' own
// mark for "text" (OWASP's advice on CSV injection). Only stint's own CSV
// does this: the Toggl, Clockify and Harvest files go to importers, which
// would keep the apostrophe.
func spreadsheetText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
