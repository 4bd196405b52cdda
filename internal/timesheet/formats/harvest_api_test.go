package formats

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stint-sh/stint/internal/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Pages of GET /v2/time_entries, one after another, read as the CSV's rows
// are; each entry's id is its Key.
func TestImportHarvestAPIPages(t *testing.T) {
	opts := ImportOptions{Resolve: resolver, Location: zone(t, "Europe/Berlin"), Zone: zones(t), Now: at("2024-06-01T12:00:00Z")}
	res := importFile(t, "harvest", "harvest_api.json", opts)
	golden.Assert(t, filepath.Join("testdata", "harvest_api.golden"), describe(res))
	require.Len(t, res.Entries, 2)
	deploy, sync := res.Entries[0], res.Entries[1]
	assert.Equal(t, "harvest:id:636709355", deploy.Key)
	assert.True(t, strings.HasPrefix(deploy.ExternalID, deploy.Key+"@"), "the ID is the entry's and its version's")
	assert.Equal(t, at("2024-04-08T07:00:00Z"), deploy.Start, "started_time 9:00am in Berlin")
	assert.Equal(t, at("2024-04-08T08:30:00Z"), sync.Start, "placed after the timed entry")
	assert.Equal(t, "Platform upgrade", sync.Project)
	assert.Equal(t, []Skipped{{3, "a timer still running (id 636718192): stop it in Harvest, then fetch again"}}, res.Skipped)

	// The same entries as a bare array read the same.
	data, err := os.ReadFile(filepath.Join("testdata", "harvest_api.json"))
	require.NoError(t, err)
	dec := json.NewDecoder(strings.NewReader(string(data)))
	var all []json.RawMessage
	for dec.More() {
		var page struct {
			TimeEntries []json.RawMessage `json:"time_entries"`
		}
		require.NoError(t, dec.Decode(&page))
		all = append(all, page.TimeEntries...)
	}
	array, err := json.Marshal(all)
	require.NoError(t, err)
	fromArray, err := ImportHarvest(strings.NewReader(string(array)), opts)
	require.NoError(t, err)
	assert.Equal(t, res, fromArray)

	// An entry edited in Harvest keeps its Key and changes its ExternalID.
	edited, err := ImportHarvest(strings.NewReader(strings.Replace(string(data), `"hours": 1.0,`, `"hours": 1.25,`, 1)), opts)
	require.NoError(t, err)
	assert.Equal(t, sync.Key, edited.Entries[1].Key)
	assert.NotEqual(t, sync.ExternalID, edited.Entries[1].ExternalID)
	assert.Equal(t, deploy.ExternalID, edited.Entries[0].ExternalID, "the other entry is the same version")
	assert.Equal(t, int64(4500), edited.Entries[1].Seconds())
}

func TestImportHarvestAPIRefusals(t *testing.T) {
	const entry = `{"id": 1, "spent_date": "2024-04-08", "hours": 1.0, "user": {"name": "Dana Doe"}, "client": {"name": "Acme Corp"}, "project": {"name": "Web"}, "task": {"name": "Dev"}}`
	for _, c := range []struct{ name, in, want string }{
		{"not JSON", "{\"time_entries\": [\n" + entry + ",\n{\"id\": }]}", "harvest json: line 3: not valid JSON: invalid character '}'"},
		{"a page without entries", `{"projects": []}`, "harvest json: page 1: it has no time_entries: save the pages of Harvest's GET /v2/time_entries one after another, or export the Detailed time report as CSV"},
		{"a second page of something else", `{"time_entries": [` + entry + `]} {"clients": []}`, "harvest json: page 2: it has no time_entries"},
		{"hours as a string", `[{"id": 1, "spent_date": "2024-04-08", "hours": "one"}]`, `harvest json: page 1: it is not what Harvest's API returns`},
		{"no id", `[{"spent_date": "2024-04-08", "hours": 1.0}]`, "harvest json: time entry 1: it has no id"},
		{"bad date", `[{"id": 7, "spent_date": "08.04.2024", "hours": 1.0}]`, `harvest json: time entry 1 (id 7): date "08.04.2024" is not YYYY-MM-DD`},
		{"hours in exponent form", `[{"id": 7, "spent_date": "2024-04-08", "hours": 1e0}]`, `harvest json: time entry 1 (id 7): hours "1e0" is not decimal hours`},
		{"two people", `[` + entry + `, {"id": 2, "spent_date": "2024-04-08", "hours": 1.0, "user": {"name": "Sam Roe"}}]`,
			"harvest json: time entry 2 (id 2): the file holds the time of 2 people (Dana Doe, Sam Roe)"},
		{"times and hours disagree", `[{"id": 3, "spent_date": "2024-04-08", "hours": 2.0, "started_time": "9:00am", "ended_time": "10:00am"}]`,
			"harvest json: time entry 1 (id 3): start 09:00, end 10:00 and Hours 2.0 disagree in UTC"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Import("harvest", strings.NewReader(c.in), ImportOptions{Resolve: resolver, Now: at("2024-06-01T12:00:00Z")})
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.NotContains(t, err.Error(), "\n")
			assert.Empty(t, res.Entries)
		})
	}
}
