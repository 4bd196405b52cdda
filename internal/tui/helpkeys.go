package tui

import "charm.land/bubbles/v2/key"

type keyBinding = key.Binding

func hint(k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc))
}

// formHelp is the footer's key help while a form is open: huh's own keys.
var formHelp = []key.Binding{hint("enter", "next"), hint("shift+tab", "back"), hint("esc", "cancel")}
