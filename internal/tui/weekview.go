package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/money"
	"github.com/stint-sh/stint/internal/workbench"
)

// weekLine is one row of the week grid, its cells as text. Its durations
// are as shown, in whole minutes (display.Minutes): a client's worked time
// is the sum of its days as shown, and the TOTAL row sums the rows as shown,
// so every row and column of the grid adds up.
type weekLine struct {
	name           string // badge and display name, or TOTAL
	minutes        [7]int64
	worked, billed int64
	rate, amount   string
}

// worked7 says which days of a (total) line have time in them.
func (l weekLine) worked7() [7]bool {
	var w [7]bool
	for d, m := range l.minutes {
		w[d] = m > 0
	}
	return w
}

// weekView is the clients × days grid of one week: worked hours per day
// and in all, then the billed hours (billable time rounded by the client's
// terms), the rate, and the amount they make. [ and ] move it by a week.
// A cursor selects one cell, a client's day (weekview_cursor.go); enter
// opens that day's entries (weekview_day.go).
type weekView struct {
	sh   *shared
	w, h int
	// day is a day of the week shown (asked for or shown): [ and ] move it
	// by seven calendar days, . brings it to today.
	day  time.Time
	grid loaded[workbench.WeekGrid]
	cur  weekCursor
	// open is the selected cell's entries once enter opened them, nil
	// while the grid has the keys.
	open *dayList
}

func newWeekView(sh *shared) *weekView { return &weekView{sh: sh, cur: weekCursor{day: -1}} }

func (v *weekView) SetSize(w, h int) { v.w, v.h = w, h }

// Show loads the week holding day. Seven calendar days from a day of one
// week is a day of the next, whatever day the weeks start on and however
// long a daylight-saving day is.
func (v *weekView) Show(day time.Time) tea.Cmd {
	v.day = day
	v.grid = loaded[workbench.WeekGrid]{loading: true}
	v.open = nil
	return v.sh.fx.loadWeek(day)
}

// Forget drops the grid: time was tracked since it was loaded.
func (v *weekView) Forget() {
	v.grid = loaded[workbench.WeekGrid]{}
	v.open = nil
}

// Stale is told that time changed: the grid (and the open day) shown
// load again, kept on screen until the new answer replaces them; a grid
// not on screen is dropped.
func (v *weekView) Stale(shown bool) tea.Cmd {
	if !shown {
		v.Forget()
		return nil
	}
	if !v.gridShown() {
		v.grid = loaded[workbench.WeekGrid]{loading: true}
	}
	cmds := []tea.Cmd{v.sh.fx.loadWeek(v.day)}
	if d := v.open; d != nil {
		cmds = append(cmds, v.sh.fx.loadDay(d.slug, d.from, d.to))
	}
	return tea.Batch(cmds...)
}

// Update moves a week back or on, back to this week, or reloads; it takes
// the grid of the week asked for last, and drops an answer for a week the
// user has moved on from.
func (v *weekView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case weekMsg:
		if msg.day.Equal(v.day) {
			v.grid = loaded[workbench.WeekGrid]{val: msg.grid, err: msg.err}
			v.cur.follow(msg.grid, v.sh.now)
		}
	case dayMsg:
		v.open.take(msg)
	case tea.KeyPressMsg:
		k := v.sh.keys
		if v.open != nil {
			if key.Matches(msg, k.Refresh) {
				return v.Stale(true)
			}
			v.open.key(msg, k)
			return nil
		}
		switch {
		case key.Matches(msg, k.Up, k.Down, k.Top, k.Bottom, k.CellLeft, k.CellRight):
			v.cur.move(msg, k, v.grid.val)
		case key.Matches(msg, k.PrevWeek):
			return v.Show(v.day.AddDate(0, 0, -7))
		case key.Matches(msg, k.NextWeek):
			return v.Show(v.day.AddDate(0, 0, 7))
		case key.Matches(msg, k.ThisWeek):
			return v.Show(v.sh.now)
		case key.Matches(msg, k.Refresh):
			return v.Show(v.day)
		}
	}
	return nil
}

// ShortHelp is the week view's footer, less help and back, which the
// footer pins to its right end; compact says the same in fewer words.
func (v *weekView) ShortHelp() (keys, compact []key.Binding) {
	if v.open != nil {
		return v.sh.keys.DayHelp()
	}
	return v.sh.keys.WeekHelp()
}

// View is the grid, its totals kept in view, and over it the open day.
func (v *weekView) View() string {
	lines := v.lines(v.w, v.h)
	if v.open != nil {
		lines = overlay(block(lines, v.w, v.h), v.open.view(v.sh, v.w, v.h), v.w)
	}
	return strings.Join(lines, "\n")
}

func (v *weekView) lines(w, h int) []string {
	if lines, ok := state(v.sh.st, v.grid, true); !ok {
		return lines
	}
	g := v.grid.val
	days := weekDays(g.Start)
	lay := v.layout(g, w, h)
	head := []string{v.weekTitle(days), v.weekHeader(lay.cols, days, dayIndex(days, v.sh.now))}
	body := make([]string, 0, lay.shown+1)
	for i := lay.first; i < lay.first+lay.shown; i++ {
		sel := -1
		if i == v.cur.row {
			sel = v.cur.day
		}
		body = append(body, v.weekRow(lay.rows[i], lay.cols, false, sel))
	}
	if lay.more > 0 {
		body = append(body, v.sh.st.Faint.Render(fmt.Sprintf("… %d more clients: make the terminal taller", lay.more)))
	}
	return concat(head, body, lay.foot)
}

// weekHeadLines are the lines above the clients' rows: the title and the
// column headers.
const weekHeadLines = 2

// weekLayout is the grid placed at a size: its lines as text, the columns
// shown, the footer, and which clients' rows are in view.
type weekLayout struct {
	rows  []weekLine
	total weekLine
	cols  weekColumns
	foot  []string
	// first and shown are the rows in view; more is how many are not,
	// told in a line below them.
	first, shown, more int
}

// layout places grid g in w×h: the totals stay in view, clients give way
// to them, and the selected client's row is always among those shown.
func (v *weekView) layout(g workbench.WeekGrid, w, h int) weekLayout {
	var lay weekLayout
	lay.rows, lay.total = v.weekLines(g)
	lay.cols = v.columns(lay.rows, lay.total, weekDays(g.Start), w)
	lay.foot = v.weekFoot(g, len(lay.rows), lay.total, w, lay.cols)
	lay.shown = len(lay.rows)
	if room := h - weekHeadLines - len(lay.foot); lay.shown > room && room >= 1 {
		lay.shown = room - 1
		lay.more = len(lay.rows) - lay.shown
		lay.first = max(min(v.cur.row-lay.shown+1, len(lay.rows)-lay.shown), 0)
	}
	return lay
}

// columns are the grid's columns at width w: the empty days go first, and
// the selected day stays, as a day with time does.
func (v *weekView) columns(rows []weekLine, total weekLine, days [8]time.Time, w int) weekColumns {
	keep := total.worked7()
	if len(rows) > 0 && v.cur.day >= 0 {
		keep[v.cur.day] = true
	}
	return fitWeekColumns(naturalWeekColumns(append(rows, total)), weekdaysOf(days), keep, w)
}

// weekFoot is what goes below the clients' rows: the totals, the columns
// the width hides, the amounts.
func (v *weekView) weekFoot(g workbench.WeekGrid, rows int, total weekLine, w int, cols weekColumns) []string {
	var foot []string
	if rows == 0 {
		foot = append(foot, v.sh.st.Dim.Render("no time tracked: [ and ] move to other weeks"))
	}
	foot = append(foot, v.weekRow(total, cols, true, -1))
	if hidden := v.hiddenColumns(cols, weekDays(g.Start)); hidden != "" {
		foot = append(foot, v.sh.st.Faint.Render(hidden))
	}
	if len(g.Amounts) > 0 {
		var parts []string
		for _, a := range g.Amounts {
			parts = append(parts, money.Format(a.AmountMinor, money.Currency(a.Currency)))
		}
		foot = append(foot, "")
		foot = append(foot, joinWrapped(v.sh.st.Header.Render("Total billed: "), parts, " · ", w)...)
	}
	return foot
}

// weekLines are the grid's rows and its total row, their cells as text.
func (v *weekView) weekLines(g workbench.WeekGrid) (rows []weekLine, total weekLine) {
	total.name = "TOTAL"
	currencies := map[string]int64{}
	for _, r := range g.Rows {
		c, _ := v.sh.clientBySlug(r.Client)
		name := r.Client
		if c.Name != "" {
			name = display.Safe(c.Name)
		}
		if r.Zone != "" {
			// Its days are its own zone's: say which, as `stint report` does.
			if loc, err := time.LoadLocation(r.Zone); err == nil {
				name += v.sh.st.Dim.Render(display.ZoneSuffix(g.Start, loc, nil))
			}
		}
		l := weekLine{name: v.sh.st.badge(r.Client, c.Color) + " " + name, billed: display.Minutes(r.BilledSeconds),
			rate: "-", amount: "-"}
		for d, s := range r.Seconds {
			l.minutes[d] = display.Minutes(s)
			l.worked += l.minutes[d]
			total.minutes[d] += l.minutes[d]
		}
		if r.RateMinor > 0 {
			l.rate = money.FormatAmount(r.RateMinor, money.Currency(r.Currency)) + "/h"
		}
		if r.AmountMinor > 0 {
			l.amount = money.Format(r.AmountMinor, money.Currency(r.Currency))
			currencies[r.Currency] += r.AmountMinor
		}
		rows = append(rows, l)
		total.worked += l.worked
		total.billed += l.billed
	}
	if len(currencies) == 1 { // amounts in several currencies do not add up
		for cur, sum := range currencies {
			total.amount = money.Format(sum, money.Currency(cur))
		}
	}
	return rows, total
}

// naturalWeekColumns shows every column, each as wide as its widest cell.
func naturalWeekColumns(lines []weekLine) weekColumns {
	c := weekColumns{nameW: weekNameMinW, days: []int{0, 1, 2, 3, 4, 5, 6},
		hoursW: len("WORKED"), amountW: len("AMOUNT")}
	rateW := len("RATE")
	for _, l := range lines {
		c.nameW = max(c.nameW, ansi.StringWidth(l.name))
		c.hoursW = max(c.hoursW, len(hmMinutes(l.worked)), len(hmMinutes(l.billed)))
		rateW = max(rateW, len(l.rate))
		c.amountW = max(c.amountW, len(l.amount))
	}
	c.nameW = min(c.nameW, weekNameMaxW)
	c.rateW = rateW
	return c
}

func weekdaysOf(days [8]time.Time) [7]time.Weekday {
	var wd [7]time.Weekday
	for i := range wd {
		wd[i] = days[i].Weekday()
	}
	return wd
}

func (v *weekView) weekHeader(cols weekColumns, days [8]time.Time, today int) string {
	dim := v.sh.st.Dim.Render
	line := dim(fit("CLIENT", cols.nameW))
	for _, d := range cols.days {
		name := rfit(days[d].Format("Mon"), weekDayW)
		if d == today {
			line += " " + v.sh.st.Header.Render(name)
		} else {
			line += " " + dim(name)
		}
	}
	line += " " + dim(rfit("WORKED", cols.hoursW)) + " " + dim(rfit("BILLED", cols.hoursW))
	if cols.rateW > 0 {
		line += " " + dim(rfit("RATE", cols.rateW))
	}
	return line + " " + dim(rfit("AMOUNT", cols.amountW))
}

// weekRow is one row of the grid; sel is its selected day, -1 for none:
// that cell is marked › (in the space before it) and reversed.
func (v *weekView) weekRow(l weekLine, cols weekColumns, isTotal bool, sel int) string {
	strong := func(s string) string { return s }
	if isTotal {
		strong = func(s string) string { return v.sh.st.Header.Render(s) }
	}
	line := strong(fit(l.name, cols.nameW))
	for _, d := range cols.days {
		if d == sel {
			line += rfit(v.sh.st.Selected.Render("›"+hmMinutes(l.minutes[d])), weekDayW+1)
			continue
		}
		line += " " + rfit(hmMinutes(l.minutes[d]), weekDayW)
	}
	line += " " + strong(rfit(hmMinutes(l.worked), cols.hoursW)) + " " + strong(rfit(hmMinutes(l.billed), cols.hoursW))
	if cols.rateW > 0 {
		line += " " + rfit(l.rate, cols.rateW)
	}
	return line + " " + strong(rfit(l.amount, cols.amountW))
}

// hmMinutes is whole minutes as hm shows them.
func hmMinutes(m int64) string { return hm(m * 60) }

// weekTitle names the week by its dates, and by how far it is from this one.
func (v *weekView) weekTitle(days [8]time.Time) string {
	title := v.sh.st.Title.Render("Week of " + dateSpan(days[0], days[6]))
	return title + v.sh.st.Dim.Render(" · "+weeksAway(days[0], v.sh.now))
}

// dateSpan is "Mon 23 – Sun 29 Nov 2026", naming the month and year on
// both ends only when they differ.
func dateSpan(first, last time.Time) string {
	switch {
	case first.Year() != last.Year():
		return first.Format("Mon 2 Jan 2006") + " – " + last.Format("Mon 2 Jan 2006")
	case first.Month() != last.Month():
		return first.Format("Mon 2 Jan") + " – " + last.Format("Mon 2 Jan 2006")
	}
	return first.Format("Mon 2") + " – " + last.Format("Mon 2 Jan 2006")
}

// weeksAway says how far the week starting at start is from the one
// holding now: "this week", "last week", "3 weeks ago", "next week", "in
// 2 weeks". Days are counted on the calendar of start's zone.
func weeksAway(start, now time.Time) string {
	civil := func(t time.Time) int64 {
		y, mo, d := t.Date()
		return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	}
	diff := civil(now.In(start.Location())) - civil(start)
	weeks := diff / 7
	if diff < 0 && diff%7 != 0 {
		weeks-- // floor, not toward zero
	}
	switch {
	case weeks == 0:
		return "this week"
	case weeks == 1:
		return "last week"
	case weeks == -1:
		return "next week"
	case weeks > 1:
		return fmt.Sprintf("%d weeks ago", weeks)
	}
	return fmt.Sprintf("in %d weeks", -weeks)
}

// hiddenColumns says which columns the width left out, "" when none.
func (v *weekView) hiddenColumns(cols weekColumns, days [8]time.Time) string {
	var names []string
	for _, d := range cols.hiddenDays() {
		names = append(names, days[d].Format("Mon"))
	}
	if cols.rateW == 0 {
		names = append(names, "rate")
	}
	if len(names) == 0 {
		return ""
	}
	return "not shown at this width: " + strings.Join(names, ", ") + " (WORKED counts every day)"
}

// joinWrapped is prefix then parts joined by sep, going on to further
// lines, indented under the first part, rather than cutting a part: an
// amount is never shown cut short.
func joinWrapped(prefix string, parts []string, sep string, w int) []string {
	indent := strings.Repeat(" ", ansi.StringWidth(prefix))
	lines := []string{prefix}
	for i, p := range parts {
		cur := lines[len(lines)-1]
		switch {
		case i == 0:
			lines[0] += p
		case ansi.StringWidth(cur+sep+p) <= w:
			lines[len(lines)-1] += sep + p
		default:
			lines = append(lines, indent+p)
		}
	}
	return lines
}
