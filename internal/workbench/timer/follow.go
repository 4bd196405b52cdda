package timer

import (
	"context"

	"github.com/stint-sh/stint/internal/store"
)

// autoTracks: a switch to c moves the clock (its own flag and the global
// auto_track setting).
func (tm *Timer) autoTracks(ctx context.Context, c store.Client) (bool, error) {
	if !c.AutoTrack {
		return false, nil
	}
	return tm.settings.AutoTrack(ctx)
}

// FollowSwitch is StartFromSwitch, after one cheap read: when slug's timer
// already runs (the usual case for a shell that switches back and forth,
// or evaluates `stint env` again), a switch keeps it, so there is nothing
// to do.
func (tm *Timer) FollowSwitch(ctx context.Context, slug string) (started, stopped *Entry, err error) {
	running, err := tm.db.RunningEntry(ctx)
	if err != nil || running != nil && running.Client == slug {
		return nil, nil, err
	}
	return tm.StartFromSwitch(ctx, slug, tm.clock.Now())
}

// StopTimerOf stops the running timer when it is slug's (as StopFromSwitch
// does): leaving a client in one shell must not stop the timer another
// shell's client started.
func (tm *Timer) StopTimerOf(ctx context.Context, slug string) (*Entry, error) {
	running, err := tm.db.RunningEntry(ctx)
	if err != nil || running == nil || running.Client != slug {
		return nil, err
	}
	return tm.StopFromSwitch(ctx, tm.clock.Now())
}
