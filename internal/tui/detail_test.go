package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// drain runs cmd and every command in its batches, in order, and returns
// their messages: a component's loads, run without a program.
func drain(cmd tea.Cmd) []tea.Msg {
	var msgs []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdSliceType) {
			queue = append(queue, v.Convert(cmdSliceType).Interface().([]tea.Cmd)...)
			continue
		}
		msgs = append(msgs, msg)
	}
	return msgs
}

// testDetail is a detail w×h on the fixture, showing slug with its loads
// answered.
func testDetail(t *testing.T, b *fakeBackend, slug string, w, h int) *detail {
	t.Helper()
	d := newDetail(testShared(b))
	d.SetSize(w, h)
	d.Show(slug)
	d.load()
	return d
}

// load runs what Ensure asks for and hands the answers back.
func (d *detail) load() {
	for _, msg := range drain(d.Ensure()) {
		d.Update(msg)
	}
}

func (d *detail) press(keys ...string) {
	for _, k := range keys {
		d.Update(keyMsg(k))
	}
}

func detailLines(d *detail) []string { return strings.Split(ansi.Strip(d.View()), "\n") }

func TestDetailLoadsWhatAPaneShowsOnce(t *testing.T) {
	b := fixture()
	d := testDetail(t, b, "acme", 76, 30)
	assert.Equal(t, "acme-prod", d.profiles["acme"].val.Kube.Context)
	assert.Contains(t, d.previews, "acme", "the environment pane's preview")
	assert.NotContains(t, d.repos, "acme", "repos load only when shown")
	assert.Nil(t, d.Ensure(), "nothing loads twice")

	d.SetPane(paneRepos)
	cmd := d.Ensure()
	require.NotNil(t, cmd)
	assert.True(t, d.repos["acme"].loading)
	assert.Contains(t, strings.Join(detailLines(d), "\n"), "loading…")
	for _, msg := range drain(cmd) {
		d.Update(msg)
	}
	assert.Contains(t, strings.Join(detailLines(d), "\n"), "feat/login")

	d.Show("")
	assert.Nil(t, d.Ensure(), "no client selected: nothing to load")
	assert.Equal(t, []string{" Environment · Kubernetes · Repos · Time · Notes"}, detailLines(d), "the tabs alone")
}

// An answer for a client no longer shown lands in that client's cache.
func TestDetailKeepsALateAnswerForItsClient(t *testing.T) {
	d := testDetail(t, fixture(), "acme", 76, 30)
	d.SetPane(paneRepos)
	d.Update(reposMsg{slug: "globex", repos: []workbench.RepoStatus{{Path: "/src/globex", Exists: true, Branch: "trunk"}}})
	assert.Len(t, d.repos["globex"].val, 1)
	assert.NotContains(t, strings.Join(detailLines(d), "\n"), "trunk", "acme's pane is not globex's")
}

func TestDetailShowsErrorsInThePane(t *testing.T) {
	b := fixture()
	b.failWith["RepoStatus"] = errString("git is not installed: install git and press r")
	d := testDetail(t, b, "acme", 76, 30)
	d.SetPane(paneRepos)
	d.load()
	assert.Contains(t, detailLines(d)[2], "✗ git is not installed")
}

// A pane longer than the room scrolls by half the body, and says how much
// more there is either way.
func TestDetailScrollsAndSaysHowMuchMore(t *testing.T) {
	d := testDetail(t, fixture(), "acme", 76, 12) // 10 lines of pane
	d.SetPane(paneNotes)
	d.load()
	total := len(d.paneLines())
	require.Equal(t, 16, total, "a pane longer than the room")
	lines := detailLines(d)
	assert.Len(t, lines, 12)
	assert.Equal(t, fmt.Sprintf(" ↓ %d more (ctrl+d)", total-10+1), strings.TrimRight(lines[11], " "))

	d.press("ctrl+d")
	assert.Equal(t, 6, d.vp.YOffset())
	lines = detailLines(d)
	assert.Equal(t, " ↑ 6 more", strings.TrimRight(lines[2], " "))
	d.press("ctrl+d", "ctrl+d")
	assert.Equal(t, d.maxScroll(), d.vp.YOffset(), "no further than the end")
	assert.NotContains(t, strings.Join(detailLines(d), "\n"), "↓")
	d.press("ctrl+u", "ctrl+u", "ctrl+u", "ctrl+u", "ctrl+u", "ctrl+u")
	assert.Equal(t, 0, d.vp.YOffset())
}

// A note just added is at the pane's end, whatever its length once
// loaded; ctrl+u from there goes up from the end at once.
func TestDetailFollowsThePanesEnd(t *testing.T) {
	d := testDetail(t, fixture(), "acme", 76, 12)
	d.ShowEnd("acme", paneNotes)
	assert.Equal(t, paneNotes, d.Pane())
	assert.Contains(t, detailLines(d)[2], "loading…")
	d.load()
	lines := detailLines(d)
	assert.Contains(t, lines[len(lines)-1], "handed the VPN cert to Bob", "the last log line")
	assert.Contains(t, lines[2], "↑")
	d.press("ctrl+u")
	assert.Equal(t, d.maxScroll()-6, d.vp.YOffset())

	d.ShowEnd("globex", paneNotes)
	assert.False(t, d.followEnd, "only for the client shown")
}

// Another client starts at the top of its pane; a filter that leaves none
// selected keeps the place of the last one.
func TestDetailAnotherClientStartsAtTheTop(t *testing.T) {
	d := testDetail(t, fixture(), "acme", 76, 12)
	d.SetPane(paneNotes)
	d.load()
	d.press("ctrl+d")
	require.Equal(t, 6, d.vp.YOffset())
	d.Show("")
	d.Show("acme")
	assert.Equal(t, 6, d.vp.YOffset(), "the same client again")
	d.Show("globex")
	assert.Equal(t, 0, d.vp.YOffset())
	d.SetPane(paneEnv)
	assert.Equal(t, paneEnv, d.Pane())
}

func TestDetailForgetsWhatAChangeMadeStale(t *testing.T) {
	d := testDetail(t, fixture(), "acme", 76, 30)
	for _, p := range []pane{paneRepos, paneTime, paneNotes} {
		d.SetPane(p)
		d.load()
	}
	d.Show("globex")
	d.load()

	d.Forget(reloadNotes, "acme")
	assert.NotContains(t, d.notes, "acme")
	assert.Contains(t, d.profiles, "acme")
	d.Forget(reloadProfile, "acme")
	assert.NotContains(t, d.profiles, "acme")
	assert.NotContains(t, d.time.weeks, "acme")
	assert.Contains(t, d.repos, "acme", "a profile change leaves git alone")
	assert.Contains(t, d.profiles, "globex", "and other clients")
	d.Forget(reloadStatus, "")
	assert.Empty(t, d.time.weeks)
	d.Forget(forgetAll, "")
	assert.Empty(t, d.profiles)
	assert.Empty(t, d.repos)
}

// The runbook is rendered for a width: another width renders it again.
func TestDetailRendersTheRunbookAgainAtAnotherWidth(t *testing.T) {
	d := testDetail(t, fixture(), "acme", 76, 30)
	d.SetPane(paneNotes)
	d.load()
	require.Equal(t, 76, d.notes["acme"].val.width)
	d.SetSize(76, 20)
	assert.Contains(t, d.notes, "acme", "a height of its own does not")
	d.SetSize(90, 20)
	assert.NotContains(t, d.notes, "acme")
	d.load()
	assert.Equal(t, 90, d.notes["acme"].val.width)
}

// A body too low for more than the tabs and the title shows just those.
func TestDetailWithNoRoomForThePane(t *testing.T) {
	d := testDetail(t, fixture(), "acme", 76, 2)
	assert.Len(t, detailLines(d), 2)
	d.press("ctrl+d")
	assert.Len(t, detailLines(d), 2)
}
