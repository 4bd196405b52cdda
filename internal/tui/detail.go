package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/stint-sh/stint/internal/money"
	"github.com/stint-sh/stint/internal/workbench"
)

// detailHeadLines are the tabs and the client's title line.
const detailHeadLines = 2

// scrollToEnd as detailScroll shows the end of the pane, whatever its
// length once loaded: a note just added is the pane's last line.
const scrollToEnd = 1 << 30

// detailView is the selected client's detail: tabs, a title line, then
// the current pane scrolled by detailScroll.
func (m *Model) detailView(w, h int) []string {
	c, ok := m.selected()
	if !ok {
		return []string{m.tabs(w)}
	}
	head := []string{m.tabs(w), m.clientTitle(c, w)}
	body := m.paneLines(c.Slug, w)
	room := max(h-len(head), 0)
	scroll := min(m.detailScroll, max(len(body)-room, 0))
	body = body[scroll:]
	if scroll > 0 && len(body) > 0 {
		body[0] = m.sh.st.Faint.Render(fmt.Sprintf(" ↑ %d more", scroll))
	}
	if len(body) > room && room > 0 {
		body = append(body[:room-1:room-1], m.sh.st.Faint.Render(fmt.Sprintf(" ↓ %d more (ctrl+d)", len(body)-room+1)))
	}
	return append(head, body...)
}

// paneLines is the current pane of the client, unscrolled.
func (m *Model) paneLines(slug string, w int) []string {
	switch m.pane {
	case paneEnv:
		return m.envPane(slug, w)
	case paneKube:
		return m.kubePane(slug)
	case paneRepos:
		return m.reposPane(slug, w)
	case paneTime:
		return m.timePane(slug, w)
	case paneNotes:
		return m.notesPane(slug, w)
	}
	return nil
}

// maxDetailScroll is how far the current pane can scroll: the keys start
// from here when detailScroll is past it (scrollToEnd, a shorter pane).
func (m *Model) maxDetailScroll() int {
	c, ok := m.selected()
	if !ok || !m.showDetail() {
		return 0
	}
	room := max(m.bodyHeight()-detailHeadLines, 0)
	return max(len(m.paneLines(c.Slug, m.detailWidth()))-room, 0)
}

func (m *Model) tabs(w int) string {
	names := paneNames[:]
	if w < 56 {
		names = paneShort[:]
	}
	parts := make([]string, len(names))
	for i, n := range names {
		if pane(i) == m.pane {
			parts[i] = m.sh.st.TabActive.Render(n)
		} else {
			parts[i] = m.sh.st.TabInactive.Render(n)
		}
	}
	return " " + strings.Join(parts, m.sh.st.Faint.Render(" · "))
}

// clientTitle is one line of who the client is and how they are billed,
// w cells wide at most. A production client's tag comes right after the
// name and is never truncated away: the details give way first, then the
// name.
func (m *Model) clientTitle(c workbench.ClientInfo, w int) string {
	name := " " + m.sh.st.badge(c.Slug, c.Color) + " " + m.sh.st.Header.Render(c.Name)
	tag := ""
	if c.Production {
		tag = " " + m.sh.st.Prod.Render("PRODUCTION")
	}
	var parts []string
	if c.RateMinor > 0 {
		parts = append(parts, money.Format(c.RateMinor, money.Currency(c.Currency))+"/h")
	}
	if c.RoundMinutes > 0 {
		parts = append(parts, fmt.Sprintf("round %dm %s", c.RoundMinutes, c.RoundMode))
	}
	if c.Timezone != "" {
		parts = append(parts, c.Timezone)
	}
	if !c.AutoTrack {
		parts = append(parts, "no auto-track")
	}
	details := ""
	if len(parts) > 0 {
		details = m.sh.st.Faint.Render(" · ") + strings.Join(parts, m.sh.st.Faint.Render(" · "))
	}
	room := w - ansi.StringWidth(tag)
	if ansi.StringWidth(name) > room {
		return ansi.Truncate(name, max(room, 0), "…") + tag
	}
	room -= ansi.StringWidth(name)
	return name + tag + ansi.Truncate(details, max(room, 0), "…")
}

// state renders the loading or error state of an async value; ok means
// the value is there to show.
func state[T any](m *Model, l loaded[T], present bool) (lines []string, ok bool) {
	switch {
	case !present || l.loading:
		return []string{m.sh.st.Dim.Render(" loading…")}, false
	case l.err != nil:
		return []string{m.sh.st.Err.Render(" ✗ " + l.err.Error())}, false
	}
	return nil, true
}

func (m *Model) profileOf(slug string) (workbench.ProfileView, []string, bool) {
	l, present := m.profiles[slug]
	if lines, ok := state(m, l, present); !ok {
		return workbench.ProfileView{}, lines, false
	}
	return l.val, nil, true
}

func section(m *Model, title string) string { return " " + m.sh.st.Title.Render(title) }

// kv renders an indented name/value row with the name in a column of nameW.
func kv(m *Model, name, value string, nameW int) string {
	return "   " + fit(name, nameW) + " " + value
}
