package workbench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/store"
)

// Idle time (docs/billing.md): a shell that comes back to its prompt after
// a long pause tells stint; when no shell of the timer's client was active
// meanwhile, the gap is recorded and the user decides — keep, drop or
// split. Nothing changes an entry before that.

// IdleGap is a recorded stretch of a running timer with no activity.
type IdleGap struct {
	ID      int64     `json:"id"`
	Client  string    `json:"client"`
	EntryID int64     `json:"entry_id"`
	From    time.Time `json:"from"`
	To      time.Time `json:"to"`
	Seconds int64     `json:"seconds"`
}

// NoteIdle is a shell of client (session) back after gap at its prompt.
// It records the idle stretch of the running timer — from the last
// activity in any shell of the client to now — when that timer is the
// client's and the stretch is at least idle_after, and returns it; nil
// otherwise, and when that stretch was already recorded.
func (w *Workbench) NoteIdle(ctx context.Context, client, session string, gap time.Duration) (*IdleGap, error) {
	if client == "" || gap <= 0 {
		return nil, nil
	}
	running, err := w.db.RunningEntry(ctx)
	if err != nil || running == nil || running.Client != client {
		return nil, err
	}
	limit, err := w.settings.IdleAfter(ctx)
	if err != nil {
		return nil, err
	}
	now := w.clock.Now().Truncate(time.Second)
	from := now.Add(-gap)
	if running.Start.After(from) {
		from = running.Start
	}
	if last := w.lastActivity(client, session, now); last.After(from) {
		from = last
	}
	if now.Sub(from) < limit {
		return nil, nil
	}
	from, now = from.Truncate(time.Second).UTC(), now.UTC()
	added, err := w.db.AddIdleGap(ctx, store.IdleGap{EntryID: running.ID, From: from, To: now}, now)
	if err != nil || !added {
		return nil, err
	}
	return &IdleGap{Client: client, EntryID: running.ID, From: from, To: now, Seconds: int64(now.Sub(from) / time.Second)}, nil
}

// lastActivity is the latest activity before now in the other shells of
// client, from their activity files (zero: none).
func (w *Workbench) lastActivity(client, session string, now time.Time) time.Time {
	var last time.Time
	dir := w.layout.ActivityDir()
	names, _ := os.ReadDir(dir)
	for _, n := range names {
		if n.Name() == session || !n.Type().IsRegular() {
			continue
		}
		info, err := n.Info()
		if err != nil || info.ModTime().After(now) || info.ModTime().Before(last) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n.Name()))
		if err != nil || string(trimNewline(b)) != client {
			continue
		}
		last = info.ModTime()
	}
	return last
}

func trimNewline(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// PendingIdle is the idle stretch waiting for the user's word; nil: none.
func (w *Workbench) PendingIdle(ctx context.Context) (*IdleGap, error) {
	g, err := w.db.PendingIdleGap(ctx)
	if err != nil || g == nil {
		return nil, err
	}
	e, err := w.db.EntryByID(ctx, g.EntryID)
	if err != nil {
		return nil, err
	}
	return &IdleGap{ID: g.ID, Client: e.Client, EntryID: g.EntryID, From: g.From, To: g.To, Seconds: int64(g.To.Sub(g.From) / time.Second)}, nil
}

// DecideIdle applies the user's word on the pending idle stretch: keep
// leaves the entry; drop ends it where the stretch starts and continues it
// where the stretch ends; split does the same and adds the stretch as a
// non-billable entry of its own, noted "idle".
func (w *Workbench) DecideIdle(ctx context.Context, decision string) (*IdleGap, error) {
	switch decision {
	case "keep", "drop", "split":
	default:
		return nil, badinput.Errorf("%q is not a decision: use `stint idle keep`, `stint idle drop` or `stint idle split`", decision)
	}
	g, err := w.PendingIdle(ctx)
	if err != nil {
		return nil, err
	}
	if g == nil {
		return nil, badinput.Errorf("there is no idle time to decide on: `stint status` flags it when there is")
	}
	if decision != "keep" {
		running, err := w.db.RunningEntry(ctx)
		if err != nil {
			return nil, err
		}
		if running == nil || running.ID != g.EntryID {
			return nil, badinput.Errorf("entry %d is no longer running: change it with `stint edit %d`, then `stint idle keep` to clear the flag", g.EntryID, g.EntryID)
		}
		if _, err := w.timer.Stop(ctx, g.From, ""); err != nil {
			return nil, fmt.Errorf("cannot take the idle time out of entry %d: %w", g.EntryID, err)
		}
		if _, _, _, err := w.timer.Continue(ctx, g.Client, g.To); err != nil {
			return nil, fmt.Errorf("entry %d was stopped at the start of the idle time but could not go on after it (`stint continue %s --at TIME` does): %w", g.EntryID, g.Client, err)
		}
		if decision == "split" {
			if _, err := w.timer.AddEntry(ctx, NewEntry{Client: g.Client, From: g.From, To: g.To, Note: "idle", NonBillable: true}); err != nil {
				return nil, fmt.Errorf("the idle time was taken out, but its own entry could not be added: %w", err)
			}
		}
	}
	return g, w.db.DecideIdleGap(ctx, g.ID, decision)
}
