package timesheet

import (
	"math/rand"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The partition invariant: for any split of a range into adjacent ranges,
// the reports of the pieces bill exactly the seconds the report of the whole
// range bills, per client, and amounts within one minor unit per piece —
// under every rounding scope, mode, increment and minimum, in zones with
// daylight-saving changes (also half-hour ones), with entries across
// midnight, across the changes and across the cuts, cuts at local midnights
// and at arbitrary seconds. Each report is given only the entries a caller
// fetches for it: those overlapping its range widened by DayPadding.
func TestAdjacentReportsAddUpToTheWholeRange(t *testing.T) {
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
		"America/Sao_Paulo", "Asia/Kathmandu", "Pacific/Chatham", "Asia/Tokyo"}
	locs := make([]*time.Location, len(zones))
	for i, z := range zones {
		locs[i] = mustZone(t, z)
	}
	// Weeks around daylight-saving changes in both hemispheres.
	bases := []string{"2024-03-29T00:00:00Z", "2024-10-25T00:00:00Z", "2024-04-05T00:00:00Z",
		"2024-11-01T00:00:00Z", "2024-09-27T00:00:00Z"}
	rng := rand.New(rand.NewSource(14))
	for round := range 400 {
		base := at(bases[rng.Intn(len(bases))])
		entries, terms := partitionWorld(rng, base, locs)
		local := locs[rng.Intn(len(locs))]
		from := base.Add(time.Duration(rng.Intn(48*3600)) * time.Second)
		to := from.Add(time.Duration(24*3600+rng.Intn(6*24*3600)) * time.Second)
		if rng.Intn(2) == 0 { // a range of whole local days
			from, _ = DayRange(from, local)
			_, to = DayRange(to, local)
		}
		now := to.Add(time.Duration(rng.Intn(3*24*3600)-24*3600) * time.Second)
		cuts := partitionCuts(rng, from, to, locs)
		by := []GroupBy{ByClient, ByDay, ByTag, ByEntry, ByProject}[rng.Intn(5)]

		report := func(from, to time.Time) Report {
			r, err := BuildReport(fetched(entries, from, to, now), terms,
				ReportOptions{From: from, To: to, By: by, Now: now, Location: local})
			require.NoError(t, err)
			return r
		}
		whole := report(from, to)
		type sums struct {
			entries                  int
			seconds, rounded, amount int64
		}
		parts := map[string]*sums{}
		for i := 0; i+1 < len(cuts); i++ {
			for _, c := range report(cuts[i], cuts[i+1]).Clients {
				s := parts[c.Client]
				if s == nil {
					s = &sums{}
					parts[c.Client] = s
				}
				s.entries += c.Entries
				s.seconds += c.Seconds
				s.rounded += c.RoundedSeconds
				s.amount += c.AmountMinor
			}
		}
		pieces := int64(len(cuts) - 1)
		require.Len(t, parts, len(whole.Clients), "round %d", round)
		for _, c := range whole.Clients {
			s := parts[c.Client]
			require.NotNil(t, s, "round %d: %s", round, c.Client)
			msg := []any{"round %d client %s terms %+v cuts %v", round, c.Client, terms[c.Client], cuts}
			require.Equal(t, c.Entries, s.entries, msg...)
			require.Equal(t, c.Seconds, s.seconds, msg...)
			require.Equal(t, c.RoundedSeconds, s.rounded, msg...)
			// Each rate a client bills at (its own, each project's) rounds
			// its amount once per report: one minor unit per piece each.
			rates := int64(max(1, len(c.Rates)))
			require.LessOrEqual(t, abs64(c.AmountMinor-s.amount), pieces*rates, msg...)
			var sum int64
			for _, rl := range c.Rates {
				sum += rl.AmountMinor
			}
			if len(c.Rates) > 0 {
				require.Equal(t, c.AmountMinor, sum, msg...)
			}
		}
		// Breakdown lines add up to their client's line exactly (tags
		// only when no entry has two: it has one at most here).
		if by != ByClient {
			type sum struct{ rounded, amount int64 }
			got := map[string]*sum{}
			for _, g := range whole.Groups {
				if got[g.Client] == nil {
					got[g.Client] = &sum{}
				}
				got[g.Client].rounded += g.RoundedSeconds
				got[g.Client].amount += g.AmountMinor
			}
			for _, c := range whole.Clients {
				require.Equal(t, c.RoundedSeconds, got[c.Client].rounded, "round %d by %s", round, by)
				require.Equal(t, c.AmountMinor, got[c.Client].amount, "round %d by %s", round, by)
			}
		}
		// A project with a rate of its own bills exactly its rounded
		// seconds at that rate.
		if by == ByProject {
			for _, g := range whole.Groups {
				if r := terms[g.Client].ProjectRates[g.Key]; r > 0 && terms[g.Client].Currency != "" {
					want, ok := Amount(g.RoundedSeconds, r)
					require.True(t, ok)
					require.Equal(t, want, g.AmountMinor, "round %d project %s", round, g.Key)
					require.Equal(t, r, g.RateMinor)
				}
			}
		}
	}
}

// fetched is what the workbench hands BuildReport: the entries overlapping
// [from − DayPadding, to + DayPadding), running ones included.
func fetched(entries []Entry, from, to, now time.Time) []Entry {
	lo, hi := from.Add(-DayPadding), to.Add(DayPadding)
	var out []Entry
	for _, e := range entries {
		end := e.EndOr(now)
		if e.Start.Before(hi) && (end.After(lo) || (e.Start.Equal(end) && !e.Start.Before(lo))) {
			out = append(out, e)
		}
	}
	return out
}

// partitionCuts splits [from, to) into 1 to 6 adjacent ranges, cutting at
// local midnights of random zones and at random seconds.
func partitionCuts(rng *rand.Rand, from, to time.Time, locs []*time.Location) []time.Time {
	span := int64(to.Sub(from) / time.Second)
	set := map[int64]bool{}
	for range rng.Intn(6) {
		at := from.Add(time.Duration(1+rng.Int63n(span-1)) * time.Second)
		if rng.Intn(2) == 0 {
			at, _ = DayRange(at, locs[rng.Intn(len(locs))])
		}
		if at.After(from) && at.Before(to) {
			set[at.Unix()] = true
		}
	}
	cuts := []time.Time{from, to}
	for u := range set {
		cuts = append(cuts, time.Unix(u, 0).UTC())
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].Before(cuts[j]) })
	return cuts
}

// partitionWorld is a timesheet of non-overlapping entries of five clients
// with random terms, some entries long enough to cross midnight and some
// starting on the same second as others end; the last may still run.
func partitionWorld(rng *rand.Rand, base time.Time, locs []*time.Location) ([]Entry, map[string]Terms) {
	currencies := []string{"USD", "EUR", "JPY", "KWD", ""}
	clients := []string{"acme", "globex", "initech", "umbrella", "hooli"}
	terms := map[string]Terms{}
	for _, c := range clients[:4] { // hooli has no terms at all
		var loc *time.Location
		if rng.Intn(4) != 0 {
			loc = locs[rng.Intn(len(locs))]
		}
		inc := time.Duration(1+rng.Intn(240)) * time.Minute
		if rng.Intn(4) == 0 {
			inc = 0
		}
		cur := currencies[rng.Intn(len(currencies))]
		rate := int64(0)
		if cur != "" {
			rate = rng.Int63n(1_000_000)
		}
		terms[c] = Terms{
			RateMinor: rate, Currency: cur,
			RoundIncrement: inc, RoundMode: RoundMode(rng.Intn(3)), RoundPer: RoundPer(rng.Intn(2)),
			MinimumPerEntry: time.Duration(rng.Intn(5)*15) * time.Minute, Location: loc,
		}
		// Projects with rates of their own (a client without a rate may
		// still bill its projects'), "infra" at the client's rate.
		if rng.Intn(3) != 0 {
			terms[c] = withProjectRates(terms[c], map[string]int64{
				"web": rng.Int63n(1_000_000), "audit": 1 + rng.Int63n(1_000_000)})
		}
	}
	var entries []Entry
	cursor := base.Add(-3 * 24 * time.Hour)
	n := 40 + rng.Intn(120)
	for i := range n {
		if rng.Intn(4) != 0 {
			cursor = cursor.Add(time.Duration(rng.Intn(12*3600)) * time.Second)
		}
		e := Entry{ID: int64(i + 1), Client: clients[rng.Intn(len(clients))], Start: cursor,
			Billable: rng.Intn(5) != 0, Source: SourceManual}
		length := time.Duration(rng.Intn(5*3600)) * time.Second
		switch rng.Intn(12) {
		case 0:
			length = 0
		case 1:
			length = time.Duration(rng.Intn(60)) * time.Second // a slip
		case 2:
			length = time.Duration(20+rng.Intn(30)) * time.Hour // across days
		}
		cursor = cursor.Add(length)
		if i < n-1 || rng.Intn(2) == 0 {
			e.End = TimePtr(cursor)
		}
		if rng.Intn(3) == 0 {
			e.Tags = []string{[]string{"ops", "dev", "meet"}[rng.Intn(3)]}
		}
		e.Project = []string{"", "", "web", "audit", "infra"}[rng.Intn(5)]
		entries = append(entries, e)
	}
	return entries, terms
}

func withProjectRates(t Terms, rates map[string]int64) Terms {
	t.ProjectRates = rates
	return t
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
