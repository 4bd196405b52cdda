package tui

import (
	"sort"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/workbench"
)

// timePane is the detail's Time pane: a client's week — today, the week,
// a bar per day, then the entries — in the client's zone and the week the
// workbench gives (clientWeek), loaded per client when first shown.
type timePane struct {
	sh    *shared
	weeks map[string]loaded[clientWeek]
	// cursor is the selected entry per client, counted newest first as
	// the pane lists them; J and K move it, = and x act on it.
	cursor map[string]int
}

func newTimePane(sh *shared) *timePane {
	return &timePane{sh: sh, weeks: map[string]loaded[clientWeek]{}, cursor: map[string]int{}}
}

// newestFirst is slug's week's entries as the pane lists them.
func (p *timePane) newestFirst(slug string) []workbench.Entry {
	l, ok := p.weeks[slug]
	if !ok || l.loading || l.err != nil {
		return nil
	}
	entries := append([]workbench.Entry(nil), l.val.entries...)
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Start.After(entries[j].Start) })
	return entries
}

// Selected is the entry under slug's cursor, kept within the list.
func (p *timePane) Selected(slug string) (workbench.Entry, bool) {
	entries := p.newestFirst(slug)
	if len(entries) == 0 {
		return workbench.Entry{}, false
	}
	return entries[min(p.cursor[slug], len(entries)-1)], true
}

// Move moves slug's cursor by step, stopping at either end.
func (p *timePane) Move(slug string, step int) {
	n := len(p.newestFirst(slug))
	p.cursor[slug] = max(min(p.cursor[slug]+step, n-1), 0)
}

// Ensure loads slug's week unless it is loaded or loading.
func (p *timePane) Ensure(slug string) tea.Cmd {
	if _, ok := p.weeks[slug]; ok {
		return nil
	}
	p.weeks[slug] = loaded[clientWeek]{loading: true}
	return p.sh.fx.loadEntries(slug)
}

// Forget drops slug's week, or every client's when slug is "".
func (p *timePane) Forget(slug string) {
	if slug == "" {
		clear(p.weeks)
		return
	}
	delete(p.weeks, slug)
}

// Update takes a week's answer, for whichever client it is.
func (p *timePane) Update(msg entriesMsg) {
	p.weeks[msg.slug] = loaded[clientWeek]{val: msg.week, err: msg.err}
}

// WeekText is slug's week's worked time as the pane totals it, "…" while
// it loads.
func (p *timePane) WeekText(slug string) string {
	l, ok := p.weeks[slug]
	if !ok || l.loading || l.err != nil {
		return "…"
	}
	var week display.Total
	for _, s := range secondsPerDay(l.val.entries, weekDays(l.val.from), p.sh.now) {
		week.Add(s)
	}
	return shownTotal(week)
}

// entrySeconds is an entry's duration, a running one counted to now.
func entrySeconds(e workbench.Entry, now time.Time) int64 {
	if e.Running() {
		return max(int64(now.Sub(e.Start)/time.Second), e.Seconds)
	}
	return e.Seconds
}

// weekDays are the midnights that bound the seven days of the week from
// start, in start's zone: calendar days, 23 or 25 hours long across a
// daylight-saving change, never 24-hour steps from start.
func weekDays(start time.Time) [8]time.Time {
	var days [8]time.Time
	y, mo, d := start.Date()
	for i := range days {
		days[i] = time.Date(y, mo, d+i, 0, 0, 0, 0, start.Location())
	}
	return days
}

// secondsPerDay spreads entries over the days bounded by days, each clipped
// to its day as the Week view does; a running entry counts up to now.
func secondsPerDay(entries []workbench.Entry, days [8]time.Time, now time.Time) [7]int64 {
	var per [7]int64
	for _, e := range entries {
		end := e.Start.Add(time.Duration(e.Seconds) * time.Second)
		if e.End != nil {
			end = *e.End
		} else if now.After(end) {
			end = now
		}
		for d := range 7 {
			from, to := maxTime(e.Start, days[d]), days[d+1]
			if end.Before(to) {
				to = end
			}
			if to.After(from) {
				per[d] += int64(to.Sub(from) / time.Second)
			}
		}
	}
	return per
}

// dayIndex is which of the days holds t, -1 when none does.
func dayIndex(days [8]time.Time, t time.Time) int {
	for d := range 7 {
		if !t.Before(days[d]) && t.Before(days[d+1]) {
			return d
		}
	}
	return -1
}

// Lines is slug's week w cells wide.
func (p *timePane) Lines(slug string, w int) []string {
	l, present := p.weeks[slug]
	if lines, ok := state(p.sh.st, l, present); !ok {
		return lines
	}
	days := weekDays(l.val.from)
	loc := l.val.from.Location()
	entries := append([]workbench.Entry(nil), l.val.entries...)
	sort.Slice(entries, func(i, j int) bool { return entries[i].Start.Before(entries[j].Start) })
	perDay := secondsPerDay(entries, days, p.sh.now)
	var maxDay, today int64
	var week display.Total // the sum of the days as shown
	for _, s := range perDay {
		week.Add(s)
		maxDay = max(maxDay, s)
	}
	todayAt := dayIndex(days, p.sh.now)
	if todayAt >= 0 {
		today = perDay[todayAt]
	}
	lines := []string{section(p.sh.st, "Today") + " " + hm(today) +
		p.sh.st.Faint.Render("   ") + section(p.sh.st, "Week") + " " + shownTotal(week)}
	barW := max(w-16, 4)
	for i := range 7 {
		label := days[i].Format("Mon 02")
		if i == todayAt {
			label = p.sh.st.Header.Render(label)
		} else {
			label = p.sh.st.Dim.Render(label)
		}
		lines = append(lines, " "+label+" "+rfit(hm(perDay[i]), 5)+" "+p.sh.st.Bar.Render(bar(perDay[i], maxDay, barW)))
	}
	heading := section(p.sh.st, "Entries this week")
	if zone := display.ZoneSuffix(p.sh.now, loc, p.sh.now.Location()); zone != "" {
		heading += p.sh.st.Dim.Render("  times in" + zone)
	}
	lines = append(lines, "", heading)
	if len(entries) == 0 {
		lines = append(lines, p.sh.st.Dim.Render("   none: press t to start a timer"))
	}
	c, _ := p.sh.clientBySlug(slug)
	sel, _ := p.Selected(slug)
	for i := len(entries) - 1; i >= 0; i-- { // newest first
		line := entryLine(p.sh, entries[i], loc) + billingMark(p.sh.st, entries[i], c)
		if entries[i].ID == sel.ID {
			line = p.sh.st.Header.Render(" ›") + line[2:]
		}
		lines = append(lines, line)
	}
	return lines
}

// billingMark flags an entry whose billed time is not its worked time, as
// `stint report` bills it: one under a minute (often a slip), and one that
// per-entry rounding or a minimum raises ("billed 0:15"). The terms are
// the timesheet's own, not a copy of its rules.
func billingMark(st styles, e workbench.Entry, c workbench.ClientInfo) string {
	if e.Running() {
		return ""
	}
	var marks []string
	if e.Seconds < 60 {
		marks = append(marks, "under a minute")
	}
	if t, ok := entryTerms(c); ok && e.Billable {
		if billed := t.BilledSeconds(e.Seconds); billed > e.Seconds {
			marks = append(marks, "billed "+display.HM(billed))
		}
	}
	if len(marks) == 0 {
		return ""
	}
	return st.Warn.Render("  ↑ " + strings.Join(marks, ", "))
}

// entryTerms are c's billing terms when they bill each entry on its own;
// per-day rounding has no per-entry figure to show.
func entryTerms(c workbench.ClientInfo) (timesheet.Terms, bool) {
	per, err := timesheet.ParseRoundPer(c.RoundPer)
	if err != nil || per != timesheet.PerEntry {
		return timesheet.Terms{}, false
	}
	mode, err := timesheet.ParseRoundMode(c.RoundMode)
	if err != nil {
		return timesheet.Terms{}, false
	}
	return timesheet.Terms{RoundIncrement: time.Duration(c.RoundMinutes) * time.Minute, RoundMode: mode,
		RoundPer: per, MinimumPerEntry: time.Duration(c.MinimumMinutes) * time.Minute}, true
}

// entryLine is an entry as the Time pane and the week view's day list it:
// its day, times, duration, billable, project and note.
func entryLine(sh *shared, e workbench.Entry, loc *time.Location) string {
	s := e.Start.In(loc)
	span := display.ClockSpan(e.Start, e.End, loc)
	if e.End == nil {
		span = sh.st.Live.Render(span + "  ")
	}
	day := s.Format("Mon")
	if sameDay(s, sh.now.In(loc)) {
		day = "today"
	}
	line := "   " + fit(day, 5) + " " + fit(span, 11) + " " + rfit(hm(entrySeconds(e, sh.now)), 5)
	if !e.Billable {
		line += sh.st.Dim.Render(" nb")
	}
	if e.Project != "" {
		line += "  " + sh.st.Dim.Render("["+display.Safe(display.OneLine(e.Project))+"]")
	}
	if e.Note != "" {
		line += "  " + display.Safe(display.OneLine(e.Note))
	}
	return line
}
