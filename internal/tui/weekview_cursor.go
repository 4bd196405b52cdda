package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/workbench"
)

// The week view's cursor selects one cell of the grid: a client's row and
// a day. ↑/↓ (k/j) move it between clients, g and G to the first and last,
// ←/→ (h/l) between days, a click puts it on the cell clicked. The selected day is kept on screen as
// a day with time is (fitWeekColumns): a narrow terminal still hides the
// empty days first, and never the one the cursor is on.

// weekCursor is the selected cell. The client is held by slug, so a grid
// loaded again (time added, another week) keeps it on the same client
// while that client has a row.
type weekCursor struct {
	row  int
	slug string
	day  int // 0–6 into the week; -1 until the first grid: today's
}

// follow puts the cursor on grid g: on its client's row again, else the
// nearest row; on today when it has no day yet. A week without rows
// leaves it as it was, for the next week that has them.
func (c *weekCursor) follow(g workbench.WeekGrid, now time.Time) {
	if c.day < 0 {
		c.day = max(dayIndex(weekDays(g.Start), now), 0)
	}
	if len(g.Rows) == 0 {
		return
	}
	for i, r := range g.Rows {
		if r.Client == c.slug {
			c.row = i
			return
		}
	}
	c.set(g, c.row)
}

// set puts the cursor on row i of g, kept within its rows.
func (c *weekCursor) set(g workbench.WeekGrid, i int) {
	c.row = max(min(i, len(g.Rows)-1), 0)
	c.slug = ""
	if len(g.Rows) > 0 {
		c.slug = g.Rows[c.row].Client
	}
}

// move steps the cursor by one cell, stopping at the grid's edges.
func (c *weekCursor) move(msg tea.KeyPressMsg, k keyMap, g workbench.WeekGrid) {
	switch {
	case key.Matches(msg, k.Up):
		c.set(g, c.row-1)
	case key.Matches(msg, k.Down):
		c.set(g, c.row+1)
	case key.Matches(msg, k.Top):
		c.set(g, 0)
	case key.Matches(msg, k.Bottom):
		c.set(g, len(g.Rows)-1)
	case key.Matches(msg, k.CellLeft):
		c.day = max(c.day-1, 0)
	case key.Matches(msg, k.CellRight):
		c.day = min(c.day+1, 6)
	}
}

// weekCell is a client's day: the cell the cursor is on. Its day is a
// calendar day in the zone the client's row counts in, as the grid sums
// it.
type weekCell struct {
	slug     string
	from, to time.Time // the day's midnight and the next
}

// gridShown: a grid is loaded and on screen.
func (v *weekView) gridShown() bool {
	return !v.grid.loading && v.grid.err == nil && !v.grid.val.Start.IsZero()
}

// Cell is the selected cell, when the grid has a row to select.
func (v *weekView) Cell() (weekCell, bool) {
	g := v.grid.val
	if !v.gridShown() || len(g.Rows) == 0 || v.cur.day < 0 {
		return weekCell{}, false
	}
	r := g.Rows[min(v.cur.row, len(g.Rows)-1)]
	loc := g.Start.Location()
	if r.Zone != "" {
		if z, err := time.LoadLocation(r.Zone); err == nil {
			loc = z
		}
	}
	d := weekDays(g.Start)[v.cur.day]
	from := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	return weekCell{slug: r.Client, from: from, to: time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)}, true
}

// Click puts the cursor on the cell at column x, line y of the view (a
// click on a client's name or totals selects its row, the day kept), or
// on the entry clicked in the open day. again: the cell clicked was
// already selected.
func (v *weekView) Click(x, y int) (again bool) {
	if d := v.open; d != nil {
		// The box is drawn over the middle of the grid (overlay).
		box := len(d.view(v.sh, v.w, v.h))
		d.click(y-max((v.h-box)/2, 0), v.h)
		return false
	}
	if !v.gridShown() {
		return false
	}
	g := v.grid.val
	lay := v.layout(g, v.w, v.h)
	r := y - weekHeadLines
	if r < 0 || r >= lay.shown {
		return false
	}
	row, day := lay.first+r, v.cur.day
	if k := (x - lay.cols.nameW) / (weekDayW + 1); x >= lay.cols.nameW && k < len(lay.cols.days) {
		day = lay.cols.days[k]
	}
	again = row == v.cur.row && day == v.cur.day
	v.cur.set(g, row)
	v.cur.day = day
	return again
}

// Step moves the cursor by n clients, or the open day's by n entries: the
// mouse wheel.
func (v *weekView) Step(n int) {
	switch {
	case v.open != nil:
		v.open.step(n)
	case v.gridShown():
		v.cur.set(v.grid.val, v.cur.row+n)
	}
}
