package tui

import (
	tea "charm.land/bubbletea/v2"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A field's refusal is shown whole below the form, wrapped at spaces: at
// every size the whole text is on the screen and no time, date or path
// in it is broken at a hyphen.
func TestFormFieldErrorIsShownWholeAndWrappedAtSpaces(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}, {60, 15}} {
		now := time.Date(2026, 11, 1, 23, 50, 0, 0, newYork(t)).In(time.UTC)
		h := newHarnessOn(t, realNYC(t, now), Options{CurrentClient: "nyc", Now: func() time.Time { return now }}, size[0], size[1])
		for i := 0; i < 6 && !h.m.form.Active(); i++ {
			h.press("+")
			if !h.m.form.Active() {
				h.press("tab") // on to the Time pane, where + adds
			}
		}
		require.True(t, h.m.form.Active(), "%v\n%s", size, h.screen())
		h.paste("25:99")
		h.press("enter")
		screen := ansi.Strip(h.screen())
		var words []string
		for _, l := range strings.Split(screen, "\n") {
			words = append(words, strings.Fields(strings.Trim(l, "│ "))...)
		}
		joined := " " + strings.Join(words, " ") + " "
		for _, want := range []string{`"25:99"`, "understood:", `"2h ago",`, "now,", "2026-11-02,"} {
			assert.Contains(t, joined, " "+want+" ", "%v: %q missing or cut in\n%s", size, want, screen)
		}
		assert.Len(t, strings.Split(h.screen(), "\n"), size[1], "%v", size)
	}
}

// Keys typed right after enter, before the program has run anything Huh
// asked for, go to the field enter moved to (tmux send-keys, a fast
// typist): "FOO", enter, "bar" is FOO=bar, not FOOb=ar.
func TestFormKeysTypedAheadOfEnterGoToTheNextField(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuSetVar)
	h.press("enter") // a new variable
	for _, k := range []string{"F", "O", "O", "enter", "b", "a", "r"} {
		h.m.Update(keyMsg(k)) // what it asks for is not run: the next key is already there
	}
	h.press("enter")
	assert.Equal(t, []string{"set acme FOO=bar"}, b.calls, h.screen())
}

// A key typed right after the last field's enter is not the form's: the
// form completes first, saving what was there, and the key goes on to the
// screen behind it.
func TestFormKeyTypedAheadOfTheLastEnterIsNotTheForms(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuSetVar)
	h.press("enter") // a new variable
	var cmds []tea.Cmd
	for _, k := range []string{"F", "O", "O", "enter", "b", "a", "r", "enter", "j"} {
		_, cmd := h.m.Update(keyMsg(k))
		cmds = append(cmds, cmd)
	}
	h.run(tea.Batch(cmds...))
	assert.Equal(t, []string{"set acme FOO=bar"}, b.calls, h.screen())
	assert.False(t, h.m.form.Active())
	c, _ := h.m.selected()
	assert.Equal(t, "globex", c.Slug, "j moved the list, not lost in the closing form")
}
