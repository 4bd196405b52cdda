package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/stint-sh/stint/internal/workbench"
)

// Budgets: used and left in status and reports, and the 80 % and 100 %
// marks said once per period (on stderr: they are news, not output).

// printBudgets writes one line per client with a budget.
func printBudgets(w io.Writer, us []workbench.BudgetUse) {
	for _, u := range us {
		fmt.Fprintf(w, "Budget: %s %s (%d%%)\n", u.Client, workbench.BudgetPart(u), u.Percent)
	}
}

// sayBudgetCrossing says, once per period, that slug's time has reached 80
// % or 100 % of its budget. A budget that cannot be read says nothing: the
// command it follows has done its work.
func sayBudgetCrossing(ctx context.Context, errOut io.Writer, wb *workbench.Workbench, slug string) {
	if slug == "" {
		return
	}
	u, mark, err := wb.BudgetCrossing(ctx, slug)
	if err != nil || u == nil || mark == 0 {
		return
	}
	fmt.Fprintln(errOut, "stint: "+budgetMarkText(*u, mark))
}

// budgetMarkText is the line that says a mark was reached.
func budgetMarkText(u workbench.BudgetUse, mark int) string {
	if mark >= 100 {
		return fmt.Sprintf("%s has used its whole budget: %s", u.Client, workbench.BudgetPart(u))
	}
	return fmt.Sprintf("%s has used %d%% of its budget: %s", u.Client, u.Percent, workbench.BudgetPart(u))
}

// statusJSON is `stint status --json`: the status and the budgets.
type statusJSON struct {
	workbench.Status
	Budgets []workbench.BudgetUse `json:"budgets"`
	// Idle is the idle stretch waiting for `stint idle`; null: none.
	Idle *workbench.IdleGap `json:"idle"`
}

func budgetsOrNone(us []workbench.BudgetUse) []workbench.BudgetUse {
	if us == nil {
		return []workbench.BudgetUse{}
	}
	return us
}
