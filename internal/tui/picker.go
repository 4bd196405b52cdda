package tui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// The picker (Alt-s) is drawn inline, below the prompt, as `fzf --height`
// is: no alternate screen, so the scrollback stays, and on quitting it
// draws nothing, so no picker and no stale prompt are left behind. It is
// the filter, the rows, a compact preview of the selected client (ctrl+o
// hides or shows it) and one line of keys; a question or an error takes
// that line's place.

// pickerMaxShare is the part of the terminal the picker takes at most, in
// percent, as fzf's --height 40%; never under pickerMinLines.
const (
	pickerMaxShare = 40
	pickerMinLines = 8
)

// pickerHeight is how many lines the picker draws: what it needs, at most
// its share of the terminal.
func (m *Model) pickerHeight() int {
	need := 1 + max(len(m.sh.clients), 1) + 1 + m.previewHeight()
	if m.list.headerLines() > 0 {
		need++
	}
	most := max(m.height*pickerMaxShare/100, min(pickerMinLines, m.height))
	return max(min(need, most), 1)
}

// previewHeight is the preview's lines: none when hidden.
func (m *Model) previewHeight() int {
	if m.hidePreview {
		return 0
	}
	return 2
}

// pickerView is the picker's lines, or nothing once it quits.
func (m *Model) pickerView() string {
	if m.quitting {
		return "" // erased: the shell's prompt comes back where it was
	}
	lines := splitLines(m.list.View())
	lines = block(lines, m.width, m.list.h)
	if m.previewHeight() > 0 {
		lines = append(lines, m.preview()...)
	}
	switch {
	case m.errBox.Open():
		lines = append(lines, m.errBox.View()...)
		lines = append(lines, fit(m.sh.help.ShortHelpView(m.errBox.ShortHelp()), m.width))
	case m.dialog.Open():
		lines = append(lines, fit(m.dialog.View(), m.width))
	case m.busy != "" || m.flash.text != "":
		text, style := m.footerMessage()
		lines = append(lines, fit(style.Render(text), m.width))
	default:
		lines = append(lines, fit(m.sh.help.ShortHelpView(m.list.ShortHelp()), m.width))
	}
	return strings.Join(lines, "\n")
}

// preview is two lines on the selected client: production and pending
// review, kube context and namespace, AWS profile and region, git email;
// then today's and this week's hours.
func (m *Model) preview() []string {
	st := m.sh.st
	c, ok := m.selected()
	if !ok {
		return []string{"", ""}
	}
	var first []string
	if c.Production {
		first = append(first, st.Prod.Render("PRODUCTION"))
	}
	if c.ReviewPending {
		first = append(first, st.Warn.Render("pending review"))
	}
	p, loaded := m.detail.profiles[c.Slug]
	switch {
	case !loaded || p.loading:
		first = append(first, st.Dim.Render("…"))
	case p.err != nil:
		first = append(first, st.Err.Render(display.OneLine(p.err.Error())))
	default:
		first = append(first, previewFacts(p.val, c)...)
	}
	second := st.Dim.Render("today ") + hm(m.sh.todaySeconds(c.Slug)) + st.Dim.Render(" · week ") + m.detail.time.WeekText(c.Slug)
	return []string{fit("  "+strings.Join(first, st.Faint.Render(" · ")), m.width), fit("  "+second, m.width)}
}

// previewFacts are a profile's facts the picker shows, in words short
// enough for one line.
func previewFacts(p workbench.ProfileView, c workbench.ClientInfo) []string {
	var out []string
	if k := p.Kube; k.Context != "" {
		kube := "kube " + display.Safe(k.Context)
		if k.Namespace != "" {
			kube += "/" + display.Safe(k.Namespace)
		}
		if slices.Contains(k.Production, k.Context) && !c.Production {
			kube += " (production)"
		}
		out = append(out, kube)
	} else {
		out = append(out, "kube none")
	}
	// A region is worth showing without a profile (keys from the
	// environment, SSO): it is where the next command lands.
	if aws := strings.TrimSpace(display.Safe(p.AWS["profile"]) + " " + display.Safe(p.AWS["region"])); aws != "" {
		out = append(out, "aws "+aws)
	}
	if e := p.Git["email"]; e != "" {
		out = append(out, "git "+display.Safe(e))
	}
	return out
}

// layoutPicker sizes the picker's parts: the list gets what the preview
// and the key line leave of its height.
func (m *Model) layoutPicker() {
	h := m.pickerHeight()
	m.dialog.SetSize(m.width, 1)
	m.errBox.SetSize(m.width, max(m.height-h, 8))
	m.list.SetSize(m.width, max(h-1-m.previewHeight(), 1))
	m.detail.SetSize(m.width, 1)
}

// togglePreview hides or shows the picker's preview.
func (m *Model) togglePreview() tea.Cmd {
	m.hidePreview = !m.hidePreview
	return m.ensureDetail()
}
