package tui

import (
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

func hooked(t *testing.T) Options {
	f := filepath.Join(t.TempDir(), "eval")
	return Options{CurrentClient: "acme", EvalFile: f, Shell: "bash", Deliver: toFile(f)}
}

// toFile stands in for the CLI's delivery: the script lands in path.
func toFile(path string) func(script, summary string) error {
	return func(script, _ string) error { return os.WriteFile(path, []byte(script), 0o600) }
}

func TestStartsOnCurrentClientAndLoadsIt(t *testing.T) {
	h := newHarness(t, fixture(), Options{CurrentClient: "globex"}, 120, 40)
	assert.Equal(t, "globex", h.m.list.selectedSlug)
	assert.Equal(t, 1, h.m.list.cursor)
	assert.Len(t, h.m.sh.clients, 3, "archived clients stay out of the list")
	require.Contains(t, h.m.detail.profiles, "globex")
	assert.Equal(t, "globex-prod-1", h.m.detail.profiles["globex"].val.GCP["project"])
	require.NotNil(t, h.m.sh.status.Running)
	assert.Equal(t, "acme", h.m.sh.status.Running.Client)
}

func TestNavigationKeysMoveSelectionAndLoadDetail(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	steps := []struct{ key, want string }{
		{"down", "globex"}, {"j", "initech"}, {"j", "initech"}, {"k", "globex"}, {"up", "acme"},
		{"G", "initech"}, {"g", "acme"}, {"pgdown", "initech"}, {"pgup", "acme"},
	}
	for _, s := range steps {
		h.press(s.key)
		assert.Equal(t, s.want, h.m.list.selectedSlug, "after %s", s.key)
	}
	assert.Contains(t, h.m.detail.profiles, "initech", "moving to a client loads its profile")
}

func TestEnterSwitchesThroughTheEvalFileAndQuits(t *testing.T) {
	b := fixture()
	opts := hooked(t)
	h := newHarness(t, b, opts, 120, 40)
	h.press("down", "enter")
	require.False(t, h.quit, "in the workbench, enter asks first")
	assert.Contains(t, h.screen(), "Switch this shell to globex? [y/n]")
	assert.Empty(t, b.switchReqs)
	h.press("enter")

	require.True(t, h.quit, "a switch quits so the hook can source the script")
	require.Len(t, b.switchReqs, 1)
	assert.Equal(t, workbench.SwitchRequest{Client: "globex", Shell: "bash", Environ: testEnviron(), Action: "switch"}, b.switchReqs[0])
	body, err := os.ReadFile(opts.EvalFile)
	require.NoError(t, err)
	assert.Equal(t, "export STINT_CLIENT=globex\n", string(body))
	info, err := os.Stat(opts.EvalFile)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	res := h.m.Result()
	require.NotNil(t, res)
	require.NotNil(t, res.TimerStarted, "globex tracks automatically")
	require.NotNil(t, res.TimerStopped)
	assert.Equal(t, "acme", res.TimerStopped.Client)
	assert.Equal(t, "→ globex (Globex) · kube none · acme stopped after 1h45m · timer started", res.Summary(testNow),
		"the summary `stint switch globex` prints")
}

func TestDigitSwitchesToThatRow(t *testing.T) {
	b := fixture()
	opts := hooked(t)
	opts.Shell = "zsh"
	h := newHarness(t, b, opts, 80, 24)
	h.press("3")
	require.True(t, h.quit)
	require.Len(t, b.switchReqs, 1)
	assert.Equal(t, "initech", b.switchReqs[0].Client)
	assert.Equal(t, "zsh", b.switchReqs[0].Shell)
	assert.Nil(t, h.m.Result().TimerStarted, "initech does not auto-track")

	h2 := newHarness(t, fixture(), hooked(t), 80, 24)
	h2.press("9")
	assert.False(t, h2.quit)
	assert.Equal(t, "no client #9 in the list", h2.m.errBox.Text())
}

func TestEnterWithoutHookExplainsHowToInstallIt(t *testing.T) {
	for shell, want := range map[string]string{
		"bash": "`eval \"$(stint hook bash)\"` to ~/.bashrc",
		"zsh":  "`eval \"$(stint hook zsh)\"` to ~/.zshrc",
		"fish": "`stint hook fish | source` to ~/.config/fish/config.fish",
	} {
		b := fixture()
		h := newHarness(t, b, Options{Shell: shell}, 200, 24)
		h.press("enter")
		assert.False(t, h.quit, shell)
		assert.Empty(t, b.switchReqs, "no switch is pretended without the hook")
		assert.True(t, h.m.errBox.Open())
		assert.Contains(t, h.m.errBox.Text(), want)
		assert.Contains(t, h.screen(), want)
	}
}

func TestShellFallsBackToSHELL(t *testing.T) {
	b := fixture()
	opts := hooked(t)
	opts.Shell = ""
	opts.Environ = []string{"SHELL=/usr/bin/fish", "HOME=/home/ada"}
	h := newHarness(t, b, opts, 80, 24)
	h.press("enter", "y")
	require.Len(t, b.switchReqs, 1)
	assert.Equal(t, "fish", b.switchReqs[0].Shell)
}

func TestSwitchFailureStaysAndShowsTheError(t *testing.T) {
	b := fixture()
	b.failWith["Switch"] = errString("keyring is locked: unlock it and try again")
	opts := hooked(t)
	h := newHarness(t, b, opts, 80, 24)
	h.press("enter", "y")
	assert.False(t, h.quit)
	assert.Equal(t, "", h.m.busy)
	assert.Equal(t, "keyring is locked: unlock it and try again", h.m.errBox.Text())
	_, err := os.Stat(opts.EvalFile)
	assert.True(t, os.IsNotExist(err), "nothing is written for the hook to source")
}

type errString string

func (e errString) Error() string { return string(e) }

func TestTabCyclesPanesAndLoadsThemOnDemand(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	assert.NotContains(t, h.m.detail.repos, "acme", "repos load only when shown")
	want := []pane{paneKube, paneRepos, paneTime, paneNotes, paneEnv}
	for _, p := range want {
		h.press("tab")
		assert.Equal(t, p, h.m.detail.pane)
	}
	assert.Len(t, h.m.detail.repos["acme"].val, 3)
	assert.Len(t, h.m.detail.time.weeks["acme"].val.entries, 3)
	assert.Equal(t, "rotated the staging DB password", h.m.detail.notes["acme"].val.log[0].Text)
	assert.Contains(t, h.m.detail.notes["acme"].val.rendered, "ArgoCD")
	h.press("shift+tab")
	assert.Equal(t, paneNotes, h.m.detail.pane)
}

func TestReposPaneShowsLoadingUntilTheAnswerArrives(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	_, cmd := h.m.Update(keyMsg("tab"))
	h.run(cmd)
	_, cmd = h.m.Update(keyMsg("tab")) // repos: held back
	assert.True(t, h.m.detail.repos["acme"].loading)
	assert.Contains(t, h.screen(), "loading…")
	h.run(cmd)
	assert.Contains(t, h.screen(), "feat/login")
	assert.Contains(t, h.screen(), "dirty ↑2 ↓1")
}

func TestSlowReposDoNotBlockTheList(t *testing.T) {
	b := fixture()
	b.repoDelay = 300 * time.Millisecond
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("tab")
	_, load := h.m.Update(keyMsg("tab"))
	h.press("down") // the list answers while git runs
	assert.Equal(t, "globex", h.m.list.selectedSlug)
	h.run(load)
	assert.Len(t, h.m.detail.repos["acme"].val, 3, "the slow answer lands in acme's cache")
}

func TestTimerKeyStopsStartsAndConfirmsStoppingAnother(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)

	h.press("t") // acme runs: stop it
	assert.Equal(t, []string{"Stop acme"}, b.calls)
	assert.Nil(t, h.m.sh.status.Running)
	assert.Equal(t, "Stopped acme after 1:45", h.m.flash.text)

	h.press("j", "t") // nothing runs: start globex without asking
	assert.Equal(t, []string{"Stop acme", "Start globex"}, b.calls)
	require.NotNil(t, h.m.sh.status.Running)
	assert.Equal(t, "globex", h.m.sh.status.Running.Client)

	h.press("k", "t") // globex runs: starting acme stops it, so ask
	assert.True(t, h.m.dialog.Open())
	assert.Contains(t, h.screen(), "Stop globex's timer (0:00:00) and start acme? [y/n]")
	h.press("n")
	assert.False(t, h.m.dialog.Open())
	assert.Len(t, b.calls, 2, "no is no")

	h.press("t", "y")
	assert.Equal(t, []string{"Stop acme", "Start globex", "Start acme"}, b.calls)
	assert.Equal(t, "acme", h.m.sh.status.Running.Client)
	assert.Contains(t, h.m.flash.text, "Started acme at 11:15 CET (stopped globex after 0s)", "in the client's zone, labelled, as status says it")
}

func TestTickAdvancesTheRunningTimer(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	assert.Contains(t, h.screen(), "acme 1:45:00")
	h.send(tickMsg(testNow.Add(65 * time.Second)))
	assert.Contains(t, h.screen(), "acme 1:46:05")
	assert.Equal(t, int64(105*60+65), h.m.sh.todaySeconds("acme"))
}

func TestFilterNarrowsAndEnterSwitchesTheMatch(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, hooked(t), 120, 40)
	h.press("/")
	assert.True(t, h.m.list.filtering)
	h.press("g", "l", "b")
	assert.Equal(t, []int{1}, h.m.list.visible)
	assert.Equal(t, "globex", h.m.list.selectedSlug)
	assert.Contains(t, h.screen(), "/glb")
	h.press("q") // typed into the filter, not a quit
	assert.False(t, h.quit)
	assert.Empty(t, h.m.list.visible)
	h.press("backspace", "enter", "y")
	require.True(t, h.quit)
	assert.Equal(t, "globex", b.switchReqs[0].Client)
}

func TestEscLeavesFilterBeforeQuitting(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	h.press("/", "i", "n", "i")
	assert.Equal(t, "initech", h.m.list.selectedSlug)
	h.press("esc")
	assert.False(t, h.m.list.filtering)
	assert.Equal(t, "", h.m.list.filter.Value())
	assert.Len(t, h.m.list.visible, 3)
	assert.Equal(t, "initech", h.m.list.selectedSlug, "the selection survives clearing the filter")
	assert.False(t, h.quit)

	h.press("/", "a", "c", "tab") // keep the filter, use the list keys
	assert.False(t, h.m.list.filtering)
	assert.Equal(t, "ac", h.m.list.filter.Value())
	h.press("esc")
	assert.Equal(t, "", h.m.list.filter.Value(), "esc clears a kept filter first")
	assert.False(t, h.quit)
	h.press("esc")
	assert.False(t, h.quit, "esc never quits the workbench: q does")
}

func TestPickerOpensWithFilterFocused(t *testing.T) {
	b := fixture()
	opts := hooked(t)
	opts.Picker = true
	h := newHarness(t, b, opts, 80, 24)
	assert.True(t, h.m.list.filtering)
	h.press("i", "n", "enter")
	require.True(t, h.quit)
	assert.Equal(t, "initech", b.switchReqs[0].Client)
}

func TestWeekAndHelpViewsOpenAndClose(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	h.press("w")
	assert.Equal(t, modeWeek, h.m.mode)
	require.Len(t, h.m.week.grid.val.Rows, 2)
	assert.Contains(t, h.screen(), "USD 975.00")
	h.press("?")
	assert.Equal(t, modeHelp, h.m.mode)
	assert.Contains(t, h.screen(), "previous week", "the help of the view it was opened from")
	h.press("esc")
	assert.Equal(t, modeWeek, h.m.mode, "esc goes back to the week, not past it")
	h.press("esc")
	assert.Equal(t, modeMain, h.m.mode)
	h.press("?")
	assert.Contains(t, h.screen(), "start/stop timer")
	h.press("esc")
	assert.Equal(t, modeMain, h.m.mode)
	h.press("w", "w")
	assert.Equal(t, modeMain, h.m.mode)
	assert.False(t, h.quit)
}

func TestQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		h := newHarness(t, fixture(), Options{}, 80, 24)
		h.press(k)
		assert.True(t, h.quit, k)
		assert.Nil(t, h.m.Result())
	}
	h := newHarness(t, fixture(), Options{}, 80, 24)
	h.press("a", "ctrl+c")
	assert.True(t, h.quit, "ctrl+c quits even from a form")
}

func TestRefreshReloadsFromTheBackend(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 200, 24)
	b.mu.Lock()
	b.clients[2].Name = "Initech Ltd"
	b.mu.Unlock()
	h.press("r")
	assert.Contains(t, h.screen(), "Initech Ltd")
}

func TestBackgroundColorPicksLightOrDarkStyles(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 80, 24)
	assert.True(t, h.m.sh.dark)
	h.send(tea.BackgroundColorMsg{Color: color.White})
	assert.False(t, h.m.sh.dark)
	assert.False(t, h.m.sh.st.dark, "the markdown styles follow the background")
}

func TestNoColorRendersWithoutColours(t *testing.T) {
	coloured := newHarness(t, fixture(), Options{}, 120, 40)
	assert.True(t, hasColour(coloured.m.View().Content), "the check below can fail")

	h := newHarness(t, fixture(), Options{Environ: append(testEnviron(), "NO_COLOR=1")}, 120, 40)
	assert.True(t, h.m.sh.opts.NoColor)
	for range paneCount {
		assert.False(t, hasColour(h.m.View().Content), "pane %s", paneNames[h.m.detail.pane])
		h.press("tab")
	}
	h.press("w")
	assert.False(t, hasColour(h.m.View().Content), "week view")
	assert.True(t, h.m.sh.st.noColor, "the markdown styles are the colourless ones")
}

var sgrRE = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// hasColour reports whether s sets a foreground or background colour.
func hasColour(s string) bool {
	for _, m := range sgrRE.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 107) {
				return true
			}
		}
	}
	return false
}

func TestNarrowTerminalHidesDetailAndScrollsTheList(t *testing.T) {
	b := fixture()
	for i := range 30 {
		slug := "client-" + string(rune('a'+i/10)) + string(rune('a'+i%10))
		b.clients = append(b.clients, workbench.ClientInfo{Slug: slug, Name: "Client " + slug, Currency: "USD", AutoTrack: true})
	}
	h := newHarness(t, b, Options{}, 60, 15)
	assert.False(t, h.m.showDetail())
	assert.NotContains(t, h.screen(), "│")
	for range 20 {
		h.press("down")
	}
	assert.Equal(t, 20, h.m.list.cursor)
	rows := h.m.list.rows()
	assert.True(t, h.m.list.offset <= 20 && 20 < h.m.list.offset+rows, "cursor row %d outside the window [%d,%d)", 20, h.m.list.offset, h.m.list.offset+rows)
	assert.Contains(t, h.screen(), b.clients[20].Name)
	for _, line := range strings.Split(h.screen(), "\n") {
		assert.LessOrEqual(t, len([]rune(line)), 60)
	}
	assert.Len(t, strings.Split(h.screen(), "\n"), 15)
}

func TestDetailScrollsWithCtrlD(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 80, 15)
	assert.Contains(t, h.screen(), "more (ctrl+d)")
	h.press("ctrl+d")
	assert.Greater(t, h.m.detail.vp.YOffset(), 0)
	assert.Contains(t, h.screen(), "↑")
	h.press("ctrl+u")
	assert.Equal(t, 0, h.m.detail.vp.YOffset())
}

func TestPickerDigitSwitchesBeforeAnythingIsTyped(t *testing.T) {
	b := fixture()
	opts := hooked(t)
	opts.Picker = true
	h := newHarness(t, b, opts, 80, 24)
	require.True(t, h.m.list.filtering)
	h.press("2")
	require.True(t, h.quit)
	require.Len(t, b.switchReqs, 1)
	assert.Equal(t, h.m.sh.clients[h.m.list.visible[1]].Slug, b.switchReqs[0].Client)
}

func TestPickerDigitFiltersOnceTypingStarted(t *testing.T) {
	b := fixture()
	opts := hooked(t)
	opts.Picker = true
	h := newHarness(t, b, opts, 80, 24)
	h.press("a", "2")
	assert.False(t, h.quit)
	assert.Equal(t, "a2", h.m.list.filter.Value())
}

func TestSwitchWarnsOfMissingSecrets(t *testing.T) {
	got := workbench.SwitchResult{Client: "acme", MissingSecrets: []string{"GH_TOKEN", "VAULT_TOKEN"}}.Warnings()
	assert.Equal(t, []string{"warning: acme's secrets GH_TOKEN, VAULT_TOKEN have no value in this keyring — set each, starting with `stint secret set acme GH_TOKEN`"}, got)
}

func TestUndoKeyRevertsTheLastTimerChange(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)

	h.press("t") // acme runs: stop it
	assert.Nil(t, h.m.sh.status.Running)
	h.press("u")
	assert.Equal(t, []string{"Stop acme", "Undo stop"}, b.calls)
	require.NotNil(t, h.m.sh.status.Running, "the status is read again")
	assert.Equal(t, "acme", h.m.sh.status.Running.Client)
	assert.Equal(t, "Undid the stop · acme runs again", h.m.flash.text)

	h.press("u") // the log is empty now
	assert.Equal(t, []string{"Stop acme", "Undo stop"}, b.calls)
	assert.Contains(t, h.m.errBox.Text(), "nothing to undo")
	assert.Contains(t, h.screen(), "nothing to undo")
}

// In the filter, u is a letter of a name, not an undo.
func TestUndoKeyIsALetterInTheFilter(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{Picker: true}, 120, 40)
	h.press("u")
	assert.Empty(t, b.calls)
	assert.Equal(t, "u", h.m.list.FilterValue())
}
