package timesheet

import (
	"math/rand"
	"testing"
	"time"
)

// fiveYears is 100k entries for one client from 2020 to 2024, about 55 a
// day, in the client's own zone.
func fiveYears(b *testing.B) ([]Entry, map[string]Terms) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewSource(6))
	entries := make([]Entry, 100_000)
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, loc).Unix()
	span := time.Date(2025, 1, 1, 0, 0, 0, 0, loc).Unix() - start
	step := span / int64(len(entries))
	for i := range entries {
		s := start + int64(i)*step
		entries[i] = Entry{ID: int64(i + 1), Client: "acme", Start: time.Unix(s, 0).UTC(),
			End: TimePtr(time.Unix(s+rng.Int63n(step), 0).UTC()), Billable: true, Source: SourceSwitch,
			Tags: []string{"ops"}}
	}
	terms := map[string]Terms{"acme": {RateMinor: 15000, Currency: "EUR", RoundIncrement: 6 * time.Minute,
		RoundMode: RoundUp, Location: loc}}
	return entries, terms
}

func benchMonth(b *testing.B, by GroupBy, per RoundPer, prefilter bool) {
	entries, terms := fiveYears(b)
	t := terms["acme"]
	t.RoundPer = per
	terms["acme"] = t
	from, to := MonthRange(2023, time.March, t.Location)
	if prefilter { // what the store hands over after its range query
		var in []Entry
		for _, e := range entries {
			if e.Start.Before(to) && e.End.After(from) {
				in = append(in, e)
			}
		}
		entries = in
	}
	opts := ReportOptions{From: from, To: to, By: by, Now: to}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := BuildReport(entries, terms, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMonthReport100kEntries(b *testing.B) { benchMonth(b, ByClient, PerEntry, false) }
func BenchmarkMonthReportPrefiltered(b *testing.B) { benchMonth(b, ByClient, PerEntry, true) }
func BenchmarkMonthReportByDayPerDay(b *testing.B) { benchMonth(b, ByDay, PerDay, false) }
func BenchmarkMonthReportByEntry(b *testing.B)     { benchMonth(b, ByEntry, PerEntry, false) }

// A whole five years in one report: every entry is in range.
func BenchmarkFiveYearReport(b *testing.B) {
	entries, terms := fiveYears(b)
	opts := ReportOptions{From: entries[0].Start, To: entries[len(entries)-1].End.Add(time.Hour), By: ByDay,
		Now: time.Now()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuildReport(entries, terms, opts); err != nil {
			b.Fatal(err)
		}
	}
}
