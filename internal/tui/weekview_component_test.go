package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testWeek is a week view w×h on the fixture, showing this week.
func testWeek(t *testing.T, b *fakeBackend, w, h int) *weekView {
	t.Helper()
	v := newWeekView(testShared(b))
	v.SetSize(w, h)
	for _, msg := range drain(v.Show(testNow)) {
		v.Update(msg)
	}
	return v
}

func weekScreen(v *weekView) string { return ansi.Strip(v.View()) }

// [ ] . r move the week and load it; each answer is kept only for the
// week asked for last.
func TestWeekViewKeysLoadTheirWeek(t *testing.T) {
	b := fixture()
	v := testWeek(t, b, 120, 30)
	assert.Contains(t, weekScreen(v), "Week of Mon 23 – Sun 29 Nov 2026 · this week")
	assert.Contains(t, weekScreen(v), "USD 975.00")

	back := v.Update(keyMsg("["))
	require.NotNil(t, back)
	assert.Equal(t, testNow.AddDate(0, 0, -7), v.day)
	assert.Contains(t, weekScreen(v), "loading…")
	on := v.Update(keyMsg("]"))
	assert.Equal(t, testNow, v.day)
	for _, msg := range drain(back) { // last week's answer comes in late
		v.Update(msg)
	}
	assert.Contains(t, weekScreen(v), "loading…", "an answer for a week moved on from is dropped")
	for _, msg := range drain(on) {
		v.Update(msg)
	}
	assert.Contains(t, weekScreen(v), "USD 975.00")

	v.Update(keyMsg("]"))
	v.Update(keyMsg("."))
	assert.Equal(t, testNow, v.day, ". is this week")
	assert.NotNil(t, v.Update(keyMsg("r")), "r loads the week shown again")
	assert.Nil(t, v.Update(keyMsg("x")))
	assert.Equal(t, testNow, lastWeekAsked(t, b))
}

// The grid fills its size and keeps the totals in view.
func TestWeekViewFitsItsSize(t *testing.T) {
	v := testWeek(t, fixture(), 80, 10)
	lines := strings.Split(weekScreen(v), "\n")
	assert.LessOrEqual(t, len(lines), 10)
	for _, l := range lines {
		assert.LessOrEqual(t, ansi.StringWidth(l), 80)
	}
	assert.Contains(t, weekScreen(v), "TOTAL")
	assert.Contains(t, weekScreen(v), "not shown at this width: Sat, Sun")

	v.Forget()
	assert.NotContains(t, weekScreen(v), "USD 975.00", "a forgotten grid is not shown")
}

func TestHelpScreenShowsTheKeysOfTheScreenItWasOpenedFrom(t *testing.T) {
	s := newHelpScreen(testShared(nil))
	s.SetSize(120, 40)
	s.Open(modeMain)
	assert.Contains(t, ansi.Strip(s.View()), "start/stop timer")
	assert.NotContains(t, ansi.Strip(s.View()), "previous week")
	s.Open(modeWeek)
	assert.Contains(t, ansi.Strip(s.View()), "previous week")
	assert.Contains(t, ansi.Strip(s.View()), "AMOUNT is billed hours ×")

	s.Open(modeMain)
	s.SetSize(40, 6)
	lines := strings.Split(ansi.Strip(s.View()), "\n")
	assert.Len(t, lines, 6)
	assert.Equal(t, "… make the terminal taller for the rest", lines[5])
}
