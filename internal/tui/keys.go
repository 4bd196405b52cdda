package tui

import "charm.land/bubbles/v2/key"

// keyMap is every binding of the main screen; help renders from it.
type keyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom       key.Binding
	Switch, Digit                                 key.Binding
	NextPane, PrevPane                            key.Binding
	ToList                                        key.Binding // narrow terminal: from the detail pane back to the list
	DetailDown, DetailUp                          key.Binding
	Timer, Undo, Add, Edit, Secret, Note, Runbook key.Binding
	Profile                                       key.Binding // variables, kube, AWS, GCP, git settings
	StopAt                                        key.Binding // stop the running timer at a time given
	// The Time pane's entry cursor and what acts on the entry under it.
	PrevEntry, NextEntry, AddEntry, EditEntry, DeleteEntry key.Binding
	Allow                                                  key.Binding // review and allow an imported client
	Filter, Week, Refresh, Help, Quit                      key.Binding
	Back                                                   key.Binding // leaves the week view or the help
	Dismiss                                                key.Binding // closes the error box
	ForceQuit                                              key.Binding // quits from anywhere, a form too
	// The confirmation dialog's answers.
	Yes, No key.Binding
	// The filter's keys, while it has them.
	FilterAccept, FilterUp, FilterDown, FilterKeep, FilterClear key.Binding
	TogglePreview                                               key.Binding // the picker's preview
	// The week view's own keys: the week shown, the cell cursor (with Up
	// and Down), and the selected cell's entries.
	PrevWeek, NextWeek, ThisWeek, CellLeft, CellRight, OpenDay key.Binding
}

func newKeyMap() keyMap {
	b := func(keys []string, helpKey, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
	}
	return keyMap{
		Up:          b([]string{"up", "k"}, "↑/k", "up"),
		Down:        b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:      b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		PageDown:    b([]string{"pgdown", "ctrl+f"}, "pgdn", "page down"),
		Top:         b([]string{"home", "g"}, "g", "first"),
		Bottom:      b([]string{"end", "G"}, "G", "last"),
		Switch:      b([]string{"enter"}, "enter", "switch shell"),
		Digit:       b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "switch to #n"),
		NextPane:    b([]string{"tab"}, "tab", "next pane"),
		PrevPane:    b([]string{"shift+tab"}, "shift+tab", "previous pane"),
		ToList:      b([]string{"esc"}, "esc", "list"),
		DetailDown:  b([]string{"ctrl+d"}, "ctrl+d", "scroll pane down"),
		DetailUp:    b([]string{"ctrl+u"}, "ctrl+u", "scroll pane up"),
		Timer:       b([]string{"t"}, "t", "start/stop timer"),
		Undo:        b([]string{"u"}, "u", "undo timer change"),
		StopAt:      b([]string{"T"}, "T", "stop timer at a time"),
		PrevEntry:   b([]string{"K"}, "K", "previous time entry"),
		NextEntry:   b([]string{"J"}, "J", "next time entry"),
		AddEntry:    b([]string{"+"}, "+", "add time entry"),
		EditEntry:   b([]string{"="}, "=", "edit time entry"),
		DeleteEntry: b([]string{"x"}, "x", "delete time entry"),
		Add:         b([]string{"a"}, "a", "add client"),
		Edit:        b([]string{"e"}, "e", "edit client"),
		Secret:      b([]string{"s"}, "s", "set secret"),
		Profile:     b([]string{"p"}, "p", "edit profile"),
		Note:        b([]string{"n"}, "n", "add log note"),
		Runbook:     b([]string{"E"}, "E", "edit runbook"),
		Allow:       b([]string{"A"}, "A", "review & allow import"),
		Filter:      b([]string{"/"}, "/", "filter"),
		Week:        b([]string{"w"}, "w", "week view"),
		Refresh:     b([]string{"r"}, "r", "refresh"),
		Help:        b([]string{"?"}, "?", "help"),
		Quit:        b([]string{"q"}, "q", "quit"), // never esc: esc goes back, and quits only the picker
		Dismiss:     b([]string{"enter", "esc", "q", "space"}, "enter/esc", "close"),
		Back:        b([]string{"esc", "q"}, "esc", "back"),
		ForceQuit:   b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Yes:         b([]string{"y", "Y"}, "y", "confirm"), // enter only where the dialog says so
		No:          b([]string{"n", "N", "esc", "q"}, "n", "cancel"),

		FilterAccept:  b([]string{"enter"}, "enter", "switch"),
		FilterUp:      b([]string{"up", "ctrl+p", "ctrl+k"}, "↑", "move up"),
		FilterDown:    b([]string{"down", "ctrl+n", "ctrl+j"}, "↓", "move down"),
		FilterKeep:    b([]string{"tab"}, "tab", "keep filter"),
		FilterClear:   b([]string{"esc"}, "esc", "clear"),
		TogglePreview: b([]string{"ctrl+o"}, "ctrl+o", "preview"),
		PrevWeek:      b([]string{"["}, "[", "previous week"),
		NextWeek:      b([]string{"]"}, "]", "next week"),
		ThisWeek:      b([]string{"."}, ".", "this week"),
		CellLeft:      b([]string{"left", "h"}, "←/h", "day before"),
		CellRight:     b([]string{"right", "l"}, "→/l", "day after"),
		OpenDay:       b([]string{"enter"}, "enter", "the day's entries"),
	}
}

// ShortHelp is the footer line, less help and quit, which the footer pins
// to its right end.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Switch, k.Digit, k.NextPane, k.Timer, k.Filter, k.Week}
}

// CompactHelp is ShortHelp in fewer words, for a footer too narrow for it.
func (k keyMap) CompactHelp() []key.Binding {
	terse := func(b key.Binding, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
	}
	return []key.Binding{terse(k.Switch, "switch"), terse(k.Digit, "pick"), terse(k.NextPane, "pane"),
		terse(k.Timer, "timer"), terse(k.Filter, "filter"), terse(k.Week, "week"), terse(k.Note, "note")}
}

// WeekHelp is the week view's footer, less help and back, which the footer
// pins to its right end; the previous and next week share a hint, and so
// do the four moves. compact says the same in fewer words, for a narrow
// footer.
func (k keyMap) WeekHelp() (keys, compact []key.Binding) {
	move := func(desc string) key.Binding {
		return key.NewBinding(key.WithKeys(append(k.PrevWeek.Keys(), k.NextWeek.Keys()...)...), key.WithHelp("[/]", desc))
	}
	cells := key.NewBinding(key.WithKeys(concatKeys(k.Up, k.Down, k.CellLeft, k.CellRight)...), key.WithHelp("←↓↑→", "cell"))
	open := key.NewBinding(key.WithKeys(k.OpenDay.Keys()...), key.WithHelp(k.OpenDay.Help().Key, "entries"))
	add := key.NewBinding(key.WithKeys(k.AddEntry.Keys()...), key.WithHelp(k.AddEntry.Help().Key, "add"))
	return []key.Binding{cells, open, add, move("prev/next week"), k.ThisWeek},
		[]key.Binding{cells, open, add, move("week")}
}

// DayHelp is the footer while a day's entries are open over the week view.
func (k keyMap) DayHelp() (keys, compact []key.Binding) {
	terse := func(b key.Binding, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
	}
	move := key.NewBinding(key.WithKeys(concatKeys(k.Up, k.Down, k.NextEntry, k.PrevEntry)...), key.WithHelp("↑/↓", "entry"))
	return []key.Binding{move, terse(k.AddEntry, "add"), terse(k.EditEntry, "edit"), terse(k.DeleteEntry, "delete"), terse(k.Undo, "undo")},
		[]key.Binding{move, terse(k.AddEntry, "add"), terse(k.EditEntry, "edit"), terse(k.DeleteEntry, "del")}
}

// TimePaneHelp is the footer while the Time pane shows: its entry keys
// first, since nothing else on the screen names them, then the switch
// and the next pane.
func (k keyMap) TimePaneHelp() (keys, compact []key.Binding) {
	terse := func(b key.Binding, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
	}
	move := key.NewBinding(key.WithKeys(concatKeys(k.NextEntry, k.PrevEntry)...), key.WithHelp("J/K", "entry"))
	return []key.Binding{move, terse(k.AddEntry, "add"), terse(k.EditEntry, "edit"), terse(k.DeleteEntry, "delete"),
			terse(k.Undo, "undo"), terse(k.StopAt, "stop at…"), k.Switch, k.NextPane},
		[]key.Binding{move, terse(k.AddEntry, "add"), terse(k.EditEntry, "edit"), terse(k.DeleteEntry, "del"), terse(k.Undo, "undo")}
}

// WeekFullHelp is the `?` screen opened from the week view.
func (k keyMap) WeekFullHelp() [][]key.Binding {
	return [][]key.Binding{
		{pair(k.Up, k.Down, "↑/↓ k/j", "client up/down"), pair(k.Top, k.Bottom, "g/G", "first/last client"),
			pair(k.CellLeft, k.CellRight, "←/→ h/l", "day before/after"), k.OpenDay},
		{entryKeys(k), key.NewBinding(key.WithKeys(k.Undo.Keys()...), key.WithHelp(k.Undo.Help().Key, "undo last time change")), k.StopAt},
		{k.PrevWeek, k.NextWeek, k.ThisWeek},
		{k.Refresh, k.Help, k.Back},
	}
}

// concatKeys is the keys of bindings, in order.
func concatKeys(bs ...key.Binding) []string {
	var keys []string
	for _, b := range bs {
		keys = append(keys, b.Keys()...)
	}
	return keys
}

// FullHelp is the `?` screen, one column per area.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, pair(k.PageUp, k.PageDown, "pgup/dn", "page up/down"), pair(k.Top, k.Bottom, "g/G", "first/last"),
			pair(k.NextEntry, k.PrevEntry, "J/K", "time entry down/up"), entryKeys(k)},
		{k.Switch, k.Digit, k.NextPane, k.PrevPane, k.DetailDown, k.DetailUp},
		{timerKeys(k), k.Add, pair(k.Edit, k.Profile, "e/p", "edit client/profile"), k.Secret, k.Note, k.Runbook},
		{k.Undo, k.Filter, k.Week, k.Refresh, k.Help, k.Quit},
	}
}

// timerKeys is t and T in one line of the full help, which has room for six
// lines a column at 60×15.
func timerKeys(k keyMap) key.Binding {
	return key.NewBinding(key.WithKeys(append(k.Timer.Keys(), k.StopAt.Keys()...)...), key.WithHelp("t/T", "start/stop timer, T at a time"))
}

// entryKeys is +, = and x in one line of the full help.
func entryKeys(k keyMap) key.Binding {
	keys := append(append(k.AddEntry.Keys(), k.EditEntry.Keys()...), k.DeleteEntry.Keys()...)
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp("+ = x", "add/edit/delete entry"))
}

// pair is two bindings in one line of the full help, which has room for
// six lines a column at 60×15.
func pair(a, b key.Binding, helpKey, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(helpKey, desc))
}

type keyBinding = key.Binding

// hint is a binding shown in help only: the keys of a component that
// matches them itself, like Huh's.
func hint(k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc))
}
