package reports

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/workbench/timer"
)

// ReportRequest is what `stint report` asks for.
type ReportRequest struct {
	From, To time.Time // half-open; both required
	Client   string    // "" every client
	By       string    // client, day, tag or entry; "" is client
}

// Report totals [From, To) per client with the asked breakdown, billing
// each client by its terms; running timers count up to now and are flagged
// when probably forgotten.
func (rp *Reports) Report(ctx context.Context, req ReportRequest) (timesheet.Report, error) {
	by, err := timesheet.ParseGroupBy(req.By)
	if err != nil {
		return timesheet.Report{}, badinput.Wrap(err)
	}
	if !req.To.After(req.From) {
		return timesheet.Report{}, badinput.Errorf("--from (%s) is not before --to (%s): swap them",
			req.From.Format(time.RFC3339), req.To.Format(time.RFC3339))
	}
	clients, err := rp.reportClients(ctx, req.Client)
	if err != nil {
		return timesheet.Report{}, err
	}
	var clientID int64
	if req.Client != "" {
		clientID = clients[0].ID
	}
	// Entries beyond the range complete the local days that per-day
	// rounding rounds whole (timesheet.Attribution).
	rows, err := rp.db.EntriesBetween(ctx, req.From.Add(-timesheet.DayPadding), req.To.Add(timesheet.DayPadding), clientID)
	if err != nil {
		return timesheet.Report{}, err
	}
	limit, err := rp.settings.ForgottenAfter(ctx)
	if err != nil {
		return timesheet.Report{}, err
	}
	terms := make(map[string]timesheet.Terms, len(clients))
	for _, c := range clients {
		terms[c.Slug] = rp.termsOf(c)
	}
	entries := make([]timesheet.Entry, len(rows))
	for i, r := range rows {
		entries[i] = timer.Sheet(r)
	}
	rep, err := timesheet.BuildReport(entries, terms, timesheet.ReportOptions{From: req.From, To: req.To, By: by,
		Now: rp.clock.Now(), Location: rp.clock.Local(), ForgottenAfter: limit})
	// A forgotten timer's start is shown as `stint status` shows it: in its
	// client's zone, else the local one (the store hands out UTC).
	for i, f := range rep.Forgotten {
		rep.Forgotten[i].Start = f.Start.In(terms[f.Client].LocationOr(rp.clock.Local()))
	}
	if errors.Is(err, timesheet.ErrTooLarge) {
		return rep, err // an operation failure, not bad input
	}
	return rep, badinput.Wrap(err)
}

// reportClients is the one named client, or every client (archived ones
// included: their time is still billable history).
func (rp *Reports) reportClients(ctx context.Context, slug string) ([]store.Client, error) {
	if slug != "" {
		c, err := rp.clients.Client(ctx, slug)
		return []store.Client{c}, err
	}
	return rp.db.Clients(ctx, true)
}

// Week is the grid of the week containing day, in day's zone (pass
// time.Now() for the local week), starting on the week_start setting. An
// entry's worked time counts whole on the local day its start falls in (the
// one attribution rule, timesheet.Attribution), so a row's days add up to
// what `stint report` shows for the week; a row's amount is the client's
// billed amount for the week, as `stint report` computes it.
func (rp *Reports) Week(ctx context.Context, day time.Time) (WeekGrid, error) {
	weekStart, err := rp.settings.WeekStart(ctx)
	if err != nil {
		return WeekGrid{}, err
	}
	loc := day.Location()
	from, to := timesheet.WeekRange(day, loc, weekStart)
	g := WeekGrid{Start: from, Totals: make([]int64, 7), Rows: []WeekRow{}, Amounts: []MoneyTotal{}}
	for i := range 7 {
		g.Days = append(g.Days, time.Date(from.Year(), from.Month(), from.Day()+i, 0, 0, 0, 0, loc))
	}
	rep, err := rp.Report(ctx, ReportRequest{From: from, To: to})
	if err != nil {
		return WeekGrid{}, err
	}
	rows, err := rp.db.EntriesBetween(ctx, from, to, 0)
	if err != nil {
		return WeekGrid{}, err
	}
	now := rp.clock.Now()
	index := map[string]int{}
	for _, c := range rep.Clients {
		index[c.Client] = len(g.Rows)
		g.Rows = append(g.Rows, WeekRow{Client: c.Client, Seconds: make([]int64, 7),
			BilledSeconds: c.RoundedSeconds, RateMinor: c.RateMinor, AmountMinor: c.AmountMinor, Currency: c.Currency})
	}
	for _, r := range rows {
		i, ok := index[r.Client]
		if !ok { // an entry the report left out (e.g. empty, at the range's end)
			i = len(g.Rows)
			index[r.Client] = i
			g.Rows = append(g.Rows, WeekRow{Client: r.Client, Seconds: make([]int64, 7)})
		}
		row := &g.Rows[i]
		for i, d := range g.Days {
			end := to
			if i < 6 {
				end = g.Days[i+1]
			}
			if !r.Start.Before(d) && r.Start.Before(end) {
				secs := timer.Sheet(r).Seconds(now)
				row.Seconds[i] += secs
				row.Total += secs
				g.Totals[i] += secs
			}
		}
	}
	sort.Slice(g.Rows, func(i, j int) bool { return g.Rows[i].Client < g.Rows[j].Client })
	for _, t := range rep.Totals {
		if t.Currency == "" {
			continue // time without a rate has no amount to total
		}
		g.Amounts = append(g.Amounts, MoneyTotal{AmountMinor: t.AmountMinor, Currency: t.Currency})
	}
	return g, nil
}
