package timesheet

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseBudget(t *testing.T) {
	for in, want := range map[string]Budget{
		"20h/month":   {20 * time.Hour, BudgetMonth},
		"10h/week":    {10 * time.Hour, BudgetWeek},
		" 90m / Week": {90 * time.Minute, BudgetWeek},
		"1h30m/mo":    {90 * time.Minute, BudgetMonth},
		"1:30/w":      {90 * time.Minute, BudgetWeek},
		"744h/month":  {744 * time.Hour, BudgetMonth},
		"off":         {},
		"none":        {},
		"0":           {},
	} {
		got, err := ParseBudget(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "20h", "20h/day", "/month", "x/month", "0/month", "30s/week", "745h/month", "-2h/week", "20h/month/week"} {
		_, err := ParseBudget(in)
		assert.Error(t, err, in)
	}
}

func TestBudgetLevel(t *testing.T) {
	h := time.Hour
	for _, c := range []struct {
		used, budget time.Duration
		want         int
	}{
		{0, 20 * h, 0}, {16*h - time.Second, 20 * h, 0}, {16 * h, 20 * h, 80}, {20*h - time.Second, 20 * h, 80},
		{20 * h, 20 * h, 100}, {30 * h, 20 * h, 100}, {5 * h, 0, 0},
	} {
		assert.Equal(t, c.want, BudgetLevel(c.used, c.budget), "%v of %v", c.used, c.budget)
	}
}

func TestBudgetRange(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	// 2026-03-31 23:30 UTC is already April 1st in Berlin (CEST, +2).
	now := time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC)
	from, to := Budget{time.Hour, BudgetMonth}.Range(now, berlin, time.Monday)
	assert.Equal(t, time.Date(2026, 4, 1, 0, 0, 0, 0, berlin), from)
	assert.Equal(t, time.Date(2026, 5, 1, 0, 0, 0, 0, berlin), to)
	from, to = Budget{time.Hour, BudgetWeek}.Range(now, berlin, time.Monday)
	assert.Equal(t, time.Date(2026, 3, 30, 0, 0, 0, 0, berlin), from)
	assert.Equal(t, time.Date(2026, 4, 6, 0, 0, 0, 0, berlin), to)
	from, _ = Budget{time.Hour, BudgetWeek}.Range(now, berlin, time.Sunday)
	assert.Equal(t, time.Date(2026, 3, 29, 0, 0, 0, 0, berlin), from)
}
