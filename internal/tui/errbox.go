package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// errorBox shows an error whole, over the screen, until it is dismissed:
// wrapped at spaces (never inside a path or command), scrolled when it is
// longer than the screen. It takes every key while open, so the key that
// dismisses it is used up there: the Enter that acknowledges an error can
// never also switch the shell behind it.
type errorBox struct {
	sh     *shared
	w, h   int // the room it may take: the body's
	text   string
	offset int // first line shown
}

func newErrorBox(sh *shared) *errorBox { return &errorBox{sh: sh} }

// Show opens the box on text; an error already open gets the new one
// under it, so neither is lost.
func (b *errorBox) Show(text string) {
	text = tuiWords(text)
	switch {
	case b.text == "":
		b.text, b.offset = text, 0
	case !strings.Contains(b.text, text):
		b.text += "\n\n" + text
	}
}

// Open reports whether an error waits to be read.
func (b *errorBox) Open() bool { return b.text != "" }

// Text is the error shown, in the TUI's words.
func (b *errorBox) Text() string { return b.text }

func (b *errorBox) close() { b.text, b.offset = "", 0 }

// SetSize is the body's size; the box keeps a margin inside it.
func (b *errorBox) SetSize(w, h int) {
	b.w, b.h = w, h
	b.offset = min(b.offset, b.maxOffset())
}

// boxWidth is the box's outer width: wide enough to read, never wider
// than the screen.
func (b *errorBox) boxWidth() int { return max(min(b.w-2, 100), 12) }

// textWidth is the room for text inside the border and padding.
func (b *errorBox) textWidth() int { return b.boxWidth() - 4 }

// rows is how many lines of text show at once: the body less the
// border, the title and the key line.
func (b *errorBox) rows() int { return max(b.h-4, 1) }

func (b *errorBox) lines() []string { return wrapWords(b.text, b.textWidth()) }

func (b *errorBox) maxOffset() int { return max(len(b.lines())-b.rows(), 0) }

// Update: enter, esc, q or space dismiss; the arrows, j/k and the page
// keys scroll; every other key is swallowed.
func (b *errorBox) Update(msg tea.Msg) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		k := b.sh.keys
		switch {
		case key.Matches(msg, k.Dismiss):
			b.close()
		case key.Matches(msg, k.Up):
			b.scroll(-1)
		case key.Matches(msg, k.Down):
			b.scroll(1)
		case key.Matches(msg, k.PageUp, k.DetailUp):
			b.scroll(-b.rows())
		case key.Matches(msg, k.PageDown, k.DetailDown):
			b.scroll(b.rows())
		}
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			b.scroll(-3)
		} else if msg.Button == tea.MouseWheelDown {
			b.scroll(3)
		}
	}
}

func (b *errorBox) scroll(n int) { b.offset = max(0, min(b.offset+n, b.maxOffset())) }

// View is the box: a title, the lines in view, and how to go on.
func (b *errorBox) View() []string {
	if !b.Open() {
		return nil
	}
	st := b.sh.st
	lines := b.lines()
	end := min(b.offset+b.rows(), len(lines))
	body := []string{st.Err.Bold(true).Render("✗ Error")}
	for _, l := range lines[b.offset:end] {
		body = append(body, st.ErrText.Render(l))
	}
	hint := "enter/esc close"
	if len(lines) > b.rows() {
		hint = fmt.Sprintf("↑/↓ scroll %d–%d of %d · %s", b.offset+1, end, len(lines), hint)
	}
	body = append(body, st.Dim.Render(ansi.Truncate(hint, b.textWidth(), "…")))
	box := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1).Width(b.boxWidth())
	if st.errColor != nil {
		box = box.BorderForeground(st.errColor)
	}
	return splitLines(box.Render(strings.Join(body, "\n")))
}

// ShortHelp is the footer's key help while an error is shown.
func (b *errorBox) ShortHelp() []key.Binding {
	return []key.Binding{b.sh.keys.Dismiss, hint("↑/↓", "scroll")}
}

// overlay puts box over the middle of body, which is w cells wide: the
// lines it covers are replaced whole, the box centred on them.
func overlay(body, box []string, w int) []string {
	if len(box) == 0 {
		return body
	}
	top := max((len(body)-len(box))/2, 0)
	out := append([]string(nil), body...)
	for i, l := range box {
		if top+i >= len(out) {
			break
		}
		left := max((w-ansi.StringWidth(l))/2, 0)
		out[top+i] = fit(strings.Repeat(" ", left)+l, w)
	}
	return out
}
