package tui

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// +, = and x on the Time pane are `stint add`, `stint edit` and `stint rm`
// on the real workbench and SQLite: times read in the client's zone, a bad
// one refused with what was typed kept, and u undoing the delete.
func TestTimeEntriesAddEditDeleteUndoOnTheRealWorkbench(t *testing.T) {
	ny := newYork(t)
	now := time.Date(2026, 11, 1, 23, 50, 0, 0, ny).In(time.UTC)
	wb := realNYC(t, now)
	ctx := context.Background()
	h := newHarnessOn(t, wb, Options{CurrentClient: "nyc", Now: func() time.Time { return now }}, 120, 40)
	entries := func() []string {
		es, err := wb.Entries(ctx, time.Date(2026, 11, 1, 0, 0, 0, 0, ny), time.Time{}, "nyc")
		require.NoError(t, err)
		var out []string
		for _, e := range es {
			out = append(out, e.Start.In(ny).Format("15:04")+"-"+e.End.In(ny).Format("15:04")+" "+e.Note)
		}
		return out
	}

	h.press("+")
	require.False(t, h.m.form.Active(), "entry keys act in the Time pane only")
	assert.Contains(t, h.m.flash.text, "Time pane")
	h.press("tab", "tab", "tab")

	h.press("+")
	require.True(t, h.m.form.Active())
	h.paste("20:00")
	h.press("enter")
	h.paste("19:00") // before From: refused, the form stays
	h.press("enter", "enter", "enter", "enter", "enter")
	require.True(t, h.m.form.Active())
	assert.Contains(t, h.screen(), "is not after From")
	h.press("esc") // the error goes; the form keeps what was typed, on To
	require.True(t, h.m.form.Active())
	assert.Contains(t, h.screen(), "> 19:00")
	for range 5 {
		h.press("backspace")
	}
	h.paste("21:00")
	h.press("enter")
	h.paste("review")
	h.press("enter", "enter", "enter", "enter")
	require.False(t, h.m.form.Active(), h.screen())
	assert.Equal(t, []string{"20:00-21:00 review", "23:30-23:45 "}, entries())
	assert.Contains(t, h.screen(), "20:00–21:00")

	h.press("J") // newest first: 23:30, then 20:00
	h.press("=")
	require.True(t, h.m.form.Active())
	h.press("enter")
	for range 5 {
		h.press("backspace")
	}
	h.paste("21:30")
	h.press("enter", "enter", "enter", "enter", "enter")
	require.False(t, h.m.form.Active())
	assert.Equal(t, []string{"20:00-21:30 review", "23:30-23:45 "}, entries())

	h.press("x")
	require.True(t, h.m.dialog.Open())
	assert.Contains(t, h.screen(), "20:00–21:30")
	h.press("y")
	assert.Equal(t, []string{"23:30-23:45 "}, entries())
	assert.NotContains(t, h.screen(), "20:00–21:30")

	h.press("u")
	assert.Equal(t, []string{"20:00-21:30 review", "23:30-23:45 "}, entries())
	assert.Contains(t, h.screen(), "20:00–21:30")
}

// A save the workbench refuses (an overlap, as `stint add` refuses it)
// shows its error, then the form again with what was typed; nothing is
// written.
func TestTimeEntryRefusedByTheWorkbenchKeepsTheForm(t *testing.T) {
	ny := newYork(t)
	now := time.Date(2026, 11, 1, 23, 50, 0, 0, ny).In(time.UTC)
	wb := realNYC(t, now)
	h := newHarnessOn(t, wb, Options{CurrentClient: "nyc", Now: func() time.Time { return now }}, 120, 40)
	h.press("tab", "tab", "tab", "+")
	h.paste("23:00")
	h.press("enter")
	h.paste("23:40")
	h.press("enter")
	h.paste("overlaps")
	h.press("enter", "enter", "enter", "enter")
	require.True(t, h.m.errBox.Open(), h.screen())
	assert.Contains(t, h.screen(), "overlap")
	h.press("enter")
	require.True(t, h.m.form.Active(), "the form comes back")
	screen := h.screen()
	assert.Contains(t, screen, "> 23:00")
	assert.Contains(t, screen, "> 23:40")
	assert.Contains(t, screen, "> overlaps")
	h.press("esc")
	es, err := wb.Entries(context.Background(), time.Date(2026, 11, 1, 0, 0, 0, 0, ny), time.Time{}, "nyc")
	require.NoError(t, err)
	assert.Len(t, es, 1, "nothing written")
}

// = changes only what was changed: tags and billable here, as
// `stint edit --tag --non-billable` would.
func TestTimeEntryEditSendsOnlyTheChange(t *testing.T) {
	b := fixture()
	review := func() workbench.Entry {
		for _, x := range b.entries {
			if x.Note == "incident review" {
				return x
			}
		}
		t.Fatal("no incident review entry")
		return workbench.Entry{}
	}
	before := review()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("tab", "tab", "tab", "J", "=")
	require.True(t, h.m.form.Active())
	h.press("enter", "enter", "enter")
	h.paste("ops oncall")
	h.press("enter", "right", "enter", "enter")
	require.False(t, h.m.form.Active(), h.screen())
	e := review()
	assert.Equal(t, []string{"ops", "oncall"}, e.Tags)
	assert.False(t, e.Billable)
	assert.True(t, e.Start.Equal(before.Start) && e.End.Equal(*before.End), "the times stay")
	assert.Equal(t, []string{fmt.Sprintf("EditEntry %d", e.ID)}, b.calls)
}
