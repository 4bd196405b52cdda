package timesheet

import (
	"fmt"
	"strings"
	"time"
)

// A Budget is the hours a client buys per week or month (a retainer):
// "20h/month". Used time is billed time (rounded by the client's terms) of
// the entries starting in the current period, in the client's zone, weeks
// starting on the week_start setting.
type Budget struct {
	Hours  time.Duration // > 0
	Period BudgetPeriod
}

// BudgetPeriod is what a budget renews over.
type BudgetPeriod string

// The periods a budget can have.
const (
	BudgetWeek  BudgetPeriod = "week"
	BudgetMonth BudgetPeriod = "month"
)

// MaxBudget bounds a budget's hours: a week has 168, a month 744.
const MaxBudget = 744 * time.Hour

const budgetHelp = "give hours per week or month, like 20h/month or 10h/week (off removes it)"

// ParseBudget reads "20h/month", "10h/week", "90m/week" or "1h30m/month";
// "off" (or "0", "none") is the zero Budget: no budget.
func ParseBudget(s string) (Budget, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "off", "none", "0":
		return Budget{}, nil
	}
	amount, per, ok := strings.Cut(s, "/")
	if !ok {
		return Budget{}, fmt.Errorf("budget %q has no period: %s", s, budgetHelp)
	}
	var b Budget
	switch strings.TrimSpace(per) {
	case "week", "w", "weekly":
		b.Period = BudgetWeek
	case "month", "mo", "monthly":
		b.Period = BudgetMonth
	default:
		return Budget{}, fmt.Errorf("budget period %q is unknown: %s", per, budgetHelp)
	}
	d, err := ParseDuration(strings.TrimSpace(amount))
	if err != nil {
		return Budget{}, fmt.Errorf("budget %q: %w", s, err)
	}
	if d < time.Minute || d > MaxBudget || d%time.Minute != 0 {
		return Budget{}, fmt.Errorf("budget %q is out of range: whole minutes from 1m to 744h; %s", s, budgetHelp)
	}
	b.Hours = d
	return b, nil
}

// IsZero reports no budget.
func (b Budget) IsZero() bool { return b.Hours == 0 }

// Range is the period containing now, in loc.
func (b Budget) Range(now time.Time, loc *time.Location, weekStart time.Weekday) (from, to time.Time) {
	if b.Period == BudgetWeek {
		return WeekRange(now, loc, weekStart)
	}
	y, m, _ := now.In(loc).Date()
	return MonthRange(y, m, loc)
}

// BudgetLevel is the highest mark used time has reached of a budget: 0,
// 80 or 100 (per cent). Each is said once per period.
func BudgetLevel(used, budget time.Duration) int {
	switch {
	case budget <= 0:
		return 0
	case used >= budget:
		return 100
	case used*5 >= budget*4:
		return 80
	}
	return 0
}
