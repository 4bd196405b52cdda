package timesheet

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTimeForms(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	now := at("2024-05-15T13:45:30Z") // Wednesday, 15:45:30 in Berlin
	cases := []struct{ in, want string }{
		{"09:30", "2024-05-15T09:30:00+02:00"},
		{"9:05", "2024-05-15T09:05:00+02:00"},
		{"23:59:59", "2024-05-15T23:59:59+02:00"},
		{"2024-01-02", "2024-01-02T00:00:00+01:00"},
		{"2024-01-02 08:15", "2024-01-02T08:15:00+01:00"},
		{"2024-07-02 08:15:09", "2024-07-02T08:15:09+02:00"},
		{"2024-07-02T08:15", "2024-07-02T08:15:00+02:00"},
		{"2024-07-02T08:15:00Z", "2024-07-02T08:15:00Z"},
		{"2024-07-02T08:15:00-04:00", "2024-07-02T08:15:00-04:00"},
		{"-15m", "2024-05-15T13:30:30Z"},
		{"-1h30m", "2024-05-15T12:15:30Z"},
		{"+5m", "2024-05-15T13:50:30Z"},
		{"-90", "2024-05-15T12:15:30Z"},
		{"  -1:00 ", "2024-05-15T12:45:30Z"},
		{"-7d", "2024-05-08T13:45:30Z"},
		{"-1d12h", "2024-05-14T01:45:30Z"},
		{"+2d", "2024-05-17T13:45:30Z"},
		{"-2h", "2024-05-15T11:45:30Z"},
		// The natural forms.
		{"now", "2024-05-15T13:45:30Z"},
		{"NOW", "2024-05-15T13:45:30Z"},
		{"2h ago", "2024-05-15T11:45:30Z"},
		{"1h30m ago", "2024-05-15T12:15:30Z"},
		{"90 ago", "2024-05-15T12:15:30Z"},
		{"2 hours ago", "2024-05-15T11:45:30Z"},
		{"2 hours 30 minutes ago", "2024-05-15T11:15:30Z"},
		{"1 day ago", "2024-05-14T13:45:30Z"},
		{"45 sec ago", "2024-05-15T13:44:45Z"},
		{"today", "2024-05-15T00:00:00+02:00"},
		{"yesterday", "2024-05-14T00:00:00+02:00"},
		{"yesterday 14:00", "2024-05-14T14:00:00+02:00"},
		{"Yesterday at 14:00", "2024-05-14T14:00:00+02:00"},
		{"today 9am", "2024-05-15T09:00:00+02:00"},
		{"9am", "2024-05-15T09:00:00+02:00"},
		{"9 am", "2024-05-15T09:00:00+02:00"},
		{"2:30pm", "2024-05-15T14:30:00+02:00"},
		{"12am", "2024-05-15T00:00:00+02:00"},
		{"12pm", "2024-05-15T12:00:00+02:00"},
		{"12:15am", "2024-05-15T00:15:00+02:00"},
		{"mon 9:30", "2024-05-13T09:30:00+02:00"},
		{"monday 9:30", "2024-05-13T09:30:00+02:00"},
		{"Mon at 9:30", "2024-05-13T09:30:00+02:00"},
		{"wed 9:30", "2024-05-15T09:30:00+02:00"}, // today's weekday is today
		{"thu 17:00", "2024-05-09T17:00:00+02:00"},
		{"thursday at 8am", "2024-05-09T08:00:00+02:00"},
		{"sun", "2024-05-12T00:00:00+02:00"},
		{"tues", "2024-05-14T00:00:00+02:00"},
		{"sat 23:59:59", "2024-05-11T23:59:59+02:00"},
		{"2024-05-01 9am", "2024-05-01T09:00:00+02:00"},
		{"2024-05-01 at 14:00", "2024-05-01T14:00:00+02:00"},
	}
	for _, c := range cases {
		got, err := ParseTime(c.in, now, berlin)
		require.NoError(t, err, c.in)
		want := at(c.want)
		assert.True(t, want.Equal(got), "%q: got %s want %s", c.in, got.Format(time.RFC3339), c.want)
	}
}

// Days and weekdays are the client's: the same instant is another date in
// another zone, and "yesterday" across a month or year edge is a civil date.
func TestParseTimeDaysAreInTheGivenZone(t *testing.T) {
	cases := []struct{ zone, now, in, want string }{
		// 23:30 UTC on the 15th is already the 16th in Tokyo.
		{"Asia/Tokyo", "2024-05-15T23:30:00Z", "09:00", "2024-05-16T09:00:00+09:00"},
		{"Asia/Tokyo", "2024-05-15T23:30:00Z", "yesterday 09:00", "2024-05-15T09:00:00+09:00"},
		// …and still the 15th in Los Angeles; the 15th is a Wednesday.
		{"America/Los_Angeles", "2024-05-16T03:00:00Z", "yesterday 09:00", "2024-05-14T09:00:00-07:00"},
		{"America/Los_Angeles", "2024-05-16T03:00:00Z", "wed 09:00", "2024-05-15T09:00:00-07:00"},
		{"Asia/Tokyo", "2024-05-16T03:00:00Z", "wed 09:00", "2024-05-15T09:00:00+09:00"},
		{"UTC", "2024-01-01T05:00:00Z", "yesterday 23:00", "2023-12-31T23:00:00Z"},
		{"UTC", "2024-03-01T05:00:00Z", "yesterday", "2024-02-29T00:00:00Z"},
		{"Asia/Kolkata", "2024-05-15T12:00:00Z", "14:30", "2024-05-15T14:30:00+05:30"},
		{"Australia/Lord_Howe", "2024-05-15T12:00:00Z", "fri 9am", "2024-05-10T09:00:00+10:30"},
		// A week back from a Monday crosses a month.
		{"Europe/Berlin", "2024-07-01T10:00:00Z", "tue 10:00", "2024-06-25T10:00:00+02:00"},
	}
	for _, c := range cases {
		got, err := ParseTime(c.in, at(c.now), mustZone(t, c.zone))
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got.Format(time.RFC3339), "%s in %s at %s", c.in, c.zone, c.now)
	}
}

// Wall times a daylight-saving change skips or repeats resolve by RFC
// 5545's rules, whatever form names them: a skipped one with the offset
// before the gap, a repeated one to the first of its two instants.
func TestParseTimeAcrossDaylightSavingChanges(t *testing.T) {
	cases := []struct{ zone, now, in, want string }{
		// Berlin springs forward 02:00 CET → 03:00 CEST on 2024-03-31.
		{"Europe/Berlin", "2024-03-31T12:00:00Z", "2024-03-31 02:30", "2024-03-31T03:30:00+02:00"},
		{"Europe/Berlin", "2024-03-31T12:00:00Z", "02:30", "2024-03-31T03:30:00+02:00"},
		{"Europe/Berlin", "2024-03-31T12:00:00Z", "02:00", "2024-03-31T03:00:00+02:00"},
		{"Europe/Berlin", "2024-03-31T12:00:00Z", "01:59:59", "2024-03-31T01:59:59+01:00"},
		{"Europe/Berlin", "2024-03-31T12:00:00Z", "03:00", "2024-03-31T03:00:00+02:00"},
		{"Europe/Berlin", "2024-04-01T12:00:00Z", "yesterday 2:30am", "2024-03-31T03:30:00+02:00"},
		{"Europe/Berlin", "2024-04-01T12:00:00Z", "sun 02:15", "2024-03-31T03:15:00+02:00"},
		// …and falls back 03:00 CEST → 02:00 CET on 2024-10-27: 02:30 twice.
		{"Europe/Berlin", "2024-10-27T12:00:00Z", "02:30", "2024-10-27T02:30:00+02:00"},
		{"Europe/Berlin", "2024-10-27T12:00:00Z", "2024-10-27T02:30", "2024-10-27T02:30:00+02:00"},
		{"Europe/Berlin", "2024-10-27T12:00:00Z", "01:59", "2024-10-27T01:59:00+02:00"},
		{"Europe/Berlin", "2024-10-27T12:00:00Z", "03:00", "2024-10-27T03:00:00+01:00"},
		{"Europe/Berlin", "2024-10-28T12:00:00Z", "yesterday 02:00", "2024-10-27T02:00:00+02:00"},
		// An RFC 3339 time names the second one.
		{"Europe/Berlin", "2024-10-27T12:00:00Z", "2024-10-27T02:30:00+01:00", "2024-10-27T02:30:00+01:00"},
		// New York: 02:00 → 03:00 on 2024-03-10, 02:00 → 01:00 on 2024-11-03.
		{"America/New_York", "2024-03-10T18:00:00Z", "2:30am", "2024-03-10T03:30:00-04:00"},
		{"America/New_York", "2024-11-03T18:00:00Z", "1:30am", "2024-11-03T01:30:00-04:00"},
		{"America/New_York", "2024-11-04T18:00:00Z", "sun 01:30", "2024-11-03T01:30:00-04:00"},
		// Lord Howe moves by half an hour: 02:00 → 02:30 on 2024-10-06.
		{"Australia/Lord_Howe", "2024-10-06T05:00:00Z", "02:15", "2024-10-06T02:45:00+11:00"},
		// …and back 02:00 → 01:30 on 2024-04-07: 01:45 twice.
		{"Australia/Lord_Howe", "2024-04-07T05:00:00Z", "01:45", "2024-04-07T01:45:00+11:00"},
		// A midnight that does not exist: Santiago springs 00:00 → 01:00 on 2024-09-08.
		{"America/Santiago", "2024-09-08T15:00:00Z", "today", "2024-09-08T01:00:00-03:00"},
		{"America/Santiago", "2024-09-08T15:00:00Z", "2024-09-08", "2024-09-08T01:00:00-03:00"},
	}
	for _, c := range cases {
		got, err := ParseTime(c.in, at(c.now), mustZone(t, c.zone))
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got.Format(time.RFC3339), "%s in %s at %s", c.in, c.zone, c.now)
	}
}

// WallTime's two rules, checked against every change of a few zones over
// two years: a skipped wall time lands as far past the gap's end as it was
// past its start, and a repeated one is never the later instant.
func TestWallTimeAtEveryChange(t *testing.T) {
	for _, name := range []string{"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Tehran"} {
		loc := mustZone(t, name)
		for u := at("2022-01-01T00:00:00Z"); u.Before(at("2024-01-01T00:00:00Z")); u = u.Add(30 * time.Minute) {
			local := u.In(loc)
			got := WallTime(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), loc)
			if got.Equal(u) {
				continue
			}
			// The only other answer allowed: the earlier of two instants
			// reading the same.
			assert.True(t, got.Before(u), "%s: %s read back as %s", name, u.Format(time.RFC3339), got.Format(time.RFC3339))
			assert.Equal(t, local.Format("2006-01-02 15:04:05"), got.In(loc).Format("2006-01-02 15:04:05"), name)
		}
	}
}

func TestParseTimeErrorsGiveExamplesOnOneLine(t *testing.T) {
	for _, bad := range []string{"", "  ", "25:00", "2024-13-01", "2024-02-30", "-15x", "+", "12:60", "yesterdy 14:00",
		"mon 9", "9", "13pm", "0am", "9:5", "tomorrow", "2h", "ago", "-2h ago", "yesterday at", "at 14:00",
		"mon tue", "14:00 yesterday", "2024-05-01 9", "14:30:61", "2x ago", "last mon", "now 14:00"} {
		_, err := ParseTime(bad, at("2024-05-15T13:45:30Z"), time.UTC)
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), `"yesterday 14:00"`, bad)
		assert.Contains(t, err.Error(), `"2h ago"`, bad)
		assert.NotContains(t, err.Error(), "\n")
	}
}
