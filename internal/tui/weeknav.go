package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/workbench"
)

// weekKey is a key in the week view: move a week back or on, come back to
// this week, reload, help, or leave.
func (m *Model) weekKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.sh.keys
	switch {
	case key.Matches(msg, k.Back, k.Week):
		m.mode = modeMain
		return m.ensureDetail()
	case key.Matches(msg, k.PrevWeek):
		return m.showWeek(m.weekDay.AddDate(0, 0, -7))
	case key.Matches(msg, k.NextWeek):
		return m.showWeek(m.weekDay.AddDate(0, 0, 7))
	case key.Matches(msg, k.ThisWeek):
		return m.showWeek(m.sh.now)
	case key.Matches(msg, k.Refresh):
		return m.showWeek(m.weekDay)
	case key.Matches(msg, k.Help):
		m.mode, m.helpFrom = modeHelp, modeWeek
	}
	return nil
}

// showWeek loads the week holding day. Seven calendar days from a day of
// one week is a day of the next, whatever day the weeks start on and
// however long a daylight-saving day is.
func (m *Model) showWeek(day time.Time) tea.Cmd {
	m.weekDay = day
	m.week = loaded[workbench.WeekGrid]{loading: true}
	return m.sh.fx.loadWeek(day)
}
