package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testShared is the shared state a component is built on in its own
// tests: the fake clock, plain dark styles, the fixture's clients.
func testShared(b *fakeBackend) *shared {
	now := func() time.Time { return testNow }
	sh := &shared{
		opts: Options{Environ: testEnviron(), Now: now},
		fx:   effects{ctx: context.Background(), b: b, now: now},
		keys: newKeyMap(), st: newStyles(true, false), dark: true, now: testNow,
	}
	if b != nil {
		sh.clients, _ = b.Clients(context.Background(), false)
	}
	return sh
}

type yesMsg struct{}

func TestDialogAnswersAndSwallowsOtherKeys(t *testing.T) {
	yes := func() tea.Msg { return yesMsg{} }
	for _, c := range []struct {
		key  string
		want dialogResult
	}{
		{"y", dialogYes}, {"Y", dialogYes}, {"enter", dialogYes},
		{"n", dialogNo}, {"N", dialogNo}, {"esc", dialogNo}, {"q", dialogNo},
		{"x", dialogPending}, {"j", dialogPending}, {"1", dialogPending},
	} {
		d := newDialog(testShared(nil))
		d.Confirm("Stop acme's timer?", yes)
		res, cmd := d.Update(keyMsg(c.key))
		assert.Equal(t, c.want, res, c.key)
		assert.Equal(t, c.want == dialogPending, d.Open(), "%s: only an answer closes it", c.key)
		if c.want == dialogYes {
			require.NotNil(t, cmd, c.key)
			assert.Equal(t, yesMsg{}, cmd(), "yes runs the action")
		} else {
			assert.Nil(t, cmd, c.key)
		}
	}
}

func TestDialogIgnoresWhatIsNotAKey(t *testing.T) {
	d := newDialog(testShared(nil))
	d.Confirm("Archive globex?", nil)
	res, cmd := d.Update(tickMsg(testNow))
	assert.Equal(t, dialogPending, res)
	assert.Nil(t, cmd)
	assert.True(t, d.Open())

	closed := newDialog(testShared(nil))
	res, _ = closed.Update(keyMsg("y"))
	assert.Equal(t, dialogPending, res, "a closed dialog answers nothing")
	assert.Empty(t, closed.View())
}

func TestDialogViewWrapsTheQuestionToItsSize(t *testing.T) {
	d := newDialog(testShared(nil))
	d.Confirm("acme already has a secret GITHUB_TOKEN: replace its value?", nil)
	d.SetSize(24, 3)
	lines := strings.Split(ansi.Strip(d.View()), "\n")
	assert.Equal(t, []string{"acme already has a", "secret GITHUB_TOKEN:", "replace its value? [y/n]"}, lines)
	d.SetSize(24, 2)
	lines = strings.Split(ansi.Strip(d.View()), "\n")
	require.Len(t, lines, 2)
	assert.True(t, strings.HasSuffix(lines[1], "…"), "cut where it does not fit: %q", lines[1])
}

// The key that answers the dialog is used up there: enter as yes does not
// also switch the shell, q as no does not also quit.
func TestDialogUsesUpTheKeyThatAnswersIt(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, hooked(t), 120, 40)
	h.press("j", "t") // acme runs: starting globex asks first
	require.True(t, h.m.dialog.Open())
	h.press("q")
	assert.False(t, h.quit, "q answered no")
	assert.Empty(t, b.calls)

	h.press("t")
	require.True(t, h.m.dialog.Open())
	h.press("enter")
	assert.Equal(t, []string{"Start globex"}, b.calls)
	assert.Empty(t, b.switchReqs, "enter answered yes, it did not switch")
	assert.False(t, h.quit)
}
