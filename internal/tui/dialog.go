package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// dialog asks a yes/no question before a destructive action (stopping
// another client's timer, archiving, replacing a secret). While it is open
// it takes every key: the key that answers it is used up there and never
// reaches the screen behind it.
type dialog struct {
	sh     *shared
	w, h   int
	open   bool
	prompt string
	yes    tea.Cmd // what "yes" runs
	// enterYes: enter answers yes too. Only where yes is harmless and
	// undone in a key (a switch, a timer moved): a removal or a
	// production switch takes y, so the enter that submitted a form, or
	// a second enter typed ahead, never answers it.
	enterYes bool
}

// dialogResult is what a key did to the dialog.
type dialogResult int

const (
	dialogPending dialogResult = iota // not an answer: the dialog stays open
	dialogYes
	dialogNo
)

func newDialog(sh *shared) *dialog { return &dialog{sh: sh} }

// Confirm opens the dialog on prompt; yes runs if the answer is y.
func (d *dialog) Confirm(prompt string, yes tea.Cmd) {
	d.open, d.prompt, d.yes, d.enterYes = true, prompt, yes, false
}

// ConfirmOrEnter is Confirm where enter answers yes as well: for a
// question whose yes is harmless and undone in a key.
func (d *dialog) ConfirmOrEnter(prompt string, yes tea.Cmd) {
	d.Confirm(prompt, yes)
	d.enterYes = true
}

// Open reports whether the dialog waits for an answer.
func (d *dialog) Open() bool { return d.open }

// Update answers the dialog with a key: yes hands back the action, no
// closes it, any other key is swallowed.
func (d *dialog) Update(msg tea.Msg) (dialogResult, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || !d.open {
		return dialogPending, nil
	}
	switch {
	case key.Matches(k, d.sh.keys.Yes), d.enterYes && k.String() == "enter":
		yes := d.yes
		d.close()
		return dialogYes, yes
	case key.Matches(k, d.sh.keys.No):
		d.close()
		return dialogNo, nil
	}
	return dialogPending, nil
}

func (d *dialog) close() { d.open, d.prompt, d.yes, d.enterYes = false, "", nil, false }

// SetSize is the room the question is shown in: the footer's message
// place, w cells wide and up to h lines.
func (d *dialog) SetSize(w, h int) { d.w, d.h = w, h }

// View is the question and its keys, wrapped to the dialog's width.
func (d *dialog) View() string {
	if !d.open {
		return ""
	}
	lines := wrapLines(d.prompt+" [y/n]", d.w, max(d.h, 1))
	for i, l := range lines {
		lines[i] = d.sh.st.Warn.Render(l)
	}
	return strings.Join(lines, "\n")
}

// ShortHelp is the footer's key help while the dialog is open.
func (d *dialog) ShortHelp() []key.Binding {
	if d.enterYes {
		return []key.Binding{hint("y/enter", "confirm"), d.sh.keys.No}
	}
	return []key.Binding{d.sh.keys.Yes, d.sh.keys.No}
}
