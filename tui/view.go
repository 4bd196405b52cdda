package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Layout: one header line, the body, two footer lines.
const chromeLines = 3

// Below this width the detail pane is hidden and the list takes it all.
const minDetailWidth = 70

func (m *Model) bodyHeight() int { return max(m.height-chromeLines, 1) }

func (m *Model) showDetail() bool { return m.width >= minDetailWidth }

func (m *Model) listWidth() int {
	if !m.showDetail() {
		return m.width
	}
	return max(30, min(m.width*2/5, 44))
}

func (m *Model) detailWidth() int {
	if !m.showDetail() {
		return 0
	}
	return m.width - m.listWidth() - 1
}

// listRows is how many clients fit under the list's title line.
func (m *Model) listRows() int { return max(m.bodyHeight()-1, 1) }

// View renders the whole screen from state; it performs no I/O.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "stint"
	if m.opts.CurrentClient != "" {
		v.WindowTitle = "stint · " + m.opts.CurrentClient
	}
	return v
}

func (m *Model) render() string {
	lines := make([]string, 0, m.height)
	lines = append(lines, fit(m.header(), m.width))
	lines = append(lines, block(m.body(), m.width, m.bodyHeight())...)
	lines = append(lines, fit(m.statusLine(), m.width), fit(m.helpLine(), m.width))
	return strings.Join(lines, "\n")
}

func (m *Model) body() []string {
	h := m.bodyHeight()
	switch m.mode {
	case modeWeek:
		return m.weekView(m.width, h)
	case modeHelp:
		return m.helpView()
	case modeForm:
		if m.form != nil {
			return splitLines(m.form.View())
		}
	}
	list := block(m.listView(m.listWidth(), h), m.listWidth(), h)
	if !m.showDetail() {
		return list
	}
	detail := block(m.detailView(m.detailWidth(), h), m.detailWidth(), h)
	sep := m.st.Border.Render("│")
	out := make([]string, h)
	for i := range h {
		out[i] = list[i] + sep + detail[i]
	}
	return out
}

func (m *Model) header() string {
	left := m.st.Title.Render("stint") + "  "
	if cur := m.opts.CurrentClient; cur != "" {
		c, known := m.clientBySlug(cur)
		left += "shell: " + m.st.badge(cur, c.Color) + " " + m.st.Header.Render(cur)
		if known && c.Name != cur {
			left += m.st.Dim.Render(" · " + c.Name)
		}
		if known && c.Production {
			left += " " + m.st.HeaderProd.Render(" PROD ")
		}
	} else {
		left += m.st.Dim.Render("shell: no client")
	}
	var right []string
	if m.opts.EvalFile == "" {
		right = append(right, m.st.Warn.Render("no hook"))
	}
	right = append(right, m.st.Dim.Render(m.now.Format("Mon 2 Jan 15:04")))
	r := strings.Join(right, "  ")
	gap := m.width - ansi.StringWidth(left) - ansi.StringWidth(r)
	if gap < 1 {
		return left
	}
	return left + strings.Repeat(" ", gap) + r
}

// statusLine is the running timer, then whatever happened last.
func (m *Model) statusLine() string {
	var timer string
	if r := m.status.Running; r != nil {
		c, _ := m.clientBySlug(r.Client)
		timer = m.st.Live.Render("●") + " " + m.st.badge(r.Client, c.Color) + " " + r.Client + " " + m.st.Live.Render(clock(m.runningSeconds()))
		if m.status.Forgotten {
			timer += " " + m.st.Warn.Render("still running?")
		}
	} else {
		timer = m.st.Dim.Render("○ no timer")
	}
	var msg string
	switch {
	case m.mode == modeConfirm && m.confirm != nil:
		msg = m.st.Warn.Render(m.confirm.prompt + " [y/n]")
	case m.busy != "":
		msg = m.st.Dim.Render(m.busy)
	case m.flash.err:
		msg = m.st.Err.Render("✗ " + m.flash.text)
	case m.flash.text != "":
		msg = m.st.OK.Render("✓ " + m.flash.text)
	}
	if msg == "" {
		return timer
	}
	return timer + m.st.Faint.Render("  │  ") + msg
}

func (m *Model) helpLine() string {
	switch {
	case m.mode == modeForm:
		return m.help.ShortHelpView(formHelp)
	case m.mode == modeConfirm:
		return m.help.ShortHelpView(confirmHelp)
	case m.mode == modeWeek:
		return m.help.ShortHelpView([]keyBinding{m.keys.Refresh, m.keys.Help, m.keys.Back})
	case m.mode == modeHelp:
		return m.help.ShortHelpView([]keyBinding{m.keys.Back})
	case m.filtering:
		return m.help.ShortHelpView(filterHelp)
	}
	return m.help.ShortHelpView(m.keys.ShortHelp())
}

func (m *Model) helpView() []string {
	lines := []string{m.st.Title.Render("Keys"), ""}
	lines = append(lines, splitLines(m.help.FullHelpView(m.keys.FullHelp()))...)
	lines = append(lines, "",
		m.st.Dim.Render("Enter or a digit moves the shell stint was opened from to that client and quits;"),
		m.st.Dim.Render("its timer starts if the client tracks time automatically."),
		m.st.Dim.Render("In the filter, type to narrow the list, ↑/↓ to move, enter to switch."))
	return lines
}
