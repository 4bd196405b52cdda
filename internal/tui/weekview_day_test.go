package tui

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// cursorCell is the selected cell as the screen shows it: the client's
// row and the text after the ›.
func cursorCell(t *testing.T, screen string) (row, cell string) {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		if _, after, ok := strings.Cut(l, "›"); ok && strings.HasPrefix(l, "■") {
			name, _, _ := strings.Cut(l, "  ") // names end at two spaces, or at the cursor
			name, _, _ = strings.Cut(name, " ›")
			return name, strings.Fields(after)[0]
		}
	}
	t.Fatalf("no cursor in\n%s", screen)
	return "", ""
}

// The cursor starts on today, moves by client and by day and stops at the
// grid's edges; [ and ] keep it on the same client and weekday.
func TestWeekViewCursorMovesOverTheGrid(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	h.press("w")
	for _, step := range []struct {
		key       string
		row, cell string
	}{
		{"", "■ Acme Corp", "1:45"}, // Wednesday, today
		{"h", "■ Acme Corp", "1:40"},
		{"left", "■ Acme Corp", "3:00"},
		{"h", "■ Acme Corp", "3:00"}, // Monday is the first
		{"j", "■ Globex", "1:30"},
		{"down", "■ Globex", "1:30"}, // the last client
		{"l", "■ Globex", "-"},
		{"k", "■ Acme Corp", "1:40"},
		{"up", "■ Acme Corp", "1:40"},
	} {
		if step.key != "" {
			h.press(step.key)
		}
		row, cell := cursorCell(t, h.screen())
		assert.Equal(t, step.row, row, step.key)
		assert.Equal(t, step.cell, cell, step.key)
	}
	for range 6 {
		h.press("l")
	}
	assert.Equal(t, 6, h.m.week.cur.day, "Sunday is the last")
	h.press("j", "[")
	assert.Contains(t, h.screen(), "· last week")
	assert.Equal(t, 6, h.m.week.cur.day)
	assert.Equal(t, "globex", h.m.week.cur.slug, "kept while the client has no row")
	h.press("]")
	row, _ := cursorCell(t, h.screen())
	assert.Equal(t, "■ Globex", row, "back on its row")
}

// At 80 columns the empty weekend is hidden; the cursor brings the day it
// is on back into view and another empty day gives way. A day with time
// is never hidden for it.
func TestWeekViewCursorKeepsItsDayOnScreenAndTheDaysWithTime(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 80, 24)
	h.press("w")
	head := func() string { return screenLine(t, h.screen(), "CLIENT") }
	assert.Contains(t, h.screen(), "not shown at this width: Sat, Sun")
	h.press("l", "l", "l") // Saturday
	assert.Contains(t, head(), "Sat")
	assert.NotContains(t, head(), "Sun")
	assert.Regexp(t, `Mon +Tue +Wed +Thu +Sat`, head(), "Friday, empty, gave way")
	assert.Contains(t, h.screen(), "not shown at this width: Fri, Sun")
	_, cell := cursorCell(t, h.screen())
	assert.Equal(t, "-", cell)
	h.press("l") // Sunday
	assert.Regexp(t, `Mon +Tue +Wed +Thu +Sun`, head())
	for _, l := range strings.Split(h.screen(), "\n") {
		assert.LessOrEqual(t, len([]rune(l)), 80)
	}
}

// Many clients: the selected row scrolls into view, the totals stay.
func TestWeekViewCursorScrollsThroughManyClients(t *testing.T) {
	b := fixture()
	for i := range 30 {
		slug := "c" + string(rune('a'+i/10)) + string(rune('a'+i%10))
		b.clients = append(b.clients, workbench.ClientInfo{Slug: slug, Name: slug, Currency: "USD", RateMinor: 10000, RoundMode: "up"})
		b.entries = append(b.entries, workbench.Entry{ID: int64(200 + i), Client: slug, Start: at(23, 14, 0),
			End: ptr(at(23, 15, 0)), Seconds: 3600, Billable: true})
	}
	h := newHarness(t, b, Options{}, 80, 24)
	h.press("w", "G")
	assert.Equal(t, "ccj", h.m.week.cur.slug, "G: the last row")
	h.press("g")
	assert.Equal(t, "acme", h.m.week.cur.slug, "g: the first")
	for range 31 {
		h.press("j")
	}
	assert.Equal(t, "ccj", h.m.week.cur.slug, "the last row")
	screen := h.screen()
	assert.Regexp(t, `(?m)^■ ccj .*›`, screen)
	assert.Contains(t, screen, "more clients: make the terminal taller")
	assert.Regexp(t, `(?m)^TOTAL .* 39:10 +38:00 *$`, screen)
}

// A click selects a cell, a click on the selected cell opens its day.
func TestWeekViewClickSelectsAndOpensACell(t *testing.T) {
	b := fixture()
	b.entries = append(b.entries, workbench.Entry{ID: 50, Client: "globex", Start: at(23, 15, 0), End: ptr(at(23, 16, 0)),
		Seconds: 3600, Note: "retro", Billable: true})
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("w")
	screen := h.screen()
	globex := strings.Index(strings.Split(screen, "\n")[4], "■ Globex")
	require.Zero(t, globex, "Globex's row is the screen's fifth line")
	mon := indexWidth(screenLine(t, screen, "CLIENT"), "Mon")
	h.send(click(mon+1, 4))
	row, cell := cursorCell(t, h.screen())
	assert.Equal(t, "■ Globex", row)
	assert.Equal(t, "2:30", cell)
	assert.Nil(t, h.m.week.open)
	h.send(click(mon, 4))
	require.NotNil(t, h.m.week.open, "a second click opens the day")
	assert.Contains(t, h.screen(), "Globex · Mon 23 Nov 2026")
	retro := -1
	for i, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, "retro") {
			retro = i
		}
	}
	require.Positive(t, retro)
	h.send(click(20, retro))
	e, ok := h.m.week.open.Selected()
	require.True(t, ok)
	assert.Equal(t, int64(50), e.ID, "a click selects an entry of the day")
	h.send(click(20, retro-1))
	e, _ = h.m.week.open.Selected()
	assert.Equal(t, int64(2), e.ID)
	assert.Equal(t, "globex", h.m.week.cur.slug, "the grid's cursor stays")
	h.press("esc")
	h.send(wheel(10, 4, tea.MouseWheelUp))
	assert.Equal(t, "acme", h.m.week.cur.slug, "the wheel moves between clients")
	h.send(wheel(10, 4, tea.MouseWheelDown))
	assert.Equal(t, "globex", h.m.week.cur.slug)
}

// Enter opens the cell's entries; +, = and x act on them through the same
// form and question as the Time pane, u undoes, esc goes back to the grid
// and then to the list.
func TestWeekViewDayEditsDeletesAndUndoes(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("w", "h", "=")
	assert.Nil(t, h.m.week.open)
	assert.Contains(t, h.m.flash.text, "Enter opens the day's entries")

	h.press("enter")
	require.NotNil(t, h.m.week.open)
	screen := h.screen()
	assert.Contains(t, screen, "Acme Corp · Tue 24 Nov 2026")
	assert.Contains(t, screen, "10:00–11:40")
	assert.Contains(t, screen, "incident review")
	assert.NotContains(t, screen, "cluster upgrade", "Monday's entry is another cell's")

	h.press("=")
	require.True(t, h.m.form.Active())
	assert.Contains(t, h.screen(), "Edit acme's entry #3")
	h.press("enter", "enter")
	for range len("incident review") {
		h.press("backspace")
	}
	h.paste("postmortem")
	h.press("enter", "enter", "enter", "enter")
	require.False(t, h.m.form.Active(), h.screen())
	assert.Equal(t, []string{"EditEntry 3"}, b.calls)
	require.NotNil(t, h.m.week.open, "back on the day")
	assert.Contains(t, h.screen(), "postmortem")

	h.press("x")
	require.True(t, h.m.dialog.Open())
	assert.Contains(t, h.screen(), "Delete acme's entry #3")
	h.press("y")
	assert.Contains(t, h.screen(), "no time on this day: + adds an entry")
	assert.Regexp(t, `■ Acme Corp +3:00 +› ?- `, screenLine(t, h.screen(), "■ Acme Corp"), "the grid follows")

	h.press("u")
	assert.Contains(t, h.screen(), "postmortem", "undone")
	assert.Regexp(t, `■ Acme Corp +3:00 +›1:40 `, screenLine(t, h.screen(), "■ Acme Corp"))
	assert.Equal(t, []string{"EditEntry 3", "RemoveEntry 3", "Undo rm"}, b.calls)

	h.press("esc")
	assert.Nil(t, h.m.week.open)
	assert.Equal(t, modeWeek, h.m.mode)
	h.press("esc")
	assert.Equal(t, modeMain, h.m.mode)
}

// + on a cell opens the add form for its client and day, starting where
// the day's last entry ended; the day stays open to show what was added.
func TestWeekViewAddsAnEntryOnTheSelectedDay(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("w", "j", "h", "h", "+") // Globex, Monday: 13:00–14:30
	require.True(t, h.m.form.Active())
	screen := h.screen()
	assert.Contains(t, screen, "Add time to globex")
	assert.Contains(t, screen, "> 2026-11-23 14:30")
	assert.Contains(t, screen, "> 2026-11-23 15:30")
	h.press("enter", "enter")
	h.paste("design review")
	h.press("enter", "enter", "enter", "enter")
	require.False(t, h.m.form.Active(), h.screen())
	assert.Equal(t, []string{"AddEntry globex"}, b.calls)
	require.NotNil(t, h.m.week.open)
	assert.Contains(t, h.screen(), "14:30–15:30")
	assert.Contains(t, h.screen(), "design review")
	assert.Regexp(t, `■ Globex +›2:30 `, screenLine(t, h.screen(), "■ Globex"))

	h.press("esc", "h", "+") // Globex has no row left of Monday: still Monday
	assert.Contains(t, h.screen(), "> 2026-11-23 15:30", "after the new last entry")
	h.press("esc")
	require.False(t, h.m.form.Active())
	assert.Equal(t, []string{"AddEntry globex"}, b.calls, "cancelled: nothing more")
}

// On an empty day the form starts at 09:00; on today it ends no later
// than now.
func TestDayEntryFormStartsAfterTheLastEntry(t *testing.T) {
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	d := &dayList{weekCell: weekCell{slug: "acme", from: day, to: day.AddDate(0, 0, 1)}}
	f := d.newEntryForm(testNow)
	assert.Equal(t, "2026-11-24 09:00", f.from)
	assert.Equal(t, "2026-11-24 10:00", f.to)
	assert.True(t, f.billable)

	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	d = &dayList{weekCell: weekCell{slug: "acme", from: today, to: today.AddDate(0, 0, 1)}}
	d.entries.val = []workbench.Entry{{Start: at(25, 7, 0), End: ptr(at(25, 9, 40))}, {Start: at(25, 9, 45)}} // one running
	f = d.newEntryForm(testNow)
	assert.Equal(t, "2026-11-25 09:40", f.from)
	assert.Equal(t, "2026-11-25 10:15", f.to, "now, not an hour on")

	d.entries.val = []workbench.Entry{{Start: at(25, 9, 0), End: ptr(at(25, 10, 15))}}
	f = d.newEntryForm(testNow)
	assert.Equal(t, "2026-11-25 10:15", f.from)
	assert.Empty(t, f.to, "nothing fits before now: To is the user's")
}

// On the real workbench and SQLite, a client in New York: the grid's day
// is New York's Sunday, the form reads times there, and add, edit, delete
// and undo are `stint add`, `stint edit`, `stint rm` and `stint undo`.
func TestWeekViewDayOnTheRealWorkbench(t *testing.T) {
	ny := newYork(t)
	now := time.Date(2026, 11, 1, 23, 50, 0, 0, ny).In(time.UTC)
	wb := realNYC(t, now)
	h := newHarnessOn(t, wb, Options{CurrentClient: "nyc", Now: func() time.Time { return now }}, 120, 40)
	entries := func() []string {
		es, err := wb.Entries(context.Background(), time.Date(2026, 11, 1, 0, 0, 0, 0, ny), time.Time{}, "nyc")
		require.NoError(t, err)
		var out []string
		for _, e := range es {
			out = append(out, e.Start.In(ny).Format("15:04")+"-"+e.End.In(ny).Format("15:04")+" "+e.Note)
		}
		return out
	}

	h.press("w")
	_, cell := cursorCell(t, h.screen())
	assert.Equal(t, "-", cell, "today is Monday in UTC")
	h.press("h", "enter") // Sunday, New York's
	require.NotNil(t, h.m.week.open)
	assert.Contains(t, h.screen(), "NYC Ltd · Sun 1 Nov 2026")
	assert.Contains(t, h.screen(), "23:30–23:45")

	h.press("+")
	require.True(t, h.m.form.Active())
	assert.Contains(t, h.screen(), "> 2026-11-01 23:45")
	assert.Contains(t, h.screen(), "> 2026-11-01 23:50", "up to now")
	h.press("enter", "enter")
	h.paste("wrap-up")
	h.press("enter", "enter", "enter", "enter")
	require.False(t, h.m.form.Active(), h.screen())
	assert.Equal(t, []string{"23:30-23:45 ", "23:45-23:50 wrap-up"}, entries())
	assert.Contains(t, h.screen(), "23:45–23:50")

	h.press("j", "=", "enter")
	for range 2 {
		h.press("backspace")
	}
	h.paste("48")
	h.press("enter", "enter", "enter", "enter", "enter")
	require.False(t, h.m.form.Active(), h.screen())
	assert.Equal(t, []string{"23:30-23:45 ", "23:45-23:48 wrap-up"}, entries())

	h.press("x", "y")
	assert.Equal(t, []string{"23:30-23:45 "}, entries())
	assert.NotContains(t, h.screen(), "wrap-up")
	h.press("u")
	assert.Equal(t, []string{"23:30-23:45 ", "23:45-23:48 wrap-up"}, entries())
	assert.Contains(t, h.screen(), "wrap-up")
}

// Another shell's change reloads the open day, which stays open.
func TestWeekViewDayFollowsAChangeMadeElsewhere(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("w", "j", "enter") // Globex, today: the standup
	require.NotNil(t, h.m.week.open)
	assert.Contains(t, h.screen(), "standup")
	_, err := b.AddEntry(context.Background(), workbench.NewEntry{Client: "globex", From: at(25, 9, 0), To: at(25, 9, 30), Note: "triage"})
	require.NoError(t, err)
	_, err = b.Stop(context.Background(), at(25, 10, 0), "")
	require.NoError(t, err)
	h.send(tickMsg(testNow.Add(statusEvery)))
	require.NotNil(t, h.m.week.open)
	assert.Contains(t, h.screen(), "triage")
}

// The whole program: move, open a day, delete an entry, undo, add one.
func TestProgramWeekViewDay(t *testing.T) {
	b := fixture()
	tm := startProgram(t, b, Options{CurrentClient: "acme"})
	wait := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return bytes.Contains(out, []byte(s)) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	tm.Send(keyMsg("w"))
	wait("Week of Mon 23")
	for _, k := range []string{"j", "enter"} {
		tm.Send(keyMsg(k))
	}
	wait("standup")
	tm.Send(keyMsg("x"))
	wait("Delete globex's entry #4")
	tm.Send(keyMsg("y"))
	wait("Deleted entry #4")
	tm.Send(keyMsg("u"))
	wait("Undid the rm")
	tm.Send(keyMsg("+"))
	wait("Add time to globex")
	tm.Send(keyMsg("esc"))
	wait("Cancelled")
	tm.Send(keyMsg("esc"))
	tm.Send(keyMsg("esc"))
	tm.Send(keyMsg("q"))
	fm, screen := finalScreen(t, tm)
	golden.RequireEqual(t, screen)
	assert.Equal(t, modeMain, fm.mode)
	assert.Equal(t, []string{"RemoveEntry 4", "Undo rm"}, b.calls)
}

// A day with more entries than the box has room for shows those around
// its cursor; the box stays within the screen.
func TestWeekViewDayScrollsItsEntries(t *testing.T) {
	b := fixture()
	for i := range 20 {
		start := at(24, 12, 0).Add(time.Duration(i) * 5 * time.Minute)
		b.entries = append(b.entries, workbench.Entry{ID: int64(300 + i), Client: "acme", Start: start,
			End: ptr(start.Add(4 * time.Minute)), Seconds: 240, Note: fmt.Sprintf("slot %02d", i), Billable: true})
	}
	h := newHarness(t, b, Options{}, 80, 24)
	h.press("w", "h", "enter")
	screen := h.screen()
	assert.Contains(t, screen, "incident review", "the first entry, under the cursor")
	assert.NotContains(t, screen, "slot 19")
	assert.Len(t, strings.Split(screen, "\n"), 24)
	for range 20 {
		h.press("j")
	}
	screen = h.screen()
	assert.Contains(t, screen, "slot 19")
	assert.NotContains(t, screen, "incident review")
	assert.Regexp(t, `› Tue +13:35–13:39`, screen, "the cursor on the last")
	e, _ := h.m.week.open.Selected()
	assert.Equal(t, "slot 19", e.Note)
}

// ? in the week view lists the cursor's keys and the entry keys that work
// there; the footer names them, and the open day's footer its own.
func TestWeekViewKeysAreInItsHelp(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	lastLine := func() string { lines := strings.Split(h.screen(), "\n"); return lines[len(lines)-1] }
	h.press("w")
	footer := lastLine()
	for _, want := range []string{"←↓↑→ cell", "enter entries", "+ add", "[/] prev/next week"} {
		assert.Contains(t, footer, want)
	}
	h.press("enter")
	footer = lastLine()
	for _, want := range []string{"↑/↓ entry", "+ add", "= edit", "x delete", "u undo"} {
		assert.Contains(t, footer, want)
	}
	h.press("?")
	screen := h.screen()
	for _, want := range []string{"client up/down", "first/last client", "day before/after", "the day's entries",
		"add/edit/delete entry", "undo last time change", "previous week", "Enter lists the entries"} {
		assert.Contains(t, screen, want)
	}
	h.press("esc")
	assert.Equal(t, modeWeek, h.m.mode, "back to the week view")
	require.NotNil(t, h.m.week.open, "its day still open")
}
