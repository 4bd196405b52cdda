package tui

import (
	"bytes"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/stretchr/testify/assert"
)

// The profile editor through a real tea.Program: a variable set, then
// removed after the question, then q.
func TestProgramProfileSetsAndRemovesAVariable(t *testing.T) {
	b := fixture()
	tm := startProgram(t, b, Options{CurrentClient: "acme"})
	waitFor := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return bytes.Contains(out, []byte(s)) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	tm.Send(keyMsg("p"))
	waitFor("Remove a secret")   // the menu; the output is diffs, so a word only it has
	tm.Send(keyMsg("enter"))     // set a variable
	tm.Send(keyMsg("enter"))     // a new one
	waitFor("e.g. TF_WORKSPACE") // the name's placeholder
	tm.Type("REGION")
	tm.Send(keyMsg("enter"))
	waitFor("┃ Value") // huh moves the focus by a command of its own: typing waits for it
	tm.Type("eu")
	tm.Send(keyMsg("enter"))
	waitFor("REGION of acme")

	tm.Send(keyMsg("p"))
	tm.Send(keyMsg("down"))
	tm.Send(keyMsg("enter")) // remove a variable
	waitFor("= acme-prod")
	tm.Send(keyMsg("enter")) // LOG_LEVEL, the first
	waitFor("[y/n]")
	tm.Send(keyMsg("y"))
	waitFor("LOG_LEVEL of acme")
	tm.Send(keyMsg("q"))
	fm, screen := finalScreen(t, tm)
	assert.Nil(t, fm.Result(), "no switch")
	assert.Contains(t, screen, "REGION")
	b.mu.Lock()
	defer b.mu.Unlock()
	assert.Equal(t, []string{"set acme REGION=eu", "unset acme LOG_LEVEL"}, b.calls)
}
