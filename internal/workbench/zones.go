package workbench

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
)

// ParseTime reads a --at/--from/--to value in client's zone ("" for the
// local zone); a bad value is an input error.
func (w *Workbench) ParseTime(ctx context.Context, s, client string) (time.Time, error) {
	loc, err := w.Zone(ctx, client)
	if err != nil {
		return time.Time{}, err
	}
	t, err := timesheet.ParseTime(s, w.Now(), loc)
	return t, badinput.Wrap(err)
}

// Zone is the zone times of client are read and shown in: its own, else
// the local one ("" for local).
func (w *Workbench) Zone(ctx context.Context, client string) (*time.Location, error) {
	if client == "" {
		return w.local(), nil
	}
	c, err := w.client(ctx, client)
	if err != nil {
		return nil, err
	}
	return w.zoneOf(c), nil
}

func (w *Workbench) local() *time.Location { return w.now().Location() }

// zoneOf is a client's zone, else local. Zones are validated when saved; an
// unloadable one (a system without that tzdata) falls back to local.
func (w *Workbench) zoneOf(c store.Client) *time.Location {
	if c.Timezone != "" {
		if loc, err := time.LoadLocation(c.Timezone); err == nil {
			return loc
		}
	}
	return w.local()
}

// clientZones maps every client's slug to its zone (nil: local).
func (w *Workbench) clientZones(ctx context.Context) (map[string]*time.Location, error) {
	cs, err := w.db.Clients(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*time.Location, len(cs))
	for _, c := range cs {
		out[c.Slug] = w.zoneOf(c)
	}
	return out, nil
}

func (w *Workbench) zoneFor(zones map[string]*time.Location, slug string) *time.Location {
	if loc := zones[slug]; loc != nil {
		return loc
	}
	return w.local()
}

// showTime is t in loc, labelled with the zone's abbreviation when that is
// not the local one ("2024-05-02 22:31 JST").
func (w *Workbench) showTime(t time.Time, loc *time.Location) string {
	return display.Time(t, loc, w.local())
}

// showSpan is an entry's span in loc, labelled like showTime.
func (w *Workbench) showSpan(start time.Time, end *time.Time, loc *time.Location) string {
	return display.Span(start, end, loc, w.local())
}

// toEntry is a stored entry as the front ends see it.
func toEntry(e store.Entry, now time.Time) Entry {
	tags := e.Tags
	if tags == nil {
		tags = []string{}
	}
	return Entry{ID: e.ID, Client: e.Client, Start: e.Start, End: e.End, Seconds: toSheet(e).Seconds(now),
		Note: e.Note, Tags: tags, Billable: e.Billable, Source: e.Source}
}

// toSheet is a stored entry for the timesheet rules.
func toSheet(e store.Entry) timesheet.Entry {
	return timesheet.Entry{ID: e.ID, Client: e.Client, Start: e.Start, End: e.End, Note: e.Note,
		Tags: e.Tags, Billable: e.Billable, Source: timesheet.Source(e.Source)}
}

// termsOf is a client's billing terms as the timesheet computes with them.
func (w *Workbench) termsOf(c store.Client) timesheet.Terms {
	mode, _ := timesheet.ParseRoundMode(c.RoundMode)
	per, _ := timesheet.ParseRoundPer(c.RoundPer)
	t := timesheet.Terms{RateMinor: c.RateMinor, Currency: c.Currency,
		RoundIncrement: time.Duration(c.RoundMinutes) * time.Minute, RoundMode: mode, RoundPer: per,
		MinimumPerEntry: time.Duration(c.MinimumMinutes) * time.Minute}
	if c.Timezone != "" {
		t.Location = w.zoneOf(c)
	}
	return t
}
