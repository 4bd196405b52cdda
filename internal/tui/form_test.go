package tui

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type submittedMsg struct{ value string }

// testForm opens a one-field form whose submit reports the value typed.
func testForm(t *testing.T, w, h int) (*form, *string) {
	t.Helper()
	f := newForm(testShared(nil))
	f.SetSize(w, h)
	value := new(string)
	fields := []huh.Field{huh.NewInput().Title("Log line").Value(value).Validate(func(s string) error {
		if s == "" {
			return errors.New("the note is empty: type what happened")
		}
		return nil
	})}
	f.Open(&formSpec{title: "Add a note", fields: func() []huh.Field { return fields }, submit: func() tea.Cmd {
		v := *value
		return func() tea.Msg { return submittedMsg{v} }
	}}, 0)
	require.True(t, f.Active())
	return f, value
}

// press sends keys to the form and runs what Huh answers (it completes a
// message later), until the form is done, cancelled, or waits for a key.
func (f *form) press(t *testing.T, keys ...string) (formResult, tea.Cmd) {
	t.Helper()
	var res formResult
	var cmd tea.Cmd
	for _, k := range keys {
		res, cmd = f.settle(keyMsg(k))
	}
	return res, cmd
}

func (f *form) settle(msg tea.Msg) (formResult, tea.Cmd) {
	res, cmd := f.Update(msg)
	queue := []tea.Cmd{cmd}
	for round := 0; res == formOpen && len(queue) > 0 && round < 20; round++ {
		msgs := runRound(queue)
		queue = nil
		for _, m := range msgs {
			if v := reflect.ValueOf(m); m != nil && v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdSliceType) {
				queue = append(queue, v.Convert(cmdSliceType).Interface().([]tea.Cmd)...)
				continue
			}
			if m == nil || res != formOpen {
				continue
			}
			var next tea.Cmd
			if res, next = f.Update(m); res != formOpen {
				cmd = next
			}
			queue = append(queue, next)
		}
	}
	return res, cmd
}

func TestFormCompletesIntoItsSubmit(t *testing.T) {
	f, _ := testForm(t, 80, 20)
	res, _ := f.press(t, "enter")
	assert.Equal(t, formOpen, res, "the field does not validate")
	assert.Contains(t, ansi.Strip(f.View()), "the note is empty")

	f.Update(tea.PasteMsg{Content: "paged"})
	res, cmd := f.press(t, "enter")
	require.Equal(t, formDone, res)
	require.NotNil(t, cmd)
	assert.Equal(t, submittedMsg{"paged"}, cmd())
	assert.False(t, f.Active(), "a completed form closes")
	assert.Empty(t, f.View())
}

func TestFormEscCancelsAndSubmitsNothing(t *testing.T) {
	f, value := testForm(t, 80, 20)
	f.Update(tea.PasteMsg{Content: "half a thought"})
	res, cmd := f.press(t, "esc")
	assert.Equal(t, formCancelled, res)
	assert.Nil(t, cmd, "nothing is submitted")
	assert.False(t, f.Active())
	assert.Equal(t, "half a thought", *value, "the values stay with whoever opened the form")

	res, _ = f.Update(keyMsg("x"))
	assert.Equal(t, formOpen, res, "a closed form takes nothing")
}

// The form follows the body's size while it is open.
func TestFormFollowsResizes(t *testing.T) {
	f, _ := testForm(t, 100, 20)
	widest := func() int {
		w := 0
		for _, l := range strings.Split(ansi.Strip(f.View()), "\n") {
			w = max(w, ansi.StringWidth(l))
		}
		return w
	}
	assert.LessOrEqual(t, widest(), 72, "at most 72 wide")
	f.SetSize(40, 20)
	assert.LessOrEqual(t, widest(), 38, "narrower with the terminal")
}
