package workbench

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/timesheet"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func runningCount(t *testing.T, w *fixture) int {
	var n int
	require.NoError(t, w.DB().SQL().QueryRow("SELECT count(*) FROM entries WHERE end_at IS NULL").Scan(&n))
	return n
}

func TestStartStopsTheRunningTimerAtTheSameInstant(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-02T10:00:00Z")), withoutKeyring())
	clock := w.clk
	w.addClient("acme")
	w.addClient("globex")

	a, stopped, err := w.Start(ctx, "acme", utc("2024-05-02T08:00:00Z"), "triage")
	require.NoError(t, err)
	assert.Nil(t, stopped)
	assert.Equal(t, "manual", a.Source)
	assert.True(t, a.Running())
	assert.Equal(t, int64(7200), a.Seconds)

	clock.t = utc("2024-05-02T11:30:00Z")
	g, stopped, err := w.Start(ctx, "globex", time.Time{}, "")
	require.NoError(t, err)
	require.NotNil(t, stopped)
	assert.Equal(t, a.ID, stopped.ID)
	assert.Equal(t, clock.t, *stopped.End, "stopped at the instant the next one starts")
	assert.Equal(t, clock.t, g.Start)
	assert.Equal(t, 1, runningCount(t, w))

	hist, err := w.DB().EntryHistory(ctx, a.ID)
	require.NoError(t, err)
	require.Len(t, hist, 1, "the running version is kept")
	assert.Nil(t, hist[0].End)

	clock.t = utc("2024-05-02T12:00:00Z")
	e, err := w.Stop(ctx, time.Time{}, "handover")
	require.NoError(t, err)
	assert.Equal(t, g.ID, e.ID)
	assert.Equal(t, "handover", e.Note)
	assert.Equal(t, int64(1800), e.Seconds)
	assert.Equal(t, 0, runningCount(t, w))

	_, err = w.Stop(ctx, time.Time{}, "")
	assert.True(t, badinput.Is(err))
	assert.ErrorContains(t, err, "no timer is running")

	// -m on stop appends to the note the start gave.
	_, _, err = w.Start(ctx, "acme", time.Time{}, "deploy")
	require.NoError(t, err)
	clock.t = clock.t.Add(time.Minute)
	e, err = w.Stop(ctx, time.Time{}, "rolled back")
	require.NoError(t, err)
	assert.Equal(t, "deploy; rolled back", e.Note)
}

func TestStartAndStopRefuseImpossibleTimes(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-02T10:00:00Z")), withoutKeyring())
	w.addClient("acme")
	w.addClient("globex")

	_, _, err := w.Start(ctx, "acme", utc("2024-05-02T10:05:00Z"), "")
	assert.ErrorContains(t, err, "in the future")
	_, _, err = w.Start(ctx, "nobody", time.Time{}, "")
	assert.ErrorContains(t, err, `no client named "nobody"`)

	later, err := w.AddEntry(ctx, NewEntry{Client: "globex", From: utc("2024-05-02T09:00:00Z"), To: utc("2024-05-02T09:30:00Z")})
	require.NoError(t, err)
	_, _, err = w.Start(ctx, "acme", utc("2024-05-02T08:00:00Z"), "")
	var overlap *timesheet.OverlapError
	require.ErrorAs(t, err, &overlap, "a timer would run over a later entry")
	assert.Equal(t, later.ID, overlap.With.ID)
	assert.True(t, badinput.Is(err))
	assert.Equal(t, 0, runningCount(t, w))

	_, _, err = w.Start(ctx, "acme", utc("2024-05-02T09:45:00Z"), "")
	require.NoError(t, err)
	_, _, err = w.Start(ctx, "globex", utc("2024-05-02T09:40:00Z"), "")
	assert.ErrorContains(t, err, "started at 2024-05-02 09:45")
	_, err = w.Stop(ctx, utc("2024-05-02T09:40:00Z"), "")
	assert.ErrorContains(t, err, "give a later --at")
	assert.Equal(t, 1, runningCount(t, w))
}

func TestSwitchFollowsAutoTrack(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-02T10:00:00Z")), withoutKeyring())
	clock := w.clk
	w.addClient("acme")
	w.addClient("globex")

	started, stopped, err := w.StartFromSwitch(ctx, "acme", time.Time{})
	require.NoError(t, err)
	require.NotNil(t, started)
	assert.Nil(t, stopped)
	assert.Equal(t, "switch", started.Source)

	clock.t = clock.t.Add(10 * time.Minute)
	s2, st2, err := w.StartFromSwitch(ctx, "acme", time.Time{})
	require.NoError(t, err)
	assert.Nil(t, s2, "the same client's timer keeps running")
	assert.Nil(t, st2)

	// A switch whose clock reads before the running timer's start clamps.
	g, gs, err := w.StartFromSwitch(ctx, "globex", utc("2024-05-02T09:00:00Z"))
	require.NoError(t, err)
	require.NotNil(t, gs)
	assert.Equal(t, started.Start, g.Start)
	assert.Equal(t, started.Start, *gs.End)

	_, err = w.SetConfig(ctx, SettingAutoTrack, "off")
	require.NoError(t, err)
	s4, _, err := w.StartFromSwitch(ctx, "acme", time.Time{})
	require.NoError(t, err)
	assert.Nil(t, s4, "auto_track off starts nothing")
	off, err := w.StopFromSwitch(ctx, time.Time{})
	require.NoError(t, err)
	assert.Nil(t, off, "auto_track off stops nothing")
	assert.Equal(t, 1, runningCount(t, w))

	_, err = w.SetConfig(ctx, SettingAutoTrack, "on")
	require.NoError(t, err)
	off, err = w.StopFromSwitch(ctx, time.Time{})
	require.NoError(t, err)
	require.NotNil(t, off)
	assert.Equal(t, g.ID, off.ID)
	assert.Equal(t, 0, runningCount(t, w))
	off, err = w.StopFromSwitch(ctx, time.Time{})
	assert.NoError(t, err)
	assert.Nil(t, off, "nothing running: nothing to stop")
}

func TestStatusCountsTodayInEachClientsZone(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-02T23:30:00Z")), withoutKeyring())
	clock := w.clk
	w.addClient("tokyo", "tz=Asia/Tokyo")    // today: 05-03, from 05-02 15:00Z
	w.addClient("ny", "tz=America/New_York") // today: 05-02, from 05-02 04:00Z
	w.addClient("nowhere")                   // local (the clock's zone, UTC)
	// An entry counts whole on the day it starts, in its client's zone.
	add := func(client, from, to string) {
		_, err := w.AddEntry(ctx, NewEntry{Client: client, From: utc(from), To: utc(to)})
		require.NoError(t, err)
	}
	add("tokyo", "2024-05-02T14:00:00Z", "2024-05-02T15:00:00Z")   // 23:00 JST yesterday: not today
	add("tokyo", "2024-05-02T15:30:00Z", "2024-05-02T16:30:00Z")   // 00:30 JST today: 1 h
	add("ny", "2024-05-02T03:00:00Z", "2024-05-02T04:30:00Z")      // 23:00 EDT yesterday, into today: not today
	add("ny", "2024-05-02T04:30:00Z", "2024-05-02T05:00:00Z")      // 00:30 EDT today: 30 min
	add("nowhere", "2024-05-01T23:00:00Z", "2024-05-02T00:15:00Z") // yesterday, into today: not today
	add("nowhere", "2024-05-02T00:15:00Z", "2024-05-02T00:30:00Z") // today: 15 min
	_, _, err := w.Start(ctx, "ny", utc("2024-05-02T23:00:00Z"), "")
	require.NoError(t, err)

	st, err := w.Status(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[string]int64{"tokyo": 3600, "ny": 1800 + 1800, "nowhere": 900}, st.TodaySeconds)
	assert.False(t, st.Forgotten)

	clock.t = clock.t.Add(11 * time.Hour)
	st, err = w.Status(ctx)
	require.NoError(t, err)
	assert.True(t, st.Forgotten, "11 h is past the default 10 h")
	_, err = w.SetConfig(ctx, SettingForgottenAfter, "12h")
	require.NoError(t, err)
	st, err = w.Status(ctx)
	require.NoError(t, err)
	assert.False(t, st.Forgotten)
}

func TestAddEditRemoveKeepHistoryAndRefuseOverlaps(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-10T10:00:00Z")), withoutKeyring())
	w.addClient("acme", "tz=Europe/Berlin")
	w.addClient("globex")
	a, err := w.AddEntry(ctx, NewEntry{Client: "acme", From: utc("2024-05-02T07:00:00Z"), To: utc("2024-05-02T09:00:00Z"),
		Tags: []string{"code review", " ops ", "ops", ""}, NonBillable: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"code-review", "ops"}, a.Tags)
	assert.False(t, a.Billable)
	b, err := w.AddEntry(ctx, NewEntry{Client: "globex", From: utc("2024-05-02T09:00:00Z"), To: utc("2024-05-02T10:00:00Z")})
	require.NoError(t, err, "touching entries do not overlap")

	_, err = w.AddEntry(ctx, NewEntry{Client: "globex", From: utc("2024-05-02T08:30:00Z"), To: utc("2024-05-02T08:45:00Z")})
	require.ErrorContains(t, err, "overlaps entry 1 (acme, 2024-05-02 09:00–11:00 CEST)", "shown in acme's zone, labelled")
	_, err = w.AddEntry(ctx, NewEntry{Client: "globex", From: utc("2024-05-02T08:30:00Z"), To: utc("2024-05-02T08:30:00Z")})
	require.ErrorContains(t, err, "is not before --to")

	to := utc("2024-05-02T09:30:00Z")
	_, err = w.EditEntry(ctx, a.ID, EntryChange{To: &to})
	var overlap *timesheet.OverlapError
	require.ErrorAs(t, err, &overlap)
	assert.Equal(t, b.ID, overlap.With.ID)

	client, note, billable := "globex", "moved", true
	e, err := w.EditEntry(ctx, a.ID, EntryChange{Client: &client, Note: &note, Billable: &billable})
	require.NoError(t, err)
	assert.Equal(t, "globex", e.Client)
	assert.True(t, e.Billable)
	hist, err := w.DB().EntryHistory(ctx, a.ID)
	require.NoError(t, err)
	require.Len(t, hist, 1)
	assert.Equal(t, "acme", hist[0].Client)

	_, err = w.EditEntry(ctx, 99, EntryChange{Note: &note})
	assert.ErrorContains(t, err, "no time entry 99")
	_, err = w.EditEntry(ctx, a.ID, EntryChange{})
	assert.ErrorContains(t, err, "nothing to change")

	gone, err := w.RemoveEntry(ctx, b.ID)
	require.NoError(t, err)
	assert.Equal(t, b.ID, gone.ID)
	_, err = w.Entry(ctx, b.ID)
	assert.True(t, badinput.Is(err))
	es, err := w.Entries(ctx, utc("2024-05-01T00:00:00Z"), time.Time{}, "globex")
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, a.ID, es[0].ID)
}

// Week days are local days of day's zone, 23 and 25 hours long across the
// daylight-saving changes; the row amount is what the report bills.
func TestWeekGridAcrossDaylightSaving(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		zone      string
		day       string // a day of the week with the change
		changeDay int    // index of the changing day (week from Monday)
		hours     int64
	}{
		{"Europe/Berlin", "2024-03-28", 6, 23},
		{"America/New_York", "2024-11-01", 6, 25},
	} {
		t.Run(c.zone, func(t *testing.T) {
			loc, err := time.LoadLocation(c.zone)
			require.NoError(t, err)
			w := newFixture(t, startingAt(time.Date(2024, 12, 1, 0, 0, 0, 0, loc)), withoutKeyring())
			w.addClient("acme", "tz="+c.zone, "rate=100")
			day, err := time.ParseInLocation("2006-01-02", c.day, loc)
			require.NoError(t, err)
			g, err := w.Week(ctx, day)
			require.NoError(t, err)
			require.Len(t, g.Days, 7)
			change := g.Days[c.changeDay]
			next := change.AddDate(0, 0, 1)
			_, err = w.AddEntry(ctx, NewEntry{Client: "acme", From: change, To: next})
			require.NoError(t, err)
			g, err = w.Week(ctx, day)
			require.NoError(t, err)
			require.Len(t, g.Rows, 1)
			assert.Equal(t, time.Monday, g.Start.Weekday())
			assert.Equal(t, c.hours*3600, g.Rows[0].Seconds[c.changeDay])
			assert.Equal(t, c.hours*3600, g.Totals[c.changeDay])
			assert.Equal(t, c.hours*10000, g.Rows[0].AmountMinor)
			assert.Equal(t, []MoneyTotal{{AmountMinor: c.hours * 10000, Currency: "USD"}}, g.Amounts)

			_, err = w.SetConfig(ctx, SettingWeekStart, "Sun")
			require.NoError(t, err)
			g, err = w.Week(ctx, change)
			require.NoError(t, err)
			assert.Equal(t, time.Sunday, g.Start.Weekday())
			require.Len(t, g.Rows, 1)
			assert.Equal(t, c.hours*3600, g.Rows[0].Seconds[0], "the changing Sunday now starts the week")
		})
	}
}

// A client in another zone has its days there, in the week grid as in
// `stint report`: a Los Angeles Sunday-night entry (Monday morning here)
// is in last week's grid and report, not this week's; the row names the
// zone.
func TestWeekGridDaysAreTheClientsDays(t *testing.T) {
	ctx := context.Background()
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	w := newFixture(t, startingAt(time.Date(2024, 6, 12, 12, 0, 0, 0, berlin)), withoutKeyring())
	w.addClient("hollywood", "tz=America/Los_Angeles", "rate=100")
	w.addClient("acme", "rate=100")
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	sunday := time.Date(2024, 6, 9, 22, 0, 0, 0, la) // Monday 07:00 in Berlin
	_, err = w.AddEntry(ctx, NewEntry{Client: "hollywood", From: sunday, To: sunday.Add(time.Hour)})
	require.NoError(t, err)
	_, err = w.AddEntry(ctx, NewEntry{Client: "acme", From: sunday.Add(2 * time.Hour), To: sunday.Add(3 * time.Hour)})
	require.NoError(t, err)

	this, err := w.Week(ctx, time.Date(2024, 6, 12, 12, 0, 0, 0, berlin)) // Mon 10 – Sun 16
	require.NoError(t, err)
	last, err := w.Week(ctx, time.Date(2024, 6, 5, 12, 0, 0, 0, berlin)) // Mon 3 – Sun 9
	require.NoError(t, err)
	row := func(g WeekGrid, slug string) *WeekRow {
		for i := range g.Rows {
			if g.Rows[i].Client == slug {
				return &g.Rows[i]
			}
		}
		return nil
	}
	require.NotNil(t, row(this, "acme"), "acme is local: Monday here")
	assert.Equal(t, int64(3600), row(this, "acme").Seconds[0])
	assert.Nil(t, row(this, "hollywood"), "Sunday in Los Angeles is last week's")
	require.NotNil(t, row(last, "hollywood"))
	assert.Equal(t, int64(3600), row(last, "hollywood").Seconds[6], "on the Sunday")
	assert.Equal(t, "America/Los_Angeles", row(last, "hollywood").Zone)
	assert.Equal(t, int64(3600), last.Totals[6])
	assert.Equal(t, []MoneyTotal{{AmountMinor: 10000, Currency: "USD"}}, last.Amounts)

	from, to, err := w.ResolveRange(ctx, RangeRequest{Client: "hollywood", Default: PeriodWeek})
	require.NoError(t, err)
	rep, err := w.Report(ctx, ReportRequest{From: from.AddDate(0, 0, -7), To: to.AddDate(0, 0, -7), Client: "hollywood"})
	require.NoError(t, err)
	require.Len(t, rep.Clients, 1)
	assert.Equal(t, row(last, "hollywood").Total, rep.Clients[0].Seconds, "the grid's row is the report's week")
}

func TestImportSkipsOverlapsAndNeverAddsTwice(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-06-01T00:00:00Z")), withoutKeyring())
	w.addClient("acme")
	w.addClient("globex")
	existing, err := w.AddEntry(ctx, NewEntry{Client: "acme", From: utc("2024-05-01T09:00:00Z"), To: utc("2024-05-01T10:00:00Z")})
	require.NoError(t, err)
	file := `[
{"id":1,"start":"20240501T093000Z","end":"20240501T100000Z","tags":["acme"]},
{"id":2,"start":"20240501T110000Z","end":"20240501T120000Z","tags":["globex","big review"]},
{"id":3,"start":"20240501T113000Z","end":"20240501T114500Z","tags":["acme"]},
{"id":4,"start":"20240501T130000Z","end":"20240501T140000Z","tags":["lunch"]},
{"id":5,"start":"20240501T140000Z","tags":["acme"]}
]`
	imp := func(dry bool) ImportSummary {
		s, err := w.Import(ctx, ImportRequest{Format: "timewarrior", Input: strings.NewReader(file), DryRun: dry})
		require.NoError(t, err)
		return s
	}
	dry := imp(true)
	assert.Equal(t, 1, dry.Added)
	es, err := w.Entries(ctx, utc("2024-01-01T00:00:00Z"), time.Time{}, "")
	require.NoError(t, err)
	assert.Len(t, es, 1, "a dry run writes nothing")

	s := imp(false)
	assert.Equal(t, dry.Clients, s.Clients)
	assert.Equal(t, []ImportClientTotal{{Client: "globex", Entries: 1, Seconds: 3600}}, s.Clients)
	require.Len(t, s.Overlapping, 2)
	assert.Equal(t, 1, s.Overlapping[0].Record)
	assert.Contains(t, s.Overlapping[0].Reason, "overlaps entry 1")
	assert.Equal(t, 3, s.Overlapping[1].Record)
	assert.Contains(t, s.Overlapping[1].Reason, "overlaps record 2 of this file")
	require.Len(t, s.Unmapped, 1)
	assert.Equal(t, 4, s.Unmapped[0].Record)
	require.Len(t, s.Skipped, 1, "the open interval")

	es, err = w.Entries(ctx, utc("2024-01-01T00:00:00Z"), time.Time{}, "globex")
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, []string{"big-review"}, es[0].Tags, "spaces in tags become dashes")
	assert.Equal(t, "import", es[0].Source)

	again := imp(false)
	assert.Equal(t, 0, again.Added)
	assert.Equal(t, 1, again.AlreadyImported)
	// The intervals not imported are checked again, against what is stored
	// now: record 3 meets the entry record 2 became.
	require.Len(t, again.Overlapping, 2)
	assert.Contains(t, again.Overlapping[0].Reason, "overlaps entry 1")
	assert.Contains(t, again.Overlapping[1].Reason, "overlaps entry 2 (globex")
	_ = existing

	_, err = w.Import(ctx, ImportRequest{Format: "timewarrior", Input: strings.NewReader(`[{"start":"20240501T093000Z","end":"2024"}]`)})
	assert.True(t, badinput.Is(err))
	assert.ErrorContains(t, err, "record 1")
}

func TestEntriesErrors(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-06-01T00:00:00Z")), withoutKeyring())
	_, err := w.Entries(ctx, utc("2024-05-02T00:00:00Z"), utc("2024-05-01T00:00:00Z"), "")
	assert.True(t, badinput.Is(err))
	_, err = w.Entries(ctx, time.Time{}, time.Time{}, "nobody")
	assert.ErrorContains(t, err, `no client named "nobody"`)
	assert.True(t, badinput.Is(err))
}

// switchAfter moves the clock on by secs and switches to slug.
func switchAfter(t *testing.T, w *fixture, clock *testClock, secs int, slug string) (started, stopped *Entry) {
	t.Helper()
	clock.t = clock.t.Add(time.Duration(secs) * time.Second)
	started, stopped, err := w.StartFromSwitch(context.Background(), slug, time.Time{})
	require.NoError(t, err)
	return started, stopped
}

func historyChanges(t *testing.T, w *fixture, id int64) []string {
	t.Helper()
	rows, err := w.DB().SQL().Query("SELECT change FROM entry_history WHERE entry_id = ? ORDER BY id", id)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		require.NoError(t, rows.Scan(&c))
		out = append(out, c)
	}
	return out
}

// Flicking through clients with the hotkey bills nothing for the clients
// flicked past: a switch entry shorter than switch_grace is discarded, and
// going back to the client left moments ago resumes its entry.
func TestSwitchFlickingLeavesNoShortEntries(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-02T10:00:00Z")), withoutKeyring())
	clock := w.clk
	w.addClient("acme", "rate=100", "round=15m")
	w.addClient("globex", "rate=100", "round=15m", "min=30m")
	w.addClient("initech", "rate=100", "round=15m", "min=30m")

	acme, _ := switchAfter(t, w, clock, 0, "acme")
	_, stopped := switchAfter(t, w, clock, 30*60, "globex")
	require.NotNil(t, stopped)
	assert.Equal(t, acme.ID, stopped.ID, "half an hour of acme is kept")
	assert.False(t, stopped.Discarded())

	g, _ := switchAfter(t, w, clock, 0, "globex") // already running: nothing happens
	assert.Nil(t, g)
	i, stopped := switchAfter(t, w, clock, 12, "initech")
	require.NotNil(t, i)
	require.NotNil(t, stopped)
	assert.Equal(t, "globex", stopped.Client)
	assert.Equal(t, int64(12), stopped.Seconds)
	assert.True(t, stopped.Discarded(), "12 s of globex is a flick, not work")
	assert.NotEqual(t, stopped.ID, i.ID)

	back, stopped := switchAfter(t, w, clock, 8, "acme")
	require.NotNil(t, stopped)
	assert.True(t, stopped.Discarded())
	require.NotNil(t, back)
	assert.Equal(t, acme.ID, back.ID, "acme's entry, left 20 s ago, resumes")
	assert.Equal(t, acme.Start, back.Start)
	assert.True(t, back.Running())

	es, err := w.Entries(ctx, utc("2024-05-02T00:00:00Z"), time.Time{}, "")
	require.NoError(t, err)
	require.Len(t, es, 1, "only acme's entry is left")
	assert.Equal(t, acme.ID, es[0].ID)
	assert.Equal(t, []string{"stop", "delete"}, historyChanges(t, w, i.ID), "the history keeps what was discarded")

	clock.t = utc("2024-05-02T11:00:00Z")
	rep, err := w.Report(ctx, ReportRequest{From: utc("2024-05-02T00:00:00Z"), To: utc("2024-05-03T00:00:00Z")})
	require.NoError(t, err)
	require.Len(t, rep.Clients, 1, "globex and initech bill nothing, not their 30 min minimum")
	assert.Equal(t, "acme", rep.Clients[0].Client)
	assert.Equal(t, int64(3600), rep.Clients[0].RoundedSeconds)

	// `off` within the grace discards too; the entry after it is new.
	n, _ := switchAfter(t, w, clock, 0, "globex")
	clock.t = clock.t.Add(40 * time.Second)
	off, err := w.StopFromSwitch(ctx, time.Time{})
	require.NoError(t, err)
	require.NotNil(t, off)
	assert.True(t, off.Discarded())
	assert.Equal(t, "globex", off.Client)
	_, err = w.Entry(ctx, n.ID)
	assert.ErrorContains(t, err, "no time entry")
	assert.Equal(t, 0, runningCount(t, w))
}

// Only a switch entry of the same client, ended less than the grace ago,
// and the most recent entry, resumes; manual starts and stops discard a
// slip too, but never resume.
func TestSwitchGraceLimits(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-02T10:00:00Z")), withoutKeyring())
	clock := w.clk
	w.addClient("acme")
	w.addClient("globex")
	off := func(after time.Duration) *Entry {
		clock.t = clock.t.Add(after)
		e, err := w.StopFromSwitch(ctx, time.Time{})
		require.NoError(t, err)
		return e
	}

	switchAfter(t, w, clock, 0, "acme")
	g1, stopped := switchAfter(t, w, clock, 3600, "globex")
	assert.False(t, stopped.Discarded())
	_, stopped = switchAfter(t, w, clock, 60, "acme")
	assert.False(t, stopped.Discarded(), "a minute is not shorter than the 1m grace")
	again, stopped := switchAfter(t, w, clock, 10, "globex")
	assert.True(t, stopped.Discarded())
	assert.Equal(t, g1.ID, again.ID, "globex's entry ended 10 s ago: it resumes")

	// Ended exactly the grace ago: a new entry; a second less: resumed.
	assert.False(t, off(5*time.Minute).Discarded())
	g2, _ := switchAfter(t, w, clock, 60, "globex")
	assert.NotEqual(t, g1.ID, g2.ID)
	assert.False(t, off(5*time.Minute).Discarded())
	again, _ = switchAfter(t, w, clock, 59, "globex")
	assert.Equal(t, g2.ID, again.ID)

	// A slip bills nothing however it ends: a manual start discards the
	// short switch entry it stops, and a manual stop its own short entry.
	a3, _ := switchAfter(t, w, clock, 0, "acme")
	clock.t = clock.t.Add(5 * time.Second)
	slip, stopped, err := w.Start(ctx, "globex", time.Time{}, "")
	require.NoError(t, err)
	assert.True(t, stopped.Discarded(), "5 s of acme slipped")
	_, err = w.Entry(ctx, a3.ID)
	require.Error(t, err)
	clock.t = clock.t.Add(5 * time.Second)
	s, err := w.Stop(ctx, time.Time{}, "")
	require.NoError(t, err)
	assert.True(t, s.Discarded(), "5 s of globex slipped")
	_, err = w.Entry(ctx, slip.ID)
	require.Error(t, err)
	// A note claims a manual entry: kept however short.
	m, _, err := w.Start(ctx, "globex", time.Time{}, "call")
	require.NoError(t, err)
	clock.t = clock.t.Add(5 * time.Second)
	s, err = w.Stop(ctx, time.Time{}, "")
	require.NoError(t, err)
	assert.False(t, s.Discarded())
	// globex's manual entry is the most recent one: a switch back to acme
	// must not resume acme's entry over it.
	a4, stopped := switchAfter(t, w, clock, 5, "acme")
	assert.Nil(t, stopped)
	assert.NotEqual(t, a3.ID, a4.ID)
	assert.True(t, a4.Start.Equal(clock.t))
	// Nor does a switch resume a manual entry.
	g3, stopped := switchAfter(t, w, clock, 5, "globex")
	assert.True(t, stopped.Discarded())
	assert.NotEqual(t, m.ID, g3.ID)
	got, err := w.Entry(ctx, m.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(5), got.Seconds)

	// A note claims an entry: it is kept however short.
	note := "looked at the pager"
	_, err = w.EditEntry(ctx, g3.ID, EntryChange{Note: &note})
	require.NoError(t, err)
	_, stopped = switchAfter(t, w, clock, 5, "acme")
	assert.Equal(t, g3.ID, stopped.ID)
	assert.False(t, stopped.Discarded())

	// switch_grace 0 turns it all off.
	_, err = w.SetConfig(ctx, SettingSwitchGrace, "0")
	require.NoError(t, err)
	g4, stopped := switchAfter(t, w, clock, 0, "globex")
	assert.False(t, stopped.Discarded())
	assert.Equal(t, int64(0), stopped.Seconds, "kept even at no length")
	assert.NotEqual(t, g3.ID, g4.ID, "and nothing resumes")
}

// A switch to a client whose time is not tracked ends the running client's
// work: its timer stops (when auto-track applies to it) and nothing starts.
func TestSwitchToNoTrackClientStopsTheRunningTimer(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-02T10:00:00Z")), withoutKeyring())
	clock := w.clk
	w.addClient("acme")
	w.addClient("piedpiper", "track=off")
	w.addClient("hooli", "track=off")

	acme, _ := switchAfter(t, w, clock, 0, "acme")
	started, stopped := switchAfter(t, w, clock, 3600, "piedpiper")
	assert.Nil(t, started, "a no-track client starts nothing")
	require.NotNil(t, stopped, "acme's timer does not keep billing pro-bono time")
	assert.Equal(t, acme.ID, stopped.ID)
	assert.Equal(t, clock.t, *stopped.End)
	assert.Equal(t, 0, runningCount(t, w))

	// A manual timer of a no-track client is not the switch's to stop.
	_, _, err := w.Start(ctx, "piedpiper", time.Time{}, "")
	require.NoError(t, err)
	_, stopped = switchAfter(t, w, clock, 60, "hooli")
	assert.Nil(t, stopped)
	assert.Equal(t, 1, runningCount(t, w))

	// Nor is anything stopped with auto_track off.
	_, err = w.Stop(ctx, time.Time{}, "")
	require.NoError(t, err)
	_, _, err = w.Start(ctx, "acme", time.Time{}, "")
	require.NoError(t, err)
	_, err = w.SetConfig(ctx, SettingAutoTrack, "off")
	require.NoError(t, err)
	_, stopped = switchAfter(t, w, clock, 60, "piedpiper")
	assert.Nil(t, stopped)
	assert.Equal(t, 1, runningCount(t, w))
}

// Times shown in a zone other than the local one (the clock's: UTC here)
// carry that zone's abbreviation.
func TestTimesInAnotherZoneAreLabelled(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, startingAt(utc("2024-05-02T13:31:00Z")), withoutKeyring()) // 22:31 in Tokyo
	w.addClient("tokyo", "tz=Asia/Tokyo")
	w.addClient("globex")
	_, err := w.AddEntry(ctx, NewEntry{Client: "tokyo", From: utc("2024-05-02T09:00:00Z"), To: utc("2024-05-02T10:00:00Z")})
	require.NoError(t, err)

	_, err = w.AddEntry(ctx, NewEntry{Client: "globex", From: utc("2024-05-02T09:30:00Z"), To: utc("2024-05-02T11:00:00Z")})
	assert.ErrorContains(t, err, "overlaps entry 1 (tokyo, 2024-05-02 18:00–19:00 JST)")
	var overlap *timesheet.OverlapError
	assert.ErrorAs(t, err, &overlap, "still the typed error")
	assert.True(t, badinput.Is(err))

	_, _, err = w.Start(ctx, "tokyo", utc("2024-05-02T14:00:00Z"), "")
	assert.ErrorContains(t, err, "in the future (2024-05-02 23:00 JST)")
	_, _, err = w.Start(ctx, "globex", utc("2024-05-02T14:00:00Z"), "")
	assert.ErrorContains(t, err, "in the future (2024-05-02 14:00)", "local times go unlabelled")

	_, _, err = w.Start(ctx, "tokyo", utc("2024-05-02T12:00:00Z"), "")
	require.NoError(t, err)
	_, err = w.AddEntry(ctx, NewEntry{Client: "globex", From: utc("2024-05-02T12:30:00Z"), To: utc("2024-05-02T12:40:00Z")})
	assert.ErrorContains(t, err, "(tokyo, 2024-05-02 21:00 JST–now)")

}
