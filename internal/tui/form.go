package tui

import (
	"image/color"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// formSubmit turns a completed form into the command that acts on it.
type formSubmit func() tea.Cmd

// form is a Huh form shown in the body's place: a client's settings, a
// secret, a log line. It holds the form and what completing it does; the
// values live in the fields' targets, which the caller keeps, so a form
// opened again on them shows what was typed.
type form struct {
	sh     *shared
	w, h   int
	f      *huh.Form // nil when no form is open
	submit formSubmit
}

// formResult is what a message did to the form.
type formResult int

const (
	formOpen      formResult = iota // still being filled in
	formDone                        // completed: the command is the submit's
	formCancelled                   // esc
)

func newForm(sh *shared) *form { return &form{sh: sh} }

// Active reports whether a form is open.
func (f *form) Active() bool { return f.f != nil }

// Open shows a form of fields under title; esc cancels it.
func (f *form) Open(title string, fields []huh.Field, submit formSubmit) tea.Cmd {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	theme := huh.ThemeFunc(formTheme)
	if f.sh.opts.NoColor {
		theme = huh.ThemeFunc(plainFormTheme)
	}
	f.f = huh.NewForm(huh.NewGroup(fields...).Title(title)).
		WithKeyMap(km).WithTheme(theme).WithShowHelp(true)
	f.f.Update(tea.BackgroundColorMsg{Color: bgFor(f.sh.dark)})
	f.resize()
	f.submit = submit
	return f.f.Init()
}

func bgFor(dark bool) color.Color {
	if dark {
		return color.Black
	}
	return color.White
}

// SetSize is the body's size; the form is a little narrower and lower,
// and follows it when the terminal is resized while it is open.
func (f *form) SetSize(w, h int) {
	if w == f.w && h == f.h {
		return
	}
	f.w, f.h = w, h
	f.resize()
}

func (f *form) resize() {
	if f.f != nil {
		f.f.WithWidth(min(f.w-2, 72)).WithHeight(max(f.h-2, 5))
	}
}

// Update passes msg to the open form. A completed form closes, then its
// submit runs and its command comes back; a cancelled one closes.
func (f *form) Update(msg tea.Msg) (formResult, tea.Cmd) {
	if f.f == nil {
		return formOpen, nil
	}
	_, cmd := f.f.Update(msg)
	switch f.f.State {
	case huh.StateCompleted:
		submit := f.submit
		f.close()
		return formDone, submit()
	case huh.StateAborted:
		f.close()
		return formCancelled, nil
	}
	return formOpen, cmd
}

// close drops the form, and with it whatever its fields held.
func (f *form) close() { f.f, f.submit = nil, nil }

func (f *form) View() string {
	if f.f == nil {
		return ""
	}
	return f.f.View()
}

// ShortHelp is the footer's key help while a form is open: Huh's own keys.
func (f *form) ShortHelp() []key.Binding {
	return []key.Binding{hint("enter", "next"), hint("shift+tab", "back"), hint("esc", "cancel")}
}
