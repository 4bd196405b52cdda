package workbench

import (
	"context"
	"encoding/json"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
)

// addHistory inserts n back-to-back entries from 2020 to 2024 over three
// clients in one transaction, as a long-time user's database holds them.
func addHistory(tb testing.TB, w *fixture, n int) {
	tb.Helper()
	ctx := context.Background()
	w.addClient("acme", "tz=Europe/Berlin", "rate=150", "round=6m")
	w.addClient("globex", "tz=America/New_York", "rate=120")
	w.addClient("initech")
	ids := map[string]int64{}
	for _, slug := range []string{"acme", "globex", "initech"} {
		c, err := w.DB().Client(ctx, slug)
		require.NoError(tb, err)
		ids[slug] = c.ID
	}
	clients := []string{"acme", "globex", "initech"}
	rng := rand.New(rand.NewSource(5))
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	step := (time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - start) / int64(n)
	require.NoError(tb, w.DB().EditEntries(ctx, time.Now(), func(tx *store.EntryTx) error {
		for i := range n {
			s := start + int64(i)*step
			end := time.Unix(s+1+rng.Int63n(step-1), 0).UTC()
			c := clients[rng.Intn(len(clients))]
			if _, err := tx.Insert(store.Entry{ClientID: ids[c], Start: time.Unix(s, 0).UTC(), End: &end,
				Billable: true, Source: "switch", Tags: []string{"ops"}}); err != nil {
				return err
			}
		}
		return nil
	}))
}

// BenchmarkMonthReportOneClient100k is docs/design.md's budget (< 30 ms for the
// whole command) minus process start: one client's month over 100k entries
// spanning five years, read from SQLite and billed.
func BenchmarkMonthReportOneClient100k(b *testing.B) {
	w := newFixture(b, startingAt(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)), withoutKeyring())
	addHistory(b, w, 100_000)
	ctx := context.Background()
	loc, _ := time.LoadLocation("Europe/Berlin")
	from, to := timesheet.MonthRange(2023, time.March, loc)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rep, err := w.Report(ctx, ReportRequest{From: from, To: to, Client: "acme"})
		if err != nil || len(rep.Clients) != 1 {
			b.Fatal(err, rep.Clients)
		}
	}
}

// The report over the store agrees with the timesheet over the same rows,
// clips the entry reaching into the range, and marshals to docs/cli.md's shape.
func TestReportReadsTheRangeAndKeepsTheJSONShape(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)), withoutKeyring())
	addHistory(t, w, 2000)
	loc, _ := time.LoadLocation("Europe/Berlin")
	from, to := timesheet.MonthRange(2023, time.March, loc)
	rep, err := w.Report(ctx, ReportRequest{From: from, To: to, Client: "acme", By: "day"})
	require.NoError(t, err)
	require.Len(t, rep.Clients, 1)

	all, err := w.Entries(ctx, time.Time{}, time.Time{}, "acme")
	require.NoError(t, err)
	var want int64
	for _, e := range all {
		s, e2 := e.Start, *e.End
		if s.Before(from) {
			s = from
		}
		if e2.After(to) {
			e2 = to
		}
		if e2.After(s) {
			want += int64(e2.Sub(s) / time.Second)
		}
	}
	assert.Equal(t, want, rep.Clients[0].Seconds)
	var sum int64
	for _, g := range rep.Groups {
		sum += g.AmountMinor
	}
	assert.Equal(t, rep.Clients[0].AmountMinor, sum, "day lines add up to the client line")

	raw, err := json.Marshal(rep)
	require.NoError(t, err)
	var shape map[string]any
	require.NoError(t, json.Unmarshal(raw, &shape))
	for _, k := range []string{"from", "to", "clients", "total_seconds"} {
		assert.Contains(t, shape, k)
	}
	line := shape["clients"].([]any)[0].(map[string]any)
	for _, k := range []string{"client", "entries", "seconds", "billable_seconds", "rounded_seconds", "amount_minor", "currency"} {
		assert.Contains(t, line, k)
	}

	_, err = w.Report(ctx, ReportRequest{From: from, To: to, By: "week"})
	assert.ErrorContains(t, err, `--by "week" is unknown`)
	_, err = w.Report(ctx, ReportRequest{From: to, To: from})
	assert.ErrorContains(t, err, "swap them")
}

// addEmptyEntry stores an entry of no length (a switch and a switch back in
// the same second with switch_grace 0, or an import, leave these behind).
func addEmptyEntry(tb testing.TB, w *fixture, slug string, at time.Time) {
	tb.Helper()
	c, err := w.DB().Client(context.Background(), slug)
	require.NoError(tb, err)
	require.NoError(tb, w.DB().EditEntries(context.Background(), at, func(tx *store.EntryTx) error {
		_, err := tx.Insert(store.Entry{ClientID: c.ID, Start: at, End: &at, Billable: true, Source: "switch"})
		return err
	}))
}

// An entry of no length is never billed: no minimum, no rounding up to an
// increment, whatever the breakdown.
func TestReportBillsNothingForAnEmptyEntry(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-10T10:00:00Z")), withoutKeyring())
	w.addClient("acme", "rate=100", "round=15m", "min=30m")
	addEmptyEntry(t, w, "acme", utc("2024-05-02T09:00:00Z"))
	for _, by := range []string{"client", "day", "entry", "tag"} {
		rep, err := w.Report(ctx, ReportRequest{From: utc("2024-05-01T00:00:00Z"), To: utc("2024-06-01T00:00:00Z"), By: by})
		require.NoError(t, err)
		require.Len(t, rep.Clients, 1, by)
		assert.Equal(t, int64(0), rep.Clients[0].RoundedSeconds, by)
		assert.Equal(t, int64(0), rep.Clients[0].AmountMinor, by)
	}
}

// The import files of other trackers leave out entries of no length (an
// importer would round them up to a billed increment), running timers and,
// for Harvest, non-billable entries; stint's own csv and json keep all.
func TestExportLeavesOutWhatImportersWouldBill(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-10T10:00:00Z")), withoutKeyring())
	w.addClient("acme")
	_, err := w.AddEntry(ctx, NewEntry{Client: "acme", From: utc("2024-05-02T08:00:00Z"), To: utc("2024-05-02T09:00:00Z"), Note: "real work"})
	require.NoError(t, err)
	_, err = w.AddEntry(ctx, NewEntry{Client: "acme", From: utc("2024-05-02T10:00:00Z"), To: utc("2024-05-02T10:30:00Z"), NonBillable: true})
	require.NoError(t, err)
	addEmptyEntry(t, w, "acme", utc("2024-05-02T09:00:00Z"))
	_, _, err = w.Start(ctx, "acme", time.Time{}, "")
	require.NoError(t, err)

	lines := func(format string) (int, ExportSummary) {
		var b strings.Builder
		sum, err := w.Export(ctx, ExportRequest{Format: format}, &b)
		require.NoError(t, err, format)
		if format == "json" {
			var rows []map[string]any
			require.NoError(t, json.Unmarshal([]byte(b.String()), &rows))
			return len(rows), sum
		}
		return strings.Count(b.String(), "\n") - 1, sum // less the header
	}
	for _, f := range []string{"csv", "json"} {
		n, sum := lines(f)
		assert.Equal(t, 4, n, f)
		assert.Equal(t, ExportSummary{Format: f, Written: 4, Unset: []string{}}, sum, f)
	}
	n, sum := lines("toggl")
	assert.Equal(t, 2, n)
	assert.Equal(t, ExportSummary{Format: "toggl", Written: 2, RunningLeftOut: 1, EmptyLeftOut: 1,
		Unset: []string{SettingName, SettingEmail}, Zone: "UTC"}, sum)
	n, sum = lines("clockify")
	assert.Equal(t, 2, n)
	assert.Equal(t, []string{SettingEmail}, sum.Unset, "Clockify has no name column")
	n, sum = lines("harvest")
	assert.Equal(t, 1, n)
	assert.Equal(t, ExportSummary{Format: "harvest", Written: 1, RunningLeftOut: 1, EmptyLeftOut: 1, NonBillableLeftOut: 1,
		Unset: []string{SettingName}}, sum)

	_, err = w.SetConfig(ctx, SettingName, "Ada Lovelace")
	require.NoError(t, err)
	_, sum = lines("harvest")
	assert.Empty(t, sum.Unset)
}
