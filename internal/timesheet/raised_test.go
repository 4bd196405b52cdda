package timesheet

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Entries under a minute that rounding billed more are flagged, in every
// rounding scope; longer ones, non-billable ones, exact terms and context
// pieces outside the range are not.
func TestReportFlagsShortEntriesRoundingRaised(t *testing.T) {
	nonBillable := ended(4, "acme", "2024-05-01T12:00:00Z", "2024-05-01T12:00:05Z")
	nonBillable.Billable = false
	entries := []Entry{
		ended(1, "acme", "2024-05-01T09:00:00Z", "2024-05-01T09:00:05Z"),  // 5 s → 0:15
		ended(2, "acme", "2024-05-01T10:00:00Z", "2024-05-01T10:02:00Z"),  // 2 min: not short
		ended(3, "exact", "2024-05-01T11:00:00Z", "2024-05-01T11:00:30Z"), // not rounded
		nonBillable, // bills nothing
		ended(5, "minimum", "2024-05-01T13:00:00Z", "2024-05-01T13:00:59Z"), // raised to the minimum
		ended(6, "perday", "2024-05-01T14:00:00Z", "2024-05-01T14:00:10Z"),  // alone on its day: 0:15
		ended(7, "perday", "2024-05-02T14:00:00Z", "2024-05-02T14:00:10Z"),  // its day has 14:50 more: shares by largest remainder
		ended(8, "perday", "2024-05-02T15:00:00Z", "2024-05-02T15:14:50Z"),
	}
	terms := map[string]Terms{
		"acme":    usd15,
		"exact":   {RateMinor: 10000, Currency: "USD"},
		"minimum": {RateMinor: 10000, Currency: "USD", MinimumPerEntry: 10 * time.Minute},
		"perday":  {RateMinor: 10000, Currency: "USD", RoundIncrement: 15 * time.Minute, RoundMode: RoundUp, RoundPer: PerDay},
	}
	r, err := BuildReport(entries, terms, ReportOptions{From: at("2024-05-01T00:00:00Z"), To: at("2024-06-01T00:00:00Z"),
		Now: at("2024-06-02T00:00:00Z")})
	require.NoError(t, err)
	var ids []int64
	for _, e := range r.Raised {
		ids = append(ids, e.ID)
		assert.Less(t, e.Seconds, int64(ShortEntry))
		assert.Greater(t, e.BilledSeconds, e.Seconds)
	}
	assert.Equal(t, []int64{1, 5, 6}, ids)
	assert.Equal(t, RaisedEntry{ID: 1, Client: "acme", Start: at("2024-05-01T09:00:00Z"), Seconds: 5, BilledSeconds: 900}, r.Raised[0])

	var out strings.Builder
	require.NoError(t, RenderText(&out, r))
	assert.Contains(t, out.String(), "Note: entry 1 (acme, 2024-05-01 09:00) worked 5s and is billed 0:15 by rounding: `stint rm 1` if it was a slip.\n")

	// A range that holds none says so with an empty list, not null.
	r, err = BuildReport(entries[1:2], terms, ReportOptions{From: at("2024-05-01T00:00:00Z"), To: at("2024-06-01T00:00:00Z"),
		Now: at("2024-06-02T00:00:00Z")})
	require.NoError(t, err)
	assert.NotNil(t, r.Raised)
	assert.Empty(t, r.Raised)
}
