package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/display"
)

// toggleTimer reads the status afresh before t acts on the selected
// client: another shell may have started or stopped a timer since the
// footer last looked. decideTimer acts once the answer is in.
func (m *Model) toggleTimer() tea.Cmd {
	c, ok := m.selected()
	if !ok || m.timerAsking {
		return nil
	}
	m.timerAsking = true
	m.statusAsked = m.sh.now
	return m.sh.fx.loadStatus(c.Slug)
}

// decideTimer stops slug's running timer or starts one; stopping another
// client's timer to do so asks first.
func (m *Model) decideTimer(slug string) tea.Cmd {
	r := m.sh.status.Running
	switch {
	case r != nil && r.Client == slug:
		return m.sh.fx.stop()
	case r != nil:
		m.dialog.ConfirmOrEnter(fmt.Sprintf("Stop %s's timer (%s) and start %s?", r.Client, display.HMS(m.sh.runningSeconds()), slug), m.sh.fx.start(slug))
		return nil
	}
	return m.sh.fx.start(slug)
}

// reloadStatus reads the running timer and today's totals again.
func (m *Model) reloadStatus() tea.Cmd {
	m.statusLoading, m.statusAsked = true, m.sh.now
	return m.sh.fx.loadStatus("")
}

// reloadTimes reads the status and this week's totals again, after a
// change to time.
func (m *Model) reloadTimes() tea.Cmd {
	return tea.Batch(m.reloadStatus(), m.loadListWeek())
}

// loadListWeek reads this week's grid for the list's WEEK and BILLED. The
// picker shows neither: a grid of every client costs ~10 ms of a 2-core
// machine while Alt-s waits; its preview sums the selected client's week
// from the Time pane's entries instead.
func (m *Model) loadListWeek() tea.Cmd {
	if m.sh.opts.Picker {
		return nil
	}
	return m.sh.fx.loadListWeek()
}
