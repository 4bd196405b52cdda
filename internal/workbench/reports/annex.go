package reports

import (
	"context"
	"sort"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/timesheet/annex"
)

// AnnexRequest is `stint report --client NAME --format md|html`.
type AnnexRequest struct {
	From, To time.Time // half-open, in the client's zone
	Client   string    // required
}

// Annex gathers the audit annex of one client's range: the report's line
// and --by entry lines (the same numbers `stint report` prints), and the
// client's log lines of the range, oldest first.
func (rp *Reports) Annex(ctx context.Context, req AnnexRequest) (annex.Annex, error) {
	if req.Client == "" {
		return annex.Annex{}, badinput.Errorf("an annex is for one client: give --client NAME")
	}
	c, err := rp.clients.Client(ctx, req.Client)
	if err != nil {
		return annex.Annex{}, err
	}
	rep, err := rp.Report(ctx, ReportRequest{From: req.From, To: req.To, Client: c.Slug, By: string(timesheet.ByEntry)})
	if err != nil {
		return annex.Annex{}, err
	}
	loc := rp.clients.ZoneOf(c)
	a := annex.Annex{Client: c.Slug, Name: c.Name, From: req.From, To: req.To, Zone: loc, Entries: rep.Groups,
		Generated: rp.clock.Now()}
	if len(rep.Clients) == 1 {
		a.Line = rep.Clients[0]
	} else {
		// No entry in the range: the terms still belong in the annex.
		t := rp.termsOf(c)
		a.Line = timesheet.ClientLine{Line: timesheet.Line{Client: c.Slug, RateMinor: t.RateMinor},
			RoundIncrementSeconds: int64(t.RoundIncrement / time.Second), RoundMode: t.RoundMode, RoundPer: t.RoundPer,
			MinimumSeconds: int64(t.MinimumPerEntry / time.Second), Zone: loc.String()}
		if t.HasRate() {
			a.Line.Currency = t.Currency
		}
	}
	notes, err := rp.db.Notes(ctx, c.ID, 0)
	if err != nil {
		return annex.Annex{}, err
	}
	for _, n := range notes {
		if !n.At.Before(req.From) && n.At.Before(req.To) {
			a.Log = append(a.Log, annex.LogLine{At: n.At, Text: n.Body})
		}
	}
	sort.SliceStable(a.Log, func(i, j int) bool { return a.Log[i].At.Before(a.Log[j].At) })
	return a, nil
}
