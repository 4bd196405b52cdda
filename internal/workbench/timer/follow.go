package timer

import (
	"context"

	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clients"
)

// autoTracks: a switch to c moves the clock (its own flag and the global
// auto_track setting).
func (tm *Timer) autoTracks(ctx context.Context, c store.Client) (bool, error) {
	if !c.AutoTrack {
		return false, nil
	}
	return tm.settings.AutoTrack(ctx)
}

// Move is what a shell switch did to the timer.
type Move struct {
	Started *Entry // the switched-to client's timer, when it was started or resumed
	Stopped *Entry // the timer stopped (ID 0 when discarded; see Entry.Discarded)
	Resumed bool   // Started is an entry that ended within switch_grace, running again
}

// FollowSwitchIn moves the clock with a shell switched to slug, inside tx
// (the switch's own transaction, committed once its script is delivered):
// StartFromSwitch's rules, at the clock's now. When slug's timer already
// runs (the usual case for a shell that switches back and forth, or
// evaluates `stint env` again), a switch keeps it, so there is nothing to
// do.
func (tm *Timer) FollowSwitchIn(ctx context.Context, tx *store.EntryTx, slug string) (Move, error) {
	running, err := tx.Running()
	if err != nil || running != nil && running.Client == slug {
		return Move{}, err
	}
	tx.Journal("switch")
	c, err := tm.clients.Client(ctx, slug)
	if err != nil {
		return Move{}, err
	}
	track, err := tm.autoTracks(ctx, c)
	if err != nil {
		return Move{}, err
	}
	if !track {
		stopped, err := tm.stopBySwitchIn(ctx, tx, tm.clock.Now())
		if err != nil {
			return Move{}, wrapTimeErr("cannot stop the timer", err)
		}
		return Move{Stopped: stopped}, nil
	}
	if c.Archived {
		return Move{}, clients.ArchivedError(slug)
	}
	grace, err := tm.settings.SwitchGrace(ctx)
	if err != nil {
		return Move{}, err
	}
	var m Move
	m.Started, m.Stopped, m.Resumed, err = tm.switchStart(ctx, tx, c, running, tm.clock.Now(), grace)
	if err != nil {
		return Move{}, wrapTimeErr("cannot start the timer", err)
	}
	return m, nil
}

// StopTimerOfIn stops the running timer inside tx when it is slug's (by
// the switch rules, as StopFromSwitch does): leaving a client in one shell
// must not stop the timer another shell's client started.
func (tm *Timer) StopTimerOfIn(ctx context.Context, tx *store.EntryTx, slug string) (*Entry, error) {
	running, err := tx.Running()
	if err != nil || running == nil || running.Client != slug {
		return nil, err
	}
	tx.Journal("switch")
	stopped, err := tm.stopBySwitchIn(ctx, tx, tm.clock.Now())
	if err != nil {
		return nil, wrapTimeErr("cannot stop the timer", err)
	}
	return stopped, nil
}

// StopTimerOf is StopTimerOfIn in a transaction of its own (offboarding).
func (tm *Timer) StopTimerOf(ctx context.Context, slug string) (*Entry, error) {
	var out *Entry
	err := tm.db.EditEntries(ctx, tm.clock.Now(), func(tx *store.EntryTx) error {
		var err error
		out, err = tm.StopTimerOfIn(ctx, tx, slug)
		return err
	})
	return out, err
}
