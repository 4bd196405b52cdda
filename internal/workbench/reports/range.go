package reports

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/timesheet"
)

// Period is what a command covers when no range is given.
type Period int

// The default ranges of the time commands.
const (
	PeriodAll   Period = iota // everything (export)
	PeriodWeek                // the current week (log)
	PeriodMonth               // the current month (report)
)

// RangeRequest is a command's range as typed: --from/--to, --week [DATE] or
// --month [YYYY-MM]. Times and days are read in Client's zone ("" local).
type RangeRequest struct {
	Client   string
	From, To string
	Week     *string // non-nil when --week was given; "" is this week
	Month    *string // non-nil when --month was given; "" is this month
	Default  Period
}

// ResolveRange turns a RangeRequest into a half-open [from, to). With
// PeriodAll and no flags both are zero (no bounds); --from alone runs to now.
func (rp *Reports) ResolveRange(ctx context.Context, r RangeRequest) (from, to time.Time, err error) {
	loc, err := rp.clients.Zone(ctx, r.Client)
	if err != nil {
		return from, to, err
	}
	now := rp.clock.Now()
	given := 0
	for _, set := range []bool{r.From != "" || r.To != "", r.Week != nil, r.Month != nil} {
		if set {
			given++
		}
	}
	if given > 1 {
		return from, to, badinput.Errorf("give one of --from/--to, --week or --month, not several")
	}
	weekStart, err := rp.settings.WeekStart(ctx)
	if err != nil {
		return from, to, err
	}
	switch {
	case r.Week != nil:
		day := now
		if *r.Week != "" {
			if day, err = rp.times.ParseTime(ctx, *r.Week, r.Client); err != nil {
				return from, to, badinput.Errorf("--week: %w", err)
			}
		}
		from, to = timesheet.WeekRange(day, loc, weekStart)
		return from, to, nil
	case r.Month != nil:
		from, to, err = timesheet.ParseMonth(*r.Month, now, loc)
		return from, to, badinput.Wrap(err)
	case r.From == "" && r.To == "":
		switch r.Default {
		case PeriodWeek:
			from, to = timesheet.WeekRange(now, loc, weekStart)
		case PeriodMonth:
			from, to, _ = timesheet.ParseMonth("", now, loc)
		}
		return from, to, nil
	}
	if r.From == "" && r.Default != PeriodAll {
		return from, to, badinput.Errorf("--to needs --from: give the start of the range too")
	}
	if r.From != "" {
		if from, err = rp.times.ParseTime(ctx, r.From, r.Client); err != nil {
			return from, to, badinput.Errorf("--from: %w", err)
		}
	}
	to = now
	if r.To != "" {
		if to, err = rp.times.ParseTime(ctx, r.To, r.Client); err != nil {
			return from, to, badinput.Errorf("--to: %w", err)
		}
	} else if r.Default == PeriodAll {
		to = time.Time{}
	}
	if !to.IsZero() && !to.After(from) {
		return from, to, badinput.Errorf("--from (%s) is not before --to (%s): swap them", display.Time(from, loc, rp.clock.Local()), display.Time(to, loc, rp.clock.Local()))
	}
	return from, to, nil
}
