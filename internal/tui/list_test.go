package tui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// testList is a client list on the fixture's three listed clients, or on
// n more when n > 0, w×h, loaded.
func testList(t *testing.T, opts Options, n, w, h int) *clientList {
	t.Helper()
	b := fixture()
	for i := range n {
		slug := fmt.Sprintf("client-%02d", i)
		b.clients = append(b.clients, workbench.ClientInfo{Slug: slug, Name: "Client " + slug, Currency: "USD"})
	}
	sh := testShared(b)
	sh.opts.CurrentClient, sh.opts.Picker = opts.CurrentClient, opts.Picker
	l := newClientList(sh)
	l.SetSize(w, h)
	l.SetClients("")
	return l
}

func (l *clientList) press(keys ...string) {
	for _, k := range keys {
		l.Update(keyMsg(k))
	}
}

func listLines(l *clientList) []string { return strings.Split(ansi.Strip(l.View()), "\n") }

func TestListKeysMoveTheCursorClamped(t *testing.T) {
	l := testList(t, Options{}, 0, 44, 10)
	for _, s := range []struct{ key, want string }{
		{"up", "acme"}, {"down", "globex"}, {"j", "initech"}, {"j", "initech"}, {"k", "globex"},
		{"G", "initech"}, {"g", "acme"}, {"pgdown", "initech"}, {"pgup", "acme"},
		{"t", "acme"}, {"enter", "acme"}, {"1", "acme"}, // the root's keys, not the list's
	} {
		l.press(s.key)
		c, ok := l.Selected()
		require.True(t, ok)
		assert.Equal(t, s.want, c.Slug, "after %s", s.key)
		assert.Equal(t, s.want, l.selectedSlug)
	}
}

func TestListStartsOnTheShellsClient(t *testing.T) {
	l := testList(t, Options{CurrentClient: "initech"}, 0, 44, 10)
	assert.Equal(t, 2, l.cursor)
	l = testList(t, Options{CurrentClient: "umbrella"}, 0, 44, 10) // archived: not listed
	assert.Equal(t, 0, l.cursor)
}

// The list scrolls just enough to keep the cursor in view, and its title
// says which rows it shows.
func TestListScrollsToKeepTheCursorInView(t *testing.T) {
	l := testList(t, Options{}, 30, 44, 11) // 33 clients, 9 rows under the title and headers
	require.Equal(t, 9, l.rows())
	for range 12 {
		l.press("j")
	}
	assert.Equal(t, 12, l.cursor)
	assert.Equal(t, 4, l.listOffset(), "the cursor on the last row shown")
	lines := listLines(l)
	assert.Len(t, lines, 11)
	assert.Contains(t, lines[0], "Clients 33  5–13")
	assert.Contains(t, lines[1], "CLIENT")
	assert.Contains(t, lines[10], "client-09", "row 13 of the sorted list")
	assert.Contains(t, lines[10], "▌")
	l.press("k", "k", "k")
	assert.Equal(t, 4, l.listOffset(), "moving up inside the window does not scroll")
	l.press("G")
	assert.Equal(t, 24, l.listOffset())

	// A shorter body (a long footer message) still shows the cursor.
	l.SetSize(44, 6)
	assert.Equal(t, 29, l.listOffset())
	assert.Contains(t, listLines(l)[5], "▌")
}

func TestListRowShowsDigitBadgeNameProductionAndToday(t *testing.T) {
	l := testList(t, Options{}, 0, 44, 10)
	l.sh.status = workbench.Status{Running: &workbench.Entry{Client: "acme"}, TodaySeconds: map[string]int64{"acme": 6300}}
	lines := listLines(l)
	assert.Equal(t, "Clients 3", lines[0])
	assert.Regexp(t, `^ +CLIENT +TODAY$`, lines[1])
	assert.Regexp(t, `^▌1 ■ Acme Corp acme +PROD ● +1:45$`, lines[2])
	assert.Regexp(t, `^ 2 ■ Globex globex +- $`, strings.TrimRight(lines[3], " ")+" ")
	for _, line := range lines {
		assert.LessOrEqual(t, ansi.StringWidth(line), 44)
	}
}

func TestListFilterNarrowsAndKeepsTheSelection(t *testing.T) {
	l := testList(t, Options{CurrentClient: "initech"}, 0, 44, 10)
	l.StartFilter()
	l.press("g", "l")
	assert.Equal(t, []int{1}, l.visible)
	assert.Equal(t, "globex", l.selectedSlug)
	assert.Contains(t, listLines(l)[0], "/gl")
	assert.Contains(t, listLines(l)[0], "1/3")
	l.press("q") // typed, not a quit
	assert.Equal(t, "glq", l.FilterValue())
	assert.Empty(t, l.visible)
	_, ok := l.Selected()
	assert.False(t, ok)
	assert.Contains(t, listLines(l)[1], "no client matches")
	assert.Equal(t, "globex", l.selectedSlug, "the last selection is kept")

	l.press("backspace", "tab")
	assert.False(t, l.Filtering(), "tab gives the keys back")
	assert.Equal(t, "gl", l.FilterValue(), "and keeps the filter")
	l.press("j")
	assert.Equal(t, "globex", l.selectedSlug, "one match: nowhere to move")

	l.StartFilter()
	l.press("esc")
	assert.False(t, l.Filtering())
	assert.Equal(t, "", l.FilterValue())
	assert.Len(t, l.visible, 3)
	assert.Equal(t, "globex", l.selectedSlug, "the selection survives clearing the filter")
	assert.Equal(t, 1, l.cursor)
}

func TestListFilterArrowsMove(t *testing.T) {
	l := testList(t, Options{}, 0, 44, 10)
	l.StartFilter()
	for _, s := range []struct{ key, want string }{
		{"down", "globex"}, {"ctrl+n", "initech"}, {"up", "globex"}, {"ctrl+p", "acme"},
	} {
		l.press(s.key)
		assert.Equal(t, s.want, l.selectedSlug, s.key)
	}
	assert.Equal(t, "", l.FilterValue())
}

// In the picker, esc clears what was typed and the filter keeps the keys.
func TestListPickerEscClearsAndKeepsTheKeys(t *testing.T) {
	l := testList(t, Options{Picker: true}, 0, 44, 10)
	require.True(t, l.Filtering(), "the picker opens with the filter focused")
	l.press("x", "y", "esc")
	assert.True(t, l.Filtering())
	assert.Equal(t, "", l.FilterValue())
	assert.Len(t, l.visible, 3)
}

func TestListSelectRow(t *testing.T) {
	l := testList(t, Options{}, 0, 44, 10)
	assert.True(t, l.SelectRow(2))
	assert.Equal(t, "initech", l.selectedSlug)
	assert.False(t, l.SelectRow(3))
	assert.False(t, l.SelectRow(-1))
	assert.Equal(t, "initech", l.selectedSlug)
}

func TestListEmptyStates(t *testing.T) {
	sh := testShared(fixture())
	l := newClientList(sh)
	l.SetSize(44, 10)
	assert.Contains(t, listLines(l)[1], "loading…", "before the first answer")
	sh.clients = nil
	l.SetClients("")
	assert.Contains(t, listLines(l)[1], "no clients yet: press a to add one")
	assert.Contains(t, strings.Join(listLines(l), "\n"), `~/.bashrc: eval "$(stint hook bash)"`, "without the hook, how to load it")
	sh.opts.EvalFile = "/run/eval"
	assert.NotContains(t, strings.Join(listLines(l), "\n"), "load the hook", "a hooked shell needs no word on it")
}

func TestListHelpInThePickerAndTheFilter(t *testing.T) {
	hm := help.New()
	picker := testList(t, Options{Picker: true}, 0, 44, 10)
	assert.Equal(t, "enter switch • ↑/↓ move • 1-9 pick • ctrl+o preview • esc quit", ansi.Strip(hm.ShortHelpView(picker.ShortHelp())))
	picker.press("a")
	assert.Equal(t, "enter switch • ↑/↓ move • tab keep filter • esc clear", ansi.Strip(hm.ShortHelpView(picker.ShortHelp())))
}

// At a glance: column headers, an arrow on this shell's client, the week's
// worked and billed time when the list is wide, and the slug kept (the
// display name gives way) when both do not fit.
func TestListAtAGlance(t *testing.T) {
	l := testList(t, Options{CurrentClient: "globex"}, 0, 60, 10)
	l.sh.weekRows = map[string]workbench.WeekRow{"acme": {Client: "acme", Total: 6 * 3600, BilledSeconds: 6*3600 + 900}}
	lines := listLines(l)
	assert.Regexp(t, `CLIENT +TODAY +WEEK +BILLED$`, lines[1])
	assert.Regexp(t, `Acme Corp acme .* 6:00 +6:15$`, lines[2])
	assert.Contains(t, lines[3], "→ Globex globex", "this shell's client")
	assert.NotContains(t, lines[2], "→")

	narrow := testList(t, Options{}, 0, 30, 10)
	narrow.sh.clients[0].Name = "Acme Corporation International"
	narrow.SetClients("")
	row := listLines(narrow)[2]
	assert.Contains(t, row, "acme Acme", "the slug first, the name as far as it goes")
	assert.LessOrEqual(t, ansi.StringWidth(row), 30)
}
