package reports

import (
	"context"
	"errors"
	"slices"
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
	projectRates, err := rp.db.ProjectRates(ctx)
	if err != nil {
		return timesheet.Report{}, err
	}
	terms := make(map[string]timesheet.Terms, len(clients))
	for _, c := range clients {
		t := rp.termsOf(c)
		t.ProjectRates = projectRates[c.ID] // their entries bill at these
		terms[c.Slug] = t
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
// time.Now() for the local week), starting on the week_start setting. Its
// columns are calendar dates; a client with a zone of its own has its days
// (and so its week) in that zone, as `stint report` and the Time pane take
// them, and its row names the zone. An entry's worked time counts whole on
// the day its start falls in (the one attribution rule,
// timesheet.Attribution), so a row's days add up to what `stint report`
// shows for the client's week; a row's amount is the client's billed amount
// for that week, as `stint report` computes it.
func (rp *Reports) Week(ctx context.Context, day time.Time) (WeekGrid, error) {
	weekStart, err := rp.settings.WeekStart(ctx)
	if err != nil {
		return WeekGrid{}, err
	}
	loc := day.Location()
	from, _ := timesheet.WeekRange(day, loc, weekStart)
	g := WeekGrid{Start: from, Days: weekDates(from, loc), Totals: make([]int64, 7), Rows: []WeekRow{}, Amounts: []MoneyTotal{}}
	clients, err := rp.db.Clients(ctx, true)
	if err != nil {
		return WeekGrid{}, err
	}
	// The grid's zone first, then each other zone a client keeps: the same
	// dates, that zone's midnights.
	zoneOf := map[string]*time.Location{}
	zones := []*time.Location{loc}
	for _, c := range clients {
		z := loc
		if c.Timezone != "" {
			z = rp.clients.ZoneOf(c)
		}
		if sameZone(z, loc, from) {
			z = loc
		}
		zoneOf[c.Slug] = z
		if !slices.Contains(zones, z) {
			zones = append(zones, z)
		}
	}
	for _, z := range zones {
		if err := rp.weekRows(ctx, &g, z, func(slug string) bool {
			zc, ok := zoneOf[slug]
			return zc == z || !ok && z == loc
		}); err != nil {
			return WeekGrid{}, err
		}
	}
	sort.Slice(g.Rows, func(i, j int) bool { return g.Rows[i].Client < g.Rows[j].Client })
	amounts := map[string]int64{}
	var currencies []string
	for _, r := range g.Rows {
		for i, s := range r.Seconds {
			g.Totals[i] += s
		}
		if r.Currency == "" {
			continue // time without a rate has no amount to total
		}
		if _, ok := amounts[r.Currency]; !ok {
			currencies = append(currencies, r.Currency)
		}
		amounts[r.Currency] += r.AmountMinor
	}
	sort.Strings(currencies)
	for _, c := range currencies {
		g.Amounts = append(g.Amounts, MoneyTotal{AmountMinor: amounts[c], Currency: c})
	}
	return g, nil
}

// weekDates are the midnights of the seven dates from from's, in loc.
func weekDates(from time.Time, loc *time.Location) []time.Time {
	days := make([]time.Time, 7)
	for i := range days {
		days[i] = time.Date(from.Year(), from.Month(), from.Day()+i, 0, 0, 0, 0, loc)
	}
	return days
}

// sameZone: a and b keep the same clock through the week from from, so a
// client in b is no different from the grid's zone a.
func sameZone(a, b *time.Location, from time.Time) bool {
	if a == b || a.String() == b.String() {
		return true
	}
	for i := range 8 {
		t := from.AddDate(0, 0, i)
		// The same offset is the same wall clock (no offset is a day long).
		wa, wb := t.In(a), t.In(b)
		if wa.Day() != wb.Day() || wa.Hour() != wb.Hour() || wa.Minute() != wb.Minute() {
			return false
		}
	}
	return true
}

// weekRows adds to g the rows of the clients mine picks, their days the
// grid's dates in zone z.
func (rp *Reports) weekRows(ctx context.Context, g *WeekGrid, z *time.Location, mine func(slug string) bool) error {
	days := weekDates(g.Start, z)
	from, to := days[0], time.Date(days[6].Year(), days[6].Month(), days[6].Day()+1, 0, 0, 0, 0, z)
	rep, err := rp.Report(ctx, ReportRequest{From: from, To: to})
	if err != nil {
		return err
	}
	rows, err := rp.db.EntriesBetween(ctx, from, to, 0)
	if err != nil {
		return err
	}
	zone := ""
	if z != g.Start.Location() {
		zone = z.String()
	}
	now := rp.clock.Now()
	index := map[string]int{}
	for _, c := range rep.Clients {
		if !mine(c.Client) {
			continue
		}
		index[c.Client] = len(g.Rows)
		g.Rows = append(g.Rows, WeekRow{Client: c.Client, Zone: zone, Seconds: make([]int64, 7),
			BilledSeconds: c.RoundedSeconds, RateMinor: c.RateMinor, AmountMinor: c.AmountMinor, Currency: c.Currency})
	}
	for _, r := range rows {
		if !mine(r.Client) {
			continue
		}
		i, ok := index[r.Client]
		if !ok { // an entry the report left out (e.g. empty, at the range's end)
			i = len(g.Rows)
			index[r.Client] = i
			g.Rows = append(g.Rows, WeekRow{Client: r.Client, Zone: zone, Seconds: make([]int64, 7)})
		}
		row := &g.Rows[i]
		for d := range days {
			end := to
			if d < 6 {
				end = days[d+1]
			}
			if !r.Start.Before(days[d]) && r.Start.Before(end) {
				secs := timer.Sheet(r).Seconds(now)
				row.Seconds[d] += secs
				row.Total += secs
			}
		}
	}
	return nil
}
