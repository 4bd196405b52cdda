package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

func TestLogTimeIsInTheClientsZoneNamedWhenNotLocal(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	winter := time.Date(2026, 11, 23, 16, 40, 0, 0, time.UTC)
	summer := time.Date(2026, 7, 1, 16, 40, 0, 0, time.UTC)
	assert.Equal(t, "2026-11-23 17:40 CET", logTime(winter, berlin, time.UTC))
	assert.Equal(t, "2026-07-01 18:40 CEST", logTime(summer, berlin, time.UTC), "the abbreviation of the day, not of today")
	assert.Equal(t, "2026-11-23 17:40", logTime(winter, berlin, berlin), "the local zone goes unnamed")
	assert.Equal(t, "2026-11-23 16:40", logTime(winter, time.UTC, time.UTC))
}

// notesOf opens the Notes pane of the client at row (0 is the first) and
// returns the screen.
func notesOf(t *testing.T, b *fakeBackend, now time.Time, row int) string {
	t.Helper()
	h := newHarness(t, b, Options{Now: func() time.Time { return now }}, 120, 40)
	for range row {
		h.press("j")
	}
	h.press("shift+tab")
	require.Equal(t, paneNotes, h.m.detail.pane)
	return h.screen()
}

// The log reads as `stint note list` prints it: in the client's zone
// (Europe/Berlin for acme), else in the local one.
func TestNotesPaneTimesTheLogInTheClientsZone(t *testing.T) {
	b := fixture()
	b.notes["globex"] = []workbench.Note{{ID: 9, Client: "globex", At: at(24, 9, 5), Text: "renewed the cert"}}

	assert.Contains(t, notesOf(t, b, testNow, 0), "2026-11-23 17:40 CET  rotated the staging DB password",
		"Berlin's time, named: the machine runs in UTC")
	assert.Contains(t, notesOf(t, b, testNow, 1), "2026-11-24 09:05  renewed the cert", "no zone of its own: local, unnamed")

	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	assert.Contains(t, notesOf(t, b, testNow.In(berlin), 0), "2026-11-23 17:40  rotated the staging DB password",
		"on a machine in Berlin the zone goes unnamed")
}

// A log line longer than the pane is shown whole, wrapped under itself.
func TestNotesLogLinesAreShownWhole(t *testing.T) {
	b := fixture()
	long := "rotated the staging DB password after the incident; the new one is in the team vault under acme/staging/db, and the old one is revoked at 17:00"
	b.notes["acme"] = append(b.notes["acme"], workbench.Note{ID: 3, Client: "acme", At: at(25, 9, 0), Text: long})
	h := newHarness(t, b, Options{}, 100, 40)
	h.press("shift+tab")
	joined := strings.Join(strings.Fields(strings.Join(strings.Split(h.screen(), "│"), " ")), " ")
	assert.Contains(t, joined, "and the old one is revoked at 17:00")
}
