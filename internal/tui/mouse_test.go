package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func click(x, y int) tea.MouseClickMsg {
	return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
}

func wheel(x, y int, b tea.MouseButton) tea.MouseWheelMsg {
	return tea.MouseWheelMsg{X: x, Y: y, Button: b}
}

// A click selects a client (never switches), a click on a pane's name opens
// it, the wheel moves the list's cursor or scrolls the detail.
func TestMouseSelectsScrollsAndNeverSwitches(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, hooked(t), 120, 40)
	assert.True(t, h.m.View().MouseMode == tea.MouseModeCellMotion)

	// Rows: header line 0, list title 1, column headers 2, clients from 3.
	h.send(click(10, 5))
	assert.Equal(t, "initech", h.m.list.selectedSlug)
	assert.Empty(t, b.switchReqs, "a click selects, it does not switch")
	assert.False(t, h.m.dialog.Open())

	h.send(wheel(10, 4, tea.MouseWheelUp))
	assert.Equal(t, "globex", h.m.list.selectedSlug)

	// The detail's tabs line is its first row: click "Notes".
	tabs := screenLine(t, h.screen(), "Environment · Kubernetes")
	x := indexWidth(tabs, "Notes")
	h.send(click(x+1, 1))
	assert.Equal(t, paneNotes, h.m.detail.pane)

	h.send(click(indexWidth(tabs, "Kubernetes"), 1))
	assert.Equal(t, paneKube, h.m.detail.pane)
	h.send(click(5, 0)) // the header: nothing
	assert.Equal(t, paneKube, h.m.detail.pane)
}

func TestMouseWheelScrollsTheDetailAndAnError(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 12)
	before := h.m.detail.View()
	h.send(wheel(80, 5, tea.MouseWheelDown))
	assert.NotEqual(t, before, h.m.detail.View(), "the Environment pane scrolled")

	h.m.fail(longError + " " + longError)
	h.m.layout()
	require.True(t, h.m.errBox.Open())
	h.send(wheel(10, 5, tea.MouseWheelDown))
	assert.Positive(t, h.m.errBox.offset, "the error scrolls under the wheel")
	h.send(click(10, 5))
	assert.True(t, h.m.errBox.Open(), "a click does not close it: a key does")
}

// indexWidth is the cell column where sub starts in s.
func indexWidth(s, sub string) int {
	i := 0
	for j := range s {
		if len(s[j:]) >= len(sub) && s[j:j+len(sub)] == sub {
			return i
		}
		i++
	}
	return -1
}
