package timesheet

import (
	"encoding/json"
	"math/big"
	"math/rand"
	"sort"
	"testing"
	"time"

	"github.com/stint-sh/stint/internal/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ended(id int64, client, start, end string, tags ...string) Entry {
	return Entry{ID: id, Client: client, Start: at(start), End: TimePtr(at(end)), Tags: tags,
		Billable: true, Source: SourceManual}
}

var usd15 = Terms{RateMinor: 15000, Currency: "USD", RoundIncrement: 15 * time.Minute, RoundMode: RoundUp}

func TestReportJSONHasTheCLIShape(t *testing.T) {
	entries := []Entry{ended(1, "acme", "2024-05-01T09:00:00Z", "2024-05-01T10:10:00Z")}
	r, err := BuildReport(entries, map[string]Terms{"acme": usd15}, ReportOptions{
		From: at("2024-05-01T00:00:00Z"), To: at("2024-06-01T00:00:00Z"), Now: at("2024-06-02T00:00:00Z")})
	require.NoError(t, err)
	raw, err := json.Marshal(r)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(raw, &doc))
	for _, k := range []string{"from", "to", "clients", "total_seconds", "groups", "totals"} {
		assert.Contains(t, doc, k)
	}
	client := doc["clients"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{
		"client": "acme", "entries": 1.0, "seconds": 4200.0, "billable_seconds": 4200.0,
		"rounded_seconds": 4500.0, "amount_minor": 18750.0, "currency": "USD", "rate_minor": 15000.0,
		"round_increment_seconds": 900.0, "round_mode": "up", "round_per": "entry",
		"minimum_seconds": 0.0, "zone": "UTC",
	}, client)
	assert.Equal(t, 4200.0, doc["total_seconds"])
	assert.Equal(t, "2024-05-01T00:00:00Z", doc["from"])
}

func TestReportTakesWholeEntriesByTheirStartAndCountsRunningToNow(t *testing.T) {
	entries := []Entry{
		ended(1, "acme", "2024-04-30T23:00:00Z", "2024-05-01T01:00:00Z"), // starts before: April's
		ended(2, "acme", "2024-05-31T23:30:00Z", "2024-06-01T00:30:00Z"), // starts inside: 1 h, whole
		ended(3, "acme", "2024-04-01T09:00:00Z", "2024-04-01T10:00:00Z"), // outside
		ended(4, "acme", "2024-05-01T00:00:00Z", "2024-05-01T00:00:00Z"), // empty, at from: inside
		{ID: 5, Client: "globex", Start: at("2024-05-10T08:00:00Z"), Billable: true},
	}
	now := at("2024-05-10T09:20:00Z")
	r, err := BuildReport(entries, nil, ReportOptions{
		From: at("2024-05-01T00:00:00Z"), To: at("2024-06-01T00:00:00Z"), Now: now})
	require.NoError(t, err)
	require.Len(t, r.Clients, 2)
	assert.Equal(t, "acme", r.Clients[0].Client)
	assert.Equal(t, 2, r.Clients[0].Entries)
	assert.Equal(t, int64(3600), r.Clients[0].Seconds)
	assert.Equal(t, int64(4800), r.Clients[1].Seconds, "running entry counts up to now")
	assert.Equal(t, int64(8400), r.TotalSeconds)
	assert.Empty(t, r.Forgotten)
	assert.Equal(t, []Total{{Currency: "", Entries: 3, Seconds: 8400, BillableSeconds: 8400, RoundedSeconds: 8400}}, r.Totals)

	r, err = BuildReport(entries, nil, ReportOptions{
		From: at("2024-05-01T00:00:00Z"), To: at("2024-06-01T00:00:00Z"), Now: now.Add(10 * time.Hour)})
	require.NoError(t, err)
	require.Len(t, r.Forgotten, 1)
	assert.Equal(t, int64(5), r.Forgotten[0].ID)

	// A forgotten timer started before the range is still flagged.
	r, err = BuildReport(entries, nil, ReportOptions{
		From: at("2024-05-11T00:00:00Z"), To: at("2024-05-12T00:00:00Z"), Now: at("2024-05-11T12:00:00Z")})
	require.NoError(t, err)
	require.Len(t, r.Forgotten, 1)
	assert.Empty(t, r.Clients)
}

func TestReportRefusesAnEmptyRangeAndUnknownGrouping(t *testing.T) {
	from := at("2024-05-01T00:00:00Z")
	_, err := BuildReport(nil, nil, ReportOptions{From: from, To: from})
	assert.ErrorContains(t, err, "must be after")
	_, err = BuildReport(nil, nil, ReportOptions{From: from, To: from.Add(time.Hour), By: "week"})
	assert.ErrorContains(t, err, "use client, day, tag, entry or project")
}

func TestPerDayRoundingRoundsTheDaySumOnce(t *testing.T) {
	entries := []Entry{
		ended(1, "acme", "2024-05-02T09:00:00Z", "2024-05-02T09:07:00Z"),
		ended(2, "acme", "2024-05-02T11:00:00Z", "2024-05-02T11:07:00Z"),
		ended(3, "acme", "2024-05-03T11:00:00Z", "2024-05-03T11:01:00Z"),
	}
	opts := ReportOptions{From: at("2024-05-01T00:00:00Z"), To: at("2024-06-01T00:00:00Z"), By: ByEntry}
	perEntry, err := BuildReport(entries, map[string]Terms{"acme": usd15}, opts)
	require.NoError(t, err)
	assert.Equal(t, int64(3*900), perEntry.Clients[0].RoundedSeconds)

	day := usd15
	day.RoundPer = PerDay
	perDay, err := BuildReport(entries, map[string]Terms{"acme": day}, opts)
	require.NoError(t, err)
	assert.Equal(t, int64(900+900), perDay.Clients[0].RoundedSeconds)
	assert.Equal(t, int64(7500), perDay.Clients[0].AmountMinor)
	// The day's 15 minutes are shared between its two entries.
	var first, second int64
	for _, g := range perDay.Groups {
		switch g.Entry.ID {
		case 1:
			first = g.RoundedSeconds
		case 2:
			second = g.RoundedSeconds
		}
	}
	assert.Equal(t, int64(900), first+second)
}

func TestNonBillableTimeIsWorkedButNotBilled(t *testing.T) {
	e := ended(1, "acme", "2024-05-02T09:00:00Z", "2024-05-02T10:00:00Z")
	e.Billable = false
	r, err := BuildReport([]Entry{e}, map[string]Terms{"acme": usd15},
		ReportOptions{From: at("2024-05-01T00:00:00Z"), To: at("2024-06-01T00:00:00Z")})
	require.NoError(t, err)
	c := r.Clients[0]
	assert.Equal(t, int64(3600), c.Seconds)
	assert.Zero(t, c.BillableSeconds+c.RoundedSeconds+c.AmountMinor)
}

func TestTagGroupsCountAnEntryUnderEachTag(t *testing.T) {
	entries := []Entry{
		ended(1, "acme", "2024-05-02T09:00:00Z", "2024-05-02T10:00:00Z", "ops", "oncall", "ops"),
		ended(2, "acme", "2024-05-02T11:00:00Z", "2024-05-02T11:30:00Z"),
	}
	r, err := BuildReport(entries, map[string]Terms{"acme": usd15},
		ReportOptions{From: at("2024-05-01T00:00:00Z"), To: at("2024-06-01T00:00:00Z"), By: ByTag})
	require.NoError(t, err)
	var keys []string
	for _, g := range r.Groups {
		keys = append(keys, g.Key)
	}
	assert.Equal(t, []string{"oncall", "ops", ""}, keys)
	assert.Equal(t, int64(3600), r.Groups[1].Seconds, "a repeated tag counts once")
	assert.Equal(t, int64(1800), r.Groups[2].Seconds)
}

// referenceBilled recomputes a client's rounded seconds from scratch, with
// time.Time arithmetic and string day keys instead of the builder's Unix
// seconds and integer days.
func referenceBilled(entries []Entry, client string, t Terms, from, to, now time.Time, fallback *time.Location) int64 {
	loc := t.Location
	if loc == nil {
		loc = fallback
	}
	inc := int64(t.RoundIncrement / time.Second)
	minimum := int64(t.MinimumPerEntry / time.Second)
	raise := func(s int64) int64 {
		if s > 0 && s < minimum {
			return minimum
		}
		return s
	}
	// Every billable entry of the client, whole, by its local start day.
	type billed struct {
		start  time.Time
		id     int64
		in     bool
		raised int64
	}
	days := map[string][]billed{}
	var total int64
	for _, e := range entries {
		if e.Client != client || !e.Billable {
			continue
		}
		end := now
		if e.End != nil {
			end = *e.End
		}
		s := max(int64(end.Sub(e.Start)/time.Second), 0)
		in := !e.Start.Before(from) && e.Start.Before(to)
		if t.RoundPer == PerEntry {
			if in {
				total += referenceRound(raise(s), inc, t.RoundMode)
			}
			continue
		}
		day := e.Start.In(loc).Format("2006-01-02")
		days[day] = append(days[day], billed{e.Start, e.ID, in, raise(s)})
	}
	// Per day: round the whole day once, give each entry the floor of its
	// exact share and the leftover seconds one by one to the largest
	// remainders (earliest entry first on a tie); bill the shares in range.
	for _, day := range days {
		sort.Slice(day, func(i, j int) bool {
			if !day[i].start.Equal(day[j].start) {
				return day[i].start.Before(day[j].start)
			}
			return day[i].id < day[j].id
		})
		var sum int64
		for _, b := range day {
			sum += b.raised
		}
		rounded := referenceRound(sum, inc, t.RoundMode)
		shares := make([]int64, len(day))
		rems := make([]*big.Int, len(day))
		left := rounded
		for i, b := range day {
			if sum == 0 {
				rems[i] = big.NewInt(0)
				continue
			}
			q, r := new(big.Int).QuoRem(new(big.Int).Mul(big.NewInt(rounded), big.NewInt(b.raised)), big.NewInt(sum), new(big.Int))
			shares[i], rems[i] = q.Int64(), r
			left -= shares[i]
		}
		if sum == 0 {
			shares[0] = rounded
			left = 0
		}
		for ; left > 0; left-- {
			best := -1
			for i := range day {
				if rems[i].Sign() >= 0 && (best < 0 || rems[i].Cmp(rems[best]) > 0) {
					best = i
				}
			}
			shares[best]++
			rems[best] = big.NewInt(-1)
		}
		for i, b := range day {
			if b.in {
				total += shares[i]
			}
		}
	}
	return total
}

func randomWorld(rng *rand.Rand) ([]Entry, map[string]Terms) {
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"}
	currencies := []string{"USD", "EUR", "JPY", "KWD"}
	clients := []string{"acme", "globex", "initech", "umbrella", "hooli"}
	terms := map[string]Terms{}
	for _, c := range clients[:4] { // hooli has no terms at all
		loc, _ := time.LoadLocation(zones[rng.Intn(len(zones))])
		if rng.Intn(3) == 0 {
			loc = nil
		}
		inc := time.Duration(rng.Intn(241)) * time.Minute
		if rng.Intn(4) == 0 {
			inc = 0
		}
		terms[c] = Terms{
			RateMinor: rng.Int63n(50000), Currency: currencies[rng.Intn(len(currencies))],
			RoundIncrement: inc, RoundMode: RoundMode(rng.Intn(3)), RoundPer: RoundPer(rng.Intn(2)),
			MinimumPerEntry: time.Duration(rng.Intn(3)*15) * time.Minute, Location: loc,
		}
	}
	base := at("2024-03-01T00:00:00Z")
	var entries []Entry
	cursor := base.Add(-48 * time.Hour)
	for i := range 60 + rng.Intn(100) {
		cursor = cursor.Add(time.Duration(rng.Intn(20*3600)) * time.Second)
		e := Entry{ID: int64(i + 1), Client: clients[rng.Intn(len(clients))], Start: cursor,
			Billable: rng.Intn(5) != 0, Source: SourceManual}
		length := time.Duration(rng.Intn(6*3600)) * time.Second
		if rng.Intn(20) == 0 {
			length = 0
		}
		cursor = cursor.Add(length)
		e.End = TimePtr(cursor)
		if rng.Intn(3) == 0 {
			e.Tags = []string{[]string{"ops", "dev", "meet"}[rng.Intn(3)]}
		}
		entries = append(entries, e)
	}
	return entries, terms
}

func TestReportTotalsAreTheSumOfTheLinesAsShown(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for round := range 300 {
		entries, terms := randomWorld(rng)
		from := at("2024-03-01T00:00:00Z").Add(time.Duration(rng.Intn(72)) * time.Hour)
		to := from.Add(time.Duration(1+rng.Intn(40*24)) * time.Hour)
		now := to.Add(time.Hour)
		by := []GroupBy{ByClient, ByDay, ByTag, ByEntry}[round%4]
		r, err := BuildReport(entries, terms, ReportOptions{From: from, To: to, By: by, Now: now, Location: berlin})
		require.NoError(t, err)

		perCurrency := map[string]Total{}
		var seconds int64
		for _, c := range r.Clients {
			want := referenceBilled(entries, c.Client, terms[c.Client], from, to, now, berlin)
			require.Equal(t, want, c.RoundedSeconds, "round %d client %s terms %+v", round, c.Client, terms[c.Client])
			amount, _ := Amount(c.RoundedSeconds, c.RateMinor)
			require.Equal(t, amount, c.AmountMinor)
			tot := perCurrency[c.Currency]
			tot.Currency = c.Currency
			tot.Entries += c.Entries
			tot.Seconds += c.Seconds
			tot.BillableSeconds += c.BillableSeconds
			tot.RoundedSeconds += c.RoundedSeconds
			tot.AmountMinor += c.AmountMinor
			perCurrency[c.Currency] = tot
			seconds += c.Seconds
		}
		require.Len(t, r.Totals, len(perCurrency))
		for _, tot := range r.Totals {
			require.Equal(t, perCurrency[tot.Currency], tot)
		}
		require.Equal(t, seconds, r.TotalSeconds)

		if by == ByDay || by == ByEntry {
			sums := map[string]Line{}
			for _, g := range r.Groups {
				s := sums[g.Client]
				s.Entries += g.Entries
				s.Seconds += g.Seconds
				s.BillableSeconds += g.BillableSeconds
				s.RoundedSeconds += g.RoundedSeconds
				s.AmountMinor += g.AmountMinor
				sums[g.Client] = s
				// Each breakdown line is within one minor unit of its own price.
				exact, _ := Amount(g.RoundedSeconds, g.RateMinor)
				require.InDelta(t, exact, g.AmountMinor, 1.0, "round %d %s %s", round, g.Client, g.Key)
			}
			for _, c := range r.Clients {
				s := sums[c.Client]
				require.Equal(t, [5]int64{int64(c.Entries), c.Seconds, c.BillableSeconds, c.RoundedSeconds, c.AmountMinor},
					[5]int64{int64(s.Entries), s.Seconds, s.BillableSeconds, s.RoundedSeconds, s.AmountMinor},
					"round %d: %s breakdown adds up to the client line", round, by)
			}
		}
	}
}

func TestRenderTextIsAnInvoiceTable(t *testing.T) {
	entries := []Entry{
		ended(1, "acme", "2024-05-02T09:00:00Z", "2024-05-02T17:15:00Z"),
		ended(2, "acme", "2024-05-03T09:00:00Z", "2024-05-03T09:01:00Z"),
		ended(3, "globex", "2024-05-03T10:00:00Z", "2024-05-03T12:20:00Z"),
		ended(4, "initech", "2024-05-03T13:00:00Z", "2024-05-03T13:30:00Z"),
	}
	yen := Terms{RateMinor: 9000, Currency: "JPY", RoundIncrement: 6 * time.Minute, RoundMode: RoundNearest}
	r, err := BuildReport(entries, map[string]Terms{"acme": usd15, "globex": yen},
		ReportOptions{From: at("2024-05-01T00:00:00Z"), To: at("2024-06-01T00:00:00Z"), By: ByDay})
	require.NoError(t, err)
	var b stringsBuilder
	require.NoError(t, RenderText(&b, r))
	golden.Assert(t, "testdata/report_by_day.txt", b.String())
}

// An entry across a report boundary is billed once in total: October and
// November together bill what a report of both months bills — the issue's
// case, a 10-minute entry across midnight at a month's end under 15 minutes
// per day with a 30-minute minimum, and the same per entry.
func TestEntryAcrossMonthsIsBilledOnce(t *testing.T) {
	e := Entry{ID: 1, Client: "acme", Start: at("2026-10-31T23:55:00Z"), End: TimePtr(at("2026-11-01T00:05:00Z")),
		Billable: true, Source: SourceManual}
	for _, per := range []RoundPer{PerDay, PerEntry} {
		terms := map[string]Terms{"acme": {RateMinor: 12000, Currency: "USD", RoundIncrement: 15 * time.Minute,
			RoundMode: RoundUp, RoundPer: per, MinimumPerEntry: 30 * time.Minute, Location: time.UTC}}
		report := func(from, to string) int64 {
			r, err := BuildReport([]Entry{e}, terms, ReportOptions{From: at(from), To: at(to), Now: at("2026-12-01T00:00:00Z"), Location: time.UTC})
			require.NoError(t, err)
			var s int64
			for _, c := range r.Clients {
				s += c.RoundedSeconds
			}
			return s
		}
		october := report("2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z")
		november := report("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z")
		both := report("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z")
		assert.Equal(t, int64(1800), both, per.String())
		assert.Equal(t, int64(1800), october, "%s: the entry starts in October and is billed there, whole", per)
		assert.Zero(t, november, per.String())
	}
}

// By entry, an entry's times are in its client's zone; one whose zone
// reads differently from the report's own says which zone it is in.
func TestEntriesInAnotherZoneAreLabelled(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	entries := []Entry{
		ended(1, "acme", "2024-05-02T09:00:00Z", "2024-05-02T10:30:00Z"),
		ended(2, "kaisha", "2024-05-02T13:31:00Z", "2024-05-02T14:00:00Z"),
	}
	terms := map[string]Terms{"acme": {Location: time.UTC}, "kaisha": {Location: tokyo}}
	r, err := BuildReport(entries, terms, ReportOptions{From: at("2024-05-01T00:00:00Z"), To: at("2024-06-01T00:00:00Z"),
		By: ByEntry, Now: at("2024-06-01T00:00:00Z"), Location: time.UTC})
	require.NoError(t, err)
	var b stringsBuilder
	require.NoError(t, RenderText(&b, r))
	assert.Contains(t, b.String(), "#1 2024-05-02 09:00–10:30  ", "the report's own zone needs no label")
	assert.Contains(t, b.String(), "#2 2024-05-02 22:31–23:00 JST")
}
