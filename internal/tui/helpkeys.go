package tui

import "charm.land/bubbles/v2/key"

type keyBinding = key.Binding

func hint(k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc))
}

// Footer help in the modes that have their own keys.
var (
	formHelp   = []key.Binding{hint("enter", "next"), hint("shift+tab", "back"), hint("esc", "cancel")}
	filterHelp = []key.Binding{hint("enter", "switch"), hint("↑/↓", "move"), hint("tab", "keep filter"), hint("esc", "clear")}
	// In the hotkey's picker esc quits once nothing is typed.
	pickerHelp = []key.Binding{hint("enter", "switch"), hint("↑/↓", "move"), hint("1-9", "pick"), hint("esc", "quit")}
)
