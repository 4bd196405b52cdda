package reports

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
)

// BudgetUse is a client's budget in its current period: what is used
// (billed, by the client's terms, running timer up to now) and left.
type BudgetUse struct {
	Client        string    `json:"client"`
	BudgetSeconds int64     `json:"budget_seconds"`
	Period        string    `json:"period"` // week or month
	From          time.Time `json:"from"`   // the period, [from, to), in the client's zone
	To            time.Time `json:"to"`
	UsedSeconds   int64     `json:"used_seconds"`
	LeftSeconds   int64     `json:"left_seconds"` // negative: over budget
	Percent       int       `json:"percent"`      // used of budget, rounded down
	Level         int       `json:"level"`        // the mark reached: 0, 80 or 100
}

// Budget is slug's budget use now; nil when it has none.
func (rp *Reports) Budget(ctx context.Context, slug string) (*BudgetUse, error) {
	c, err := rp.clients.Client(ctx, slug)
	if err != nil {
		return nil, err
	}
	return rp.budgetOf(ctx, c)
}

// Budgets is the budget use of every client with a budget (archived ones
// left out), by slug.
func (rp *Reports) Budgets(ctx context.Context) ([]BudgetUse, error) {
	cs, err := rp.db.Clients(ctx, false)
	if err != nil {
		return nil, err
	}
	var out []BudgetUse
	for _, c := range cs {
		u, err := rp.budgetOf(ctx, c)
		if err != nil {
			return nil, err
		}
		if u != nil {
			out = append(out, *u)
		}
	}
	return out, nil
}

func (rp *Reports) budgetOf(ctx context.Context, c store.Client) (*BudgetUse, error) {
	b := profiles.BudgetOf(c)
	if b.IsZero() {
		return nil, nil
	}
	weekStart, err := rp.settings.WeekStart(ctx)
	if err != nil {
		return nil, err
	}
	from, to := b.Range(rp.clock.Now(), rp.clients.ZoneOf(c), weekStart)
	// The same figure `stint report --client X` gives for the period.
	rep, err := rp.Report(ctx, ReportRequest{From: from, To: to, Client: c.Slug})
	if err != nil {
		return nil, err
	}
	var used int64
	for _, l := range rep.Clients {
		if l.Client == c.Slug {
			used = l.RoundedSeconds
		}
	}
	total := int64(b.Hours / time.Second)
	return &BudgetUse{Client: c.Slug, BudgetSeconds: total, Period: string(b.Period), From: from, To: to,
		UsedSeconds: used, LeftSeconds: total - used, Percent: int(used * 100 / total),
		Level: timesheet.BudgetLevel(time.Duration(used)*time.Second, b.Hours)}, nil
}
