package tui

import (
	"slices"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// Enter on a cell of the week view opens that client's day: its entries,
// in a box over the grid, with a cursor. The Time pane's keys act on them
// through the Time pane's own code (timeedit.go): + adds an entry to the
// day, = (or enter) edits the selected one, x deletes it after asking, u
// undoes; esc goes back to the grid. A day's entries are those whose start
// falls in it, in the zone the client's row counts in: the entries the
// cell sums (the one attribution rule of reports.Week).

// dayList is a client's day opened from the week view.
type dayList struct {
	weekCell
	entries loaded[[]workbench.Entry]
	cursor  int // into the entries, in the order shown (by start)
	// addWhenLoaded: + on the grid opened the day; the form, which starts
	// after the day's last entry, opens once the entries are in.
	addWhenLoaded bool
}

// dayMsg is the answer to loadDay.
type dayMsg struct {
	slug    string
	from    time.Time
	entries []workbench.Entry
	err     error
}

// loadDay reads slug's entries that start in [from, to), by start.
func (e effects) loadDay(slug string, from, to time.Time) tea.Cmd {
	return func() tea.Msg {
		es, err := e.b.Entries(e.ctx, from, to, slug)
		es = slices.DeleteFunc(es, func(x workbench.Entry) bool { return x.Start.Before(from) || !x.Start.Before(to) })
		sort.SliceStable(es, func(i, j int) bool { return es[i].Start.Before(es[j].Start) })
		return dayMsg{slug: slug, from: from, entries: es, err: err}
	}
}

// OpenDay opens the selected cell's entries; add opens the add form on it
// once they are in. ok is false when the grid has no cell to open.
func (v *weekView) OpenDay(add bool) (tea.Cmd, bool) {
	c, ok := v.Cell()
	if !ok {
		return nil, false
	}
	v.open = &dayList{weekCell: c, entries: loaded[[]workbench.Entry]{loading: true}, addWhenLoaded: add}
	return v.sh.fx.loadDay(c.slug, c.from, c.to), true
}

// CloseDay goes back to the grid.
func (v *weekView) CloseDay() { v.open = nil }

// take keeps an answer for the day open, and drops one for another.
func (d *dayList) take(msg dayMsg) {
	if d == nil || msg.slug != d.slug || !msg.from.Equal(d.from) {
		return
	}
	d.entries = loaded[[]workbench.Entry]{val: msg.entries, err: msg.err}
	d.cursor = max(min(d.cursor, len(msg.entries)-1), 0)
	if msg.err != nil {
		d.addWhenLoaded = false
	}
}

// Selected is the entry under the cursor.
func (d *dayList) Selected() (workbench.Entry, bool) {
	es := d.entries.val
	if d.entries.loading || len(es) == 0 {
		return workbench.Entry{}, false
	}
	return es[min(d.cursor, len(es)-1)], true
}

// key moves the cursor; the actions are the root's (weekKey).
func (d *dayList) key(msg tea.KeyPressMsg, k keyMap) {
	switch {
	case key.Matches(msg, k.Up, k.PrevEntry):
		d.step(-1)
	case key.Matches(msg, k.Down, k.NextEntry):
		d.step(1)
	}
}

// step moves the cursor by n entries, stopping at either end.
func (d *dayList) step(n int) { d.cursor = max(min(d.cursor+n, len(d.entries.val)-1), 0) }

// newEntryForm is the add form for the day: from the end of its last
// finished entry (09:00 on a day without one) for an hour, no later than
// now (To left empty when that leaves nothing); both with the day's date,
// so a time typed over the clock stays on that day.
func (d *dayList) newEntryForm(now time.Time) entryForm {
	loc := d.from.Location()
	from := time.Date(d.from.Year(), d.from.Month(), d.from.Day(), 9, 0, 0, 0, loc)
	var last time.Time
	for _, e := range d.entries.val {
		if e.End != nil && e.End.After(last) {
			last = *e.End
		}
	}
	if !last.IsZero() && last.Before(d.to) {
		from = last
	}
	to := from.Add(time.Hour)
	if to.After(now) {
		to = now.Truncate(time.Minute)
	}
	f := entryForm{from: from.In(loc).Format(entryTimeLayout), billable: true}
	if to.After(from) {
		f.to = to.In(loc).Format(entryTimeLayout)
	}
	return f
}

// dayChrome is the box's lines around its entries: the border's two, the
// title and the keys.
const dayChrome = 4

// window is the entries in view in a box at most h high: rows of them
// from first, the cursor's among them.
func (d *dayList) window(h int) (first, rows int) {
	n := len(d.entries.val)
	rows = min(max(h-dayChrome, 1), n)
	return max(min(d.cursor-rows+1, n-rows), 0), rows
}

// click selects the entry at line y of the box.
func (d *dayList) click(y, h int) {
	if d.entries.loading || d.entries.err != nil {
		return
	}
	first, rows := d.window(h)
	if i := y - 2; i >= 0 && i < rows { // below the border and the title
		d.cursor = first + i
	}
}

// view is the day's box, at most w×h: a title, the entries (those around
// the cursor when they do not all fit), and the keys.
func (d *dayList) view(sh *shared, w, h int) []string {
	st := sh.st
	boxW := max(min(w-2, 96), 24)
	textW := boxW - 4
	loc := d.from.Location()
	c, _ := sh.clientBySlug(d.slug)
	name := d.slug
	if c.Name != "" {
		name = display.Safe(c.Name)
	}
	title := st.badge(d.slug, c.Color) + " " + st.Title.Render(name+" · "+d.from.Format("Mon 2 Jan 2006"))
	if zone := display.ZoneSuffix(d.from, loc, sh.now.Location()); zone != "" {
		title += st.Dim.Render("  times in" + zone)
	}
	lines := []string{fit(title, textW)}
	switch l := d.entries; {
	case l.loading:
		lines = append(lines, st.Dim.Render("   loading…"))
	case l.err != nil:
		lines = append(lines, wrapWords(tuiWords("✗ "+l.err.Error()), textW)...)
	case len(l.val) == 0:
		lines = append(lines, st.Dim.Render("   no time on this day: + adds an entry"))
	default:
		var total display.Total
		for _, e := range l.val {
			total.Add(entrySeconds(e, sh.now))
		}
		lines[0] = fit(title+st.Dim.Render("  "+shownTotal(total)), textW)
		first, rows := d.window(h)
		for i, e := range l.val[first : first+rows] {
			line := entryLine(sh, e, loc) + billingMark(st, e, c)
			if first+i == d.cursor {
				line = st.Header.Render(" ›") + line[2:]
			}
			lines = append(lines, fit(line, textW))
		}
	}
	lines = append(lines, st.Dim.Render(fit("+ add · = edit · x delete · u undo · esc back", textW)))
	box := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1).Width(boxW)
	if !st.noColor {
		box = box.BorderForeground(newPalette(st.dark).accent)
	}
	return splitLines(box.Render(strings.Join(lines, "\n")))
}
