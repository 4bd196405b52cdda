package tui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPendingClientIsMarkedAndAllowedAfterAYes: an imported client waiting
// for review carries a mark in the list and the detail title; A shows what
// it would apply and allows it only after a yes.
func TestPendingClientIsMarkedAndAllowedAfterAYes(t *testing.T) {
	b := fixture()
	b.clients[1].ReviewPending = true // globex
	b.profiles["globex"].Vars["LD_PRELOAD"] = "/tmp/evil.so"
	b.profiles["globex"].Vars["HTTPS_PROXY"] = "http://proxy:3128"
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("j")
	screen := h.screen()
	assert.Contains(t, screen, "pending globex")
	assert.Contains(t, screen, "PENDING REVIEW (A)")

	// No: nothing is allowed.
	h.press("A")
	require.True(t, h.m.dialog.Open())
	screen = h.screen()
	assert.Contains(t, screen, "Allow what globex's import brought?")
	assert.Contains(t, screen, "HTTPS_PROXY=http://proxy:3128")
	assert.Contains(t, screen, "RUNS CODE: LD_PRELOAD")
	h.press("n")
	assert.Empty(t, b.calls)

	// Yes: allowed, and the marks go.
	h.press("A", "y")
	assert.Equal(t, []string{"allow globex"}, b.calls)
	assert.NotContains(t, h.screen(), "PENDING REVIEW")
	assert.NotContains(t, h.screen(), "pending Globex")

	// A client with nothing pending says so, and asks nothing.
	h.press("A")
	assert.False(t, h.m.dialog.Open())
	assert.Equal(t, "globex has nothing pending review", h.m.flash.text)
}
