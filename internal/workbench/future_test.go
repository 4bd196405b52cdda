package workbench

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
)

// The future-minute rule, as billing.md states it: an add or edit whose
// --to is up to a minute ahead is taken as now (the entry has ended); more
// than a minute ahead is refused.
func TestToUpToAMinuteAheadIsNow(t *testing.T) {
	ctx := context.Background()
	now := utc("2024-05-02T10:00:00Z")
	w := newFixture(t, startingAt(now), withoutKeyring())
	w.addClient("acme")
	for _, c := range []struct {
		ahead time.Duration
		ok    bool
	}{{0, true}, {time.Second, true}, {40 * time.Second, true}, {time.Minute, true}, {time.Minute + time.Second, false}, {time.Hour, false}} {
		from := now.Add(-time.Hour)
		e, err := w.AddEntry(ctx, NewEntry{Client: "acme", From: from, To: now.Add(c.ahead)})
		if !c.ok {
			require.Error(t, err, c.ahead)
			assert.True(t, badinput.Is(err))
			assert.Contains(t, err.Error(), "is in the future (more than a minute ahead)")
			continue
		}
		require.NoError(t, err, c.ahead)
		assert.Equal(t, now, *e.End, "%s ahead ends now", c.ahead)
		_, err = w.RemoveEntry(ctx, e.ID)
		require.NoError(t, err)
	}
	e, err := w.AddEntry(ctx, NewEntry{Client: "acme", From: now.Add(-time.Hour), To: now.Add(-30 * time.Minute)})
	require.NoError(t, err)
	to := now.Add(30 * time.Second)
	e, err = w.EditEntry(ctx, e.ID, EntryChange{To: &to})
	require.NoError(t, err)
	assert.Equal(t, now, *e.End)
	to = now.Add(2 * time.Minute)
	_, err = w.EditEntry(ctx, e.ID, EntryChange{To: &to})
	assert.ErrorContains(t, err, "more than a minute ahead")
	from := now.Add(30 * time.Second)
	_, err = w.AddEntry(ctx, NewEntry{Client: "acme", From: from, To: now.Add(50 * time.Second)})
	assert.ErrorContains(t, err, "is not before --to", "a --from in the future is still refused")
}
