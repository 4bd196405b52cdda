package tui

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stint-sh/stint/internal/workbench"
)

// The footer's timer says the running client's budget, used and left
// (warning from 80 %), and an idle stretch waiting for `stint idle`.
func TestFooterShowsBudgetAndIdle(t *testing.T) {
	b := fixture() // acme's timer has run 1:45:00
	h := newHarness(t, b, Options{}, 160, 30)
	assert.NotContains(t, strings.Join(screenLines(h), "\n"), "budget")

	b.budgets = map[string]*workbench.BudgetUse{"acme": {Client: "acme", BudgetSeconds: 20 * 3600, Period: "month", UsedSeconds: 17 * 3600}}
	b.idle = &workbench.IdleGap{Client: "acme", EntryID: 1, Seconds: 40 * 60}
	h = newHarness(t, b, Options{}, 160, 30)
	screen := strings.Join(screenLines(h), "\n")
	assert.Contains(t, screen, "budget 17h00m/20h month, 3h00m left")
	assert.Contains(t, screen, "idle 40m: stint idle keep|drop|split")
}
