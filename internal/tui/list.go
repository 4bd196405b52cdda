package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/stint-sh/stint/internal/workbench"
)

// listView is the client list: a title line (or the filter), then one row
// per client, scrolled so the cursor stays visible.
func (m *Model) listView(w, h int) []string {
	lines := make([]string, 0, h)
	switch {
	case m.filtering || m.filter.Value() != "":
		lines = append(lines, fit(m.filter.View(), w-8)+rfit(m.sh.st.Dim.Render(fmt.Sprintf("%d/%d", len(m.visible), len(m.sh.clients))), 8))
	default:
		title := m.sh.st.Title.Render("Clients") + m.sh.st.Dim.Render(fmt.Sprintf(" %d", len(m.sh.clients)))
		if rows, off := m.listRows(), m.listOffset(); len(m.visible) > rows {
			title += m.sh.st.Dim.Render(fmt.Sprintf("  %d–%d", off+1, min(off+rows, len(m.visible))))
		}
		lines = append(lines, title)
	}
	if !m.clientsLoaded {
		return append(lines, m.sh.st.Dim.Render(" loading…"))
	}
	if len(m.sh.clients) == 0 {
		return append(lines, m.sh.st.Dim.Render(" no clients yet: press a to add one"))
	}
	if len(m.visible) == 0 {
		return append(lines, m.sh.st.Dim.Render(" no client matches"))
	}
	off := m.listOffset()
	end := min(off+m.listRows(), len(m.visible))
	for i := off; i < end; i++ {
		lines = append(lines, m.listRow(m.sh.clients[m.visible[i]], i, w))
	}
	return lines
}

// listRow: cursor, digit, badge, name, production marker, live dot, today.
func (m *Model) listRow(c workbench.ClientInfo, i, w int) string {
	selected := i == m.cursor
	cursor := " "
	if selected {
		cursor = m.sh.st.Cursor.Render("▌")
	}
	digit := " "
	if i < 9 {
		digit = m.sh.st.Faint.Render(strconv.Itoa(i + 1))
	}
	prod := "    "
	if c.Production {
		prod = m.sh.st.Prod.Render("PROD")
	}
	live := " "
	if r := m.sh.status.Running; r != nil && r.Client == c.Slug {
		live = m.sh.st.Live.Render("●")
	}
	today := rfit(hm(m.sh.todaySeconds(c.Slug)), 5)
	if m.sh.todaySeconds(c.Slug) == 0 {
		today = m.sh.st.Faint.Render(today)
	}
	// Fixed columns take 18 cells; the name gets the rest.
	nameW := max(w-18, 4)
	name := c.Name
	if w >= 40 && c.Name != c.Slug {
		name += m.sh.st.Dim.Render(" " + c.Slug)
	}
	name = fit(name, nameW)
	if selected {
		name = m.sh.st.Selected.Render(ansi.Strip(name))
	}
	return strings.Join([]string{cursor + digit, m.sh.st.badge(c.Slug, c.Color), name, prod, live, today}, " ")
}
