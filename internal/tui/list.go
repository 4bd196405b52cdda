package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/sahilm/fuzzy"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// clientList is the list of clients: a title line or the filter, then one
// row per client, scrolled so the cursor stays in view. It owns the
// cursor and the filter; the root reads the selection from it and acts on
// it (switch, timer, forms).
//
// It is written here rather than on bubbles' list: that one pages instead
// of scrolling, its filter takes enter to mean "apply" where the picker
// means "switch", and it cost 3× this one's first frame (see
// docs/performance.md).
type clientList struct {
	sh     *shared
	w, h   int
	loaded bool // the first answer of Clients is in
	// visible are indexes into sh.clients that pass the filter, in order;
	// hits are, for each, the byte offsets the filter matched in its
	// filterText (none without a filter).
	visible []int
	hits    [][]int
	cursor  int // index into visible
	offset  int // first visible row shown
	// selectedSlug is the client last under the cursor; it stays when the
	// filter hides it, so clearing the filter finds it again.
	selectedSlug string
	filter       textinput.Model
	filtering    bool // the filter has the keys
}

func newClientList(sh *shared) *clientList {
	l := &clientList{sh: sh, selectedSlug: sh.opts.CurrentClient, w: 80, h: 20}
	if prev := sh.getenv("STINT_PREV"); sh.opts.Picker && prev != "" {
		// The picker starts on the client this shell was in before, as
		// Alt-Tab starts on the previous window: enter goes back.
		l.selectedSlug = prev
	}
	l.filter = textinput.New()
	l.filter.Prompt = "/"
	l.filter.Placeholder = "filter clients"
	l.filter.SetVirtualCursor(true)
	if sh.opts.Picker {
		l.filtering = true
		l.filter.Focus()
	}
	l.applyStyles()
	return l
}

// applyStyles dresses the filter for the background and NO_COLOR.
func (l *clientList) applyStyles() {
	fs := textinput.DefaultStyles(l.sh.dark)
	if l.sh.opts.NoColor {
		fs = textinput.Styles{}
		fs.Focused.Placeholder = lipgloss.NewStyle().Faint(true) // never read as typed
		fs.Blurred.Placeholder = fs.Focused.Placeholder
	}
	fs.Cursor.Blink = false // a steady cursor: no timer traffic, stable screens
	l.filter.SetStyles(fs)
}

// SetSize is the list's width and the body's height: a title line, then
// rows.
func (l *clientList) SetSize(w, h int) {
	l.w, l.h = w, h
	l.filter.SetWidth(max(w-12, 4)) // room for the prompt and the n/m count
}

// rows is how many clients fit under the title line and the column
// headers.
func (l *clientList) rows() int { return max(l.h-1-l.headerLines(), 1) }

// headerLines is 1 when the column headers are shown: there are clients
// to head, and room for them and a few rows.
func (l *clientList) headerLines() int {
	if l.loaded && len(l.sh.clients) > 0 && l.h >= 6 {
		return 1
	}
	return 0
}

// wide: the list has room for the week's worked and billed hours.
func (l *clientList) wide() bool { return l.w >= listWideW && !l.sh.opts.Picker }

// listWideW is the list width from which WEEK and BILLED are shown.
const listWideW = 46

// fixedW is what the columns but the name take: cursor and digit, badge,
// PROD, the live dot, TODAY, and when wide WEEK and BILLED, a space apart.
func (l *clientList) fixedW() int {
	if l.wide() {
		return 18 + 13
	}
	return 18
}

// header is the column headers, aligned with row's cells.
func (l *clientList) header() string {
	h := "     " + fit("CLIENT", max(l.w-l.fixedW(), 4)) + "        " + rfit("TODAY", 5)
	if l.wide() {
		h += " " + rfit("WEEK", 5) + " " + rfit("BILLED", 6)
	}
	return l.sh.st.Dim.Render(h)
}

// SetClients takes the clients now in sh.clients; selectSlug, when set,
// is put under the cursor.
func (l *clientList) SetClients(selectSlug string) {
	l.loaded = true
	if selectSlug != "" {
		l.selectedSlug = selectSlug
	}
	l.refilter()
}

// Selected is the client under the cursor; none when the filter matches
// nothing or there are no clients.
func (l *clientList) Selected() (workbench.ClientInfo, bool) {
	if l.cursor < 0 || l.cursor >= len(l.visible) {
		return workbench.ClientInfo{}, false
	}
	return l.sh.clients[l.visible[l.cursor]], true
}

// Filtering reports whether the filter has the keys.
func (l *clientList) Filtering() bool { return l.filtering }

// FilterValue is what is typed in the filter, kept or being typed.
func (l *clientList) FilterValue() string { return l.filter.Value() }

// StartFilter gives the keys to the filter.
func (l *clientList) StartFilter() tea.Cmd {
	l.filtering = true
	return l.filter.Focus()
}

// ClearFilter empties the filter; who has the keys stays as it was.
func (l *clientList) ClearFilter() {
	l.filter.SetValue("")
	l.refilter()
}

// SelectRow puts the cursor on the nth row shown (0 is the first); false
// when there is no such row.
func (l *clientList) SelectRow(n int) bool {
	if n < 0 || n >= len(l.visible) {
		return false
	}
	l.cursor = n
	l.syncSelection()
	return true
}

// Update moves the cursor (the list's keys) or, while the filter has the
// keys, edits the filter.
func (l *clientList) Update(msg tea.Msg) tea.Cmd {
	if l.filtering {
		return l.updateFilter(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys := l.sh.keys
	switch {
	case key.Matches(k, keys.Up):
		l.moveCursor(-1)
	case key.Matches(k, keys.Down):
		l.moveCursor(1)
	case key.Matches(k, keys.PageUp):
		l.moveCursor(-max(l.rows()-1, 1))
	case key.Matches(k, keys.PageDown):
		l.moveCursor(max(l.rows()-1, 1))
	case key.Matches(k, keys.Top):
		l.moveCursor(-len(l.visible))
	case key.Matches(k, keys.Bottom):
		l.moveCursor(len(l.visible))
	}
	return nil
}

// updateFilter: ↑/↓ move, tab gives the keys back to the list keeping
// the filter, esc clears it (and outside the picker leaves it), the rest
// is typed.
func (l *clientList) updateFilter(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		keys := l.sh.keys
		switch {
		case key.Matches(k, keys.FilterClear):
			if !l.sh.opts.Picker {
				// The picker's filter keeps the keys, so text typed next
				// never reaches the list's command keys.
				l.filtering = false
				l.filter.Blur()
			}
			l.ClearFilter()
			return nil
		case key.Matches(k, keys.FilterUp):
			l.moveCursor(-1)
			return nil
		case key.Matches(k, keys.FilterDown):
			l.moveCursor(1)
			return nil
		case key.Matches(k, keys.FilterKeep):
			l.filtering = false
			l.filter.Blur()
			return nil
		}
	}
	before := l.filter.Value()
	var cmd tea.Cmd
	l.filter, cmd = l.filter.Update(msg)
	if l.filter.Value() != before {
		l.refilter()
	}
	return cmd
}

// refilter recomputes the visible clients from the filter and keeps the
// selected client under the cursor when it is still visible.
func (l *clientList) refilter() {
	l.visible, l.hits = l.visible[:0], l.hits[:0]
	pattern := l.filter.Value()
	if pattern == "" {
		for i := range l.sh.clients {
			l.visible = append(l.visible, i)
			l.hits = append(l.hits, nil)
		}
	} else {
		for _, match := range fuzzy.FindFrom(pattern, clientSource(l.sh.clients)) {
			l.visible = append(l.visible, match.Index)
			l.hits = append(l.hits, match.MatchedIndexes)
		}
	}
	l.cursor = 0
	if pattern == "" {
		for i, idx := range l.visible {
			if l.sh.clients[idx].Slug == l.selectedSlug {
				l.cursor = i
			}
		}
	}
	l.syncSelection()
}

// clientSource lets fuzzy match on slug and display name together.
type clientSource []workbench.ClientInfo

func (s clientSource) String(i int) string { return filterText(s[i]) }

// filterText is what the filter matches a client on: its slug, a space
// and its display name. The offsets of a match are into this text.
func filterText(c workbench.ClientInfo) string { return c.Slug + " " + c.Name }
func (s clientSource) Len() int                { return len(s) }

// moveCursor moves the selection by delta rows, clamped.
func (l *clientList) moveCursor(delta int) {
	if len(l.visible) == 0 {
		return
	}
	l.cursor = max(0, min(len(l.visible)-1, l.cursor+delta))
	l.syncSelection()
}

func (l *clientList) syncSelection() {
	if c, ok := l.Selected(); ok {
		l.selectedSlug = c.Slug
	}
	l.KeepCursorVisible()
}

// KeepCursorVisible scrolls the list just enough to show the cursor.
func (l *clientList) KeepCursorVisible() { l.offset = l.listOffset() }

// listOffset is the first row to show: l.offset moved just enough to keep
// the cursor in view. The body shrinks while the footer shows a long
// message, so the view asks this again rather than trusting l.offset.
func (l *clientList) listOffset() int {
	rows, off := l.rows(), l.offset
	if l.cursor < off {
		off = l.cursor
	}
	if l.cursor >= off+rows {
		off = l.cursor - rows + 1
	}
	return max(0, min(off, max(len(l.visible)-rows, 0)))
}

// View is the title line (or the filter) and the rows in view.
func (l *clientList) View() string {
	st, w := l.sh.st, l.w
	lines := make([]string, 0, l.h)
	switch {
	case l.filtering || l.filter.Value() != "":
		lines = append(lines, fit(l.filter.View(), w-8)+rfit(st.Dim.Render(fmt.Sprintf("%d/%d", len(l.visible), len(l.sh.clients))), 8))
	default:
		title := st.Title.Render("Clients") + st.Dim.Render(fmt.Sprintf(" %d", len(l.sh.clients)))
		if rows, off := l.rows(), l.listOffset(); len(l.visible) > rows {
			title += st.Dim.Render(fmt.Sprintf("  %d–%d", off+1, min(off+rows, len(l.visible))))
		}
		lines = append(lines, title)
	}
	switch {
	case !l.loaded:
		lines = append(lines, st.Dim.Render(" loading…"))
	case len(l.sh.clients) == 0:
		lines = append(lines, st.Dim.Render(" no clients yet: press a to add one"))
		if l.sh.opts.EvalFile == "" {
			// Started from a shell without the hook: switching will need it.
			line, rc := workbench.HookLine(l.sh.shell())
			lines = append(lines, "", st.Dim.Render(" to switch shells, load the hook:"), st.Dim.Render(" "+rc+": "+line))
		}
	case len(l.visible) == 0:
		lines = append(lines, st.Dim.Render(" no client matches"))
	default:
		if l.headerLines() > 0 {
			lines = append(lines, l.header())
		}
		off := l.listOffset()
		end := min(off+l.rows(), len(l.visible))
		for i := off; i < end; i++ {
			lines = append(lines, l.row(l.sh.clients[l.visible[i]], i, l.hits[i]))
		}
	}
	return strings.Join(lines, "\n")
}

// row: cursor, digit, badge, name, production marker, live dot, today.
// hits are where the filter matched c's filterText.
func (l *clientList) row(c workbench.ClientInfo, i int, hits []int) string {
	st, w := l.sh.st, l.w
	selected := i == l.cursor
	cursor := " "
	if selected {
		cursor = st.Cursor.Render("▌")
	}
	digit := " "
	if i < 9 {
		digit = st.Faint.Render(strconv.Itoa(i + 1))
	}
	prod := "    "
	if c.Production {
		prod = st.Prod.Render("PROD")
	}
	live := " "
	if r := l.sh.status.Running; r != nil && r.Client == c.Slug {
		live = st.Live.Render("●")
	}
	secs := l.sh.todaySeconds(c.Slug)
	today := rfit(hm(secs), 5)
	if secs == 0 {
		today = st.Faint.Render(today)
	}
	// The fixed columns take their cells; the name gets the rest.
	nameW := max(w-l.fixedW(), 4)
	name, marks := l.nameCell(c, nameW, hits)
	hl := st.Match
	if selected {
		name, hl = st.Selected.Render(ansi.Strip(name)), st.SelectedMatch
	}
	name = markCells(name, marks, hl)
	cells := []string{cursor + digit, st.badge(c.Slug, c.Color), name, prod, live, today}
	if l.wide() {
		wk := l.sh.weekRows[c.Slug]
		worked := wk.Total + l.sh.runningSince(c.Slug, l.sh.weekAt)
		cells = append(cells, l.faintIfNone(rfit(hm(worked), 5), worked), l.faintIfNone(rfit(hm(wk.BilledSeconds), 6), wk.BilledSeconds))
	}
	return strings.Join(cells, " ")
}

func (l *clientList) faintIfNone(cell string, secs int64) string {
	if secs <= 0 {
		return l.sh.st.Faint.Render(cell)
	}
	return cell
}

// nameCell is the name column of c's row, nameW wide: an arrow on the
// client this shell is in, then the display name and the slug. The slug
// is what the filter, the CLI and the prompt use, so when both do not fit
// it is the slug that stays, the display name after it as far as it goes.
// marks are the cells that show characters the filter matched (hits).
func (l *clientList) nameCell(c workbench.ClientInfo, nameW int, hits []int) (string, []cellRange) {
	st := l.sh.st
	lead := ""
	if c.Slug == l.sh.opts.CurrentClient {
		lead = st.Cursor.Render("→") + " " // this shell's client
	}
	if l.sh.unready(c.Slug) != "" {
		// A switch would fail or lack secrets: the detail says what.
		lead += st.Warn.Render("!") + " "
	}
	if c.ReviewPending {
		// Imported, not yet allowed: a switch is refused until A.
		lead += st.Warn.Render("pending") + " "
	}
	leadW := ansi.StringWidth(lead)
	room := nameW - leadW
	name, slug := display.Safe(c.Name), display.Safe(c.Slug)
	// Where each part shown starts in filterText, in the order shown.
	slugAt, nameAt := shownText{c.Slug, 0}, shownText{c.Name, len(c.Slug) + 1}
	var cell string
	var shown []shownText
	switch {
	case name == slug || name == "":
		cell, shown = lead+slug, []shownText{slugAt}
	case ansi.StringWidth(name)+1+ansi.StringWidth(slug) <= room:
		cell, shown = lead+name+st.Dim.Render(" "+slug), []shownText{nameAt, {" ", -1}, slugAt}
	default:
		cell, shown = lead+slug+st.Dim.Render(" "+name), []shownText{slugAt, {" ", -1}, nameAt}
	}
	return fit(cell, nameW), matchCells(leadW, shown, hits, nameW)
}

// ShortHelp is the footer's key help while the filter has the keys. In
// the picker, esc quits once nothing is typed and a digit still picks.
func (l *clientList) ShortHelp() []key.Binding {
	k := l.sh.keys
	move := key.NewBinding(key.WithKeys(append(k.FilterUp.Keys(), k.FilterDown.Keys()...)...), key.WithHelp("↑/↓", "move"))
	if l.sh.opts.Picker && l.filter.Value() == "" {
		pick := key.NewBinding(key.WithKeys(k.Digit.Keys()...), key.WithHelp(k.Digit.Help().Key, "pick"))
		quit := key.NewBinding(key.WithKeys(k.FilterClear.Keys()...), key.WithHelp(k.FilterClear.Help().Key, "quit"))
		return []key.Binding{k.FilterAccept, move, pick, k.TogglePreview, quit}
	}
	return []key.Binding{k.FilterAccept, move, k.FilterKeep, k.FilterClear}
}
