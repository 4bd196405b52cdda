package tui

import (
	"image/color"
	"reflect"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// formSubmit turns a completed form into the command that acts on it.
type formSubmit func() tea.Cmd

// formSpec is a form as it can be opened again: its fields are built anew
// each time on the same targets, so a form reopened after a failed save
// shows what was typed.
type formSpec struct {
	title  string
	fields func() []huh.Field
	// check validates the fields together once the last one is done
	// (a rate against the currency typed after it); a failure keeps the
	// form open on the field it names. nil: each field's own check only.
	check func() (field int, err error)
	// focus is the field a failed save is about; nil: a failed save does
	// not reopen the form (a switch's MFA code is not kept).
	focus  func(err error) int
	submit formSubmit
}

// form is a Huh form shown in the body's place: a client's settings, a
// secret, a log line. It holds the form and what completing it does; the
// values live in the fields' targets, which the caller keeps, so a form
// opened again on them shows what was typed.
type form struct {
	sh      *shared
	w, h    int
	f       *huh.Form // nil when no form is open
	spec    *formSpec
	problem error // what check found when the last field was done
	// lastDone is the form completed last, which the root may reopen
	// when saving it fails.
	lastDone *formSpec
}

// formResult is what a message did to the form.
type formResult int

const (
	formOpen      formResult = iota // still being filled in
	formDone                        // completed: the command is the submit's
	formCancelled                   // esc
	formInvalid                     // done, but check failed: still open, on the bad field
)

func newForm(sh *shared) *form { return &form{sh: sh} }

// Active reports whether a form is open.
func (f *form) Active() bool { return f.f != nil }

// Open shows spec's form, focused on field at (0 is the first); esc
// cancels it.
func (f *form) Open(spec *formSpec, at int) tea.Cmd {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	theme := huh.ThemeFunc(formTheme)
	if f.sh.opts.NoColor {
		theme = huh.ThemeFunc(plainFormTheme)
	}
	fields := spec.fields()
	f.f = huh.NewForm(huh.NewGroup(fields...).Title(spec.title)).
		WithKeyMap(km).WithTheme(theme).WithShowHelp(true).
		WithShowErrors(false) // shown by View, wrapped at spaces
	f.f.Update(tea.BackgroundColorMsg{Color: bgFor(f.sh.dark)})
	f.resize()
	f.spec = spec
	cmd := f.f.Init()
	for range min(at, len(fields)-1) {
		f.f.NextField() // moved at once; the focus's own command is Init's
	}
	return cmd
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
		f.f.WithWidth(f.width()).WithHeight(max(f.h-2-len(f.errLines()), 5))
	}
}

func (f *form) width() int { return min(f.w-2, 72) }

// optionLabel is a choice's label as one line of the form: what (a
// context name, a path) loses its middle, never its end, to leave room
// for the field's marks and cursor and for the note after it. Huh would
// wrap it at a hyphen instead.
func (f *form) optionLabel(prefix, what, note string) string {
	room := f.width() - 8 - ansi.StringWidth(prefix) - ansi.StringWidth(note)
	return prefix + strings.TrimRight(midFit(what, max(min(ansi.StringWidth(what), room), 12)), " ") + note
}

// errLines is what the focused fields refuse, whole and wrapped at
// spaces: Huh's own footer breaks at hyphens and dots, inside a date or
// a path, and is cut below a form that fills the body.
func (f *form) errLines() []string {
	var out []string
	for _, err := range f.f.Errors() {
		for _, l := range wrapWords("* "+tuiWords(err.Error()), f.width()) {
			out = append(out, f.sh.st.Err.Render(l))
		}
	}
	return out
}

// Update passes msg to the open form. A completed form closes, then its
// submit runs and its command comes back; a cancelled one closes.
func (f *form) Update(msg tea.Msg) (formResult, tea.Cmd) {
	if f.f == nil {
		return formOpen, nil
	}
	_, cmd := f.f.Update(msg)
	cmd = f.moveFocusNow(cmd, 0)
	if f.f.State == huh.StateNormal {
		f.resize() // room for what the fields refuse now, or back without it
	}
	switch f.f.State {
	case huh.StateCompleted:
		spec := f.spec
		if spec.check != nil {
			if i, err := spec.check(); err != nil {
				f.problem = err
				return formInvalid, f.Open(spec, i)
			}
		}
		f.close()
		f.lastDone = spec
		return formDone, spec.submit()
	case huh.StateAborted:
		f.close()
		return formCancelled, nil
	}
	return formOpen, cmd
}

// moveFocusNow moves the focus now where Huh's command would move it later:
// Huh moves to the next field through a message that queues behind the
// keys already typed, so "FOO", enter, "bar" typed quickly (or pasted
// through tmux) put "a" of "bar" in the field enter left; and a key
// typed after the last field's enter went into that field rather than to
// the screen behind the closed form. Any other command goes to the
// program as it is.
func (f *form) moveFocusNow(cmd tea.Cmd, depth int) tea.Cmd {
	if cmd == nil || depth > 8 || f.f == nil {
		return cmd
	}
	codes := focusCodes()
	switch reflect.ValueOf(cmd).Pointer() {
	case codes.next, codes.prev, codes.nextGroup:
		_, then := f.f.Update(cmd())
		return f.moveFocusNow(then, depth+1)
	case codes.batch:
		batch, ok := cmd().(tea.BatchMsg)
		if !ok {
			return cmd
		}
		rest := make([]tea.Cmd, len(batch))
		for i, c := range batch {
			rest[i] = f.moveFocusNow(c, depth+1)
		}
		return tea.Batch(rest...)
	}
	return cmd
}

// focusCodes are the code of Huh's focus commands and of a batch of
// commands, found on first use rather than at init (docs/performance.md).
var focusCodes = sync.OnceValue(func() struct{ next, prev, nextGroup, batch uintptr } {
	noop := func() tea.Msg { return nil }
	// Huh's move past a group's last field (which completes a one-group
	// form) is unexported: it is what a one-field form answers NextField
	// with.
	probe := huh.NewForm(huh.NewGroup(huh.NewNote()))
	probe.Init()
	_, past := probe.Update(huh.NextField())
	return struct{ next, prev, nextGroup, batch uintptr }{
		next:      reflect.ValueOf(huh.NextField).Pointer(),
		prev:      reflect.ValueOf(huh.PrevField).Pointer(),
		nextGroup: reflect.ValueOf(past).Pointer(),
		batch:     reflect.ValueOf(tea.Batch(noop, noop)).Pointer(),
	}
})

// close drops the form, and with it whatever its fields held.
func (f *form) close() { f.f, f.spec = nil, nil }

// Problem is what check found, once: the caller shows it.
func (f *form) Problem() error {
	err := f.problem
	f.problem = nil
	return err
}

func (f *form) View() string {
	if f.f == nil {
		return ""
	}
	view := f.f.View()
	if errs := f.errLines(); len(errs) > 0 {
		view = strings.TrimRight(view, "\n") + "\n\n" + strings.Join(errs, "\n")
	}
	return view
}

// ShortHelp is the footer's key help while a form is open: Huh's own keys.
func (f *form) ShortHelp() []key.Binding {
	return []key.Binding{hint("enter", "next"), hint("shift+tab", "back"), hint("esc", "cancel")}
}
