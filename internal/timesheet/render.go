package timesheet

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/money"
)

// FormatMoney renders minor units with the currency code in front
// ("USD 1,237.50", "JPY 1,238"); an amount without a currency is "-".
func FormatMoney(minor int64, currency string) string {
	if currency == "" {
		return "-"
	}
	return money.Format(minor, money.Currency(currency))
}

// RenderText writes the report as a plain table a client could read on an
// invoice: per client the entries, worked and billed hours (h:mm and
// decimal), the rate and the amount, then a total per currency that is the
// sum of the lines above it as printed (display.Total), then the breakdown
// the report was asked for.
func RenderText(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Time report %s\n\n", describeRange(r.From, r.To))
	if len(r.Clients) == 0 {
		b.WriteString("No time recorded in this range.\n")
	} else {
		writeClientTable(&b, r)
	}
	if len(r.Groups) > 0 {
		fmt.Fprintf(&b, "\nBy %s\n\n", r.By)
		writeGroupTable(&b, r)
	}
	for _, e := range r.Raised {
		fmt.Fprintf(&b, "\nNote: entry %d (%s, %s) worked %s and is billed %s by rounding: `stint rm %d` if it was a slip.\n",
			e.ID, e.Client, e.Start.Format("2006-01-02 15:04"), display.Compact(e.Seconds), display.HM(e.BilledSeconds), e.ID)
	}
	for _, f := range r.Forgotten {
		fmt.Fprintf(&b, "\nWarning: the %s timer (entry %d) has run %s since %s and was probably forgotten: stop it with `stint stop --at TIME`.\n",
			f.Client, f.ID, display.HM(f.Seconds), f.Start.Format("2006-01-02 15:04"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// describeRange shows whole local days as an inclusive date range.
func describeRange(from, to time.Time) string {
	to = to.In(from.Location())
	if isMidnight(from) && isMidnight(to) {
		last := to.AddDate(0, 0, -1)
		if last.Equal(from) || last.Format("2006-01-02") == from.Format("2006-01-02") {
			return from.Format("2006-01-02")
		}
		return from.Format("2006-01-02") + " – " + last.Format("2006-01-02")
	}
	return from.Format("2006-01-02 15:04") + " – " + to.Format("2006-01-02 15:04")
}

func isMidnight(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0
}

func writeClientTable(b *strings.Builder, r Report) {
	rows := [][]string{{"Client", "Entries", "Worked", "Hours", "Billed", "Hours", "Rate", "Amount"}}
	// Each currency's hours are the sum of its client lines as printed.
	type shown struct{ worked, billed display.Total }
	totals := map[string]*shown{}
	for _, c := range r.Clients {
		rows = append(rows, []string{
			c.Client, fmt.Sprint(c.Entries),
			display.HM(c.Seconds), display.Hours(c.Seconds),
			display.HM(c.RoundedSeconds), display.Hours(c.RoundedSeconds),
			clientRate(c), FormatMoney(c.AmountMinor, c.Currency),
		})
		t := totals[c.Currency]
		if t == nil {
			t = &shown{}
			totals[c.Currency] = t
		}
		t.worked.Add(c.Seconds)
		t.billed.Add(c.RoundedSeconds)
	}
	rows = append(rows, nil) // a rule
	for _, t := range r.Totals {
		label := "Total " + t.Currency
		if t.Currency == "" {
			label = "Total (no rate)"
		}
		sum := totals[t.Currency]
		if sum == nil {
			sum = &shown{}
		}
		rows = append(rows, []string{
			label, fmt.Sprint(t.Entries),
			sum.worked.HM(), sum.worked.Hours(),
			sum.billed.HM(), sum.billed.Hours(),
			"", FormatMoney(t.AmountMinor, t.Currency),
		})
	}
	writeTable(b, rows, []bool{false, true, true, true, true, true, true, true})
}

func writeGroupTable(b *strings.Builder, r Report) {
	head := map[GroupBy]string{ByDay: "Day", ByTag: "Tag", ByEntry: "Entry", ByProject: "Project"}[r.By]
	rows := [][]string{{"Client", head, "Entries", "Worked", "Hours", "Billed", "Hours", "Amount"}}
	if r.By == ByProject {
		rows[0] = append(rows[0][:7:7], "Rate", "Amount")
	}
	for _, g := range r.Groups {
		key := g.Key
		switch {
		case r.By == ByTag && key == "":
			key = "(no tag)"
		case r.By == ByProject && key == "":
			key = "(no project)"
		case r.By == ByTag || r.By == ByProject:
			key = display.Safe(key) // tags and projects come from imports too
		case g.Entry != nil:
			key = describeEntry(g.Entry, r.From.Location())
		}
		rows = append(rows, []string{
			g.Client, key, fmt.Sprint(g.Entries),
			display.HM(g.Seconds), display.Hours(g.Seconds),
			display.HM(g.RoundedSeconds), display.Hours(g.RoundedSeconds),
			FormatMoney(g.AmountMinor, g.Currency),
		})
		if r.By == ByProject {
			last := len(rows) - 1
			rows[last] = append(rows[last][:7:7], rate(g.Line), rows[last][7])
		}
	}
	right := []bool{false, false, true, true, true, true, true, true}
	if r.By == ByProject {
		right = append(right, true)
	}
	writeTable(b, rows, right)
}

// describeEntry is an entry in one cell: "#12 2026-03-02 09:00–10:30 note".
// Its times are in the client's zone (display.Span); when that reads
// differently from the report's own (local) zone, the zone is named after
// the span, as in "#12 2026-03-02 22:31–23:00 JST note".
func describeEntry(e *EntryDetail, local *time.Location) string {
	var end *time.Time
	if !e.Running {
		end = &e.End
	}
	s := fmt.Sprintf("#%d %s", e.ID, display.Span(e.Start, end, e.Start.Location(), local))
	if note := display.Safe(display.OneLine(e.Note)); note != "" {
		s += " " + display.Clip(note, 40)
	}
	if !e.Billable {
		s += " (non-billable)"
	}
	return s
}

// clientRate is a client line's rate, or "by project" when projects'
// own rates are among those it billed at (--by project shows each).
func clientRate(c ClientLine) string {
	if len(c.Rates) > 0 {
		return "by project"
	}
	return rate(c.Line)
}

func rate(l Line) string {
	if l.Currency == "" {
		return "-"
	}
	return FormatMoney(l.RateMinor, l.Currency) + "/h"
}

// writeTable pads columns to their widest cell, two spaces apart; right[i]
// right-aligns column i. A nil row is a horizontal rule.
func writeTable(b *strings.Builder, rows [][]string, right []bool) {
	widths := make([]int, len(right))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	total := 2 * (len(widths) - 1)
	for _, w := range widths {
		total += w
	}
	for _, row := range rows {
		if row == nil {
			b.WriteString(strings.Repeat("-", total) + "\n")
			continue
		}
		var line strings.Builder
		for i, cell := range row {
			if i > 0 {
				line.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if right[i] {
				line.WriteString(pad + cell)
			} else {
				line.WriteString(cell + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}
