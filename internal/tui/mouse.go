package tui

import (
	tea "charm.land/bubbletea/v2"
)

// Mouse, as k9s, lazygit and gh-dash have it: a click on a client selects
// it, a click on a pane's name opens that pane, the wheel moves the list's
// cursor over the list and scrolls the detail over the detail (and an open
// error over everything). In the week view a click selects a cell (a
// second one opens it) or an entry of the open day, and the wheel moves
// the cursor (weekview_keys.go). A click never switches the shell: that
// stays a key. The picker, drawn inline among the shell's lines, leaves
// the mouse to the terminal.

// mouseStep is how many lines the wheel scrolls the detail.
const mouseStep = 3

// mouseArea is what is under a cell of the screen.
type mouseArea int

const (
	areaNone mouseArea = iota
	areaList
	areaDetail
)

// areaAt is what is at column x, row y, and the row within it (0 is its
// first line).
func (m *Model) areaAt(x, y int) (mouseArea, int) {
	row := y - 1 // the header line
	if row < 0 || row >= m.bodyH || m.mode != modeMain || m.form.Active() {
		return areaNone, 0
	}
	switch {
	case m.detailInstead():
		return areaDetail, row
	case x < m.listWidth():
		return areaList, row
	case m.sideBySide() && x > m.listWidth():
		return areaDetail, row
	}
	return areaNone, 0
}

func (m *Model) onMouse(msg tea.MouseMsg) tea.Cmd {
	if m.errBox.Open() {
		m.errBox.Update(msg)
		return nil
	}
	if m.dialog.Open() || m.busy != "" {
		return nil // a question waits for its key
	}
	mouse := msg.Mouse()
	if m.mode == modeWeek && !m.form.Active() {
		return m.weekMouse(msg, mouse.X, mouse.Y-1) // below the header line
	}
	area, row := m.areaAt(mouse.X, mouse.Y)
	switch msg := msg.(type) {
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft {
			return nil
		}
		switch area {
		case areaList:
			first := 1 + m.list.headerLines() // the title line, the headers
			if row >= first && m.list.SelectRow(m.list.listOffset()+row-first) {
				return m.followSelection()
			}
		case areaDetail:
			if row == 0 {
				x := mouse.X
				if m.sideBySide() {
					x -= m.listWidth() + 1
				}
				if p, ok := m.detail.PaneAt(x); ok {
					m.detail.SetPane(p)
					return m.ensureDetail()
				}
			}
		}
	case tea.MouseWheelMsg:
		step := 1
		if msg.Button == tea.MouseWheelUp {
			step = -1
		} else if msg.Button != tea.MouseWheelDown {
			return nil
		}
		switch area {
		case areaList:
			m.list.moveCursor(step)
			return m.followSelection()
		case areaDetail:
			m.detail.scroll(step * mouseStep)
		}
	}
	return nil
}
