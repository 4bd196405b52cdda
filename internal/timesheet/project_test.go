package timesheet

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func inProject(e Entry, project string) Entry {
	e.Project = project
	return e
}

// A project's own rate wins over the client's for its entries; a project
// without one bills at the client's rate; the client line is the sum.
func TestProjectRatesWinOverTheClientRate(t *testing.T) {
	entries := []Entry{
		inProject(ended(1, "acme", "2024-05-01T09:00:00Z", "2024-05-01T10:00:00Z"), "audit"), // 1h at 200
		inProject(ended(2, "acme", "2024-05-01T11:00:00Z", "2024-05-01T11:30:00Z"), "web"),   // 0:30 at 100 (no own rate)
		ended(3, "acme", "2024-05-02T09:00:00Z", "2024-05-02T09:10:00Z"),                     // 0:15 rounded at 100
	}
	terms := Terms{RateMinor: 10000, Currency: "USD", RoundIncrement: 15 * time.Minute,
		ProjectRates: map[string]int64{"audit": 20000}}
	for _, tc := range []struct {
		name  string
		terms Terms
		total int64
		rates []RateLine
	}{
		{"client and project rates", terms, 20000 + 5000 + 2500, []RateLine{
			{Project: "", RateMinor: 10000, RoundedSeconds: 2700, AmountMinor: 7500},
			{Project: "audit", RateMinor: 20000, RoundedSeconds: 3600, AmountMinor: 20000}}},
		{"only the project bills money", withClientRate(terms, 0), 20000, []RateLine{
			{Project: "", RateMinor: 0, RoundedSeconds: 2700, AmountMinor: 0},
			{Project: "audit", RateMinor: 20000, RoundedSeconds: 3600, AmountMinor: 20000}}},
		{"no project rates: one rate, as ever", withProjectRates(terms, nil), 6300 * 10000 / 3600, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := BuildReport(entries, map[string]Terms{"acme": tc.terms}, ReportOptions{
				From: at("2024-05-01T00:00:00Z"), To: at("2024-06-01T00:00:00Z"), By: ByProject, Now: at("2024-06-02T00:00:00Z")})
			require.NoError(t, err)
			require.Len(t, r.Clients, 1)
			c := r.Clients[0]
			assert.Equal(t, "USD", c.Currency)
			assert.Equal(t, tc.total, c.AmountMinor)
			assert.Equal(t, tc.rates, c.Rates)
			keys := []string{}
			var sum int64
			for _, g := range r.Groups {
				keys = append(keys, g.Key)
				sum += g.AmountMinor
			}
			assert.Equal(t, []string{"audit", "web", ""}, keys, "projects by name, none last")
			assert.Equal(t, c.AmountMinor, sum)
			var text bytes.Buffer
			require.NoError(t, RenderText(&text, r))
			assert.Contains(t, text.String(), "(no project)")
			if tc.rates != nil {
				assert.Contains(t, text.String(), "by project")
				assert.Equal(t, int64(20000), r.Groups[0].AmountMinor)
				assert.Equal(t, int64(20000), r.Groups[0].RateMinor)
			}
		})
	}
}

func TestProjectRatesAreBoundedLikeClientRates(t *testing.T) {
	for _, tc := range []struct {
		rate     int64
		currency string
		ok       bool
	}{
		{0, "USD", true}, {1, "USD", true}, {100_000_000_000, "USD", true},
		{100_000_000_001, "USD", false}, {-1, "USD", false}, {1_000_000_000, "JPY", true},
		{1_000_000_001, "JPY", false}, {100, "", false}, {0, "", true},
	} {
		err := Terms{Currency: tc.currency, ProjectRates: map[string]int64{"web": tc.rate}}.Validate()
		assert.Equal(t, tc.ok, err == nil, "%d %s: %v", tc.rate, tc.currency, err)
	}
}

func withClientRate(t Terms, rate int64) Terms {
	t.RateMinor = rate
	return t
}
