package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// harvestAPIEntry is one time entry of Harvest's API v2
// (GET /v2/time_entries), the fields stint reads.
type harvestAPIEntry struct {
	ID          json.Number `json:"id"`
	SpentDate   string      `json:"spent_date"`
	Hours       json.Number `json:"hours"`
	Notes       *string     `json:"notes"`
	StartedTime *string     `json:"started_time"`
	EndedTime   *string     `json:"ended_time"`
	IsRunning   bool        `json:"is_running"`
	Billable    bool        `json:"billable"`
	User        harvestName `json:"user"`
	Client      harvestName `json:"client"`
	Project     harvestName `json:"project"`
	Task        harvestName `json:"task"`
}

type harvestName struct {
	Name string `json:"name"`
	Code string `json:"code"` // a project's
}

// harvestAPIColumns lays an API entry out as a detailed export's row, so
// that both are read by the one harvestRead.
var harvestAPIColumns = togglColumns{"date": 0, "client": 1, "project": 2, "project code": 3, "task": 4, "notes": 5,
	"hours": 6, "billable?": 7, "first name": 8, "started time": 9, "ended time": 10}

// harvestAPIHint is how to get a file of time entries out of Harvest's API.
const harvestAPIHint = "save the pages of Harvest's GET /v2/time_entries one after another, or export the Detailed time report as CSV"

// importHarvestAPI reads what Harvest's API v2 returns for time entries:
// one or more pages ({"time_entries": [...], ...}) one after another, as
// a loop over the pages appends them to a file, or a JSON array of time
// entries. Entries are read as the CSV's rows are (harvestRead), with
// started_time/ended_time as the times, and is_running entries left out.
// The API gives each entry an id that outlives edits: it is the entry's
// Key ("harvest:id:636709355"), so an entry changed in Harvest since an
// import is applied to its stint entry as an edit, as Watson's frames are.
func importHarvestAPI(data []byte, opts ImportOptions) (ImportResult, error) {
	const what = "harvest json"
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	h := newHarvestRows(what, opts)
	record := 0
	for page := 1; ; page++ {
		var doc json.RawMessage
		if err := dec.Decode(&doc); err == io.EOF {
			break
		} else if err != nil {
			at := dec.InputOffset()
			var se *json.SyntaxError
			if errors.As(err, &se) {
				at += se.Offset // counted from the value's start
			}
			return ImportResult{}, fmt.Errorf("%s: line %d: not valid JSON: %s", what, lineAt(data, at), jsonProblem(err))
		}
		var entries []harvestAPIEntry
		var err error
		if firstByte(doc) == '[' {
			err = strictJSON(doc, &entries)
		} else {
			var p struct {
				TimeEntries *[]harvestAPIEntry `json:"time_entries"`
			}
			if err = strictJSON(doc, &p); err == nil && p.TimeEntries == nil {
				err = errors.New("it has no time_entries")
			}
			if p.TimeEntries != nil {
				entries = *p.TimeEntries
			}
		}
		if err != nil {
			return ImportResult{}, fmt.Errorf("%s: page %d: %s: %s", what, page, err, harvestAPIHint)
		}
		for _, e := range entries {
			record++
			where := fmt.Sprintf("time entry %d (id %s)", record, e.ID)
			if e.ID == "" {
				return ImportResult{}, fmt.Errorf("%s: time entry %d: it has no id: %s", what, record, harvestAPIHint)
			}
			if e.IsRunning {
				h.c.skip(record, fmt.Sprintf("a timer still running (id %s): stop it in Harvest, then fetch again", e.ID))
				continue
			}
			billable := "No"
			if e.Billable {
				billable = "Yes"
			}
			cells := []string{e.SpentDate, e.Client.Name, e.Project.Name, e.Project.Code, e.Task.Name, deref(e.Notes),
				e.Hours.String(), billable, e.User.Name, deref(e.StartedTime), deref(e.EndedTime)}
			row, err := h.read(harvestAPIColumns, cells, "Started Time", "Ended Time", record, where)
			if err != nil {
				return ImportResult{}, err
			}
			if row.skipped {
				continue
			}
			row.entry.Key = "harvest:id:" + e.ID.String()
			revision := fingerprint("harvest", time.Time{}, time.Time{}, row.cells...)
			row.entry.ExternalID = row.entry.Key + "@" + strings.TrimPrefix(revision, "harvest:")
		}
	}
	return h.finish()
}

// strictJSON decodes doc into v, numbers kept as written.
func strictJSON(doc []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("it is not what Harvest's API returns (%s)", jsonProblem(err))
	}
	return nil
}

// jsonProblem names what encoding/json found wrong, without its offsets.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q should be a %s", te.Field, te.Type)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// firstByte is the first byte of data that is not white space, 0 if none.
func firstByte(data []byte) byte {
	if rest := bytes.TrimSpace(data); len(rest) > 0 {
		return rest[0]
	}
	return 0
}
