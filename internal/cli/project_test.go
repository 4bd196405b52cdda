package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/workbench"
)

// Projects under a client: added with a rate of their own or none, carried
// by entries from start, add, edit and continue, billed at their rate in
// reports, and shown per project with --by project.
func TestProjectsAreBilledAtTheirOwnRate(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	assert.Equal(t, "Added project web to acme (the client's rate).\n", h.ok("project", "add", "acme", "web"))
	assert.Equal(t, "Added project Security audit to acme (USD 220.00/h).\n",
		h.ok("project", "add", "acme", "Security audit", "--rate", "220"))
	h.ok("project", "add", "globex", "web") // the same name under another client

	h.ok("add", "acme", "--from", "2024-05-01 09:00", "--to", "2024-05-01 10:00", "--project", "Security audit")
	out := h.ok("add", "acme", "--from", "2024-05-01 10:00", "--to", "2024-05-01 10:30", "--project", "web")
	assert.Equal(t, "Added entry 2: acme/web 2024-05-01 10:00–10:30 CEST (0:30).\n", out)
	h.ok("add", "acme", "--from", "2024-05-01 11:00", "--to", "2024-05-01 11:10")

	rep := decode[timesheet.Report](t, h.ok("report", "--month", "2024-05", "--by", "project", "--json"))
	require.Len(t, rep.Clients, 1)
	c := rep.Clients[0]
	// 1h at 220 + (0:30 + 0:15 rounded) at 150.
	assert.Equal(t, int64(22000+11250), c.AmountMinor)
	assert.Equal(t, []timesheet.RateLine{
		{Project: "", RateMinor: 15000, RoundedSeconds: 2700, AmountMinor: 11250},
		{Project: "Security audit", RateMinor: 22000, RoundedSeconds: 3600, AmountMinor: 22000}}, c.Rates)
	require.Len(t, rep.Groups, 3)
	assert.Equal(t, []string{"Security audit", "web", ""}, []string{rep.Groups[0].Key, rep.Groups[1].Key, rep.Groups[2].Key})
	assert.Equal(t, int64(22000), rep.Groups[0].AmountMinor)
	text := h.ok("report", "--month", "2024-05", "--by", "project")
	assert.Contains(t, text, "by project")
	assert.Contains(t, text, "USD 220.00/h")
	assert.Contains(t, text, "(no project)")

	// start and continue carry the project; edit moves an entry in and out.
	out = h.ok("start", "acme", "--project", "web", "--at", "11:30")
	assert.Contains(t, out, "Started acme/web at 11:30")
	*clock = clock.Add(30 * time.Minute)
	assert.Contains(t, h.ok("status"), "Running: acme/web since 2024-05-02 11:30 CEST")
	assert.Contains(t, h.ok("stop"), "Stopped entry 4: acme/web")
	*clock = clock.Add(10 * time.Minute)
	assert.Contains(t, h.ok("continue"), "Continued entry 4: started acme/web at")
	h.ok("undo")
	cont := decode[map[string]workbench.Entry](t, h.ok("continue", "--json"))
	assert.Equal(t, "web", cont["started"].Project)
	h.ok("cancel")
	e := decode[workbench.Entry](t, h.ok("edit", "3", "--project", "Security audit", "--json"))
	assert.Equal(t, "Security audit", e.Project)
	e = decode[workbench.Entry](t, h.ok("edit", "3", "--project", "", "--json"))
	assert.Equal(t, "", e.Project)

	log := h.ok("log", "--from", "2024-05-01", "--to", "2024-05-02")
	assert.Contains(t, log, "ID  CLIENT/PROJECT")
	assert.Contains(t, log, "acme/Security audit")
	list := h.ok("project", "list", "acme")
	assert.Contains(t, list, "Security audit  USD 220.00/h")
	ps := decode[[]workbench.Project](t, h.ok("project", "list", "--json"))
	require.Len(t, ps, 3)
	assert.Equal(t, workbench.Project{Client: "acme", Name: "Security audit", RateMinor: 22000, Rate: "220.00",
		Currency: "USD", Entries: 1}, ps[0])

	assert.Contains(t, h.ok("project", "rate", "acme", "web", "180"), "acme's project web bills USD 180.00/h.")
	h.ok("project", "rm", "globex", "web")
	assert.NotContains(t, h.ok("project", "list"), "globex")
}

// A project survives undo and redo of every change that carries it, and
// the history keeps it.
func TestProjectSurvivesUndo(t *testing.T) {
	h, clock := timeHarness(t, "2024-05-02T10:00:00Z")
	h.ok("project", "add", "acme", "web")
	h.ok("add", "acme", "--from", "09:00", "--to", "10:00", "--project", "web")
	h.ok("edit", "1", "--project", "")
	h.ok("undo") // the edit: back in web
	assert.Equal(t, "web", decode[workbench.Entry](t, h.ok("edit", "1", "-m", "x", "--json")).Project)
	h.ok("rm", "1")
	h.ok("undo") // the rm: back, still in web
	h.ok("undo") // the -m edit
	e := decode[map[string]any](t, h.ok("history", "1", "--json"))
	assert.Equal(t, "web", e["current"].(map[string]any)["project"])
	versions := e["versions"].([]any)
	require.NotEmpty(t, versions)
	for _, v := range versions[len(versions)-2:] {
		assert.Equal(t, "web", v.(map[string]any)["entry"].(map[string]any)["project"])
	}
	*clock = clock.Add(time.Minute)
	h.ok("start", "acme", "--project", "web")
	h.ok("cancel")
	h.ok("undo") // the cancel: running again, in web
	st := decode[workbench.Status](t, h.ok("status", "--json"))
	require.NotNil(t, st.Running)
	assert.Equal(t, "web", st.Running.Project)
}

// Every refusal: exit 2, one line saying what to do, nothing changed.
func TestProjectRefusals(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-02T10:00:00Z")
	h.ok("project", "add", "acme", "web")
	h.ok("project", "add", "acme", "Big one", "--rate", "200")
	h.ok("add", "acme", "--from", "09:00", "--to", "10:00", "--project", "web")
	long := strings.Repeat("x", timesheet.MaxProjectName+1)
	for _, tc := range []struct {
		want string
		args []string
	}{
		{"acme already has a project \"web\": see it with `stint project list acme`", []string{"project", "add", "acme", "web"}},
		{"project name is empty", []string{"project", "add", "acme", ""}},
		{"starts or ends with a space", []string{"project", "add", "acme", " web"}},
		{"control or invisible character", []string{"project", "add", "acme", "we\x1bb"}},
		{"at most 80", []string{"project", "add", "acme", long}},
		{"above the limit", []string{"project", "add", "acme", "big", "--rate", "1000000001"}},
		{"--rate \"-5\"", []string{"project", "add", "acme", "neg", "--rate", "-5"}},
		{"--rate \"abc\"", []string{"project", "add", "acme", "bad", "--rate", "abc"}},
		{"no client named \"nope\"", []string{"project", "add", "nope", "web"}},
		{"usage: stint project add", []string{"project", "add", "acme"}},
		{"acme has no project \"api\": add it with `stint project add acme api`", []string{"project", "rate", "acme", "api", "10"}},
		{"acme has no project \"api\"", []string{"project", "rm", "acme", "api"}},
		{"acme's project \"web\" still has 1 entry: take each out of it first, like `stint edit 1 --project ''`", []string{"project", "rm", "acme", "web"}},
		{"acme has no project \"api\": add it with `stint project add acme api`", []string{"start", "acme", "--project", "api"}},
		{"acme has no project \"Big two\": add it with `stint project add acme 'Big two'`", []string{"add", "acme", "--from", "11:00", "--to", "11:30", "--project", "Big two"}},
		{"acme has no project \"api\"", []string{"edit", "1", "--project", "api"}},
		{"globex has no project \"web\"", []string{"edit", "1", "--client", "globex"}},
		{"--by \"projects\" is unknown: use client, day, tag, entry or project", []string{"report", "--by", "projects"}},
		{"changes how project \"Big one\"'s rate is read: set it to the client's first with `stint project rate acme 'Big one' 0`", []string{"client", "edit", "acme", "--currency", "JPY", "--rate", "20000"}},
	} {
		h.fails(2, tc.want, tc.args...)
	}
	// Followed, the hint lets the currency change; the same decimals need none.
	h.ok("client", "edit", "acme", "--currency", "EUR")
	h.ok("project", "rate", "acme", "Big one", "0")
	h.ok("client", "edit", "acme", "--currency", "JPY", "--rate", "20000")
}

// Toggl's Project column becomes the entry's project, added to the client
// on import and listed; exports fill their Project column with it.
func TestTogglImportMapsProjectsAndExportsFillThem(t *testing.T) {
	h, _ := timeHarness(t, "2024-05-10T10:00:00Z")
	h.ok("project", "add", "acme", "Platform", "--rate", "200")
	toggl := filepath.Join(h.home, "toggl.csv")
	require.NoError(t, os.WriteFile(toggl, []byte("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,Duration,Tags\n"+
		"Dana,d@x.io,Acme Corp,Platform,,on-call,Yes,2024-05-05,09:00:00,01:00:00,ops\n"+
		"Dana,d@x.io,Acme Corp,Website,,css,Yes,2024-05-05,11:00:00,00:30:00,\n"+
		"Dana,d@x.io,Acme Corp,Acme Corp,,misc,Yes,2024-05-05,12:00:00,00:15:00,\n"+
		"Dana,d@x.io,,globex,,standup,Yes,2024-05-05,13:00:00,00:15:00,\n"), 0o600))

	dry := h.ok("import", "toggl", toggl, "--dry-run")
	assert.Contains(t, dry, "Would add 1 project: acme/Website (see `stint project list`).")
	assert.NotContains(t, h.ok("project", "list"), "Website", "a dry run adds no project")

	s := decode[workbench.ImportSummary](t, h.ok("import", "toggl", toggl, "--json"))
	assert.Equal(t, 4, s.Added)
	assert.Equal(t, []workbench.ImportProject{{Client: "acme", Project: "Website"}}, s.Projects, "Platform existed")
	es := decode[[]workbench.Entry](t, h.ok("log", "--from", "2024-05-05", "--to", "2024-05-06", "--json"))
	require.Len(t, es, 4)
	assert.Equal(t, []string{"Platform", "Website", "", ""}, []string{es[0].Project, es[1].Project, es[2].Project, es[3].Project})
	assert.Equal(t, []string{"ops"}, es[0].Tags, "the project is no longer a tag")

	rep := decode[timesheet.Report](t, h.ok("report", "--from", "2024-05-05", "--to", "2024-05-06", "--client", "acme", "--json"))
	require.Len(t, rep.Clients, 1)
	assert.Equal(t, int64(20000+11250), rep.Clients[0].AmountMinor, "Platform's 1h at 200, the rest (0:45) at 150")

	for _, tc := range []struct{ format, want string }{
		{"toggl", ",,Acme Corp,Platform,,on-call,"},
		{"clockify", "Platform,Acme Corp,on-call,"},
		{"harvest", "2024-05-05,Acme Corp,Platform,General,on-call,"},
		{"csv", ",ops,true,import,Platform\n"},
	} {
		out := h.ok("export", "--format", tc.format, "--from", "2024-05-05", "--to", "2024-05-06", "--client", "acme")
		assert.Contains(t, out, tc.want, tc.format)
	}
	toggled := h.ok("export", "--format", "toggl", "--from", "2024-05-05", "--to", "2024-05-06", "--client", "acme")
	assert.Contains(t, toggled, ",Acme Corp,Acme Corp,,misc,", "no project: the client's name, as before")
}
