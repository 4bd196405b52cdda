package tui

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// Tests of the fixes from the UX walkthrough: production warnings, a fresh
// timer state, esc in the picker, the footer at small sizes, copy.

func screenLines(h *harness) []string { return strings.Split(h.screen(), "\n") }

// --- 1. production -------------------------------------------------------

func TestSwitchToProductionClientStartsTheSummaryWithTheMarker(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, hooked(t), 120, 40)
	require.Equal(t, "acme", h.m.list.selectedSlug)
	h.press("enter", "y")
	require.True(t, h.quit)
	got := h.m.Result().Summary(testNow)
	assert.True(t, strings.HasPrefix(got, "⚠ PRODUCTION ⚠ → acme"), got)

	h2 := newHarness(t, fixture(), hooked(t), 120, 40)
	h2.press("j", "enter", "y")
	got = h2.m.Result().Summary(testNow)
	assert.True(t, strings.HasPrefix(got, "→ globex"), "no marker for a client that is not production: %s", got)
}

// The hotkey's picker goes through Run: its summary carries the
// production marker and the missing-secrets warning.
func TestRunPickerSummaryWarnsOfProductionAndMissingSecrets(t *testing.T) {
	b := fixture()
	b.missingSecrets = map[string][]string{"acme": {"GITHUB_TOKEN"}}
	in, keys := io.Pipe()
	out := &syncBuffer{}
	var summary string
	go func() {
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(out.String(), "initech") && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		keys.Write([]byte("1y")) // acme is production: a digit asks first
	}()
	err := Run(context.Background(), b, Options{
		Environ: testEnviron(), EvalFile: filepath.Join(t.TempDir(), "eval"), Shell: "bash", Picker: true,
		Deliver: func(_, s string) error { summary = s; return nil },
		Now:     func() time.Time { return testNow }, Input: in, Output: out, NoColor: true,
	})
	require.NoError(t, err)
	keys.Close()
	assert.True(t, strings.HasPrefix(summary, "⚠ PRODUCTION ⚠ → acme"), summary)
	assert.Contains(t, out.String(), "warning: acme's secret GITHUB_TOKEN has no value in this keyring", "the warning follows the TUI, as the CLI's follows a switch")
}

func TestDetailTitleNeverLosesTheProductionTag(t *testing.T) {
	for w := 70; w <= 120; w += 5 {
		h := newHarness(t, fixture(), Options{CurrentClient: "acme"}, w, 24)
		title := screenLines(h)[2]
		assert.Contains(t, title, "PRODUCTION", "width %d: %q", w, title)
		assert.Contains(t, screenLines(h)[0], "PROD", "width %d: the header", w)
	}

	h := newHarness(t, fixture(), Options{}, 120, 40)
	long := workbench.ClientInfo{Slug: "acme", Name: strings.Repeat("Very Long Client Name ", 4), Production: true, RateMinor: 100, Currency: "USD"}
	for _, w := range []int{20, 30, 45} {
		got := ansi.Strip(h.m.detail.clientTitle(long, w))
		assert.LessOrEqual(t, ansi.StringWidth(got), w)
		assert.True(t, strings.HasSuffix(got, " PRODUCTION"), "the name gives way, not the tag: %q", got)
	}
}

func TestHeaderKeepsProdTagWhenTooNarrow(t *testing.T) {
	b := fixture()
	b.clients[0].Name = "Acme Corporation International Holdings and Subsidiaries"
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 60, 15)
	head := screenLines(h)[0]
	assert.Contains(t, head, "PROD", head)
	assert.Contains(t, head, "…", "the display name is what gives way")
}

// --- 2. a fresh timer state -----------------------------------------------

// elsewhere stands for another shell: it changes the timer behind the TUI.
func elsewhere(t *testing.T, b *fakeBackend, start string) {
	t.Helper()
	if start == "" {
		_, err := b.Stop(context.Background(), testNow, "")
		require.NoError(t, err)
	} else {
		_, _, err := b.Start(context.Background(), start, testNow, "")
		require.NoError(t, err)
	}
	b.mu.Lock()
	b.calls = nil
	b.mu.Unlock()
}

func TestStatusReloadsEveryFiveSeconds(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	assert.Contains(t, h.screen(), "● ■ acme 1:45:00")
	elsewhere(t, b, "globex")

	h.send(tickMsg(testNow.Add(4 * time.Second)))
	assert.Equal(t, "acme", h.m.sh.status.Running.Client, "not yet: the status is 4 s old")
	h.send(tickMsg(testNow.Add(5 * time.Second)))
	require.NotNil(t, h.m.sh.status.Running)
	assert.Equal(t, "globex", h.m.sh.status.Running.Client)
	assert.Contains(t, h.screen(), "● ■ globex")

	elsewhere(t, b, "")
	h.send(tickMsg(testNow.Add(10 * time.Second)))
	assert.Nil(t, h.m.sh.status.Running)
	assert.Contains(t, h.screen(), "○ no timer")
}

func TestTimerKeyDecidesOnAFreshStatus(t *testing.T) {
	// The TUI still shows acme running; another shell has moved to globex.
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	elsewhere(t, b, "globex")
	require.Equal(t, "acme", h.m.sh.status.Running.Client)
	h.press("t")
	assert.Empty(t, b.calls, "stopping globex's timer is not what t on acme means")
	assert.True(t, h.m.dialog.Open())
	assert.Contains(t, h.screen(), "Stop globex's timer (0:00:00) and start acme? [y/n]")
	h.press("y")
	assert.Equal(t, []string{"Start acme"}, b.calls)

	// Nothing runs any more: t starts, it does not try to stop.
	b2 := fixture()
	h2 := newHarness(t, b2, Options{}, 120, 40)
	elsewhere(t, b2, "")
	h2.press("t")
	assert.Equal(t, []string{"Start acme"}, b2.calls)
	assert.Contains(t, h2.m.flash.text, "Started acme")
}

// --- 3. esc in the picker -------------------------------------------------

func TestPickerEscWithNothingTypedQuitsAtOnce(t *testing.T) {
	b := fixture()
	opts := hooked(t)
	opts.Picker = true
	h := newHarness(t, b, opts, 80, 24)
	lines := screenLines(h)
	assert.Contains(t, lines[len(lines)-1], "esc quit")
	h.press("esc")
	assert.True(t, h.quit)
	assert.Nil(t, h.m.Result())
	assert.Empty(t, b.switchReqs)
}

func TestPickerEscClearsTypedTextAndKeepsTheFilter(t *testing.T) {
	b := fixture()
	opts := hooked(t)
	opts.Picker = true
	h := newHarness(t, b, opts, 80, 24)
	h.press("x", "y", "esc")
	assert.False(t, h.quit)
	assert.True(t, h.m.list.filtering, "what is typed next still goes to the filter")
	assert.Equal(t, "", h.m.list.filter.Value())
	h.paste("kubectl get pods")
	h.press("e")
	assert.False(t, h.m.form.Active(), "e is text here, not the edit form")
	assert.Equal(t, "kubectl get podse", h.m.list.filter.Value())
	assert.Empty(t, b.calls)
	h.press("esc", "esc")
	assert.True(t, h.quit)
}

// --- 4. the footer and the help at small sizes ----------------------------

func TestFooterAlwaysShowsHelpAndQuit(t *testing.T) {
	for _, w := range []int{50, 60, 80, 100, 120} {
		h := newHarness(t, fixture(), Options{}, w, 24)
		lines := screenLines(h)
		last := lines[len(lines)-1]
		assert.True(t, strings.HasSuffix(strings.TrimRight(last, " "), "? help • q quit"), "width %d: %q", w, last)
		assert.LessOrEqual(t, ansi.StringWidth(last), w)
	}
}

func TestFullHelpShowsEveryKeyAtSmallSizes(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}, {60, 15}} {
		h := newHarness(t, fixture(), Options{}, size[0], size[1])
		h.press("?")
		screen := h.screen()
		for _, group := range h.m.sh.keys.FullHelp() {
			for _, k := range group {
				assert.Contains(t, screen, k.Help().Desc, "%dx%d", size[0], size[1])
			}
		}
		assert.NotContains(t, screen, "…", "%dx%d: nothing cut", size[0], size[1])
		lines := strings.Split(screen, "\n")
		assert.Len(t, lines, size[1])
		for _, l := range lines {
			assert.LessOrEqual(t, ansi.StringWidth(l), size[0])
		}
	}
}

// --- 5. the footer's message ---------------------------------------------

func TestLongErrorWrapsSoItsFixIsReadable(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 15}, {120, 40}} {
		h := newHarness(t, fixture(), Options{Shell: "bash"}, size[0], size[1])
		h.press("enter") // no hook
		screen := h.screen()
		joined := strings.Join(strings.Fields(strings.ReplaceAll(screen, "│", " ")), " ")
		assert.Contains(t, joined, "add `eval \"$(stint hook bash)\"` to ~/.bashrc and open a new shell", "%dx%d: the whole fix is on screen", size[0], size[1])
		lines := strings.Split(screen, "\n")
		assert.Len(t, lines, size[1])
		for _, l := range lines {
			assert.LessOrEqual(t, ansi.StringWidth(l), size[0])
		}
	}
}

func TestWrapLinesEllipsisesPastTheLimit(t *testing.T) {
	assert.Equal(t, []string{"one two", "three"}, wrapLines("one two three", 7, 3))
	got := wrapLines("aaa bbb ccc ddd eee fff", 7, 2)
	assert.Equal(t, "aaa bbb", got[0])
	assert.Len(t, got, 2)
	assert.True(t, strings.HasSuffix(got[1], "…"), got[1])
	assert.LessOrEqual(t, ansi.StringWidth(got[1]), 7)
}

func TestConfirmationExpiresErrorStaysUntilTheNextKey(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	h.press("t")
	require.Equal(t, "Stopped acme after 1:45", h.m.flash.text)
	h.send(tickMsg(testNow.Add(5 * time.Second)))
	assert.Contains(t, h.screen(), "✓ Stopped acme")
	h.send(tickMsg(testNow.Add(6 * time.Second)))
	assert.NotContains(t, h.screen(), "Stopped acme", "a confirmation goes after 6 s")

	h.press("9")
	require.True(t, h.m.errBox.Open())
	h.send(tickMsg(testNow.Add(time.Minute)))
	assert.Contains(t, h.screen(), "no client #9 in the list", "an error does not time out")
	h.press("j")
	assert.Contains(t, h.screen(), "no client #9", "a key that does not dismiss it is swallowed")
	assert.Equal(t, "acme", h.m.list.selectedSlug, "and moves nothing behind it")
	h.press("enter")
	assert.NotContains(t, h.screen(), "no client #9", "enter dismisses it")
	assert.False(t, h.m.dialog.Open(), "and goes no further")
}

func TestLongFooterMessageKeepsTheCursorRowInView(t *testing.T) {
	b := fixture()
	for i := range 20 {
		slug := "client-" + string(rune('a'+i))
		b.clients = append(b.clients, workbench.ClientInfo{Slug: slug, Name: "Client " + slug, Currency: "USD"})
	}
	h := newHarness(t, b, Options{Shell: "bash"}, 60, 15)
	h.press("G")
	last := b.clients[len(b.clients)-1].Name
	assert.Contains(t, h.screen(), last)
	h.send(doneMsg{text: strings.Repeat("a long confirmation ", 6)}) // takes body lines
	assert.Greater(t, len(h.m.statusLines()), 1)
	assert.Contains(t, h.screen(), last, "the cursor row stays on screen")
}

// --- 6. copy --------------------------------------------------------------

func TestCountAgreesWithItsNumber(t *testing.T) {
	h := newHarness(t, fixture(), Options{CurrentClient: "initech"}, 120, 40)
	assert.Contains(t, h.screen(), "Sets 1 variable ", "initech sets only its session kubeconfig")
}

func TestCancelledIsNeutralNotAConfirmation(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	h.press("j", "t", "n")
	assert.Contains(t, h.screen(), "· Cancelled")
	assert.NotContains(t, h.screen(), "✓ Cancelled")
}

func TestAddedNoteIsShownInTheNotesPane(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 80, 15) // the notes overflow: the new line is at the end
	require.Equal(t, paneEnv, h.m.detail.pane)
	h.press("n")
	h.paste("paged by the DB alarm")
	h.press("enter")
	assert.Equal(t, paneNotes, h.m.detail.pane)
	assert.Contains(t, h.screen(), "paged by the DB alarm")
	assert.Contains(t, h.screen(), "↑", "scrolled to the end")
	h.press("ctrl+u")
	assert.Less(t, h.m.detail.vp.YOffset(), h.m.detail.maxScroll(), "ctrl+u scrolls up from the end at once")
	assert.NotContains(t, h.screen(), "paged by the DB alarm")
}

func TestRefreshConfirms(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	h.press("r")
	assert.Contains(t, h.screen(), "✓ Refreshed")
}

// --- narrow terminals ------------------------------------------------------

// Below 70 columns the list has the whole width; tab puts the detail panes
// in its place, one after another, and tab past the last (or esc) brings
// the list back. shift+tab goes round the other way.
func TestNarrowTerminalReachesTheDetailWithTab(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 60, 20)
	list := h.screen()
	require.Contains(t, list, "Clients")
	require.NotContains(t, list, "Environment")

	h.press("tab")
	screen := h.screen()
	assert.Contains(t, screen, "Environment", "the first pane")
	assert.Contains(t, screen, "Acme Corp", "of the selected client")
	assert.NotContains(t, screen, "Clients", "in the list's place")
	assert.True(t, strings.HasSuffix(strings.TrimRight(screenLines(h)[19], " "), "? help • esc list"), "the footer says how back")
	for _, l := range screenLines(h) {
		assert.LessOrEqual(t, ansi.StringWidth(l), 60)
	}

	h.press("esc")
	assert.Contains(t, h.screen(), "Clients", "esc: back to the list, not quit")
	assert.False(t, h.m.quitting)

	h.press("tab", "tab", "tab", "tab", "tab")
	assert.Equal(t, paneNotes, h.m.detail.pane)
	assert.True(t, h.m.detailInstead())
	h.press("tab")
	assert.False(t, h.m.detailInstead(), "tab past the last pane: the list")

	h.press("shift+tab")
	assert.Equal(t, paneNotes, h.m.detail.pane, "shift+tab from the list: the last pane")
	assert.True(t, h.m.detailInstead())

	// Moving down the list while the detail shows changes whose detail it is.
	h.press("esc", "j", "tab")
	assert.Contains(t, h.screen(), "Globex")
}

// A wide terminal keeps list and detail side by side; tab only cycles panes.
func TestWideTerminalTabOnlyCyclesPanes(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 100, 24)
	for i := range paneCount {
		assert.Equal(t, pane(i), h.m.detail.pane)
		assert.Contains(t, h.screen(), "Clients")
		h.press("tab")
	}
	assert.Equal(t, paneEnv, h.m.detail.pane, "round again")
	h.press("esc")
	assert.False(t, h.m.quitting, "esc never quits the workbench: q does")
}

// In a terminal too narrow for the message beside the timer, the message
// gets lines of its own and the body gives them up: the screen stays its
// height, with or without a message.
func TestFooterBelowTheTimerKeepsTheScreensHeight(t *testing.T) {
	h := newHarness(t, fixture(), Options{Shell: "bash"}, 38, 15)
	assert.Len(t, screenLines(h), 15)
	h.send(doneMsg{text: "Secret GITHUB_TOKEN of acme saved in the keyring"})
	lines := screenLines(h)
	assert.Len(t, lines, 15)
	assert.Contains(t, lines[len(lines)-4], "● ■ acme 1:45:00", "the timer, then the message under it")
	assert.Contains(t, strings.Join(lines, " "), "saved in the")
}

// The background identity check's mismatch shows in the header, kept
// beside PROD however narrow the window.
func TestHeaderShowsTheIdentityWarning(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 24)
	assert.NotContains(t, screenLines(h)[0], "identity")
	b.identityWarning = "identity mismatch in acme: aws is 333333333333, not 111111111111"
	for _, w := range []int{70, 120} {
		h = newHarness(t, b, Options{CurrentClient: "acme"}, w, 24)
		head := screenLines(h)[0]
		assert.Contains(t, head, "⚠ identity", "width %d: %q", w, head)
		assert.Contains(t, head, "PROD", "width %d", w)
	}
}

// The header says where this shell is: its client, the client's kube
// context and namespace, production, and the running timer where it fits.
func TestHeaderShowsClientKubeAndTimer(t *testing.T) {
	h := newHarness(t, fixture(), hooked(t), 120, 40)
	header := screenLines(h)[0]
	assert.Contains(t, header, "acme · Acme Corp · kube acme-prod/web  PROD")
	assert.Contains(t, header, "● acme 1:45:00")
	h = newHarness(t, fixture(), hooked(t), 80, 24)
	assert.Contains(t, screenLines(h)[0], "kube acme-prod/web  PROD", "the timer gives way first")
}
