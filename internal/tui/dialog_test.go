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

// Enter answers yes only where the dialog was opened to take it
// (ConfirmOrEnter); a Confirm's yes is y.
func TestDialogAnswersAndSwallowsOtherKeys(t *testing.T) {
	yes := func() tea.Msg { return yesMsg{} }
	for _, c := range []struct {
		orEnter bool
		key     string
		want    dialogResult
	}{
		{false, "y", dialogYes}, {false, "Y", dialogYes}, {false, "enter", dialogPending},
		{true, "y", dialogYes}, {true, "enter", dialogYes},
		{false, "n", dialogNo}, {false, "N", dialogNo}, {false, "esc", dialogNo}, {false, "q", dialogNo},
		{true, "esc", dialogNo},
		{false, "x", dialogPending}, {false, "j", dialogPending}, {false, "1", dialogPending},
		{true, "x", dialogPending},
	} {
		d := newDialog(testShared(nil))
		if c.orEnter {
			d.ConfirmOrEnter("Stop acme's timer?", yes)
		} else {
			d.Confirm("Delete secret GITHUB_TOKEN?", yes)
		}
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

// A question before a removal, a deletion, unguarding or allowing takes
// y: the enter that submitted its form, typed twice or ahead, leaves it
// open and changes nothing.
func TestEnterTypedAheadAnswersNoRiskyQuestion(t *testing.T) {
	for _, c := range []struct {
		name string
		open func(h *harness)
	}{
		{"remove a variable", func(h *harness) { h.openMenu(menuUnsetVar); h.press("enter") }},
		{"remove a context", func(h *harness) { h.openMenu(menuKubeRm); h.press("enter") }},
		{"remove a kubeconfig", func(h *harness) { h.openMenu(menuKubeRm); h.press("down", "enter") }},
		{"delete a secret", func(h *harness) { h.openMenu(menuUnsetSec); h.press("enter") }},
		{"unguard a context", func(h *harness) {
			h.openMenu(menuKubeProd)
			h.press("space", "enter")
			h.b.calls = nil
			h.openMenu(menuKubeProd)
			h.press("space", "enter")
		}},
		{"digit into production", func(h *harness) { h.press("esc", "1") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := fixture()
			b.secrets["acme"] = map[string]string{"GITHUB_TOKEN": "ghp"}
			h := newHarness(t, b, hooked(t), 120, 40)
			c.open(h)
			require.True(t, h.m.dialog.Open(), h.screen())
			h.press("enter")
			assert.True(t, h.m.dialog.Open(), "enter left the question open")
			assert.Empty(t, b.calls)
			assert.Empty(t, b.switchReqs)
			h.press("y")
			assert.False(t, h.m.dialog.Open())
			assert.True(t, len(b.calls)+len(b.switchReqs) > 0, "y does it")
		})
	}
}
