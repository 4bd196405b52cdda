package timesheet

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckOverlap(t *testing.T) {
	existing := []Entry{
		ended(1, "acme", "2024-05-01T09:00:00Z", "2024-05-01T10:00:00Z"),
		ended(2, "globex", "2024-05-01T11:00:00Z", "2024-05-01T12:00:00Z"),
		{ID: 3, Client: "acme", Start: at("2024-05-01T14:00:00Z")}, // running
	}
	cases := []struct {
		name      string
		candidate Entry
		want      int64 // 0: none
	}{
		{"before everything", ended(0, "x", "2024-05-01T08:00:00Z", "2024-05-01T09:00:00Z"), 0},
		{"touching ends is fine", ended(0, "x", "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"), 0},
		{"inside one", ended(0, "x", "2024-05-01T09:15:00Z", "2024-05-01T09:45:00Z"), 1},
		{"covering two: earliest named", ended(0, "x", "2024-05-01T08:00:00Z", "2024-05-01T13:00:00Z"), 1},
		{"tail of the second", ended(0, "x", "2024-05-01T11:59:00Z", "2024-05-01T12:30:00Z"), 2},
		{"after the running start", ended(0, "x", "2024-05-02T09:00:00Z", "2024-05-02T10:00:00Z"), 3},
		{"ending at the running start", ended(0, "x", "2024-05-01T13:00:00Z", "2024-05-01T14:00:00Z"), 0},
		{"running candidate reaches forward", Entry{Client: "x", Start: at("2024-05-01T11:30:00Z")}, 2},
		{"editing entry 1 in place", ended(1, "acme", "2024-05-01T09:30:00Z", "2024-05-01T10:30:00Z"), 0},
		{"empty entry inside", ended(0, "x", "2024-05-01T09:30:00Z", "2024-05-01T09:30:00Z"), 1},
		{"empty entry at a boundary", ended(0, "x", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z"), 0},
	}
	for _, c := range cases {
		got := CheckOverlap(existing, c.candidate)
		if c.want == 0 {
			assert.Nil(t, got, c.name)
			continue
		}
		require.NotNil(t, got, c.name)
		assert.Equal(t, c.want, got.ID, c.name)
	}
}

func TestOverlapErrorNamesTheEntry(t *testing.T) {
	err := &OverlapError{With: ended(7, "acme", "2024-05-01T09:00:00Z", "2024-05-01T10:00:00Z"), Loc: mustZone(t, "Europe/Berlin")}
	assert.Equal(t, "overlaps entry 7 (acme, 2024-05-01 11:00–12:00): change --from/--to or edit that entry first", err.Error())
}

func TestForgotten(t *testing.T) {
	running := Entry{Client: "acme", Start: at("2024-05-01T08:00:00Z")}
	assert.False(t, Forgotten(running, at("2024-05-01T18:00:00Z"), 0), "exactly 10 h is not yet forgotten")
	assert.True(t, Forgotten(running, at("2024-05-01T18:00:01Z"), 0))
	assert.True(t, Forgotten(running, at("2024-05-01T10:00:01Z"), 2*time.Hour))
	stopped := ended(1, "acme", "2024-05-01T08:00:00Z", "2024-05-02T08:00:00Z")
	assert.False(t, Forgotten(stopped, at("2024-05-09T00:00:00Z"), 0))
}

func TestTermsValidate(t *testing.T) {
	assert.NoError(t, usd15.Validate())
	assert.NoError(t, Terms{}.Validate())
	bad := []Terms{
		{RateMinor: -1, Currency: "USD"},
		{RateMinor: 100},
		{Currency: "DOLLARS"},
		{RoundIncrement: 30 * time.Second},
		{RoundIncrement: 241 * time.Minute},
		{RoundIncrement: 90 * time.Second},
		{RoundMode: 7},
		{RoundPer: 3},
		{MinimumPerEntry: -time.Minute},
	}
	for _, b := range bad {
		assert.Error(t, b.Validate(), "%+v", b)
	}
	for _, s := range []string{"up", "nearest", "down"} {
		m, err := ParseRoundMode(s)
		require.NoError(t, err)
		assert.Equal(t, s, m.String())
	}
	_, err := ParseRoundMode("ceil")
	assert.ErrorContains(t, err, "use up, nearest or down")
}

func TestEntryValidate(t *testing.T) {
	assert.NoError(t, ended(1, "acme", "2024-05-01T09:00:00Z", "2024-05-01T10:00:00Z").Validate())
	backwards := ended(1, "acme", "2024-05-01T10:00:00Z", "2024-05-01T09:00:00Z")
	assert.ErrorContains(t, backwards.Validate(), "before it starts")
	noClient := ended(1, "", "2024-05-01T09:00:00Z", "2024-05-01T10:00:00Z")
	assert.Error(t, noClient.Validate())
	badSource := ended(1, "acme", "2024-05-01T09:00:00Z", "2024-05-01T10:00:00Z")
	badSource.Source = "cron"
	assert.Error(t, badSource.Validate())
}
