package formats

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// resolver knows three stint clients by slug and display name.
func resolver(name string) (string, bool) {
	known := map[string]string{"acme": "acme", "acme corp": "acme", "globex": "globex", "globex, inc.": "globex"}
	c, ok := known[strings.ToLower(name)]
	return c, ok
}

func importFile(t *testing.T, format, name string, opts ImportOptions) ImportResult {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer f.Close()
	res, err := Import(format, f, opts)
	require.NoError(t, err)
	return res
}

func TestImportTimewarrior(t *testing.T) {
	res := importFile(t, "timewarrior", "timew_export.json", ImportOptions{Resolve: resolver})
	require.Len(t, res.Entries, 2)
	a, g := res.Entries[0], res.Entries[1]
	assert.Equal(t, "acme", a.Client)
	assert.Equal(t, []string{"code review"}, a.Tags)
	assert.Equal(t, at("2024-01-01T09:00:00Z"), a.Start)
	assert.Equal(t, int64(5400), a.Seconds())
	assert.True(t, a.Billable)
	assert.Equal(t, "globex", g.Client)
	assert.Equal(t, `say "hi", ok`, g.Note)
	assert.Empty(t, g.Tags)

	require.Len(t, res.Unmapped, 2)
	assert.Equal(t, 3, res.Unmapped[0].Record)
	assert.Contains(t, res.Unmapped[0].Problem, "no name matches a stint client: lunch")
	assert.Contains(t, res.Unmapped[1].Problem, "more than one client: acme, globex")

	require.Len(t, res.Skipped, 1)
	assert.Equal(t, 5, res.Skipped[0].Record)
	assert.Contains(t, res.Skipped[0].Reason, "still open")
}

func TestImportOverrideClientKeepsTheSameExternalIDs(t *testing.T) {
	mapped := importFile(t, "timew", "timew_export.json", ImportOptions{Resolve: resolver})
	forced := importFile(t, "timew", "timew_export.json", ImportOptions{Resolve: resolver, Client: "initech"})
	require.Len(t, forced.Entries, 4)
	assert.Empty(t, forced.Unmapped)
	ids := map[string]bool{}
	for _, e := range forced.Entries {
		assert.Equal(t, "initech", e.Client)
		ids[e.ExternalID] = true
	}
	assert.Equal(t, []string{"acme", "code review"}, forced.Entries[0].Tags, "with --client the names stay as tags")
	for _, e := range append(mapped.Entries, mapped.Unmapped...) {
		assert.True(t, ids[e.ExternalID], "record %d keeps its ID", e.Record)
		assert.True(t, strings.HasPrefix(e.ExternalID, "timew:"))
	}
	again := importFile(t, "timew", "timew_export.json", ImportOptions{Resolve: resolver})
	assert.Equal(t, mapped, again, "a re-import reads the same")
}

func TestImportRepeatedIntervalOnce(t *testing.T) {
	in := `[{"id":1,"start":"20240101T090000Z","end":"20240101T100000Z","tags":["acme"]},
{"id":2,"start":"20240101T090000Z","end":"20240101T100000Z","tags":["acme"]}]`
	res, err := ImportTimewarrior(strings.NewReader(in), ImportOptions{Resolve: resolver})
	require.NoError(t, err)
	assert.Len(t, res.Entries, 1)
	assert.Equal(t, []Skipped{{2, "same interval as record 1"}}, res.Skipped)
}

func TestImportWatson(t *testing.T) {
	res := importFile(t, "watson", "watson_log.json", ImportOptions{Resolve: resolver})
	require.Len(t, res.Entries, 2)
	a, g := res.Entries[0], res.Entries[1]
	assert.Equal(t, "acme", a.Client)
	assert.Equal(t, at("2024-01-01T09:00:00Z"), a.Start)
	assert.Equal(t, []string{"deploy"}, a.Tags)
	assert.Equal(t, "watson:a3f1c9e2b7d84e0f9c1a2b3c4d5e6f70", a.Key)
	assert.True(t, strings.HasPrefix(a.ExternalID, a.Key+"@"), "the ID is the frame's and its version's")
	assert.Equal(t, "globex", g.Client, "a tag names the client when the project does not")
	assert.Equal(t, []string{"website", "css"}, g.Tags)
	assert.Equal(t, at("2024-01-02T14:00:00Z"), g.Start, "sub-second parts are dropped")
	assert.Equal(t, int64(2700), g.Seconds())
	require.Len(t, res.Unmapped, 1)
	assert.Equal(t, []string{"hobby"}, res.Unmapped[0].Names)
}

func TestImportTogglDetailedExport(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	res := importFile(t, "toggl", "toggl_detailed.csv", ImportOptions{Resolve: resolver, Location: berlin})
	require.Len(t, res.Entries, 2)
	a, g := res.Entries[0], res.Entries[1]
	assert.Equal(t, "acme", a.Client)
	assert.Equal(t, at("2024-03-30T22:30:00Z"), a.Start)
	assert.Equal(t, at("2024-03-31T01:15:00Z"), a.End, "the end crosses the spring-forward change")
	assert.Equal(t, "Upgrade cluster, part 1", a.Note)
	assert.Equal(t, []string{"k8s", "ops"}, a.Tags)
	assert.Equal(t, "Platform", a.Project, "a project that is not the client is the entry's project")
	assert.True(t, a.Billable)
	assert.Equal(t, "globex", g.Client)
	assert.False(t, g.Billable)
	assert.Empty(t, g.Tags)
	assert.Empty(t, g.Project, "the project named the client")
	require.Len(t, res.Unmapped, 1)
	assert.Equal(t, 3, res.Unmapped[0].Record)
	assert.Empty(t, res.Unmapped[0].Project)
}

func TestImportTogglImportLayoutUsesDurations(t *testing.T) {
	res := importFile(t, "toggl", "toggl_import_layout.csv", ImportOptions{Resolve: resolver})
	require.Len(t, res.Entries, 2)
	assert.Equal(t, int64(5400), res.Entries[0].Seconds())
	assert.Equal(t, int64(4500), res.Entries[1].Seconds(), "decimal hours")
	assert.Empty(t, res.Entries[1].Tags, "a tag naming the client is dropped")
}

// Our own Toggl export must import back to the same intervals.
func TestTogglExportRoundTrip(t *testing.T) {
	var b strings.Builder
	opts := sampleOptions(t)
	require.NoError(t, WriteToggl(&b, sampleEntries(), opts))
	res, err := ImportToggl(strings.NewReader(b.String()), ImportOptions{Client: "acme", MaxSpan: 48 * time.Hour, Location: opts.Zone})
	require.NoError(t, err)
	ended := sampleEntries()[:3]
	require.Len(t, res.Entries, len(ended))
	for i, e := range ended {
		assert.True(t, e.Start.Equal(res.Entries[i].Start))
		assert.True(t, e.End.Equal(res.Entries[i].End))
		assert.Equal(t, e.Note, res.Entries[i].Note)
		assert.Equal(t, e.Billable, res.Entries[i].Billable)
		assert.Equal(t, e.Project, res.Entries[i].Project, "the project comes back; the client's name in its place is none")
	}
}

// Which Project cells become the entry's project, and which stay labels.
func TestTogglProjectColumnMapsToProjects(t *testing.T) {
	for _, tc := range []struct {
		name, client, project, tags string
		opts                        ImportOptions
		wantProject                 string
		wantTags                    []string
	}{
		{"another project under a named client", "Acme Corp", "Platform", "ops", ImportOptions{Resolve: resolver}, "Platform", []string{"ops"}},
		{"the project names the client", "", "acme", "ops", ImportOptions{Resolve: resolver}, "", []string{"ops"}},
		{"the project is the Client column", "Acme Corp", "Acme Corp", "", ImportOptions{Resolve: resolver}, "", nil},
		{"with --client", "", "Platform", "", ImportOptions{Client: "acme"}, "Platform", []string{}},
		{"surrounding spaces go", "Acme Corp", " Platform ", "", ImportOptions{Resolve: resolver}, "Platform", []string{}},
		{"a name stint refuses stays a tag", "Acme Corp", strings.Repeat("p", 81), "", ImportOptions{Resolve: resolver}, "", []string{strings.Repeat("p", 81)}},
		{"no project", "Acme Corp", "", "ops", ImportOptions{Resolve: resolver}, "", []string{"ops"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := "Client,Project,Description,Start date,Start time,Duration,Tags\n" +
				fmt.Sprintf("%q,%q,work,2024-01-01,09:00:00,01:00:00,%q\n", tc.client, tc.project, tc.tags)
			tc.opts.Location = time.UTC
			res, err := ImportToggl(strings.NewReader(in), tc.opts)
			require.NoError(t, err)
			require.Len(t, res.Entries, 1, "%+v", res)
			assert.Equal(t, tc.wantProject, res.Entries[0].Project)
			if len(tc.wantTags) == 0 {
				assert.Empty(t, res.Entries[0].Tags)
			} else {
				assert.Equal(t, tc.wantTags, res.Entries[0].Tags)
			}
		})
	}
}

func TestMalformedFilesAreRefusedWhole(t *testing.T) {
	cases := []struct {
		format, in, want string
	}{
		{"timewarrior", `{"id":1}`, "timewarrior export: line 1: the file is not a JSON array"},
		{"timewarrior", "[\n{\"id\":1,\"start\":\"20240101T090000Z\",\"end\":\"20240101T100000Z\"},\n{\"id\":2,\"start\":\"2024-01-01\",\"end\":\"20240101T100000Z\"}\n]",
			"timewarrior export: record 2 (line 3): start \"2024-01-01\" is not a Timewarrior time"},
		{"timewarrior", "[\n{\"start\":\"20240101T100000Z\",\"end\":\"20240101T090000Z\"}]", "record 1 (line 2): it ends (2024-01-01T09:00:00Z) before it starts (2024-01-01T10:00:00Z)"},
		{"timewarrior", "[\n{\"start\":\"20240101T090000Z\",\"end\":\"20240101T100000Z\"},\n{\"start\": 5}]", "record 2 (line 3): field \"start\" should be a string"},
		{"timewarrior", "[\n{\"start\":\"20240101T090000Z\",\"end\":\"20240101T100000Z\"},\n{\"start\" \"x\"}]", "record 2 (line 3): not valid JSON"},
		{"timewarrior", "[\n{\"start\":\"20240101T090000Z\",\"end\":\"20240101T100000Z\"},\n", "record 2"},
		{"timewarrior", "[] []", "unexpected data after the array"},
		{"watson", "[\n{\"id\":\"x\",\"project\":\"acme\",\"start\":\"yesterday\",\"stop\":\"2024-01-01T10:00:00Z\"}]", "watson log: record 1 (line 2): start \"yesterday\""},
		{"watson", "[{\"id\":\"x\",\"project\":\"\",\"start\":\"2024-01-01T09:00:00Z\",\"stop\":\"2024-01-01T10:00:00Z\"}]", "frame has no project"},
		{"toggl", "", "toggl csv: line 1: cannot read the header: the file is empty"},
		{"toggl", "User,Email,Description\nx,y,z\n", "the header needs Start date, Start time and Duration"},
		{"toggl", "Start date,Start time,Duration\n2024-01-01,09:00:00,01:00:00\n2024-01-01,10:00:00,1h\n", "toggl csv: line 3: duration \"1h\""},
		{"toggl", "Start date,Start time,Duration\n2024-01-01,09:00:00,01:00:00\n01/02/2024,10:00:00,01:00:00\n", "toggl csv: line 3: start: \"01/02/2024\""},
		{"toggl", "Start date,Start time,Duration,Billable\n2024-01-01,09:00:00,01:00:00,maybe\n", "line 2: billable \"maybe\" is not Yes or No"},
		{"toggl", "Start date,Start time,Duration,Description\n2024-01-01,09:00:00,01:00:00,\"open quote\n", "toggl csv: line 2:"},
		{"toggl", "Start date,Start time,End date,End time\n2024-01-01,09:00:00,2024-01-01,08:00:00\n", "line 2: it ends (2024-01-01T08:00:00Z) before it starts"},
		{"toggl", "Start date,Start time,Duration\n\"0", "toggl csv: line 2: extraneous or missing \" in quoted-field"},
		{"csv", "", "import format \"csv\" is unknown"},
	}
	for _, c := range cases {
		res, err := Import(c.format, strings.NewReader(c.in), ImportOptions{Resolve: resolver})
		require.Error(t, err, c.in)
		assert.Contains(t, err.Error(), c.want, c.in)
		assert.NotContains(t, err.Error(), "\n", "one-line error")
		assert.Empty(t, res.Entries, "nothing is imported from a refused file")
	}
}

// TestImplausibleIntervalsAreRefused: every format refuses, naming the
// record, an interval that ends in the future, lasts longer than the bound
// (unless raised), or has a NaN or negative duration — through the one
// check (checkInterval) for the first two.
func TestImplausibleIntervalsAreRefused(t *testing.T) {
	now := at("2024-06-01T12:00:00Z")
	const togglHead = "Start date,Start time,Duration\n2024-01-01,09:00:00,01:00:00\n"
	cases := []struct {
		name, format, in, want string
		maxSpan                time.Duration
	}{
		{"timewarrior future", "timewarrior", "[\n{\"start\":\"20240601T110000Z\",\"end\":\"20240601T130000Z\"}]", "record 1 (line 2): it ends in the future (2024-06-01T13:00:00Z)", 0},
		{"timewarrior long", "timewarrior", "[\n{\"start\":\"20240101T090000Z\",\"end\":\"20240103T090000Z\"}]", "record 1 (line 2): it lasts 48h00m, longer than the 24h00m an import takes", 0},
		{"timewarrior long, bound raised too little", "timewarrior", "[{\"start\":\"20240101T090000Z\",\"end\":\"20240103T090000Z\"}]", "longer than the 47h00m", 47 * time.Hour},
		{"watson future", "watson", "[\n{\"id\":\"x\",\"project\":\"acme\",\"start\":\"2024-06-01T11:00:00Z\",\"stop\":\"2030-01-01T00:00:00Z\"}]", "watson log: record 1 (line 2): it ends in the future", 0},
		{"watson long", "watson", "[{\"id\":\"x\",\"project\":\"acme\",\"start\":\"2024-01-01T00:00:00Z\",\"stop\":\"2024-02-01T00:00:00Z\"}]", "it lasts 744h00m", 0},
		{"toggl future", "toggl", togglHead + "2024-06-01,11:30:00,01:00:00\n", "toggl csv: line 3: it ends in the future", 0},
		{"toggl long", "toggl", togglHead + "2024-01-02,09:00:00,30:00:00\n", "toggl csv: line 3: it lasts 30h00m", 0},
		{"toggl NaN", "toggl", togglHead + "2024-01-02,09:00:00,NaN\n", "toggl csv: line 3: duration \"NaN\" is not", 0},
		{"toggl Inf", "toggl", togglHead + "2024-01-02,09:00:00,+Inf\n", "toggl csv: line 3: duration \"+Inf\" is not", 0},
		{"toggl negative hours", "toggl", togglHead + "2024-01-02,09:00:00,-1.5\n", "toggl csv: line 3: duration \"-1.5\" is not", 0},
		{"toggl negative zero hours", "toggl", togglHead + "2024-01-02,09:00:00,-0:30\n", "toggl csv: line 3: duration \"-0:30\" is not", 0},
		{"toggl negative minutes", "toggl", togglHead + "2024-01-02,09:00:00,1:-5:00\n", "duration \"1:-5:00\" is not", 0},
		{"toggl end before start", "toggl", "Start date,Start time,End date,End time\n2024-01-01,09:00:00,2023-12-31,09:00:00\n", "line 2: it ends (2023-12-31T09:00:00Z) before it starts", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Import(c.format, strings.NewReader(c.in), ImportOptions{Client: "acme", Now: now, MaxSpan: c.maxSpan})
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.NotContains(t, err.Error(), "\n")
			assert.Empty(t, res.Entries)
		})
	}
	// Raised enough, the long interval is taken; one ending now is too.
	res, err := Import("timewarrior", strings.NewReader(`[{"start":"20240101T090000Z","end":"20240103T090000Z"},{"start":"20240601T110000Z","end":"20240601T120000Z"}]`),
		ImportOptions{Client: "acme", Now: now, MaxSpan: 48 * time.Hour})
	require.NoError(t, err)
	assert.Len(t, res.Entries, 2)
}

func TestTogglRunningRowIsSkipped(t *testing.T) {
	in := "Start date,Start time,Duration,Project\n2024-01-01,09:00:00,,acme\n"
	res, err := ImportToggl(strings.NewReader(in), ImportOptions{Resolve: resolver, Location: time.UTC})
	require.NoError(t, err)
	assert.Empty(t, res.Entries)
	assert.Equal(t, 1, res.Skipped[0].Record)
}

// TestTogglRowsAcrossDSTKeepTheirDuration: wall times in a fall-back
// night's repeated hour are read with the Duration column, so each row keeps
// the length Toggl measured; a Duration that no reading agrees with refuses
// the file, naming the zone.
func TestTogglRowsAcrossDSTKeepTheirDuration(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	const head = "Start date,Start time,End date,End time,Duration\n"
	cases := []struct {
		name, row  string
		start, end string
	}{
		{"end wall time before start, in the repeated hour", "2025-10-26,02:30:00,2025-10-26,02:10:00,00:40:00", "2025-10-26T00:30:00Z", "2025-10-26T01:10:00Z"},
		{"both in the repeated hour, second pass", "2025-10-26,02:10:00,2025-10-26,02:40:00,00:30:00", "2025-10-26T00:10:00Z", "2025-10-26T00:40:00Z"},
		{"from before the change into the second pass", "2025-10-26,01:50:00,2025-10-26,02:20:00,01:30:00", "2025-10-25T23:50:00Z", "2025-10-26T01:20:00Z"},
		{"from before the change into the first pass", "2025-10-26,01:50:00,2025-10-26,02:20:00,00:30:00", "2025-10-25T23:50:00Z", "2025-10-26T00:20:00Z"},
		{"from the second pass out", "2025-10-26,02:30:00,2025-10-26,03:30:00,01:00:00", "2025-10-26T01:30:00Z", "2025-10-26T02:30:00Z"},
		{"from the first pass out", "2025-10-26,02:30:00,2025-10-26,03:30:00,02:00:00", "2025-10-26T00:30:00Z", "2025-10-26T02:30:00Z"},
		{"decimal hours within their precision", "2025-10-26,02:30:00,2025-10-26,02:10:00,0.67", "2025-10-26T00:30:00Z", "2025-10-26T01:10:00Z"},
		{"across spring forward", "2025-03-30,01:30:00,2025-03-30,03:30:00,01:00:00", "2025-03-30T00:30:00Z", "2025-03-30T01:30:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := ImportToggl(strings.NewReader(head+c.row+"\n"), ImportOptions{Client: "acme", Location: berlin})
			require.NoError(t, err)
			require.Len(t, res.Entries, 1)
			assert.Equal(t, at(c.start), res.Entries[0].Start)
			assert.Equal(t, at(c.end), res.Entries[0].End)
		})
	}
	_, err := ImportToggl(strings.NewReader(head+"2025-10-26,02:30:00,2025-10-26,02:10:00,00:20:00\n"), ImportOptions{Client: "acme", Location: berlin})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "toggl csv: line 2: start 2025-10-26 02:30:00, end 2025-10-26 02:10:00 and Duration 00:20:00 disagree in Europe/Berlin")
	assert.NotContains(t, err.Error(), "\n")
}

// TestWatsonRunningFrameAndEdits: `watson log` gives the running frame with
// id "current" and stop = now; it is left out. A frame edited in Watson
// keeps its Key and gets another ExternalID.
func TestWatsonRunningFrameAndEdits(t *testing.T) {
	in := `[{"id":"current","project":"acme","start":"2024-01-01T12:00:00+00:00","stop":"2024-01-01T12:30:00+00:00","tags":[]},
{"id":"f1","project":"acme","start":"2024-01-01T09:00:00+00:00","stop":"2024-01-01T10:00:00+00:00","tags":["a"]}]`
	res, err := ImportWatson(strings.NewReader(in), ImportOptions{Resolve: resolver})
	require.NoError(t, err)
	require.Len(t, res.Entries, 1)
	require.Len(t, res.Skipped, 1)
	assert.Equal(t, 1, res.Skipped[0].Record)
	assert.Contains(t, res.Skipped[0].Reason, "the running frame of acme")
	first := res.Entries[0]
	assert.Equal(t, "watson:f1", first.Key)

	edited := strings.Replace(in, "10:00:00", "10:20:00", 1)
	res2, err := ImportWatson(strings.NewReader(edited), ImportOptions{Resolve: resolver})
	require.NoError(t, err)
	assert.Equal(t, first.Key, res2.Entries[0].Key)
	assert.NotEqual(t, first.ExternalID, res2.Entries[0].ExternalID)
}

// TestWatsonFramesFileReadsLikeTheLog: Watson's own frames file gives the
// same entries, with the same IDs, as `watson log --all --json` of it.
func TestWatsonFramesFileReadsLikeTheLog(t *testing.T) {
	frames := `[
[1704099600, 1704105000, "acme", "a3f1c9e2b7d84e0f9c1a2b3c4d5e6f70", ["deploy"], 1704105001],
[1704204000, 1704206700, "website", "b4e2d0f3c8e95f1a0d2b3c4d5e6f7081", ["globex", "css"], 1704206701],
[1704312000, 1704315600, "hobby", "c5f3e1a4d9fa6a2b1e3c4d5e6f708192", [], 1704315601]
]`
	fromFrames, err := ImportWatson(strings.NewReader(frames), ImportOptions{Resolve: resolver})
	require.NoError(t, err)
	fromLog := importFile(t, "watson", "watson_log.json", ImportOptions{Resolve: resolver})
	assert.Equal(t, fromLog, fromFrames)

	for _, bad := range []string{
		`{"project": "acme", "start": 1704099600, "tags": []}`, // the state file
		`[[1704099600, 1704105000]]`,
		`[[1704099600, "x", "acme", "id"]]`,
	} {
		_, err := ImportWatson(strings.NewReader(bad), ImportOptions{Resolve: resolver})
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "`watson log --all --json > watson.json`", bad)
		assert.NotContains(t, err.Error(), "\n")
	}
}

// Fingerprints never change: a re-import finds what an earlier version of
// stint imported by them. The digest is of each field followed by a zero
// byte, as it was first written.
func TestFingerprintsAreStable(t *testing.T) {
	start, end := at("2024-01-01T09:00:00Z"), at("2024-01-01T10:30:00Z")
	assert.Equal(t, "timew:546d7958b3b5770f40f4322fb459efb8", fingerprint("timew", start, end, "acme\x1fcode review", ""))
	assert.Equal(t, "toggl:61de7c9dfb476b9eb39c1fcc73cbd7a6", fingerprint("toggl", start, end, "a@b.io", "Acme", "", "note", ""))
}
