package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The week view's keys that act beyond it — forms, questions, undo — are
// the root's: the same entry form, delete question and undo as the Time
// pane's (timeedit.go), on the selected cell's client and day.

// weekKey is a key in the week view: leave it, open the help, act on the
// selected cell or its open day, or what the week view does itself.
func (m *Model) weekKey(msg tea.KeyPressMsg) tea.Cmd {
	k, v := m.sh.keys, m.week
	switch {
	case key.Matches(msg, k.Help):
		m.openHelp(modeWeek)
		return nil
	case key.Matches(msg, k.Undo):
		return m.sh.fx.undo()
	case key.Matches(msg, k.StopAt):
		return m.openStopAtForm()
	case key.Matches(msg, k.AddEntry):
		return m.addOnDay()
	}
	if d := v.open; d != nil {
		switch {
		case key.Matches(msg, k.Back):
			v.CloseDay()
			return nil
		case key.Matches(msg, k.EditEntry, k.OpenDay):
			if e, ok := d.Selected(); ok {
				return m.entryFormOn(d.slug, &e, formOfEntry(e, m.clientZone(d.slug)))
			}
			m.note("No entry on this day: + adds one")
			return nil
		case key.Matches(msg, k.DeleteEntry):
			if e, ok := d.Selected(); ok {
				m.confirmDeleteEntry(d.slug, e)
				return nil
			}
			m.note("No entry on this day: + adds one")
			return nil
		}
		return v.Update(msg)
	}
	switch {
	case key.Matches(msg, k.Back, k.Week):
		m.mode = modeMain
		return m.ensureDetail()
	case key.Matches(msg, k.OpenDay):
		return m.openDay(false)
	case key.Matches(msg, k.EditEntry, k.DeleteEntry):
		m.note("Enter opens the day's entries: = edits and x deletes there")
		return nil
	}
	return v.Update(msg)
}

// openDay opens the selected cell's entries, and the add form on them
// when add is set.
func (m *Model) openDay(add bool) tea.Cmd {
	cmd, ok := m.week.OpenDay(add)
	if !ok {
		m.note("No client has time this week: + adds some in the Time pane (tab), [ and ] go to other weeks")
	}
	return cmd
}

// addOnDay opens the add form on the selected cell's client and day,
// starting after the day's last entry: at once when the day is open and
// loaded, else once its entries are in (onDay).
func (m *Model) addOnDay() tea.Cmd {
	d := m.week.open
	switch {
	case d == nil:
		return m.openDay(true)
	case d.entries.loading:
		d.addWhenLoaded = true
		return nil
	}
	return m.entryFormOn(d.slug, nil, d.newEntryForm(m.sh.now))
}

// onDay takes a day's entries, then opens the add form that waited for
// them.
func (m *Model) onDay(msg dayMsg) tea.Cmd {
	m.week.Update(msg)
	d := m.week.open
	if d == nil || d.entries.loading {
		return nil
	}
	add := d.addWhenLoaded
	d.addWhenLoaded = false // asked once: never later, behind another form
	if !add || d.entries.err != nil || m.form.Active() || m.mode != modeWeek {
		return nil
	}
	return m.entryFormOn(d.slug, nil, d.newEntryForm(m.sh.now))
}

// weekShown: the week view is on screen, or the help opened over it.
func (m *Model) weekShown() bool {
	return m.mode == modeWeek || m.mode == modeHelp && m.help.from == modeWeek
}

// weekMouse is the mouse in the week view, at column x, body line y: a
// left click selects a cell, and a click on the selected cell opens it;
// the wheel moves the cursor between clients, or between the open day's
// entries.
func (m *Model) weekMouse(msg tea.MouseMsg, x, y int) tea.Cmd {
	switch msg := msg.(type) {
	case tea.MouseClickMsg:
		if msg.Button == tea.MouseLeft && m.week.Click(x, y) {
			return m.openDay(false)
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.week.Step(-1)
		case tea.MouseWheelDown:
			m.week.Step(1)
		}
	}
	return nil
}
