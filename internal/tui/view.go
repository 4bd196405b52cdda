package tui

import (
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/stint-sh/stint/internal/display"
)

// Layout: one header line, the body, the status line (up to
// maxStatusLines while a message wraps) and the key help line.
const (
	chromeLines    = 3
	maxStatusLines = 3
)

// Below this width list and detail do not fit side by side: the list takes
// the whole width, and tab swaps it for the detail pane.
const minDetailWidth = 70

// sideBySide: the terminal is wide enough for list and detail together.
func (m *Model) sideBySide() bool { return m.width >= minDetailWidth }

// showDetail: the detail pane is on screen, beside the list or instead of it.
func (m *Model) showDetail() bool { return m.sideBySide() || m.narrowDetail }

// detailInstead: a narrow terminal shows the detail pane in the list's place.
func (m *Model) detailInstead() bool { return !m.sideBySide() && m.narrowDetail }

func (m *Model) listWidth() int {
	if !m.sideBySide() {
		return m.width
	}
	return max(30, min(m.width*2/5, 56))
}

// detailWidth is the detail's width whenever it is shown: beside the list,
// or instead of it in a narrow terminal.
func (m *Model) detailWidth() int {
	if m.sideBySide() {
		return m.width - m.listWidth() - 1
	}
	return m.width
}

// View renders the whole screen from state; it performs no I/O.
func (m *Model) View() tea.View {
	if m.sh.opts.Picker {
		return tea.NewView(m.pickerView()) // inline, below the prompt
	}
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "stint"
	if m.sh.opts.CurrentClient != "" {
		v.WindowTitle = "stint · " + m.sh.opts.CurrentClient
	}
	return v
}

func (m *Model) render() string {
	lines := make([]string, 0, m.height)
	lines = append(lines, fit(m.header(), m.width))
	lines = append(lines, overlay(block(m.body(), m.width, m.bodyH), m.errBox.View(), m.width)...)
	for _, l := range m.statusLines() {
		lines = append(lines, fit(l, m.width))
	}
	lines = append(lines, fit(m.helpLine(), m.width))
	return strings.Join(lines, "\n")
}

func (m *Model) body() []string {
	h := m.bodyH
	if m.form.Active() {
		return splitLines(m.form.View())
	}
	switch m.mode {
	case modeWeek:
		return splitLines(m.week.View())
	case modeHelp:
		return splitLines(m.help.View())
	}
	if m.detailInstead() {
		return block(splitLines(m.detail.View()), m.width, h)
	}
	list := block(splitLines(m.list.View()), m.listWidth(), h)
	if !m.sideBySide() {
		return list
	}
	detail := block(splitLines(m.detail.View()), m.detailWidth(), h)
	sep := m.sh.st.Border.Render("│")
	out := make([]string, h)
	for i := range h {
		out[i] = list[i] + sep + detail[i]
	}
	return out
}

// header: the shell's client (a production one tagged), then whether the
// hook is there and the clock. When it is too wide the right side goes
// first, then the display name; the PROD tag always stays.
func (m *Model) header() string {
	left := m.sh.st.Title.Render("stint") + "  "
	name, kube, tag := "", "", ""
	cur := m.sh.opts.CurrentClient
	if cur != "" {
		c, known := m.clientBySlug(cur)
		left += "shell: " + m.sh.st.badge(cur, c.Color) + " " + m.sh.st.Header.Render(cur)
		if known && c.Name != cur {
			name = m.sh.st.Dim.Render(" · " + display.Safe(c.Name))
		}
		kube = m.headerKube(cur, 32)
		// Production per context too: the tag follows the kube context a
		// switch selects, as loud as a production client's.
		if known && c.Production || m.kubeContextProd(cur) {
			tag = " " + m.sh.st.HeaderProd.Render(" PROD ")
		}
	} else {
		left += m.sh.st.Dim.Render("shell: no client")
	}
	if m.sh.opts.CurrentClient != "" && m.sh.status.IdentityWarning != "" {
		// The background whoami found another identity than the profile
		// expects: as loud as PROD, and kept when the header is short.
		tag += " " + m.sh.st.Warn.Render("⚠ identity")
	}
	var right []string
	if r := m.sh.status.Running; r != nil {
		right = append(right, m.sh.st.Live.Render("● "+r.Client+" "+display.HMS(m.sh.runningSeconds())))
	}
	right = append(right, m.sh.st.Dim.Render(m.sh.now.Format("Mon 2 Jan 15:04")))
	if m.sh.opts.EvalFile == "" {
		right = append(right, m.sh.st.Warn.Render("no hook"))
	}
	full := left + name + kube + tag
	// The right side gives way from its start: the timer (the footer has
	// it too), then the clock; the hook's warning last.
	for i := range right {
		r := strings.Join(right[i:], "  ")
		if gap := m.width - ansi.StringWidth(full) - ansi.StringWidth(r); gap >= 1 {
			return full + strings.Repeat(" ", gap) + r
		}
	}
	// Short of room, the display name gives way first (the slug is there),
	// then the kube context loses its middle, never its end.
	room := m.width - ansi.StringWidth(left) - ansi.StringWidth(tag)
	if ansi.StringWidth(name+kube) > room {
		name = ansi.Truncate(name, max(room-ansi.StringWidth(kube), 0), "…")
		if ansi.StringWidth(ansi.Strip(name)) < len(" · ")+4 { // no more than a letter or two of it
			name = ""
		}
	}
	if ansi.StringWidth(kube) > room && cur != "" {
		kube = m.headerKube(cur, room-ansi.StringWidth(" · kube "))
	}
	return left + ansi.Truncate(name+kube, max(room, 0), "…") + tag
}

// kubeContextProd: the kube context slug's switch selects is marked
// production (stint kube prod), as far as its loaded profile says.
func (m *Model) kubeContextProd(slug string) bool {
	p, ok := m.detail.profiles[slug]
	return ok && !p.loading && p.err == nil && p.val.Kube.Context != "" && slices.Contains(p.val.Kube.Production, p.val.Kube.Context)
}

// headerKube is the shell's client's kube context and namespace, as its
// profile sets them, once the profile is in; a context name longer than
// w cells loses its middle, and none is shown in fewer than 8.
func (m *Model) headerKube(slug string, w int) string {
	p, ok := m.detail.profiles[slug]
	if !ok || p.loading || p.err != nil || p.val.Kube.Context == "" || w < 8 {
		return ""
	}
	k := display.Safe(p.val.Kube.Context)
	if ns := p.val.Kube.Namespace; ns != "" {
		k += "/" + display.Safe(ns)
	}
	return m.sh.st.Dim.Render(" · kube " + strings.TrimRight(midFit(k, min(ansi.StringWidth(k), w)), " "))
}

// statusLines are the running timer, then the open dialog or whatever
// happened last. A long message wraps under itself, up to maxStatusLines:
// an error's fix is usually at its end.
func (m *Model) statusLines() []string {
	timer := m.timerLine()
	indent, w, n, below := m.messageBox(timer)
	msg := m.messageLines(w, n)
	switch {
	case len(msg) == 0:
		return []string{timer}
	case below:
		return append([]string{timer}, msg...)
	}
	lines := make([]string, len(msg))
	for i, l := range msg {
		lead := strings.Repeat(" ", indent)
		if i == 0 {
			lead = timer + m.sh.st.Faint.Render(footerSep)
		}
		lines[i] = lead + l
	}
	return lines
}

// messageLines are the open dialog, or the footer's message wrapped to w
// cells in at most n lines, styled.
func (m *Model) messageLines(w, n int) []string {
	if m.dialog.Open() {
		return splitLines(m.dialog.View())
	}
	text, style := m.footerMessage()
	if text == "" {
		return nil
	}
	lines := wrapLines(text, w, n)
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return lines
}

// footerSep stands between the timer and the message beside it.
const footerSep = "  │  "

// timerLine is the running timer, counting, or that there is none.
func (m *Model) timerLine() string {
	r := m.sh.status.Running
	if r == nil {
		return m.sh.st.Dim.Render("○ no timer")
	}
	c, _ := m.clientBySlug(r.Client)
	timer := m.sh.st.Live.Render("●") + " " + m.sh.st.badge(r.Client, c.Color) + " " + r.Client + " " + m.sh.st.Live.Render(display.HMS(m.sh.runningSeconds()))
	if m.sh.status.Forgotten {
		timer += " " + m.sh.st.Warn.Render("still running?")
	}
	if b := m.sh.budget; b != nil && b.Client == r.Client {
		// Used up to the status read; the running seconds since count on.
		used := b.UsedSeconds + int64(m.sh.now.Sub(m.sh.statusAt)/time.Second)
		left := display.Compact(b.BudgetSeconds-used) + " left"
		style := m.sh.st.Dim
		if used*5 >= b.BudgetSeconds*4 {
			style = m.sh.st.Warn
		}
		if used > b.BudgetSeconds {
			left = display.Compact(used-b.BudgetSeconds) + " over"
		}
		timer += " " + style.Render("budget "+display.Compact(used)+"/"+display.Setting(time.Duration(b.BudgetSeconds)*time.Second)+" "+b.Period+", "+left)
	}
	if g := m.sh.idle; g != nil {
		timer += " " + m.sh.st.Warn.Render("idle "+display.Compact(g.Seconds)+": stint idle keep|drop|split")
	}
	return timer
}

// messageBox is where the footer's message goes: beside the timer, indent
// cells in, w wide and up to n lines; or, when that leaves it under 20
// cells, below the timer on lines of its own, one fewer.
func (m *Model) messageBox(timer string) (indent, w, n int, below bool) {
	indent = ansi.StringWidth(timer) + ansi.StringWidth(footerSep)
	if w = m.width - indent; w < 20 {
		return 0, m.width, maxStatusLines - 1, true
	}
	return indent, w, maxStatusLines, false
}

// layout gives every component its size from the terminal's and the
// footer's; Update calls it after every message, so View only reads.
func (m *Model) layout() {
	_, w, n, below := m.messageBox(m.timerLine())
	m.dialog.SetSize(w, n)
	// The body is what header and footer leave; a wrapped footer message
	// takes its extra lines from it.
	footer := 1
	if k := len(m.messageLines(w, n)); k > 0 && below {
		footer = 1 + k
	} else if k > 0 {
		footer = k
	}
	h := max(m.height-chromeLines-(footer-1), 1)
	m.bodyH = h
	if m.sh.opts.Picker {
		m.layoutPicker()
		return
	}
	m.list.SetSize(m.listWidth(), h)
	m.detail.SetSize(m.detailWidth(), h)
	m.week.SetSize(m.width, h)
	m.help.SetSize(m.width, h)
	m.form.SetSize(m.width, h)
	m.errBox.SetSize(m.width, h)
}

// footerMessage is the plain text of the footer's message and its style.
func (m *Model) footerMessage() (string, lipgloss.Style) {
	switch {
	case m.busy != "":
		return m.busy, m.sh.st.Dim
	case m.flash.neutral:
		return "· " + m.flash.text, m.sh.st.Dim
	case m.flash.text != "":
		return "✓ " + m.flash.text, m.sh.st.OK
	}
	return "", m.sh.st.Dim
}

// wrapLines word-wraps plain text to w cells in at most n lines; what does
// not fit ends the last line with an ellipsis.
func wrapLines(text string, w, n int) []string {
	lines := strings.Split(ansi.Wrap(text, max(w, 1), ""), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	if len(lines) > n {
		rest := strings.Join(lines[n-1:], " ")
		lines = append(lines[:n-1], ansi.Truncate(rest, w, "…"))
	}
	return lines
}

func (m *Model) helpLine() string {
	switch {
	case m.errBox.Open():
		return m.sh.help.ShortHelpView(m.errBox.ShortHelp())
	case m.form.Active():
		return m.sh.help.ShortHelpView(m.form.ShortHelp())
	case m.dialog.Open():
		return m.sh.help.ShortHelpView(m.dialog.ShortHelp())
	case m.mode == modeWeek:
		keys, compact := m.week.ShortHelp()
		return m.pinnedHelp(keys, compact, []keyBinding{m.sh.keys.Help, m.sh.keys.Back})
	case m.mode == modeHelp:
		return m.sh.help.ShortHelpView([]keyBinding{m.sh.keys.Back})
	case m.list.Filtering():
		return m.sh.help.ShortHelpView(m.list.ShortHelp())
	case m.showDetail() && m.detail.Pane() == paneTime && !m.sh.opts.Picker:
		keys, compact := m.sh.keys.TimePaneHelp()
		last := m.sh.keys.Quit
		if m.detailInstead() {
			last = m.sh.keys.ToList
		}
		return m.pinnedHelp(keys, compact, []keyBinding{m.sh.keys.Help, last})
	case m.detailInstead():
		return m.pinnedHelp(m.sh.keys.ShortHelp(), m.sh.keys.CompactHelp(), []keyBinding{m.sh.keys.Help, m.sh.keys.ToList})
	}
	return m.pinnedHelp(m.sh.keys.ShortHelp(), m.sh.keys.CompactHelp(), []keyBinding{m.sh.keys.Help, m.sh.keys.Quit})
}

// pinnedHelp is a footer of keys with pinned ones right-aligned: the keys
// give way first (in their compact words when the full ones do not fit,
// then truncated), so "? help" and "q quit" are always there.
func (m *Model) pinnedHelp(keys, compact, pinned []keyBinding) string {
	unlimited := m.sh.help
	unlimited.SetWidth(0)
	if all := unlimited.ShortHelpView(append(keys[:len(keys):len(keys)], pinned...)); ansi.StringWidth(all) <= m.width {
		return all
	}
	right := m.sh.help.ShortHelpView(pinned)
	room := m.width - ansi.StringWidth(right) - 2
	if ansi.StringWidth(unlimited.ShortHelpView(keys)) > room {
		keys = compact
	}
	rest := m.sh.help
	rest.SetWidth(max(room, 0))
	left := rest.ShortHelpView(keys)
	gap := max(m.width-ansi.StringWidth(left)-ansi.StringWidth(right), 1)
	return left + strings.Repeat(" ", gap) + right
}

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
