package timesheet

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
