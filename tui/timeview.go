package tui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/stint-sh/stint/money"
	"github.com/stint-sh/stint/workbench"
)

// entrySeconds is an entry's duration, a running one counted to now.
func (m *Model) entrySeconds(e workbench.Entry) int64 {
	if e.Running() {
		return max(int64(m.now.Sub(e.Start)/time.Second), e.Seconds)
	}
	return e.Seconds
}

// timePane: today and this week, a bar per day, then the entries.
func (m *Model) timePane(slug string, w int) []string {
	l, present := m.entries[slug]
	if lines, ok := state(m, l, present); !ok {
		return lines
	}
	loc := m.now.Location()
	start := weekStart(m.now)
	var perDay [7]int64
	var week int64
	entries := append([]workbench.Entry(nil), l.val...)
	sort.Slice(entries, func(i, j int) bool { return entries[i].Start.Before(entries[j].Start) })
	for _, e := range entries {
		d := int(e.Start.In(loc).Sub(start) / (24 * time.Hour))
		if d >= 0 && d < 7 {
			perDay[d] += m.entrySeconds(e)
		}
		week += m.entrySeconds(e)
	}
	var maxDay int64
	for _, s := range perDay {
		maxDay = max(maxDay, s)
	}
	today := int(m.now.Sub(start) / (24 * time.Hour))
	lines := []string{section(m, "Today") + " " + hm(perDay[min(max(today, 0), 6)]) +
		m.st.Faint.Render("   ") + section(m, "Week") + " " + hm(week)}
	barW := max(w-16, 4)
	for d := range 7 {
		day := start.AddDate(0, 0, d)
		label := day.Format("Mon 02")
		if d == today {
			label = m.st.Header.Render(label)
		} else {
			label = m.st.Dim.Render(label)
		}
		lines = append(lines, " "+label+" "+rfit(hm(perDay[d]), 5)+" "+m.st.Bar.Render(bar(perDay[d], maxDay, barW)))
	}
	lines = append(lines, "", section(m, "Entries this week"))
	if len(entries) == 0 {
		lines = append(lines, m.st.Dim.Render("   none: press t to start a timer"))
	}
	for i := len(entries) - 1; i >= 0; i-- { // newest first
		lines = append(lines, m.entryLine(entries[i], loc))
	}
	return lines
}

func (m *Model) entryLine(e workbench.Entry, loc *time.Location) string {
	s := e.Start.In(loc)
	span := s.Format("15:04") + "–"
	if e.End != nil {
		span += e.End.In(loc).Format("15:04")
	} else {
		span = m.st.Live.Render(span + "now  ")
	}
	day := s.Format("Mon")
	if sameDay(s, m.now) {
		day = "today"
	}
	line := "   " + fit(day, 5) + " " + fit(span, 11) + " " + rfit(hm(m.entrySeconds(e)), 5)
	if !e.Billable {
		line += m.st.Dim.Render(" nb")
	}
	if e.Note != "" {
		line += "  " + e.Note
	}
	return line
}

// weekView is the clients × days grid with totals and amounts.
func (m *Model) weekView(w, h int) []string {
	if lines, ok := state(m, m.week, true); !ok {
		return lines
	}
	g := m.week.val
	start := g.Start
	if start.IsZero() {
		start = weekStart(m.now)
	}
	lines := []string{m.st.Title.Render("Week of " + start.Format("Mon 2 Jan 2006"))}
	amountW := 16
	nameW := max(w-7*6-7-amountW-2, 8)
	if w < 100 {
		amountW = 0
		nameW = max(w-7*6-7-1, 6)
	}
	head := fit("CLIENT", nameW)
	for d := range 7 {
		day := start.AddDate(0, 0, d)
		if len(g.Days) == 7 {
			day = g.Days[d]
		}
		head += " " + rfit(day.Format("Mon"), 5)
	}
	head += " " + rfit("TOTAL", 6)
	if amountW > 0 {
		head += " " + rfit("AMOUNT", amountW)
	}
	lines = append(lines, m.st.Dim.Render(head))
	if len(g.Rows) == 0 {
		lines = append(lines, m.st.Dim.Render("no time tracked this week"))
	}
	for _, r := range g.Rows {
		c, _ := m.clientBySlug(r.Client)
		name := r.Client
		if c.Name != "" {
			name = c.Name
		}
		line := fit(m.st.badge(r.Client, c.Color)+" "+name, nameW)
		for d := range 7 {
			var s int64
			if d < len(r.Seconds) {
				s = r.Seconds[d]
			}
			line += " " + rfit(hm(s), 5)
		}
		line += " " + rfit(hm(r.Total), 6)
		if amountW > 0 {
			amount := ""
			if r.AmountMinor > 0 {
				amount = money.Format(r.AmountMinor, money.Currency(r.Currency))
			}
			line += " " + rfit(amount, amountW)
		}
		lines = append(lines, line)
	}
	total := m.st.Header.Render(fit("TOTAL", nameW))
	var sum int64
	for d := range 7 {
		var s int64
		if d < len(g.Totals) {
			s = g.Totals[d]
		}
		sum += s
		total += " " + rfit(hm(s), 5)
	}
	total += " " + m.st.Header.Render(rfit(hm(sum), 6))
	lines = append(lines, total, "")
	if len(g.Amounts) > 0 {
		var parts []string
		for _, a := range g.Amounts {
			parts = append(parts, money.Format(a.AmountMinor, money.Currency(a.Currency)))
		}
		lines = append(lines, m.st.Header.Render("Billable this week: ")+strings.Join(parts, " · "))
	}
	if len(lines) > h {
		lines = append(lines[:h-1], m.st.Faint.Render(fmt.Sprintf("… %d more rows", len(lines)-h+1)))
	}
	return lines
}
