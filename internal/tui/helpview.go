package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// helpScreen is the full help (?): the keys of the screen it was opened
// from, in groups side by side as far as the width allows, the rest in
// further rows, then what they do in sentences.
type helpScreen struct {
	sh   *shared
	w, h int
	from mode // the screen ? was pressed on, where esc goes back to
}

func newHelpScreen(sh *shared) *helpScreen { return &helpScreen{sh: sh} }

func (s *helpScreen) SetSize(w, h int) { s.w, s.h = w, h }

// Open shows the keys of screen from.
func (s *helpScreen) Open(from mode) { s.from = from }

// View: when the screen is too low the explanation goes first, then the
// title and the blank lines.
func (s *helpScreen) View() string {
	w, h := s.w, s.h
	full := s.sh.help
	full.SetWidth(0) // packHelp keeps each row within w
	groups, paragraphs := s.sh.keys.FullHelp(), []string{
		"Enter, then y, moves the shell stint was opened from to that client and quits; " +
			"its timer starts if the client tracks time automatically. A digit switches at once, " +
			"except into a production client, which asks first. The picker (Alt-s) switches on enter.",
		"An error stays until enter or esc closes it; that key does nothing else. Esc goes back, q quits.",
		"In the filter, type to narrow the list, ↑/↓ to move, enter to switch.",
		"A terminal narrower than 70 columns shows the list alone: tab opens the detail panes in its place, " +
			"tab past the last (or esc) comes back.",
	}
	if s.from == modeWeek {
		groups, paragraphs = s.sh.keys.WeekFullHelp(), []string{
			"Day columns and WORKED are the time worked. BILLED is the billable part rounded by each client's terms, " +
				"as stint report bills it, and AMOUNT is billed hours × RATE.",
			"A narrow terminal hides the days without time first (the weekend's before the others), then cuts long names, " +
				"then hides the rate; a day with time goes last. WORKED still counts them.",
			"A client with a time zone of its own has its days in that zone, as stint report counts them: its row names the zone.",
			"The cursor (›) is on one client's day; a narrow terminal keeps that day on screen. Enter lists the entries that start " +
				"on it, where + adds, = edits and x deletes as in the Time pane; + on the grid adds to that client and day.",
		}
	}
	var keys, tight []string
	for i, row := range packHelp(full, groups, w) {
		rows := splitLines(full.FullHelpView(row))
		if i > 0 {
			keys = append(keys, "")
		}
		keys = append(keys, rows...)
		tight = append(tight, rows...)
	}
	title := []string{s.sh.st.Title.Render("Keys"), ""}
	var prose []string
	for _, p := range paragraphs {
		for _, l := range wrapLines(p, min(w, proseWidth), 10) {
			prose = append(prose, s.sh.st.Dim.Render(l))
		}
	}
	for _, layout := range [][]string{
		concat(title, keys, []string{""}, prose),
		concat(title, keys),
		keys,
		tight,
	} {
		if len(layout) <= h {
			return strings.Join(layout, "\n")
		}
	}
	return strings.Join(append(tight[:max(h-1, 0)], s.sh.st.Faint.Render("… make the terminal taller for the rest")), "\n")
}

// proseWidth is as wide as the help's sentences get: longer lines read badly.
const proseWidth = 80

// packHelp puts the key groups into rows, as many side by side as fit in w.
func packHelp(hm help.Model, groups [][]keyBinding, w int) [][][]keyBinding {
	var rows [][][]keyBinding
	var row [][]keyBinding
	for _, g := range groups {
		if len(row) > 0 && lipgloss.Width(hm.FullHelpView(append(row[:len(row):len(row)], g))) > w {
			rows, row = append(rows, row), nil
		}
		row = append(row, g)
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}
