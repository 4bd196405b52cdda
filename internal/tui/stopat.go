package tui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/timesheet"
)

// "Stop at…" (T) ends a forgotten timer at the time it really stopped, as
// `stint stop --at TIME` does: the time is read by the timesheet's parser
// in the client's zone ("17:30", "-20m", a date and time), and refused
// while the form is open when it is in the future or before the start.
// The workbench checks it again when it stops the timer.

// openStopAtForm asks when the running timer stopped.
func (m *Model) openStopAtForm() tea.Cmd {
	r := m.sh.status.Running
	if r == nil {
		m.note("No timer is running: t starts one")
		return nil
	}
	entry := *r
	local := m.sh.now.Location()
	loc := m.clientZone(entry.Client)
	var typed string
	stopAt := func(s string) (time.Time, error) {
		now := m.sh.now
		at, err := timesheet.ParseTime(s, now, loc)
		switch {
		case err != nil:
			return time.Time{}, badinput.Wrap(err)
		case at.After(now):
			return time.Time{}, badinput.Errorf("%s is in the future: give a time up to now", display.Clock(at, loc, local))
		case !at.After(entry.Start):
			return time.Time{}, badinput.Errorf("the timer started at %s: give a later time", display.Clock(entry.Start, loc, local))
		}
		return at, nil
	}
	fields := func() []huh.Field {
		return []huh.Field{huh.NewInput().Title("Stopped at").
			Description(fmt.Sprintf("%s's timer, started %s; 17:30, -20m or 2026-11-25 17:30", entry.Client, display.Clock(entry.Start, loc, local))).
			Placeholder("e.g. 17:30").Value(&typed).
			Validate(func(s string) error { _, err := stopAt(s); return err })}
	}
	return m.openForm(&formSpec{
		title: "Stop " + entry.Client + "'s timer at…", fields: fields,
		check: func() (int, error) { _, err := stopAt(typed); return 0, err },
		focus: func(error) int { return 0 },
		submit: func() tea.Cmd {
			at, _ := stopAt(typed)
			return m.sh.fx.stopAt(at)
		},
	})
}

// stopAt stops the running timer at a time given, not now.
func (e effects) stopAt(at time.Time) tea.Cmd {
	return func() tea.Msg {
		stopped, err := e.b.Stop(e.ctx, at, "")
		if err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: fmt.Sprintf("Stopped %s at %s, after %s", stopped.Client,
			display.Clock(at, at.Location(), e.now().Location()), display.HM(stopped.Seconds)),
			reload: reloadStatus, slug: stopped.Client, stopped: &stopped}
	}
}
