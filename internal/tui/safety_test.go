package tui

import (
	"bytes"
	"github.com/stint-sh/stint/internal/workbench"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The safety rules of the keys, each as a whole-program flow through a real
// tea.Program (teatest): the key that dismisses an error or answers a
// dialog goes no further, esc never quits the workbench, a switch from the
// workbench asks, a digit into a production client asks.

func waitScreen(t *testing.T, tm *teatest.TestModel, want string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return bytes.Contains(out, []byte(want)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// The issue's own steps: an add that fails once the form has closed shows
// the error, and the Enter that acknowledges it does not switch the shell.
func TestProgramEnterThatClosesAnErrorDoesNotSwitch(t *testing.T) {
	b := fixture()
	b.failWith["AddClient"] = errString("client \"hooli\" could not be saved: the database is locked")
	tm := startProgram(t, b, hooked(t))
	tm.Send(keyMsg("a"))
	waitScreen(t, tm, "Add a client")
	tm.Type("hooli")
	for range 10 { // through every field, the last completes the form
		tm.Send(keyMsg("enter"))
	}
	waitScreen(t, tm, "database is locked")
	tm.Send(keyMsg("enter")) // read: closes the error, nothing else
	tm.Send(keyMsg("esc"))   // the form, reopened with what was typed, is left
	waitScreen(t, tm, "Cancelled")
	tm.Send(keyMsg("q"))
	fm, screen := finalScreen(t, tm)
	assert.Nil(t, fm.Result(), "no switch")
	assert.Empty(t, b.switchReqs)
	assert.NotContains(t, screen, "database is locked")
}

func TestProgramEscNeverQuitsTheWorkbench(t *testing.T) {
	b := fixture()
	tm := startProgram(t, b, hooked(t))
	for _, k := range []string{"esc", "w", "esc", "esc", "?", "esc", "esc", "/", "esc", "esc"} {
		tm.Send(keyMsg(k))
	}
	tm.Send(keyMsg("t")) // still there to take a key
	waitScreen(t, tm, "Stopped acme")
	tm.Send(keyMsg("q"))
	fm, _ := finalScreen(t, tm)
	assert.Nil(t, fm.Result())
	assert.Equal(t, []string{"Stop acme"}, b.calls, "every esc went back or did nothing; t still acted")
}

func TestProgramWorkbenchEnterAsksBeforeSwitching(t *testing.T) {
	b := fixture()
	tm := startProgram(t, b, hooked(t))
	tm.Send(keyMsg("j"))
	tm.Send(keyMsg("enter"))
	waitScreen(t, tm, "Switch this shell to globex?")
	tm.Send(keyMsg("n"))
	waitScreen(t, tm, "Cancelled")
	tm.Send(keyMsg("enter"))
	tm.Send(keyMsg("y"))
	fm, _ := finalScreen(t, tm)
	require.NotNil(t, fm.Result())
	assert.Equal(t, "globex", fm.Result().Client)
	require.Len(t, b.switchReqs, 1, "n switched nothing")
}

func TestProgramDigitIntoProductionAsks(t *testing.T) {
	for _, picker := range []bool{false, true} {
		b := fixture()
		opts := hooked(t)
		opts.CurrentClient, opts.Picker = "globex", picker
		tm := startProgram(t, b, opts)
		// 1 is acme, production: it asks, n says no; 2 (globex) goes at
		// once. Had 1 not asked, the shell would be in acme.
		tm.Send(keyMsg("1"))
		tm.Send(keyMsg("n"))
		tm.Send(keyMsg("2"))
		fm, _ := finalScreen(t, tm)
		require.NotNil(t, fm.Result(), "picker %v", picker)
		assert.Equal(t, "globex", fm.Result().Client, "picker %v", picker)
		require.Len(t, b.switchReqs, 1)
	}
}

// The picker switches on enter at once, as it always did, and on a digit
// into a client that is not production.
func TestProgramPickerSwitchesAtOnce(t *testing.T) {
	for _, k := range []string{"enter", "2"} {
		b := fixture()
		opts := hooked(t)
		opts.CurrentClient, opts.Picker = "globex", true
		tm := startProgram(t, b, opts)
		tm.Send(keyMsg(k))
		fm, _ := finalScreen(t, tm)
		require.NotNil(t, fm.Result(), k)
		assert.Equal(t, "globex", fm.Result().Client, k)
	}
}

// A client whose default kube context is marked production asks before a
// digit takes the shell into it, though the client itself is not.
func TestDigitIntoAProductionContextAsks(t *testing.T) {
	for _, picker := range []bool{false, true} {
		b := fixture()
		p := b.profiles["globex"]
		p.Kube = workbench.KubeView{Contexts: []string{"gke_globex-prod-1_europe-west1_main"}, Context: "gke_globex-prod-1_europe-west1_main",
			Production: []string{"gke_globex-prod-1_europe-west1_main"}}
		b.profiles["globex"] = p
		opts := hooked(t)
		opts.Picker = picker
		h := newHarness(t, b, opts, 120, 40)
		h.press("2")
		require.True(t, h.m.dialog.Open(), "picker %v", picker)
		assert.Contains(t, h.screen(), "its kube context gke_globex-prod-1_europe-west1_main is PRODUCTION?")
		assert.Empty(t, b.switchReqs)
		h.press("y")
		require.True(t, h.quit)
		assert.Equal(t, "globex", b.switchReqs[0].Client)
	}
	h := newHarness(t, fixture(), hooked(t), 120, 40) // globex, no production context: at once
	h.press("2")
	assert.True(t, h.quit)
}
