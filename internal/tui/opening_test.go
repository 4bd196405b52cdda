package tui

import (
	"context"
	"errors"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openingHarness drives a picker whose backend is still being opened,
// as RunOpening starts it; send a backendMsg to bring it in.
func openingHarness(t *testing.T, w, h int) *harness {
	t.Helper()
	opts := pickerOpts(t)
	opts.Now = func() time.Time { return testNow }
	opts.Environ = testEnviron()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	m := New(ctx, nil, opts)
	m.sh.fx.every = nil
	m.opening.waiting = true // the test sends the backendMsg
	hs := &harness{t: t, m: m, cancel: cancel}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// The first frame does not wait for the database: the filter is drawn at
// the terminal's size at once, and what is typed before the backend is in
// is acted on, in order, once it is.
func TestPickerDrawsBeforeTheDatabaseOpensAndKeepsWhatIsTyped(t *testing.T) {
	h := openingHarness(t, 120, 40)
	screen := h.screen()
	assert.Contains(t, screen, "/filter clients")
	assert.Contains(t, screen, "loading")
	assert.Equal(t, 120, h.m.width)
	h.press("g", "l")
	assert.False(t, h.quit)

	b := fixture()
	h.send(backendMsg{b: b})
	assert.Equal(t, "globex", h.m.list.selectedSlug, "the filter typed while opening")
	assert.Contains(t, h.screen(), "globex")
	assert.NotContains(t, h.screen(), "loading")
	h.press("enter")
	require.True(t, h.quit)
	require.Len(t, b.switchReqs, 1)
	assert.Equal(t, "globex", b.switchReqs[0].Client)
}

// A database that cannot be opened ends the picker; RunOpening returns
// the error as the CLI would have printed it before.
func TestPickerQuitsWhenTheDatabaseCannotOpen(t *testing.T) {
	h := openingHarness(t, 80, 24)
	h.press("a")
	bad := errors.New("database was written by a newer stint")
	h.send(backendMsg{err: bad})
	assert.True(t, h.quit)
	assert.Equal(t, bad, h.m.opening.err)
	assert.Empty(t, h.m.View().Content, "erased")
}

// ctrl+c does not wait for the database.
func TestPickerCtrlCWhileTheDatabaseOpens(t *testing.T) {
	h := openingHarness(t, 80, 24)
	h.press("ctrl+c")
	assert.True(t, h.quit)
}

// The backend is opened at most once, never after RunOpening is done, and
// RunOpening hears of an open that began — its error too.
func TestOpenerOpensOnceAndNeverLate(t *testing.T) {
	calls := 0
	bad := errors.New("cannot open")
	open := func() (Backend, error) { calls++; return nil, bad }

	late := newOpener(open)
	_, ran := late.stop()
	assert.False(t, ran)
	assert.Nil(t, late.cmd(), "a command that starts after the program ended opens nothing")
	assert.Zero(t, calls)

	op := newOpener(open)
	assert.Equal(t, backendMsg{err: bad}, op.cmd())
	msg, ran := op.stop()
	assert.True(t, ran)
	assert.Equal(t, bad, msg.err)
	assert.Equal(t, 1, calls)
}
