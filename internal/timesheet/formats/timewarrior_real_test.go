package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stint-sh/stint/internal/testenv"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stretchr/testify/require"
)

// writeTimewDB writes a Timewarrior database of n back-to-back intervals
// (with gaps) over several tags, in Timewarrior's own data-file format.
func writeTimewDB(t *testing.T, dir string, n int) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "data"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "timewarrior.cfg"), nil, 0o600))
	rng := rand.New(rand.NewSource(7))
	clients := []string{"acme", "globex", "initech"}
	extras := []string{"deploy", "review", "meeting with \"ops\""}
	files := map[string]*strings.Builder{}
	tagCounts := map[string]int{}
	cursor := time.Date(2024, 1, 1, 6, 0, 0, 0, time.UTC)
	for range n {
		cursor = cursor.Add(time.Duration(rng.Intn(4*3600)) * time.Second)
		end := cursor.Add(time.Duration(60+rng.Intn(3*3600)) * time.Second)
		tags := []string{clients[rng.Intn(len(clients))]}
		if rng.Intn(10) == 0 {
			tags = []string{"lunch"} // maps to no client
		}
		if rng.Intn(3) == 0 {
			tags = append(tags, extras[rng.Intn(len(extras))])
		}
		quoted := make([]string, len(tags))
		for i, tag := range tags {
			quoted[i] = tag
			if strings.ContainsAny(tag, " \"") {
				quoted[i] = strconv.Quote(tag)
			}
		}
		for _, tag := range tags {
			tagCounts[tag]++
		}
		month := cursor.Format("2006-01")
		if files[month] == nil {
			files[month] = &strings.Builder{}
		}
		fmt.Fprintf(files[month], "inc %s - %s # %s\n", cursor.Format(timewLayout), end.Format(timewLayout), strings.Join(quoted, " "))
		cursor = end
	}
	// Timewarrior's tag index; without it timew rebuilds it and says so on stdout.
	index, err := json.Marshal(func() map[string]map[string]int {
		m := map[string]map[string]int{}
		for tag, n := range tagCounts {
			m[tag] = map[string]int{"count": n}
		}
		return m
	}())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "data", "tags.data"), index, 0o600))
	for month, b := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "data", month+".data"), []byte(b.String()), 0o600))
	}
}

func timew(t *testing.T, db string, args ...string) string {
	t.Helper()
	cmd := exec.Command("timew", args...)
	cmd.Env = append(os.Environ(), "TIMEWARRIORDB="+db, "TZ=UTC")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	require.NoError(t, cmd.Run(), "timew %v: %s", args, errb.String())
	return out.String()
}

var summaryTotal = regexp.MustCompile(`(?m)^\s+(\d+):(\d\d):(\d\d)\s*$`)

// A generated history imported from `timew export` gives per-client totals
// equal to `timew summary` over the same range.
func TestTimewarriorRoundTripMatchesTimewSummary(t *testing.T) {
	testenv.Program(t, "timew")
	db := t.TempDir()
	writeTimewDB(t, db, 3000)
	res, err := ImportTimewarrior(strings.NewReader(timew(t, db, "export")), ImportOptions{
		Resolve: func(name string) (string, bool) { return name, name == "acme" || name == "globex" || name == "initech" }})
	require.NoError(t, err)
	require.Greater(t, len(res.Entries), 2500)
	require.NotEmpty(t, res.Unmapped, "the lunch intervals are reported")
	require.Empty(t, res.Skipped)

	entries := make([]timesheet.Entry, len(res.Entries))
	for i, e := range res.Entries {
		entries[i] = timesheet.Entry{ID: int64(i + 1), Client: e.Client, Start: e.Start, End: timesheet.TimePtr(e.End),
			Tags: e.Tags, Billable: e.Billable, Source: timesheet.SourceImport}
	}
	// A range that starts and ends mid-history. timew summary clips
	// intervals at the range's edges; stint takes an entry whole into the
	// range it starts in (timesheet.Attribution). The difference is the
	// edge intervals', computed below, so every other second is compared.
	from, to := time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC), time.Date(2024, 4, 17, 0, 0, 0, 0, time.UTC)
	report, err := timesheet.BuildReport(entries, nil, timesheet.ReportOptions{From: from, To: to, Location: time.UTC})
	require.NoError(t, err)
	require.Len(t, report.Clients, 3)
	for _, c := range report.Clients {
		out := timew(t, db, "summary", from.Format("2006-01-02"), "-", to.Format("2006-01-02"), c.Client)
		m := summaryTotal.FindAllStringSubmatch(out, -1)
		require.NotEmpty(t, m, "no total in timew summary:\n%s", out)
		last := m[len(m)-1]
		h, _ := strconv.ParseInt(last[1], 10, 64)
		mi, _ := strconv.ParseInt(last[2], 10, 64)
		s, _ := strconv.ParseInt(last[3], 10, 64)
		clipped := h*3600 + mi*60 + s
		for _, e := range entries {
			if e.Client != c.Client {
				continue
			}
			if in := !e.Start.Before(from) && e.Start.Before(to); in && e.End.After(to) {
				clipped += int64(e.End.Sub(to) / time.Second) // timew cut it off at to
			} else if e.Start.Before(from) && e.End.After(from) {
				clipped -= int64(e.End.Sub(from) / time.Second) // timew counted its part after from
			}
		}
		require.Equal(t, clipped, c.Seconds, "client %s", c.Client)
	}
}
