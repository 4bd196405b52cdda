package workbench

import (
	"context"

	"github.com/stint-sh/stint/internal/workbench/session"
)

// Budgets: a client's hours per week or month, used and left.

// Budget is slug's budget use now; nil when it has none.
func (w *Workbench) Budget(ctx context.Context, slug string) (*BudgetUse, error) {
	return w.reports.Budget(ctx, slug)
}

// Budgets is the budget use of every client that has a budget.
func (w *Workbench) Budgets(ctx context.Context) ([]BudgetUse, error) {
	return w.reports.Budgets(ctx)
}

// BudgetCrossing is slug's budget use (nil: no budget) and the mark (80 or
// 100) it has reached that was not said yet in this period, 0 for none.
// Asking marks it said: the caller says it, once, whichever process asks
// first.
func (w *Workbench) BudgetCrossing(ctx context.Context, slug string) (*BudgetUse, int, error) {
	u, err := w.reports.Budget(ctx, slug)
	if err != nil || u == nil || u.Level == 0 {
		return u, 0, err
	}
	c, err := w.clients.Client(ctx, slug)
	if err != nil {
		return u, 0, err
	}
	said, err := w.db.SayBudget(ctx, c.ID, u.From, u.Level)
	if err != nil || !said {
		return u, 0, err
	}
	return u, u.Level, nil
}

// BudgetPart is a budget's use in a sentence, as the switch summary says
// it: "budget 12h30m of 20h this month, 7h30m left".
func BudgetPart(u BudgetUse) string {
	return session.BudgetPart(session.Budget{UsedSeconds: u.UsedSeconds, BudgetSeconds: u.BudgetSeconds, Period: u.Period})
}
