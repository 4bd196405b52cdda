package formats

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stint-sh/stint/internal/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// describe renders an import result line by line for a golden file.
func describe(res ImportResult) string {
	var b strings.Builder
	entry := func(kind string, e ImportedEntry) {
		fmt.Fprintf(&b, "%s record %d: %s %s–%s %ds client=%q project=%q tags=%q note=%q billable=%t id=%s",
			kind, e.Record, e.Start.Format("2006-01-02"), e.Start.Format("15:04:05Z"), e.End.Format("15:04:05Z"), e.Seconds(),
			e.Client, e.Project, e.Tags, e.Note, e.Billable, e.ExternalID)
		if e.Problem != "" {
			fmt.Fprintf(&b, " problem=%q", e.Problem)
		}
		b.WriteString("\n")
	}
	for _, e := range res.Entries {
		entry("entry", e)
	}
	for _, e := range res.Unmapped {
		entry("unmapped", e)
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(&b, "skipped record %d: %s\n", s.Record, s.Reason)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	return b.String()
}

// zones gives acme Berlin's zone and globex New York's, as stint's clients
// may have.
func zones(t *testing.T) func(string) *time.Location {
	berlin, newYork := zone(t, "Europe/Berlin"), zone(t, "America/New_York")
	return func(c string) *time.Location {
		return map[string]*time.Location{"acme": berlin, "globex": newYork}[c]
	}
}

func TestImportHarvestGoldens(t *testing.T) {
	for _, c := range []struct{ in, golden string }{
		{"harvest_detailed.csv", "harvest_detailed.golden"},
		{"harvest_timestamps.csv", "harvest_timestamps.golden"},
	} {
		t.Run(c.in, func(t *testing.T) {
			res := importFile(t, "harvest", c.in, ImportOptions{Resolve: resolver, Location: zone(t, "Europe/Berlin"), Zone: zones(t),
				Now: at("2024-06-01T12:00:00Z")})
			golden.Assert(t, filepath.Join("testdata", c.golden), describe(res))
		})
	}
}

// The detailed export without times (Harvest's default): each date's rows
// end to end from 09:00 in the client's zone, in file order, across
// clients; the rows of one date never overlap.
func TestImportHarvestDetailedExport(t *testing.T) {
	res := importFile(t, "harvest", "harvest_detailed.csv", ImportOptions{Resolve: resolver, Location: zone(t, "Europe/Berlin"), Zone: zones(t)})
	require.Len(t, res.Entries, 6)
	up, standup, globex := res.Entries[0], res.Entries[1], res.Entries[2]
	assert.Equal(t, "acme", up.Client)
	assert.Equal(t, at("2024-04-02T07:00:00Z"), up.Start, "09:00 in Berlin")
	assert.Equal(t, int64(9000), up.Seconds())
	assert.Equal(t, "Platform upgrade", up.Project)
	assert.Equal(t, []string{"Development"}, up.Tags, "the task is a tag")
	assert.Equal(t, "Upgrade cluster, part 1", up.Note)
	assert.True(t, up.Billable)
	assert.Equal(t, up.End, standup.Start, "end to end")
	assert.Equal(t, "globex", globex.Client, "matched by display name")
	assert.Empty(t, globex.Project, "the project is the client")
	assert.False(t, globex.Billable)
	assert.Equal(t, at("2024-04-02T13:00:00Z"), globex.Start, "09:00 in New York comes after acme's morning")
	assert.Equal(t, int64(1188), res.Entries[3].Seconds(), "0.33 h exactly")
	assert.NotEqual(t, res.Entries[4].ExternalID, res.Entries[5].ExternalID, "two identical rows are two entries")
	assert.Equal(t, res.Entries[4].End, res.Entries[5].Start)
	require.Len(t, res.Unmapped, 1)
	assert.Equal(t, []string{"Umbrella", "Research"}, res.Unmapped[0].Names)
	assert.Equal(t, []Skipped{{5, "0 hours: no time to import"}}, res.Skipped)
	require.Len(t, res.Notes, 1)
	assert.Contains(t, res.Notes[0], "Harvest gives no start and end time for 7 rows")
}

// The IDs come from the file's own cells: the same with --client, and the
// same for the old rows of a newer export that placed them elsewhere.
func TestImportHarvestIDsOutliveMappingAndPlacement(t *testing.T) {
	opts := ImportOptions{Resolve: resolver, Location: time.UTC}
	mapped := importFile(t, "harvest", "harvest_detailed.csv", opts)
	forced := importFile(t, "harvest", "harvest_detailed.csv", ImportOptions{Client: "initech", Location: time.UTC})
	ids := map[string]bool{}
	for _, e := range forced.Entries {
		ids[e.ExternalID] = true
	}
	for _, e := range append(mapped.Entries, mapped.Unmapped...) {
		assert.True(t, ids[e.ExternalID], "record %d keeps its ID with --client", e.Record)
	}
	assert.Equal(t, mapped, importFile(t, "harvest", "harvest_detailed.csv", opts), "a re-import reads the same")

	data, err := os.ReadFile(filepath.Join("testdata", "harvest_detailed.csv"))
	require.NoError(t, err)
	header, rest, _ := strings.Cut(string(data), "\n")
	earlier := "2024-04-02,Acme Corp,Platform upgrade,ACME-7,Support,Pager,1.0,1.0,Yes,No,No,Dana,Doe,,,,Yes,150.0,150.0,0.0,0.0,US Dollar - USD,\n"
	newer, err := ImportHarvest(strings.NewReader(header+"\n"+earlier+rest), opts)
	require.NoError(t, err)
	newIDs := map[string]bool{}
	for _, e := range append(newer.Entries, newer.Unmapped...) {
		newIDs[e.ExternalID] = true
	}
	for _, e := range append(mapped.Entries, mapped.Unmapped...) {
		assert.True(t, newIDs[e.ExternalID], "record %d keeps its ID when a row before it moves it", e.Record)
	}
}

// Hours are read as the decimal fraction they are, never through a float.
func TestHarvestHoursAreExact(t *testing.T) {
	for _, c := range []struct {
		in   string
		secs int64
	}{
		{"0.01", 36}, {"0.33", 1188}, {"1.005", 3618}, {"23.99", 86364}, {"2.5", 9000}, {"2.50", 9000},
		{"0.1", 360}, {"0.07", 252}, {"8", 28800}, {".5", 1800}, {"3.", 10800}, {"0.3333", 1200}, {"0.33333333333333333333", 1200},
		{"0.00013", 0}, {"0.00014", 1}, {"0.000138888", 0}, {"0.0001388889", 1}, {"1000000", 3_600_000_000},
		{"1:30", 5400}, {"0:05", 300}, {"10:00", 36000}, {"1:30:15", 5415}, {"0", 0}, {"0.00", 0},
	} {
		h, err := harvestHoursOf(c.in)
		require.NoError(t, err, c.in)
		assert.Equal(t, c.secs, h.seconds, c.in)
	}
	for _, bad := range []string{"", ".", "1,5", "1,000.5", "-1", "+1", "1e2", "NaN", "Inf", "0x10", "1.2.3", "1:60", "1:5", "1::30", "-0:30",
		"1:30:5", "1 h", " 1.5", "1000000.01", "12345678", "1." + strings.Repeat("0", 31), "٣.٥"} {
		_, err := harvestHoursOf(bad)
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), fmt.Sprintf("hours %q is not decimal hours like 1.25", bad))
	}
}

func TestHarvestDatesAndClocks(t *testing.T) {
	for _, in := range []string{"2024-04-02", "4/2/2024", "04/02/2024"} {
		d, err := harvestDate(in)
		require.NoError(t, err, in)
		assert.Equal(t, "2024-04-02", d.Format(time.DateOnly), in)
	}
	for _, bad := range []string{"02.04.2024", "2024-13-01", "2024-02-30", "13/2/2024", "", "yesterday"} {
		_, err := harvestDate(bad)
		assert.Error(t, err, bad)
	}
	for in, want := range map[string]string{"9:00am": "09:00:00", "9:00 AM": "09:00:00", "12:15am": "00:15:00", "12:00pm": "12:00:00",
		"5:30 pm": "17:30:00", "17:30": "17:30:00", "09:05": "09:05:00", "9:05:30am": "09:05:30", "": ""} {
		got, err := harvestClock(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"25:00", "9am", "13:00pm", "noon", "9.30"} {
		_, err := harvestClock(bad)
		assert.Error(t, err, bad)
	}
}

// Every header pair Harvest's files name the times under is read.
func TestHarvestTimeColumns(t *testing.T) {
	for _, pair := range harvestTimeColumns {
		in := fmt.Sprintf("Date,Client,Hours,%s,%s\n2024-04-08,acme,1.0,09:00,10:00\n", strings.ToLower(pair[0]), pair[1])
		res, err := ImportHarvest(strings.NewReader(in), ImportOptions{Resolve: resolver})
		require.NoError(t, err, pair)
		require.Len(t, res.Entries, 1)
		assert.Equal(t, at("2024-04-08T09:00:00Z"), res.Entries[0].Start, pair)
		assert.Empty(t, res.Notes, "no row was placed")
	}
}

// Where rows without times go, rule by rule.
func TestHarvestPlacement(t *testing.T) {
	const head = "Date,Client,Hours,Start Time,End Time\n"
	berlin := zone(t, "Europe/Berlin")
	for _, c := range []struct {
		name, rows string
		now        string
		want       []string // start/end of each entry, UTC
	}{
		{"end to end from nine", "2024-04-02,acme,1.5,,\n2024-04-02,acme,0.5,,\n",
			"", []string{"2024-04-02T07:00:00Z/2024-04-02T08:30:00Z", "2024-04-02T08:30:00Z/2024-04-02T09:00:00Z"}},
		{"each date from nine", "2024-04-02,acme,1,,\n2024-04-03,acme,1,,\n",
			"", []string{"2024-04-02T07:00:00Z/2024-04-02T08:00:00Z", "2024-04-03T07:00:00Z/2024-04-03T08:00:00Z"}},
		{"around the rows with times", "2024-04-02,acme,2,,\n2024-04-02,acme,1,09:30,10:30\n2024-04-02,acme,1,,\n",
			"", []string{"2024-04-02T08:30:00Z/2024-04-02T10:30:00Z", "2024-04-02T07:30:00Z/2024-04-02T08:30:00Z", "2024-04-02T10:30:00Z/2024-04-02T11:30:00Z"}},
		{"a long day starts early to end by midnight", "2024-04-02,acme,10,,\n2024-04-02,acme,8,,\n",
			"", []string{"2024-04-02T04:00:00Z/2024-04-02T14:00:00Z", "2024-04-02T14:00:00Z/2024-04-02T22:00:00Z"}},
		{"a whole day", "2024-04-02,acme,24,,\n", "", []string{"2024-04-01T22:00:00Z/2024-04-02T22:00:00Z"}},
		{"the short day of spring forward", "2024-03-31,acme,23,,\n", "", []string{"2024-03-30T23:00:00Z/2024-03-31T22:00:00Z"}},
		{"nine on the long day of fall back", "2024-10-27,acme,2,,\n", "", []string{"2024-10-27T08:00:00Z/2024-10-27T10:00:00Z"}},
		{"today ends by now", "2024-04-02,acme,3,,\n", "2024-04-02T09:00:00Z", []string{"2024-04-02T06:00:00Z/2024-04-02T09:00:00Z"}},
		{"today before nine", "2024-04-02,acme,0.5,,\n", "2024-04-02T08:00:00Z", []string{"2024-04-02T07:00:00Z/2024-04-02T07:30:00Z"}},
		{"times in the import's zone, placement in the client's", "2024-04-02,globex,1,09:00,10:00\n2024-04-02,globex,1,,\n",
			"", []string{"2024-04-02T07:00:00Z/2024-04-02T08:00:00Z", "2024-04-02T13:00:00Z/2024-04-02T14:00:00Z"}},
		{"clients in other zones share the day", "2024-04-02,acme,8,,\n2024-04-02,globex,2,,\n",
			"", []string{"2024-04-02T07:00:00Z/2024-04-02T15:00:00Z", "2024-04-02T15:00:00Z/2024-04-02T17:00:00Z"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := ImportOptions{Resolve: resolver, Location: berlin, Zone: zones(t)}
			if c.now != "" {
				opts.Now = at(c.now)
			}
			res, err := ImportHarvest(strings.NewReader(head+c.rows), opts)
			require.NoError(t, err)
			var got []string
			for _, e := range res.Entries {
				got = append(got, e.Start.Format(time.RFC3339)+"/"+e.End.Format(time.RFC3339))
			}
			assert.Equal(t, c.want, got)
		})
	}
}

// A malformed or implausible file is refused whole, naming the line.
func TestHarvestRefusals(t *testing.T) {
	const head = "Date,Client,Project,Task,Notes,Hours,Billable?,First Name,Last Name,Started At,Ended At\n"
	const ok = "2024-04-02,Acme Corp,Web,Dev,fine,1.0,Yes,Dana,Doe,,\n"
	for _, c := range []struct{ name, in, want string }{
		{"empty", "", "harvest csv: line 1: cannot read the header: the file is empty"},
		{"a Toggl file", "Start date,Start time,Duration\n2024-01-01,09:00:00,01:00:00\n", "harvest csv: line 1: the header needs Date and Hours, as the CSV export of Harvest's Detailed time report has"},
		{"bad date", head + ok + "02.04.2024,Acme Corp,Web,Dev,,1.0,Yes,Dana,Doe,,\n", `harvest csv: line 3: date "02.04.2024" is not YYYY-MM-DD (or M/D/YYYY)`},
		{"decimal comma", head + ok + "2024-04-02,Acme Corp,Web,Dev,,\"1,5\",Yes,Dana,Doe,,\n", `harvest csv: line 3: hours "1,5" is not decimal hours like 1.25 (or H:MM like 1:15)`},
		{"negative hours", head + "2024-04-02,Acme Corp,Web,Dev,,-1.0,Yes,Dana,Doe,,\n", `line 2: hours "-1.0" is not decimal hours`},
		{"billable maybe", head + "2024-04-02,Acme Corp,Web,Dev,,1.0,Maybe,Dana,Doe,,\n", `line 2: billable "Maybe" is not Yes or No`},
		{"bad time", head + "2024-04-02,Acme Corp,Web,Dev,,1.0,Yes,Dana,Doe,nine,10:00am\n", `line 2: Started At: time "nine" is not a time of day like 9:00am or 17:30`},
		{"end without start", head + "2024-04-02,Acme Corp,Web,Dev,,1.0,Yes,Dana,Doe,,10:00am\n", "line 2: Ended At 10:00 without Started At: give both times or neither"},
		{"times and hours disagree", head + "2024-04-02,Acme Corp,Web,Dev,,2.0,Yes,Dana,Doe,9:00am,10:00am\n",
			"harvest csv: line 2: start 09:00, end 10:00 and Hours 2.0 disagree in UTC: import with TZ set to your Harvest profile's time zone, or fix the row in Harvest"},
		{"two people", head + ok + "2024-04-02,Acme Corp,Web,Dev,,1.0,Yes,Sam,Roe,,\n",
			"harvest csv: line 3: the file holds the time of 2 people (Dana Doe, Sam Roe): stint keeps one person's time — filter Harvest's Detailed time report by your name (Team) before exporting"},
		{"more than a day", head + ok + "2024-04-02,Acme Corp,Web,Dev,,23.5,Yes,Dana,Doe,,\n",
			"harvest csv: line 2: the rows dated 2024-04-02 without start and end times add up to 24h30m, more than the 24h00m that day has in UTC: fix them in Harvest"},
		{"in the future", head + "2024-06-02,Acme Corp,Web,Dev,,1.0,Yes,Dana,Doe,,\n", "harvest csv: line 2: it is dated 2024-06-02, and its 1.0 hours do not fit before now (2024-06-01T12:00:00Z): import work that has ended"},
		{"times in the future", head + "2024-06-01,Acme Corp,Web,Dev,,1.0,Yes,Dana,Doe,1:00pm,2:00pm\n", "harvest csv: line 2: it ends in the future (2024-06-01T14:00:00Z): import work that has ended"},
		{"longer than the bound", head + "2024-04-02,Acme Corp,Web,Dev,,12.0,Yes,Dana,Doe,8:00am,8:00pm\n", "line 2: it lasts 12h00m, longer than the 10h00m an import takes"},
		{"open quote", head + ok + "2024-04-02,Acme Corp,Web,Dev,\"open,1.0,Yes,Dana,Doe,,\n", "harvest csv: line 3:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Import("harvest", strings.NewReader(c.in), ImportOptions{Resolve: resolver, Now: at("2024-06-01T12:00:00Z"), MaxSpan: 10 * time.Hour})
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.NotContains(t, err.Error(), "\n", "one line")
			assert.Empty(t, res.Entries, "nothing is imported from a refused file")
		})
	}
}

// What `stint export --format harvest` writes imports back on the same
// dates with the same hours (to the hundredth it keeps), notes and projects.
func TestHarvestExportRoundTrip(t *testing.T) {
	var b strings.Builder
	opts := sampleOptions(t)
	opts.Billed = nil // worked hours, as for a non-billable entry
	require.NoError(t, WriteHarvest(&b, sampleEntries(), opts))
	zoneOf := func(c string) *time.Location { return opts.Clients[c].Location }
	back := ImportOptions{Resolve: func(name string) (string, bool) {
		for slug, c := range opts.Clients {
			if strings.EqualFold(name, c.Name) || name == slug {
				return slug, true
			}
		}
		return "", false
	}, Zone: zoneOf, MaxSpan: 48 * time.Hour}
	_, err := ImportHarvest(strings.NewReader(b.String()), back)
	require.Error(t, err, "initech's 25 hours do not fit its day")
	assert.Contains(t, err.Error(), "line 5: the rows dated 2024-04-03 without start and end times add up to 25h00m")

	b.Reset()
	ended := sampleEntries()[:2]
	require.NoError(t, WriteHarvest(&b, ended, opts))
	res, err := ImportHarvest(strings.NewReader(b.String()), back)
	require.NoError(t, err)
	require.Len(t, res.Entries, 2)
	for i, e := range ended {
		got := res.Entries[i]
		loc := opts.Clients[e.Client].Location
		assert.Equal(t, e.Client, got.Client)
		assert.Equal(t, e.Start.In(loc).Format(time.DateOnly), got.Start.In(loc).Format(time.DateOnly), "the Harvest date, in the client's zone")
		assert.InDelta(t, e.Seconds(*e.End), got.Seconds(), 18, "to the hundredth of an hour")
		assert.Equal(t, e.Note, got.Note)
		assert.Equal(t, e.Project, got.Project)
		assert.Equal(t, []string{"General"}, got.Tags, "the Task column")
	}
}

// FuzzImportHarvest: any file is read or refused in one line, never
// panics, and what is read keeps the rules: no entry ends before it starts,
// in the future or past the bound.
func FuzzImportHarvest(f *testing.F) {
	for _, name := range []string{"harvest_detailed.csv", "harvest_timestamps.csv", "export_harvest.csv", "harvest_api.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte("Date,Hours,Client\n2024-01-01,1:30,acme\n4/2/2024,0.005,globex\n"))
	f.Add([]byte(`[{"id": 1, "spent_date": "2024-04-08", "hours": 1.0, "client": {"name": "acme"}, "started_time": "9:00am", "ended_time": "10:00am"}]`))
	now := at("2024-06-01T12:00:00Z")
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ImportHarvest(strings.NewReader(string(data)), ImportOptions{Resolve: resolver, Location: zone(t, "Europe/Berlin"), Zone: zones(t), Now: now})
		if err != nil {
			assert.NotContains(t, err.Error(), "\n")
			assert.True(t, strings.HasPrefix(err.Error(), "harvest csv: ") || strings.HasPrefix(err.Error(), "harvest json: "), err.Error())
			return
		}
		for _, e := range append(res.Entries, res.Unmapped...) {
			assert.False(t, e.End.Before(e.Start))
			assert.False(t, e.End.After(now))
			assert.LessOrEqual(t, e.Seconds(), int64(DefaultMaxSpan/time.Second))
			assert.True(t, strings.HasPrefix(e.ExternalID, "harvest:"))
		}
	})
}
