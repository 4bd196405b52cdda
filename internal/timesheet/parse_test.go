package timesheet

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTimeForms(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	now := at("2024-05-15T13:45:30Z") // 15:45:30 in Berlin
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
	}
	for _, c := range cases {
		got, err := ParseTime(c.in, now, berlin)
		require.NoError(t, err, c.in)
		want := at(c.want)
		assert.True(t, want.Equal(got), "%q: got %s want %s", c.in, got.Format(time.RFC3339), c.want)
	}
}

func TestParseTimeUsesTodayInTheGivenZone(t *testing.T) {
	tokyo := mustZone(t, "Asia/Tokyo")
	// 23:30 UTC on the 15th is already the 16th in Tokyo.
	got, err := ParseTime("09:00", at("2024-05-15T23:30:00Z"), tokyo)
	require.NoError(t, err)
	assert.Equal(t, "2024-05-16T09:00:00+09:00", got.Format(time.RFC3339))
}

func TestParseTimeInADSTGapIsNormalised(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	got, err := ParseTime("2024-03-31 02:30", time.Time{}, berlin)
	require.NoError(t, err)
	assert.Equal(t, "2024-03-31T03:30:00+02:00", got.Format(time.RFC3339))
	got, err = ParseTime("2024-10-27 02:30", time.Time{}, berlin)
	require.NoError(t, err)
	// 02:30 happens twice that night; Go picks one of them (today the second,
	// in CET) and does not promise which, so accept either.
	assert.Contains(t, []string{"2024-10-27T02:30:00+02:00", "2024-10-27T02:30:00+01:00"}, got.Format(time.RFC3339))
}

func TestParseTimeErrorsListTheAcceptedForms(t *testing.T) {
	for _, bad := range []string{"", "yesterday", "25:00", "2024-13-01", "2024-02-30", "-15x", "+", "12:60", "2024-05-01 9am"} {
		_, err := ParseTime(bad, at("2024-05-15T13:45:30Z"), time.UTC)
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "HH:MM", bad)
		assert.Contains(t, err.Error(), "-15m", bad)
		assert.NotContains(t, err.Error(), "\n")
	}
}

func TestParseDuration(t *testing.T) {
	good := map[string]time.Duration{
		"15m": 15 * time.Minute, "1h30m": 90 * time.Minute, "90": 90 * time.Minute, "0": 0,
		"1.5h": 90 * time.Minute, "45s": 45 * time.Second, "1:30": 90 * time.Minute, "240m": 4 * time.Hour,
		" 2h ": 2 * time.Hour, "10:05": 10*time.Hour + 5*time.Minute,
		"2d": 48 * time.Hour, "1d12h": 36 * time.Hour, "1d30m": 24*time.Hour + 30*time.Minute, "0d": 0,
		"1.5d": 36 * time.Hour,
	}
	for in, want := range good {
		got, err := ParseDuration(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "-5m", "abc", "1.5s", "10ms", "1:5", "1:60", "1h-3m", "99999999999999999999", ":30",
		"d", "1h2d", "2d2d", "1dd", "d5", "99999999999d", "-1d"} {
		_, err := ParseDuration(bad)
		assert.Error(t, err, bad)
	}
}

func TestParseMonth(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	from, to, err := ParseMonth("2024-02", time.Time{}, ny)
	require.NoError(t, err)
	assert.Equal(t, "2024-02-01T00:00:00-05:00", from.Format(time.RFC3339))
	assert.Equal(t, "2024-03-01T00:00:00-05:00", to.Format(time.RFC3339))
	from, _, err = ParseMonth("", at("2024-06-01T02:00:00Z"), ny) // still May in New York
	require.NoError(t, err)
	assert.Equal(t, "2024-05-01", from.Format("2006-01-02"))
	_, _, err = ParseMonth("2024-13", time.Time{}, ny)
	assert.ErrorContains(t, err, "YYYY-MM")
}
