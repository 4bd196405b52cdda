package cli

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

const harvestHead = "Date,Client,Project,Project Code,Task,Notes,Hours,Hours Rounded,Billable?,Invoiced?,Approved?,First Name,Last Name,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL\n"

// TestImportHarvest: Harvest's detailed time export through the same path
// as the other imports — dry run, overlaps, unmapped rows, projects added,
// the note on rows without times, and a re-import that adds nothing.
func TestImportHarvest(t *testing.T) {
	h, _ := timeHarness(t, "2024-06-10T10:00:00Z")
	h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00") // Berlin
	file := filepath.Join(h.home, "harvest.csv")
	require.NoError(t, os.WriteFile(file, []byte(harvestHead+
		"2024-05-02,Acme Corp,Platform,P-1,Development,\"Upgrade, part 2\",1.5,1.5,Yes,No,No,Dana,Doe,Yes,150.0,225.0,0.0,0.0,US Dollar - USD,\n"+
		"2024-05-03,Acme Corp,Platform,P-1,Development,Rollout,2.25,2.25,Yes,No,No,Dana,Doe,Yes,150.0,337.5,0.0,0.0,US Dollar - USD,\n"+
		"2024-05-03,Globex,Globex,,Meetings,Sync,0.5,0.5,No,No,No,Dana,Doe,Yes,0.0,0.0,0.0,0.0,US Dollar - USD,\n"+
		"2024-05-03,Initech,Ops,,Support,Pager,1.0,1.0,Yes,No,No,Dana,Doe,Yes,100.0,100.0,0.0,0.0,US Dollar - USD,\n"), 0o600))

	before := h.dump()
	out := h.ok("import", "harvest", file, "--dry-run")
	assert.Contains(t, out, "Would import 2 entries (2:45) from harvest: acme 1 (2:15), globex 1 (0:30).\n"+
		"Note: Harvest gives no start and end time for 4 rows: each day's are placed end to end from 09:00 in the client's zone, in file order.\n")
	assert.Contains(t, out, "Would add 1 project: acme/Platform (see `stint project list`).")
	assert.Contains(t, out, "record 1: overlaps entry 1 (acme, 2024-05-02 07:00–08:00 UTC)")
	assert.Contains(t, out, "record 4: no name matches a stint client: Initech, Ops")
	assert.Equal(t, before, h.dump(), "--dry-run writes nothing")

	s := decode[workbench.ImportSummary](t, h.ok("import", "harvest", file, "--json"))
	assert.Equal(t, 2, s.Added)
	assert.Equal(t, []workbench.ImportProject{{Client: "acme", Project: "Platform"}}, s.Projects)
	require.Len(t, s.Notes, 1)

	log := decode[[]workbench.Entry](t, h.ok("log", "--from", "2024-05-03", "--to", "2024-05-04", "--json"))
	require.Len(t, log, 2)
	acme, globex := log[0], log[1]
	assert.Equal(t, time.Date(2024, 5, 3, 7, 0, 0, 0, time.UTC), acme.Start.UTC(), "09:00 in acme's zone, Berlin")
	assert.Equal(t, "Platform", acme.Project)
	assert.Equal(t, "Rollout", acme.Note)
	assert.Equal(t, []string{"Development"}, acme.Tags, "the task is a tag")
	assert.Equal(t, "import", acme.Source)
	assert.Equal(t, time.Date(2024, 5, 3, 9, 15, 0, 0, time.UTC), globex.Start.UTC(), "after acme's rows of the day, not over them")
	assert.False(t, globex.Billable)
	assert.Empty(t, globex.Project, "the project named the client")

	again := decode[workbench.ImportSummary](t, h.ok("import", "harvest", file, "--json"))
	assert.Equal(t, 0, again.Added, "re-importing adds nothing twice")
	assert.Equal(t, 2, again.AlreadyImported)
	assert.Empty(t, again.Projects)
}

// Harvest's API entries carry ids: one changed in Harvest since it was
// imported is applied to its entry as an edit, kept in its history.
func TestImportHarvestAPIEdits(t *testing.T) {
	h, _ := timeHarness(t, "2024-06-10T10:00:00Z")
	page := func(hours string) string {
		return `{"time_entries": [{"id": 636708723, "spent_date": "2024-05-03", "hours": ` + hours + `, "notes": "Sync", "started_time": null, "ended_time": null,
 "is_running": false, "billable": true, "user": {"id": 1, "name": "Dana Doe"}, "client": {"id": 2, "name": "Acme Corp"},
 "project": {"id": 3, "name": "Platform", "code": "P-1"}, "task": {"id": 4, "name": "Meetings"}}], "page": 1, "total_pages": 1}`
	}
	h.stdin = page("1.0")
	assert.Contains(t, h.ok("import", "harvest", "-"), "Imported 1 entry (1:00) from harvest: acme 1 (1:00).")
	h.stdin = page("1.0")
	assert.Equal(t, 1, decode[workbench.ImportSummary](t, h.ok("import", "harvest", "-", "--json")).AlreadyImported)

	h.stdin = page("1.5")
	s := decode[workbench.ImportSummary](t, h.ok("import", "harvest", "-", "--json"))
	require.Len(t, s.Updated, 1)
	assert.Contains(t, s.Updated[0].Reason, "changed since it was imported: entry 1 was 2024-05-03 07:00–08:00 UTC, is 2024-05-03 07:00–08:30 UTC")
	assert.Contains(t, h.ok("history", "1"), "acme/Platform 2024-05-03 09:00–10:00 CEST (1:00) — Sync\nnow", "the old version is kept")
}

// Refusals of a Harvest file go through the failure harness: one line,
// exit 2, nothing written.
func TestImportHarvestRefusals(t *testing.T) {
	h, _ := timeHarness(t, "2024-06-10T10:00:00Z")
	h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:00")
	write := func(name, rows string) string {
		p := filepath.Join(h.home, name)
		require.NoError(t, os.WriteFile(p, []byte(harvestHead+rows), 0o600))
		return p
	}
	const row = "2024-05-03,Acme Corp,Platform,P-1,Development,Rollout,1.0,1.0,Yes,No,No,Dana,Doe,Yes,150.0,150.0,0.0,0.0,US Dollar - USD,\n"
	toggl := filepath.Join(h.home, "toggl.csv")
	require.NoError(t, os.WriteFile(toggl, []byte("Start date,Start time,Duration\n2024-05-01,09:00:00,01:00:00\n"), 0o600))
	for _, c := range []struct {
		want string
		args []string
	}{
		{"harvest csv: line 3: the file holds the time of 2 people (Dana Doe, Sam Roe): stint keeps one person's time — filter Harvest's Detailed time report by your name (Team) before exporting",
			[]string{"import", "harvest", write("people.csv", row+"2024-05-03,Globex,Globex,,Meetings,Sync,0.5,0.5,No,No,No,Sam,Roe,Yes,0.0,0.0,0.0,0.0,US Dollar - USD,\n")}},
		{`harvest csv: line 3: hours "1,5" is not decimal hours like 1.25 (or H:MM like 1:15)`,
			[]string{"import", "harvest", write("comma.csv", row+"2024-05-03,Acme Corp,Platform,P-1,Development,,\"1,5\",1.5,Yes,No,No,Dana,Doe,Yes,150.0,225.0,0.0,0.0,US Dollar - USD,\n")}},
		{"harvest csv: line 2: it is dated 2024-06-11, and its 1.0 hours do not fit before now (2024-06-10T10:00:00Z): import work that has ended",
			[]string{"import", "harvest", write("future.csv", "2024-06-11,Acme Corp,Platform,P-1,Development,,1.0,1.0,Yes,No,No,Dana,Doe,Yes,150.0,150.0,0.0,0.0,US Dollar - USD,\n")}},
		{"harvest csv: line 2: the rows dated 2024-05-03 without start and end times add up to 25h00m, more than the 24h00m that day has in Europe/Berlin: fix them in Harvest",
			[]string{"import", "harvest", write("day.csv", row+"2024-05-03,Acme Corp,Platform,P-1,Development,,24.0,24.0,Yes,No,No,Dana,Doe,Yes,150.0,3600.0,0.0,0.0,US Dollar - USD,\n")}},
		{"harvest csv: line 1: the header needs Date and Hours, as the CSV export of Harvest's Detailed time report has", []string{"import", "harvest", toggl}},
		{`no client named "nobody"`, []string{"import", "harvest", write("ok.csv", row), "--client", "nobody"}},
		{`import format "harvst" is unknown: use timewarrior, watson, toggl or harvest`, []string{"import", "harvst", write("ok.csv", row)}},
	} {
		h.fails(2, c.want, c.args...)
	}
}
