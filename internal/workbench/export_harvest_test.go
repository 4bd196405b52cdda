package workbench

import (
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/display"
)

// A Harvest export carries the billed hours of the report of the same
// range, shared over its rows in hundredths: six 10-minute entries rounded
// up to 15 minutes each are 1.50 h, and no row drifts the total.
func TestHarvestExportAddsUpToTheReport(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-06-01T00:00:00Z")), withoutKeyring())
	w.addClient("acme", "rate=100", "round=15m")
	w.addClient("globex", "rate=100")
	for i := range 6 {
		start := utc("2024-05-02T09:00:00Z").Add(time.Duration(i) * 20 * time.Minute)
		_, err := w.AddEntry(ctx, NewEntry{Client: "acme", From: start, To: start.Add(10 * time.Minute)})
		require.NoError(t, err)
		_, err = w.AddEntry(ctx, NewEntry{Client: "globex", From: start.Add(24 * time.Hour), To: start.Add(24*time.Hour + 10*time.Minute)})
		require.NoError(t, err)
	}
	from, to := utc("2024-05-01T00:00:00Z"), utc("2024-06-01T00:00:00Z")
	var b strings.Builder
	_, err := w.Export(ctx, ExportRequest{Format: "harvest", From: from, To: to}, &b)
	require.NoError(t, err)
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 13)
	sums := map[string]int64{}
	for _, r := range rows[1:] {
		whole, frac, _ := strings.Cut(r[5], ".")
		h, _ := strconv.ParseInt(whole+frac, 10, 64)
		sums[r[1]] += h
	}
	rep, err := w.Report(ctx, ReportRequest{From: from, To: to})
	require.NoError(t, err)
	for _, c := range rep.Clients {
		assert.Equal(t, display.Hundredths(c.RoundedSeconds), sums[c.Client], c.Client)
	}
	assert.Equal(t, int64(150), sums["acme"], "six entries billed 15 minutes each")
	assert.Equal(t, int64(100), sums["globex"], "six 10-minute entries are 1.00 h, not 1.02")
}
