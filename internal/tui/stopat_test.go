package tui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// T stops a forgotten timer at the time given, read as `stint stop --at`
// reads it, in the client's zone; a time in the future or before the
// start is refused while the form is open.
func TestStopAtStopsTheTimerWhenItReallyStopped(t *testing.T) {
	b := fixture() // acme (Europe/Berlin) runs since 08:30 UTC; now 10:15 UTC
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("T")
	require.True(t, h.m.form.Active())
	assert.Contains(t, h.screen(), "acme's timer, started 09:30")

	h.paste("12:00") // 11:00 UTC: after now
	h.press("enter")
	assert.Contains(t, h.screen(), "is in the future")
	for range 5 {
		h.press("backspace")
	}
	h.paste("09:00") // 08:00 UTC: before the start
	h.press("enter")
	assert.Contains(t, h.screen(), "the timer started at 09:30")
	for range 5 {
		h.press("backspace")
	}
	h.paste("10:45") // 09:45 UTC
	h.press("enter")
	require.False(t, h.m.form.Active())
	assert.Equal(t, []string{"Stop acme"}, b.calls)
	assert.Nil(t, h.m.sh.status.Running)
	assert.Equal(t, "Stopped acme at 10:45 CET, after 1:15", h.m.flash.text, "in the client.s zone, named")
}

func TestStopAtWithNoTimerSaysSo(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("t") // stops acme
	h.press("T")
	assert.False(t, h.m.form.Active())
	assert.Equal(t, "No timer is running: t starts one", h.m.flash.text)
}
