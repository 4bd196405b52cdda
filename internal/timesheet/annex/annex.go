// Package annex writes the audit annex of an invoice: one client's period,
// entry by entry, in a form the client can check line by line — each
// entry's date and times in the client's zone, note, tags, worked and
// billed time and amount, the rounding rule and rate in words, totals that
// are the sums of the lines above them, and the client's log lines of the
// period. It renders Markdown and a self-contained HTML page from one Annex
// value; the numbers come from the report (package timesheet) and are
// formatted by internal/display and internal/money only.
package annex

import (
	"fmt"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/timesheet"
)

// Annex is what the annex shows of one client's period.
type Annex struct {
	Client   string         // slug
	Name     string         // display name; the slug when empty
	From, To time.Time      // the report's half-open range
	Zone     *time.Location // the client's zone: every date and time is in it
	// Line is the client's line of the report of the range (zero when it
	// has no entry there): its terms and totals.
	Line timesheet.ClientLine
	// Entries are the report's --by entry lines of the client, in order.
	Entries []timesheet.GroupLine
	Log     []LogLine // the client's log lines of the range, oldest first
	// Generated is when the annex was made, shown at its foot.
	Generated time.Time
}

// LogLine is one dated line of the client's note log.
type LogLine struct {
	At   time.Time
	Text string
}

// Format names an annex format as `stint report --format` spells it.
type Format string

// The annex formats.
const (
	Markdown Format = "md"
	HTML     Format = "html"
)

// ParseFormat reads md or html.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Markdown, HTML:
		return f, nil
	}
	return "", fmt.Errorf("annex format %q is unknown: use md or html", s)
}

// row is one entry of the table, formatted.
type row struct {
	ID, Date, Start, End, Project, Note, Tags, Worked, Billed, Amount string
	NonBillable, Running                                              bool
}

// view is the annex formatted: both renderers print the same strings.
type view struct {
	Title, Period, Zone           string
	Rate, Rounding, Minimum, Rule string
	Amounts                       string
	Rows                          []row
	HasProjects                   bool // a Project column: some entry has one
	Total                         row
	TotalHours, BilledHours       string
	Log                           []string // one line each
	LogTimes                      []string
	Generated                     string
}

func (a Annex) name() string {
	if a.Name != "" {
		return a.Name
	}
	return a.Client
}

func (a Annex) view() view {
	loc := a.Zone
	if loc == nil {
		loc = time.UTC
	}
	l := a.Line
	v := view{
		Title:  "Time annex: " + a.name(),
		Period: fmt.Sprintf("%s – %s", a.From.In(loc).Format(display.DateLayout), a.To.In(loc).Add(-time.Second).Format(display.DateLayout)),
		Zone:   display.ZoneName(loc, a.From),
	}
	if l.Currency == "" {
		v.Rate = "none: no amount is billed"
	} else {
		v.Rate = timesheet.FormatMoney(l.RateMinor, l.Currency) + " per hour"
		for _, r := range l.Rates {
			if r.Project != "" { // a project's own rate, which its entries bill at
				v.Rate += fmt.Sprintf("; project %s: %s per hour", display.OneLine(r.Project), timesheet.FormatMoney(r.RateMinor, l.Currency))
			}
		}
	}
	v.Rounding, v.Minimum = roundingRule(l)
	v.Rule = "An entry belongs, whole, to the day its start falls on in " + v.Zone + ". Worked is all recorded time; Billed is the billable time after the minimum and rounding."
	switch {
	case len(l.Rates) > 0:
		v.Amounts = "The amount is the billed time × its rate — a project's own where it has one — computed exactly and rounded half up once per rate for the period; each entry's amount is its share of its rate's amount (largest remainder), so the entries add up to the total."
	case l.Currency != "":
		v.Amounts = "The amount is the billed time × the rate, computed exactly and rounded half up once for the period; each entry's amount is its share of it (largest remainder), so the entries add up to the total."
	}
	var worked, billed display.Total
	var amount int64
	for _, g := range a.Entries {
		e := g.Entry
		if e == nil {
			continue
		}
		r := row{ID: fmt.Sprint(e.ID), Date: e.Start.In(loc).Format(display.DateLayout), Start: e.Start.In(loc).Format(display.ClockLayout),
			End: e.End.In(loc).Format(display.ClockLayout), Note: display.OneLine(e.Note), Tags: strings.Join(e.Tags, ", "),
			Worked: display.HM(g.Seconds), Billed: display.HM(g.RoundedSeconds), Amount: timesheet.FormatMoney(g.AmountMinor, g.Currency),
			NonBillable: !e.Billable, Running: e.Running, Project: display.OneLine(e.Project)}
		v.HasProjects = v.HasProjects || e.Project != ""
		if e.Running {
			r.End = "running"
		} else if e.End.In(loc).Format(display.DateLayout) != r.Date {
			r.End = e.End.In(loc).Format(display.DateTimeLayout)
		}
		worked.Add(g.Seconds)
		billed.Add(g.RoundedSeconds)
		amount += g.AmountMinor
		v.Rows = append(v.Rows, r)
	}
	v.Total = row{ID: "Total", Worked: worked.HM(), Billed: billed.HM(), Amount: timesheet.FormatMoney(amount, l.Currency)}
	v.TotalHours, v.BilledHours = worked.Hours(), billed.Hours()
	for _, n := range a.Log {
		v.Log = append(v.Log, display.OneLine(n.Text))
		v.LogTimes = append(v.LogTimes, n.At.In(loc).Format(display.DateTimeLayout))
	}
	v.Generated = display.Time(a.Generated, loc, nil)
	return v
}

// roundingRule states the client's terms in words.
func roundingRule(l timesheet.ClientLine) (rounding, minimum string) {
	inc := display.Count(display.Minutes(l.RoundIncrementSeconds), "minute", "minutes")
	var how string
	switch l.RoundMode {
	case timesheet.RoundUp:
		how = "up to the next multiple of " + inc
	case timesheet.RoundNearest:
		how = "to the nearest multiple of " + inc + " (an exact half up)"
	case timesheet.RoundDown:
		how = "down to the previous multiple of " + inc
	}
	switch {
	case l.RoundIncrementSeconds == 0:
		rounding = "none: billed to the second"
	case l.RoundPer == timesheet.PerDay:
		rounding = "each day's billable total rounded " + how + ", shared over that day's entries by largest remainder"
	default:
		rounding = "each entry rounded " + how
	}
	minimum = "none"
	if l.MinimumSeconds > 0 {
		minimum = "each billable entry is billed at least " + display.Count(display.Minutes(l.MinimumSeconds), "minute", "minutes") + ", before rounding"
	}
	return rounding, minimum
}
