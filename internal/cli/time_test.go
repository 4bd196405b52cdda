package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/settings"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/workbench"
)

// timeHarness is a harness whose clock stands at now (UTC, which is then
// the local zone) with two clients: acme in Berlin at 150 USD/h rounded up
// to 15 minutes, and globex without a zone or rate.
func timeHarness(t *testing.T, now string) (*harness, *time.Time) {
	t.Helper()
	h := newHarness(t)
	clock, err := time.Parse(time.RFC3339, now)
	require.NoError(t, err)
	h.now = func() time.Time { return clock }
	h.ok("client", "add", "acme", "--name", "Acme Corp", "--rate", "150", "--currency", "USD", "--round", "15m", "--tz", "Europe/Berlin")
	h.ok("client", "add", "globex", "--name", "Globex")
	return h, &clock
}

func decode[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(s), &v), s)
	return v
}

func TestTimeStartStopStatus(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	out := h.ok("start", "acme", "-m", "triage", "--at", "09:00") // Berlin: 07:00Z
	assert.Equal(t, "Started acme at 09:00 CEST (entry 1).\n", out, "Berlin time, labelled: the clock is in UTC")

	st := decode[workbench.Status](t, h.ok("status", "--json"))
	require.NotNil(t, st.Running)
	assert.Equal(t, "acme", st.Running.Client)
	assert.Equal(t, int64(3*3600), st.Running.Seconds)
	assert.Equal(t, map[string]int64{"acme": 3 * 3600}, st.TodaySeconds)
	assert.False(t, st.Forgotten)
	assert.Contains(t, h.ok("status"), "Running: acme since 2024-05-02 09:00 CEST (3:00, entry 1) — triage")

	// NAME defaults to the shell's client; the running timer stops at the same instant.
	h.env["STINT_CLIENT"] = "globex"
	*clock = clock.Add(30 * time.Minute)
	res := decode[struct {
		Started workbench.Entry  `json:"started"`
		Stopped *workbench.Entry `json:"stopped"`
	}](t, h.ok("start", "--json"))
	assert.Equal(t, "globex", res.Started.Client)
	require.NotNil(t, res.Stopped)
	assert.Equal(t, res.Started.Start, *res.Stopped.End)

	*clock = clock.Add(15 * time.Minute)
	out = h.ok("stop", "-m", "done")
	assert.Equal(t, "Stopped entry 2: globex 2024-05-02 10:30–10:45 (0:15).\n", out)
	assert.Contains(t, h.ok("status"), "No timer running.\nToday: acme 3:30, globex 0:15\n")

	// stop --at is read in the running client's zone.
	h.ok("start", "acme")
	*clock = clock.Add(time.Hour)
	out = h.ok("stop", "--at", "12:50") // Berlin 12:50 = 10:50Z
	assert.Contains(t, out, "acme 2024-05-02 12:45–12:50 CEST (0:05)")
}

func TestTimeForgottenTimerIsFlagged(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	h.ok("start", "globex", "--at", "-11h")
	assert.Contains(t, h.ok("status"), "Warning: the globex timer has run 11:00 and was probably forgotten")
	assert.True(t, decode[workbench.Status](t, h.ok("status", "--json")).Forgotten)
	assert.Contains(t, h.ok("report", "--from", "2024-05-01", "--to", "2024-05-03"), "was probably forgotten")

	h.ok("config", "set", "forgotten_after", "12h")
	assert.NotContains(t, h.ok("status"), "Warning")
	*clock = clock.Add(2 * time.Hour)
	assert.Contains(t, h.ok("status"), "Warning")
}

func TestTimeAddEditRmLog(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-10T10:00:00Z")
	out := h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 12:31", "-m", "design review",
		"--tag", "code review", "--tag", "ops")
	assert.Equal(t, "Added entry 1: acme 2024-05-02 09:00–12:31 CEST (3:31).\n", out)
	e := decode[workbench.Entry](t, h.ok("add", "globex", "--from", "2024-05-02 11:00", "--to", "2024-05-02 11:20",
		"--non-billable", "--json"))
	assert.False(t, e.Billable)
	assert.Equal(t, "manual", e.Source)

	log := decode[[]workbench.Entry](t, h.ok("log", "--from", "2024-05-01", "--json"))
	require.Len(t, log, 2)
	assert.Equal(t, []string{"code-review", "ops"}, log[0].Tags)
	assert.Equal(t, time.Date(2024, 5, 2, 7, 0, 0, 0, time.UTC), log[0].Start.UTC(), "acme's times are Berlin wall time")
	text := h.ok("log", "--from", "2024-05-01", "--client", "acme")
	assert.Contains(t, text, "1   acme    2024-05-02  09:00  12:31  CEST   3:31  code-review ops  design review")
	assert.NotContains(t, text, "globex")
	assert.Contains(t, h.ok("log"), "No time entries", "this week holds none")

	out = h.ok("edit", "2", "--to", "2024-05-02 11:40", "-m", "standup ran long", "--billable")
	assert.Equal(t, "Updated entry 2: globex 2024-05-02 11:00–11:40 (0:40).\n", out)
	moved := decode[workbench.Entry](t, h.ok("edit", "1", "--client", "globex", "--from", "2024-05-02 05:00", "--json"))
	assert.Equal(t, "globex", moved.Client)
	assert.Equal(t, time.Date(2024, 5, 2, 5, 0, 0, 0, time.UTC), moved.Start.UTC(), "--from is read in the new client's zone")

	var versions int
	require.NoError(t, h.wb.DB().SQL().QueryRow("SELECT count(*) FROM entry_history").Scan(&versions))
	assert.Equal(t, 2, versions)
	assert.Equal(t, "Removed entry 2: globex 2024-05-02 11:00–11:40 (0:40).\n", h.ok("rm", "2"))
	require.NoError(t, h.wb.DB().SQL().QueryRow("SELECT count(*) FROM entry_history").Scan(&versions))
	assert.Equal(t, 3, versions, "the removed entry's last version stays")
	assert.Len(t, decode[[]workbench.Entry](t, h.ok("log", "--from", "2024-05-01", "--json")), 1)
}

func TestTimeBadInput(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-10T10:00:00Z")
	h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00")
	h.ok("start", "globex", "--at", "09:00")
	malformed := filepath.Join(h.home, "bad.json")
	require.NoError(t, os.WriteFile(malformed, []byte("[\n{\"start\":\"20240501T090000Z\",\"end\":\"20240501T100000Z\",\"tags\":[\"acme\"]},\n{\"start\":\"yesterday\"}\n]"), 0o600))
	badToggl := filepath.Join(h.home, "bad.csv")
	require.NoError(t, os.WriteFile(badToggl, []byte("Client,Start date,Start time,Duration\nacme,2024-05-01,09:00:00,01:00:00\nacme,2024-05-01,nine,01:00:00\n"), 0o600))
	// The harness clock is 2024-05-10 10:00 UTC.
	implausible := func(name, body string) string {
		p := filepath.Join(h.home, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	future := implausible("future.json", "[\n{\"start\":\"20240510T090000Z\",\"end\":\"20240510T110000Z\",\"tags\":[\"acme\"]}\n]")
	weekend := implausible("weekend.json", "[{\"start\":\"20240503T170000Z\",\"end\":\"20240506T090000Z\",\"tags\":[\"acme\"]}]")
	nan := implausible("nan.csv", "Client,Start date,Start time,Duration\nacme,2024-05-01,09:00:00,NaN\n")
	negative := implausible("negative.csv", "Client,Start date,Start time,Duration\nacme,2024-05-01,09:00:00,01:00:00\nacme,2024-05-01,11:00:00,-0:30\n")
	watsonState := implausible("state", `{"project": "acme", "start": 1714726800, "tags": []}`)
	disagreeing := implausible("disagree.csv", "Client,Start date,Start time,End date,End time,Duration\nacme,2024-05-01,09:00:00,2024-05-01,10:00:00,00:45:00\n")

	cases := []struct {
		want string
		args []string
	}{
		{`no client named "nobody"`, []string{"start", "nobody"}},
		{"name the client", []string{"start"}},
		{`--at: time "soon" is not understood`, []string{"start", "acme", "--at", "soon"}},
		{"cannot start a timer in the future", []string{"start", "acme", "--at", "+1h"}},
		{"the globex timer started at 2024-05-10 11:00 CEST, after 2024-05-10 10:30 CEST", []string{"start", "acme", "--at", "10:30"}},
		{"give a later --at", []string{"stop", "--at", "08:00"}},
		{"overlaps entry 2 (globex, 2024-05-10 09:00–now)", []string{"add", "globex", "--from", "09:30", "--to", "09:45"}},
		{"overlaps entry 1 (acme, 2024-05-02 09:00–10:00 CEST)", []string{"add", "acme", "--from", "2024-05-02 09:59", "--to", "2024-05-02 11:00"}},
		{"is not before --to", []string{"add", "acme", "--from", "2024-05-03 10:00", "--to", "2024-05-03 09:00"}},
		{`--from: time "x" is not understood`, []string{"add", "acme", "--from", "x", "--to", "2024-05-03 09:00"}},
		{`no client named "nobody"`, []string{"add", "nobody", "--from", "2024-05-03 08:00", "--to", "2024-05-03 09:00"}},
		{`required flag(s) "to" not set`, []string{"add", "acme", "--from", "2024-05-03 08:00"}},
		{"no time entry 99", []string{"edit", "99", "-m", "x"}},
		{`entry ID "one" is not a number`, []string{"edit", "one", "-m", "x"}},
		{"nothing to change", []string{"edit", "1"}},
		{"overlaps entry 2", []string{"edit", "1", "--to", "2024-05-10 11:30"}},
		{"is in the future", []string{"edit", "1", "--to", "2024-05-11 09:00"}},
		{`no client named "nobody"`, []string{"edit", "1", "--client", "nobody"}},
		{"no time entry 99", []string{"rm", "99"}},
		{"usage: stint rm ID", []string{"rm"}},
		{`--by "week" is unknown`, []string{"report", "--by", "week"}},
		{"is not before --to", []string{"report", "--from", "2024-05-03", "--to", "2024-05-01"}},
		{"give one of --from/--to, --week or --month", []string{"report", "--week", "--month"}},
		{`month "2024-13" is not understood`, []string{"report", "--month", "2024-13"}},
		{"--to needs --from", []string{"report", "--to", "2024-05-01"}},
		{`no client named "nobody"`, []string{"report", "--client", "nobody"}},
		{"usage: stint report", []string{"report", "2024-05"}},
		{`--week: time "someday" is not understood`, []string{"report", "--week", "someday"}},
		{`--from: time "noon" is not understood`, []string{"edit", "1", "--from", "noon"}},
		{"usage: stint status", []string{"status", "now"}},
		{"if any flags in the group [billable non-billable]", []string{"edit", "1", "--billable", "--non-billable"}},
		{`export format "xlsx" is unknown`, []string{"export", "--format", "xlsx"}},
		{`no client named "nobody"`, []string{"export", "--client", "nobody"}},
		{`import format "rescuetime" is unknown`, []string{"import", "rescuetime", malformed}},
		{"cannot read", []string{"import", "timewarrior", filepath.Join(h.home, "missing.json")}},
		{"timewarrior export: record 2 (line 3)", []string{"import", "timewarrior", malformed}},
		{"toggl csv: line 3", []string{"import", "toggl", badToggl}},
		{`no client named "nobody"`, []string{"import", "timewarrior", malformed, "--client", "nobody"}},
		{"record 1 (line 2): it ends in the future (2024-05-10T11:00:00Z)", []string{"import", "timewarrior", future}},
		{"record 1 (line 1): it lasts 64h00m, longer than the 24h00m an import takes: fix it in the source, or raise the bound with --max-span", []string{"import", "timewarrior", weekend}},
		{"longer than the 48h00m", []string{"import", "timewarrior", weekend, "--max-span", "48h", "--dry-run"}},
		{`--max-span "3 days" is not a duration`, []string{"import", "timewarrior", weekend, "--max-span", "3 days"}},
		{`toggl csv: line 2: duration "NaN" is not`, []string{"import", "toggl", nan}},
		{`toggl csv: line 3: duration "-0:30" is not`, []string{"import", "toggl", negative}},
		{"watson log: the file is neither `watson log --json` nor Watson's frames file: export it with `watson log --all --json > watson.json`", []string{"import", "watson", watsonState}},
		{"toggl csv: line 2: start 2024-05-01 09:00:00, end 2024-05-01 10:00:00 and Duration 00:45:00 disagree in UTC", []string{"import", "toggl", disagreeing}},
		{`tag "ops,infra" has a comma, which Toggl and Clockify read as two tags: give each its own --tag, like --tag ops --tag infra`, []string{"add", "acme", "--from", "2024-05-03 08:00", "--to", "2024-05-03 09:00", "--tag", "ops,infra"}},
		{`tag "a, b" has a comma`, []string{"edit", "1", "--tag", "a, b"}},
		{`--from: time "tuesdya" is not understood`, []string{"log", "--from", "tuesdya"}},
		{`auto_track "maybe" is invalid`, []string{"config", "set", "auto_track", "maybe"}},
		{`forgotten_after "soon" is invalid`, []string{"config", "set", "forgotten_after", "soon"}},
		{`week_start "funday" is invalid`, []string{"config", "set", "week_start", "funday"}},
		{`unknown setting "colour"`, []string{"config", "get", "colour"}},
		{"value is empty", []string{"config", "set", "week_start", ""}},
	}
	for _, c := range cases {
		h.fails(2, c.want, c.args...)
	}
	assert.Contains(t, h.ok("import", "timewarrior", weekend, "--max-span", "72h", "--dry-run"), "Would import 1 entry (64:00)")
	h.ok("stop")
	h.fails(2, "no timer is running", "stop")
}

func TestTimeReportTextAndJSON(t *testing.T) {
	h, _ := timeHarness(t, "2024-06-10T10:00:00Z")
	h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 17:15", "--tag", "ops")
	h.ok("add", "acme", "--from", "2024-05-03 09:00", "--to", "2024-05-03 09:01")
	h.ok("add", "globex", "--from", "2024-05-03 12:00", "--to", "2024-05-03 14:20")
	h.ok("add", "acme", "--from", "2024-06-01 09:00", "--to", "2024-06-01 10:00")

	text := h.ok("report", "--month", "2024-05")
	assert.Contains(t, text, "Time report 2024-05-01 – 2024-05-31")
	assert.Contains(t, text, "acme                   2    8:16   8.27    8:30   8.50  USD 150.00/h  USD 1,275.00")
	// globex has no rate: no USD 0.00/h, and its hours stay out of the USD total.
	assert.Contains(t, text, "globex                 1    2:20   2.33    2:20   2.33             -             -")
	assert.Contains(t, text, "Total USD              2    8:16   8.27    8:30   8.50                USD 1,275.00")
	assert.Contains(t, text, "Total (no rate)        1    2:20   2.33    2:20   2.33                           -")

	type line struct {
		Client          string `json:"client"`
		Entries         int    `json:"entries"`
		Seconds         int64  `json:"seconds"`
		BillableSeconds int64  `json:"billable_seconds"`
		RoundedSeconds  int64  `json:"rounded_seconds"`
		AmountMinor     int64  `json:"amount_minor"`
		Currency        string `json:"currency"`
	}
	type report struct {
		From         time.Time `json:"from"`
		To           time.Time `json:"to"`
		Clients      []line    `json:"clients"`
		TotalSeconds int64     `json:"total_seconds"`
		Groups       []struct {
			Key string `json:"key"`
		} `json:"groups"`
	}
	r := decode[report](t, h.ok("report", "--month=2024-05", "--client", "acme", "--json"))
	assert.Equal(t, time.Date(2024, 4, 30, 22, 0, 0, 0, time.UTC), r.From.UTC(), "acme's month starts at Berlin midnight")
	assert.Equal(t, []line{{"acme", 2, 8*3600 + 16*60, 8*3600 + 16*60, 8*3600 + 30*60, 127500, "USD"}}, r.Clients)
	assert.Equal(t, int64(8*3600+16*60), r.TotalSeconds)

	// --week DATE (value as its own argument) and --by day.
	r = decode[report](t, h.ok("report", "--week", "2024-05-02", "--by", "day", "--json"))
	assert.Equal(t, time.Date(2024, 4, 29, 0, 0, 0, 0, time.UTC), r.From.UTC())
	require.Len(t, r.Groups, 3)
	assert.Equal(t, "2024-05-02", r.Groups[0].Key)
	r = decode[report](t, h.ok("report", "--by", "tag", "--from", "2024-05-01", "--to", "2024-05-04", "--json"))
	assert.Equal(t, "ops", r.Groups[0].Key)
	assert.Contains(t, h.ok("report", "--by", "entry", "--month", "2024-05"), "#1 2024-05-02 09:00–17:15")

	// No flag: this month (June).
	r = decode[report](t, h.ok("report", "--json"))
	require.Len(t, r.Clients, 1)
	assert.Equal(t, int64(3600), r.Clients[0].Seconds)
	assert.Contains(t, h.ok("report", "--week"), "No time recorded")
}

func TestTimeExport(t *testing.T) {
	h, _ := timeHarness(t, "2024-06-10T10:00:00Z")
	h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00", "-m", `say "hi", then leave`)
	h.ok("add", "globex", "--from", "2024-05-03 09:00", "--to", "2024-05-03 09:30")
	h.ok("start", "globex", "--at", "09:00")

	rows, err := csv.NewReader(strings.NewReader(h.ok("export"))).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 4, "header, two entries and the running one")
	assert.Equal(t, []string{"1", "acme", "2024-05-02T07:00:00Z", "2024-05-02T08:00:00Z", "3600", `say "hi", then leave`, "", "true", "manual", ""}, rows[1])
	assert.Equal(t, "", rows[3][3], "a running entry has no end")

	out := filepath.Join(h.home, "harvest.csv")
	require.NoError(t, os.WriteFile(out, []byte("old"), 0o644))
	r := h.run("export", "--format", "harvest", "--client", "acme", "-o", out)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	assert.Equal(t, "Wrote 1 entry to "+out+"\n"+
		"hint: set your name for the person columns with `stint config set name \"Ada Lovelace\"`\n", r.stderr)
	body, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "Date,Client,Project,Task,Notes,Hours,First name,Last name\n"+
		`2024-05-02,Acme Corp,Acme Corp,General,"say ""hi"", then leave",1.00,,`+"\n", string(body))
	info, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	left, _ := filepath.Glob(filepath.Join(h.home, ".harvest.csv.*"))
	assert.Empty(t, left, "no temporary file is left behind")

	var js []map[string]any
	require.NoError(t, json.Unmarshal([]byte(h.ok("export", "--format", "json", "--from", "2024-05-03", "--to", "2024-05-04")), &js))
	require.Len(t, js, 1)
	assert.Equal(t, "globex", js[0]["client"])
	for _, f := range []string{"toggl", "clockify"} {
		assert.Contains(t, h.ok("export", "--format", f), "Acme Corp")
	}
	h.fails(2, "cannot write", "export", "-o", filepath.Join(h.home, "no", "such", "dir.csv"))
}

func TestTimeImport(t *testing.T) {
	h, _ := timeHarness(t, "2024-06-10T10:00:00Z")
	h.ok("add", "acme", "--from", "2024-05-01T09:00:00Z", "--to", "2024-05-01T10:00:00Z")
	timew := filepath.Join(h.home, "timew.json")
	require.NoError(t, os.WriteFile(timew, []byte(`[
{"id":5,"start":"20240501T093000Z","end":"20240501T100000Z","tags":["acme"]},
{"id":4,"start":"20240501T110000Z","end":"20240501T120000Z","tags":["Globex","deep work"],"annotation":"planning"},
{"id":3,"start":"20240502T110000Z","end":"20240502T113000Z","tags":["acme"]},
{"id":2,"start":"20240502T130000Z","end":"20240502T140000Z","tags":["lunch"]},
{"id":1,"start":"20240502T150000Z","tags":["acme"]}
]`), 0o600))

	before := h.dump()
	out := h.ok("import", "timewarrior", timew, "--dry-run")
	assert.Contains(t, out, "Would import 2 entries (1:30) from timewarrior: acme 1 (0:30), globex 1 (1:00).")
	assert.Contains(t, out, "1 interval overlaps existing entries or another interval; skipped")
	assert.Contains(t, out, "record 1: overlaps entry 1 (acme, 2024-05-01 09:00–10:00 UTC)")
	assert.Contains(t, out, "record 4: no name matches a stint client: lunch")
	assert.Contains(t, out, "record 5: interval @1 is still open")
	assert.Contains(t, out, "Dry run: nothing was written.")
	assert.Equal(t, before, h.dump(), "--dry-run writes nothing")

	assert.Contains(t, h.ok("import", "timewarrior", timew), "Imported 2 entries")
	log := decode[[]workbench.Entry](t, h.ok("log", "--from", "2024-05-01", "--to", "2024-05-03", "--client", "globex", "--json"))
	require.Len(t, log, 1)
	assert.Equal(t, "planning", log[0].Note)
	assert.Equal(t, []string{"deep-work"}, log[0].Tags, "the tag naming the client (by display name) is the client")
	assert.Equal(t, "import", log[0].Source)

	again := decode[workbench.ImportSummary](t, h.ok("import", "timewarrior", timew, "--json"))
	assert.Equal(t, 0, again.Added, "re-importing adds nothing twice")
	assert.Equal(t, 2, again.AlreadyImported)

	// --client puts the unmapped lunch on globex too.
	s := decode[workbench.ImportSummary](t, h.ok("import", "timewarrior", timew, "--client", "globex", "--json"))
	assert.Equal(t, 1, s.Added)
	assert.Empty(t, s.Unmapped)

	h.stdin = `[{"id":"0a1b2c3d","project":"acme","start":"2024-05-04T09:00:00+02:00","stop":"2024-05-04T10:00:00+02:00","tags":["ops"]}]`
	assert.Contains(t, h.ok("import", "watson", "-"), "Imported 1 entry (1:00) from watson: acme 1 (1:00).")

	toggl := filepath.Join(h.home, "toggl.csv")
	require.NoError(t, os.WriteFile(toggl, []byte("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,Duration,Tags\n"+
		"Dana,d@x.io,Acme Corp,Platform,,on-call,No,2024-05-05,09:00:00,01:30:00,\"ops, pager\"\n"), 0o600))
	s = decode[workbench.ImportSummary](t, h.ok("import", "toggl", toggl, "--json"))
	assert.Equal(t, []workbench.ImportClientTotal{{Client: "acme", Entries: 1, Seconds: 5400}}, s.Clients)
	r := decode[timesheet.Report](t, h.ok("report", "--from", "2024-05-05", "--to", "2024-05-06", "--json"))
	require.Len(t, r.Clients, 1)
	assert.Equal(t, int64(0), r.Clients[0].BillableSeconds, "Toggl's Billable No is kept")
}

func TestConfigCommands(t *testing.T) {
	h := newHarness(t)
	assert.Equal(t, "on\n", h.ok("config", "get", "auto_track"))
	assert.Equal(t, "auto_track = off\n", h.ok("config", "set", "auto_track", "off"))
	assert.Equal(t, "forgotten_after = 8h\n", h.ok("config", "set", "forgotten_after", "480"))
	assert.Equal(t, "week_start = sunday\n", h.ok("config", "set", "week_start", "Sunday"))
	items := decode[[]workbench.ConfigItem](t, h.ok("config", "list", "--json"))
	require.Len(t, items, len(settings.Keys()))
	i := slices.IndexFunc(items, func(it workbench.ConfigItem) bool { return it.Key == "auto_track" })
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, "off", items[i].Value)
	assert.True(t, items[i].Set)
	assert.Equal(t, "week_start = monday (default)\n", h.ok("config", "unset", "week_start"))
	assert.Contains(t, h.ok("config", "list"), "forgotten_after  8h")
}

func TestEditWithoutFlagsListsEveryOption(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-10T10:00:00Z")
	h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00")
	h.fails(2, "give --from, --to, -m, --client, --project, --tag, --billable or --non-billable", "edit", "1")
}

// report and status show a forgotten timer's start alike: in its client's
// zone (acme is in Berlin; the clock's local zone is UTC).
func TestForgottenTimerStartIsShownInTheClientsZone(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-02T10:00:00Z")
	h.ok("start", "acme", "--at", "-11h") // 2024-05-01 23:00 UTC, 2024-05-02 01:00 in Berlin
	assert.Contains(t, h.ok("status"), "since 2024-05-02 01:00")
	assert.Contains(t, h.ok("report", "--from", "2024-05-01", "--to", "2024-05-03"), "has run 11:00 since 2024-05-02 01:00 and was probably forgotten")
}

// `stint access NAME --since -7d` is the command's own help example.
func TestAccessSinceDays(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-10T10:00:00Z")
	assert.Contains(t, h.ok("access", "acme", "--since", "-7d"), "No access to acme recorded.")
	h.fails(2, `time "-7x" is not understood`, "access", "acme", "--since", "-7x")
}

// export takes the same ranges as report; README shows
// `stint export --format harvest --month 2026-11`.
func TestExportWeekAndMonth(t *testing.T) {
	h, _ := timeHarness(t, "2024-06-10T10:00:00Z")
	h.ok("add", "acme", "--from", "2024-05-01 09:00", "--to", "2024-05-01 10:00")
	h.ok("add", "globex", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00")
	h.ok("add", "globex", "--from", "2024-05-31 09:00", "--to", "2024-05-31 10:00")
	h.ok("add", "globex", "--from", "2024-06-10 08:00", "--to", "2024-06-10 09:00")
	ids := func(args ...string) []string {
		rows, err := csv.NewReader(strings.NewReader(h.ok(append([]string{"export"}, args...)...))).ReadAll()
		require.NoError(t, err)
		var out []string
		for _, r := range rows[1:] {
			out = append(out, r[0])
		}
		return out
	}
	assert.Equal(t, []string{"1", "2", "3"}, ids("--month", "2024-05"))
	assert.Equal(t, []string{"2", "3"}, ids("--month=2024-05", "--client", "globex"))
	assert.Equal(t, []string{"1", "2"}, ids("--week", "2024-05-02"))
	assert.Equal(t, []string{"4"}, ids("--week"), "this week")
	assert.Equal(t, []string{"4"}, ids("--month"), "this month")
	harvest := h.ok("export", "--format", "harvest", "--month", "2024-05", "--client", "globex")
	assert.Equal(t, 3, strings.Count(harvest, "\n"), harvest)
	h.fails(2, "give one of --from/--to, --week or --month", "export", "--week", "--month")
	h.fails(2, "usage: stint export", "export", "2024-05")
	h.fails(2, `month "2024-13" is not understood`, "export", "--month", "2024-13")
}

// The person columns of the import files come from `stint config`.
func TestExportPersonColumns(t *testing.T) {
	h, _ := timeHarness(t, "2024-06-10T10:00:00Z")
	h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00", "-m", "review")
	assert.Equal(t, "name = Dana Katherine Scully\n", h.ok("config", "set", "name", "  Dana  Katherine Scully "))
	assert.Equal(t, "email = dana@example.com\n", h.ok("config", "set", "email", "Dana <dana@example.com>"))

	rows := func(format string) [][]string {
		rs, err := csv.NewReader(strings.NewReader(h.ok("export", "--format", format))).ReadAll()
		require.NoError(t, err)
		require.Len(t, rs, 2)
		return rs
	}
	assert.Equal(t, []string{"Dana Katherine Scully", "dana@example.com"}, rows("toggl")[1][:2])
	assert.Equal(t, "dana@example.com", rows("clockify")[1][4])
	assert.Equal(t, []string{"2024-05-02", "Acme Corp", "Acme Corp", "General", "review", "1.00", "Dana Katherine", "Scully"}, rows("harvest")[1])

	h.ok("config", "unset", "email")
	assert.Equal(t, "", rows("toggl")[1][1])
	h.fails(2, `email "dana at example" is invalid`, "config", "set", "email", "dana at example")
	h.fails(2, `email "a@b.io, c@d.io" is invalid`, "config", "set", "email", "a@b.io, c@d.io")
	h.fails(2, `name "\x1b[31mDana" is invalid`, "config", "set", "name", "\x1b[31mDana")
	assert.Equal(t, "Dana Katherine Scully\n", h.ok("config", "get", "name"))
}

// Harvest's import has no billable column: non-billable time would be
// billed, so it stays out unless asked for.
func TestHarvestExportLeavesOutNonBillable(t *testing.T) {
	h, _ := timeHarness(t, "2024-06-10T10:00:00Z")
	h.ok("add", "globex", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00", "-m", "billed")
	h.ok("add", "globex", "--from", "2024-05-02 11:00", "--to", "2024-05-02 11:30", "-m", "internal", "--non-billable")
	out := h.ok("export", "--format", "harvest")
	assert.Contains(t, out, "billed")
	assert.NotContains(t, out, "internal")
	all := h.ok("export", "--format", "harvest", "--include-non-billable")
	assert.Contains(t, all, "internal,0.50")
	for _, f := range []string{"csv", "toggl", "clockify"} {
		assert.Contains(t, h.ok("export", "--format", f), "internal", "%s marks non-billable entries and keeps them", f)
	}
	h.fails(2, "--include-non-billable is for --format harvest", "export", "--format", "toggl", "--include-non-billable")
	help := h.ok("export", "--help")
	assert.Contains(t, help, "leaves non-billable entries out")
	assert.Contains(t, help, "--include-non-billable")
}

// Times in a client's zone that is not the local one (the clock's, UTC
// here) say which zone they are in; `log` adds a ZONE column only when some
// row needs it.
func TestTimesInAnotherZoneAreLabelled(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T13:31:00Z") // 22:31 in Tokyo
	h.ok("client", "add", "tokyo", "--tz", "Asia/Tokyo")
	h.ok("add", "globex", "--from", "2024-05-02 10:00", "--to", "2024-05-02 11:00")

	log := h.ok("log", "--from", "2024-05-02")
	assert.NotContains(t, log, "ZONE", "every row is local")
	assert.Contains(t, log, "1   globex  2024-05-02  10:00  11:00  1:00")

	assert.Equal(t, "Started tokyo at 22:31 JST (entry 2).\n", h.ok("start", "tokyo"))
	assert.Contains(t, h.ok("status"), "Running: tokyo since 2024-05-02 22:31 JST (0:00, entry 2)")
	*clock = clock.Add(20 * time.Minute)
	h.fails(2, "overlaps entry 2 (tokyo, 2024-05-02 22:31 JST–now)", "add", "globex", "--from", "13:40", "--to", "13:50")
	*clock = clock.Add(9 * time.Minute)
	assert.Equal(t, "Stopped entry 2: tokyo 2024-05-02 22:31–23:00 JST (0:29).\n", h.ok("stop"))
	h.fails(2, "overlaps entry 2 (tokyo, 2024-05-02 22:31–23:00 JST)", "add", "globex", "--from", "13:40", "--to", "13:50")

	// Tokyo's 22:31 comes after globex's 10:00 UTC, though it reads earlier
	// than an 11:00 would: the ZONE column says why.
	log = h.ok("log", "--from", "2024-05-02")
	assert.Equal(t, "ID  CLIENT  DATE        START  END    ZONE   TIME  TAGS  NOTE\n"+
		"1   globex  2024-05-02  10:00  11:00  UTC    1:00        \n"+
		"2   tokyo   2024-05-02  22:31  23:00  JST    0:29        \n"+
		"                                      Total  1:29        \n", log)
	assert.Equal(t, "Removed entry 2: tokyo 2024-05-02 22:31–23:00 JST (0:29).\n", h.ok("rm", "2"))
}

// `export -o FILE` says what it wrote and what the format left out, and
// every export with person columns says how to fill them when unset.
func TestExportSaysWhatItWrote(t *testing.T) {
	h, _ := timeHarness(t, "2024-06-10T10:00:00Z")
	h.ok("add", "globex", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00")
	h.ok("add", "globex", "--from", "2024-05-02 11:00", "--to", "2024-05-02 11:30", "--non-billable")
	h.ok("start", "globex", "--at", "09:00")
	out := filepath.Join(h.home, "out.csv")
	export := func(args ...string) result {
		t.Helper()
		r := h.run(append([]string{"export"}, args...)...)
		require.Equal(t, 0, r.code, r.stderr)
		return r
	}

	r := export("-o", out)
	assert.Equal(t, "Wrote 3 entries to "+out+"\n", r.stderr, "stint's csv keeps the running timer, and has no person columns")
	r = export("--format", "toggl", "-o", out)
	assert.Equal(t, "Wrote 2 entries to "+out+" (running timer left out)\n"+
		"note: times are in UTC: Toggl Track reads them in your profile's time zone, so set it to that zone before importing (or export with --tz ZONE)\n"+
		"hint: set your name and email for the person columns with `stint config set name \"Ada Lovelace\"` and `stint config set email ada@example.com`\n", r.stderr)
	r = export("--format", "clockify", "-o", out)
	assert.Contains(t, r.stderr, "hint: set your email for the person columns with `stint config set email ada@example.com`\n")
	h.ok("config", "set", "name", "Ada Lovelace")
	r = export("--format", "harvest", "-o", out)
	assert.Equal(t, "Wrote 1 entry to "+out+" (running timer left out; 1 non-billable entry left out: --include-non-billable keeps them)\n", r.stderr)

	r = export("--format", "toggl")
	assert.Contains(t, r.stdout, "Ada Lovelace")
	assert.Equal(t, "note: times are in UTC: Toggl Track reads them in your profile's time zone, so set it to that zone before importing (or export with --tz ZONE)\n"+
		"hint: set your email for the person columns with `stint config set email ada@example.com`\n", r.stderr,
		"to stdout: the zone and the hint, on stderr")
	h.ok("config", "set", "email", "ada@example.com")
	assert.Equal(t, "note: times are in UTC: Toggl Track reads them in your profile's time zone, so set it to that zone before importing (or export with --tz ZONE)\n",
		export("--format", "toggl").stderr)

	// --tz writes Toggl's and Clockify's times where the importing profile
	// reads them, and says so.
	r = export("--format", "clockify", "--tz", "America/New_York")
	assert.Contains(t, r.stdout, "05/02/2024,05:00 AM,01:00")
	assert.Contains(t, r.stderr, "note: times are in America/New_York: Clockify reads them")
	r = export("--format", "toggl", "--tz", "Asia/Tokyo")
	assert.Contains(t, r.stdout, "2024-05-02,18:00:00,01:00:00")
	h.fails(2, "--tz is for --format toggl or clockify, which write wall times: the csv format writes instants in UTC", "export", "--tz", "Asia/Tokyo")
	h.fails(2, "--tz is for --format toggl or clockify, which write wall times: Harvest's rows carry a date (the client's day the entry is billed on) and hours, no time",
		"export", "--format", "harvest", "--tz", "Asia/Tokyo")
	h.fails(2, `unknown time zone "Mars/Olympus"`, "export", "--format", "toggl", "--tz", "Mars/Olympus")
}

// An export that finds no entries says so, naming the range it looked in,
// instead of leaving a header-only file to be found out later.
func TestExportOfNothingSaysSo(t *testing.T) {
	h, _ := timeHarness(t, "2024-06-10T10:00:00Z")
	h.ok("add", "globex", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00")
	h.ok("config", "set", "name", "Ada Lovelace")
	out := filepath.Join(h.home, "apr.csv")
	r := h.run("export", "--format", "harvest", "--client", "globex", "--month", "2024-04", "-o", out)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "Wrote no entries to "+out+", only the format's header: no entries of globex start from 2024-04-01 to 2024-04-30\n", r.stderr)
	r = h.run("export", "--month", "2024-04")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "stint: note: no entries start from 2024-04-01 to 2024-04-30: the export holds no entries\n", r.stderr)
}

// switchTo runs a hooked `stint switch` and records the new state in the
// harness's environment, as the hook does.
func switchTo(t *testing.T, h *harness, evalFile, client string) string {
	t.Helper()
	r := h.run("switch", client)
	require.Equal(t, 0, r.code, r.stderr)
	h.env["STINT_CLIENT"], h.env["STINT_STATE"] = client, stateLine(t, readEval(t, evalFile))
	return said(t, r, evalFile)
}

// Flicking through clients leaves no short entries behind, the summary says
// so, and a switch to a client that does not track time stops the clock.
func TestSwitchSummaryOfFlickingAndNoTrackClients(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	h.ok("client", "add", "piedpiper", "--no-track")
	f := hooked(t, h)

	assert.Contains(t, switchTo(t, h, f, "globex"), "· timer started")
	*clock = clock.Add(time.Hour)
	assert.Contains(t, switchTo(t, h, f, "acme"), "globex stopped after 1h00m · timer started")
	*clock = clock.Add(12 * time.Second)
	assert.Contains(t, switchTo(t, h, f, "globex"),
		"acme stopped after 12s and discarded (shorter than switch_grace) · timer resumed")
	*clock = clock.Add(30 * time.Minute)
	assert.Contains(t, switchTo(t, h, f, "piedpiper"), "globex stopped after 1h30m")
	assert.NotContains(t, h.ok("status"), "Running")

	log := decode[[]workbench.Entry](t, h.ok("log", "--from", "2024-05-02", "--json"))
	require.Len(t, log, 1, "one globex entry; acme's 12 s are gone")
	assert.Equal(t, int64(90*60+12), log[0].Seconds)

	switchTo(t, h, f, "acme")
	*clock = clock.Add(5 * time.Second)
	r := h.run("off")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, said(t, r, f), "← left acme · timer stopped after 5s and discarded (shorter than switch_grace)")

	assert.Equal(t, "switch_grace = 0s\n", h.ok("config", "set", "switch_grace", "0"))
	h.fails(2, `switch_grace "2h" is invalid`, "config", "set", "switch_grace", "2h")
}

// A running entry's zone is named after its start: "22:31 JST–now".
func TestDescribeRunningEntryInAnotherZone(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-02T13:31:00Z")
	h.ok("client", "add", "tokyo", "--tz", "Asia/Tokyo")
	h.ok("start", "tokyo", "--at", "-1h")
	assert.Equal(t, "Updated entry 1: tokyo 2024-05-02 21:31 JST–now (1:00).\n", h.ok("edit", "1", "-m", "pager"))
}

// An entry across a month boundary is exported once: in the month it starts.
func TestExportOfAdjacentMonthsCarriesAnEntryOnce(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme", "--rate", "100")
	h.ok("add", "acme", "--from", "2026-10-31 23:50", "--to", "2026-11-01 00:20", "-m", "midnight deploy")
	october := h.ok("export", "--format", "harvest", "--month", "2026-10")
	november := h.ok("export", "--format", "harvest", "--month", "2026-11")
	assert.Contains(t, october, "midnight deploy")
	assert.NotContains(t, november, "midnight deploy")
}

func TestHistoryShowsEarlierVersions(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-10T10:00:00Z")
	h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00", "-m", "first")
	h.ok("edit", "1", "-m", "second")
	out := h.ok("history", "1")
	assert.Contains(t, out, "first")
	assert.Contains(t, out, "second")
	// When a version was replaced is this machine's time (UTC here) and
	// says so; the entry beside it reads in acme's zone, labelled too.
	assert.Regexp(t, `(?m)^until 2024-05-10 10:00 UTC\s+acme 2024-05-02 09:00–10:00 CEST \(1:00\) — first$`, out)
	assert.Regexp(t, `(?m)^now\s+acme 2024-05-02 09:00–10:00 CEST \(1:00\) — second$`, out)
	h.ok("rm", "1")
	assert.Contains(t, h.ok("history", "1"), "(removed)")
	h.fails(2, "no time entry 99", "history", "99")
}

// An export to stdout says on stderr what it left out, and only that.
func TestExportToStdoutNamesWhatItLeftOut(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-10T10:00:00Z")
	h.ok("config", "set", "name", "Ada Lovelace")
	h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00", "--non-billable")
	r := h.run("export", "--format", "harvest")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "stint: note: 1 non-billable entry left out")
	r = h.run("export", "--format", "csv")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
}

// Natural times reach every command that takes a time, read in the
// client's zone: yesterday and weekdays are Berlin's days for acme.
func TestTimeNaturalTimes(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-02T23:30:00Z") // Thursday; already Friday 01:30 in Berlin
	out := h.ok("add", "acme", "--from", "yesterday 14:00", "--to", "yesterday 3:30pm")
	assert.Equal(t, "Added entry 1: acme 2024-05-02 14:00–15:30 CEST (1:30).\n", out)
	out = h.ok("add", "acme", "--from", "Mon at 9am", "--to", "mon 10:00")
	assert.Equal(t, "Added entry 2: acme 2024-04-29 09:00–10:00 CEST (1:00).\n", out)
	out = h.ok("add", "globex", "--from", "3h ago", "--to", "-2h") // globex: local (UTC)
	assert.Equal(t, "Added entry 3: globex 2024-05-02 20:30–21:30 (1:00).\n", out)
	out = h.ok("start", "acme", "--at", "now")
	assert.Equal(t, "Started acme at 01:30 CEST (entry 4).\n", out)
	assert.Contains(t, h.ok("log", "--client", "acme", "--from", "mon", "--to", "now"), "Total")

	h.fails(2, `stint: --from: time "yesterdy 14:00" is not understood: give one such as 14:30, 9am, "yesterday 14:00"`,
		"add", "acme", "--from", "yesterdy 14:00", "--to", "now")
}
