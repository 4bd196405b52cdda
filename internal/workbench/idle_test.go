package workbench

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A shell back after a pause flags the running timer's idle stretch once;
// activity in another shell of the client shortens it; nothing changes the
// entry until the user decides; each decision does what it says.
func TestIdleStretchFlaggedOnceAndDecided(t *testing.T) {
	ctx := context.Background()
	for _, decision := range []string{"keep", "drop", "split"} {
		t.Run(decision, func(t *testing.T) {
			w := newFixture(t) // 2026-03-02 09:00 UTC
			w.addClient("acme")
			w.addClient("globex")
			_, _, err := w.Start(ctx, "acme", w.Now().Add(-3*time.Hour), "migration")
			require.NoError(t, err)

			g, err := w.NoteIdle(ctx, "globex", "s1", time.Hour)
			require.NoError(t, err)
			assert.Nil(t, g, "the timer is another client's")
			g, err = w.NoteIdle(ctx, "acme", "s1", 10*time.Minute)
			require.NoError(t, err)
			assert.Nil(t, g, "shorter than idle_after")

			// Another acme shell was active 40 minutes ago.
			dir := w.layout.ActivityDir()
			require.NoError(t, os.MkdirAll(dir, 0o700))
			other := filepath.Join(dir, "s2")
			require.NoError(t, os.WriteFile(other, []byte("acme\n"), 0o600))
			at := w.Now().Add(-40 * time.Minute)
			require.NoError(t, os.Chtimes(other, at, at))

			before := w.dump()
			g, err = w.NoteIdle(ctx, "acme", "s1", 2*time.Hour)
			require.NoError(t, err)
			require.NotNil(t, g)
			assert.Equal(t, at.Truncate(time.Second).UTC(), g.From)
			assert.Equal(t, int64(40*60), g.Seconds)
			again, err := w.NoteIdle(ctx, "acme", "s1", 2*time.Hour)
			require.NoError(t, err)
			assert.Nil(t, again, "asked once")
			pending, err := w.PendingIdle(ctx)
			require.NoError(t, err)
			require.NotNil(t, pending)
			assert.Equal(t, g.From, pending.From)
			assert.NotEqual(t, before, w.dump(), "the stretch is recorded")

			_, err = w.DecideIdle(ctx, decision)
			require.NoError(t, err)
			es, err := w.Entries(ctx, w.Now().Add(-24*time.Hour), w.Now().Add(time.Hour), "acme")
			require.NoError(t, err)
			switch decision {
			case "keep":
				require.Len(t, es, 1)
				assert.True(t, es[0].Running())
			case "drop", "split":
				want := 2
				if decision == "split" {
					want = 3
				}
				require.Len(t, es, want)
				first, last := es[0], es[len(es)-1]
				assert.Equal(t, g.From, *first.End)
				assert.Equal(t, g.To, last.Start)
				assert.True(t, last.Running())
				assert.Equal(t, "migration", last.Note)
				if decision == "split" {
					assert.Equal(t, "idle", es[1].Note)
					assert.False(t, es[1].Billable)
				}
			}
			pending, err = w.PendingIdle(ctx)
			require.NoError(t, err)
			assert.Nil(t, pending)
			_, err = w.DecideIdle(ctx, "keep")
			assert.ErrorContains(t, err, "no idle time to decide on")
		})
	}
}
