package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/money"
	"github.com/stint-sh/stint/internal/workbench"
)

type pane int

const (
	paneEnv pane = iota
	paneKube
	paneRepos
	paneTime
	paneNotes
	paneCount
)

var paneNames = [paneCount]string{"Environment", "Kubernetes", "Repos", "Time", "Notes"}
var paneShort = [paneCount]string{"Env", "Kube", "Repos", "Time", "Notes"}

// loaded is one asynchronously loaded value: loading until its message
// arrives, then a value or an error.
type loaded[T any] struct {
	val     T
	err     error
	loading bool
}

// detailHeadLines are the tabs and the client's title line.
const detailHeadLines = 2

// detail is the selected client's detail: tabs, a title line, then the
// current pane, scrolled in a viewport. It loads what a pane shows when it
// is first shown and keeps it per client, so moving back and forth costs
// nothing and a late answer lands in its own client's cache.
type detail struct {
	sh   *shared
	w, h int
	// slug is the client shown, "" when the filter leaves none selected;
	// last is the last one shown, whose scroll position vp holds.
	slug, last string
	pane       pane
	vp         viewport.Model // the current pane's scroll; its content is set when it scrolls
	// followEnd keeps the pane at its end, whatever its length once
	// loaded: a note just added is the pane's last line.
	followEnd bool

	profiles map[string]loaded[workbench.ProfileView]
	previews map[string]loaded[workbench.PlanPreview]
	repos    map[string]loaded[[]workbench.RepoStatus]
	time     *timePane
	notes    map[string]loaded[notesMsg]
}

func newDetail(sh *shared) *detail {
	return &detail{
		sh: sh, last: sh.opts.CurrentClient, vp: viewport.New(),
		profiles: map[string]loaded[workbench.ProfileView]{},
		previews: map[string]loaded[workbench.PlanPreview]{},
		repos:    map[string]loaded[[]workbench.RepoStatus]{},
		time:     newTimePane(sh),
		notes:    map[string]loaded[notesMsg]{},
	}
}

// SetSize is the width the detail has whenever it is shown and the body's
// height. The runbook is rendered for a width: another width renders it
// again.
func (d *detail) SetSize(w, h int) {
	if w != d.w {
		clear(d.notes)
	}
	d.w, d.h = w, h
	d.vp.SetWidth(w)
	d.vp.SetHeight(max(h-detailHeadLines, 0))
}

// Show shows slug ("" for none). Another client starts at the top of its
// pane.
func (d *detail) Show(slug string) {
	d.slug = slug
	if slug != "" && slug != d.last {
		d.last = slug
		d.scrollTop()
	}
}

// Pane is the pane shown.
func (d *detail) Pane() pane { return d.pane }

// SetPane shows pane p from its top.
func (d *detail) SetPane(p pane) {
	d.pane = p
	d.scrollTop()
}

// ShowEnd shows the end of pane p of slug once it is loaded, if slug is
// the client shown.
func (d *detail) ShowEnd(slug string, p pane) {
	if slug != d.last {
		return
	}
	d.pane, d.followEnd = p, true
}

func (d *detail) scrollTop() {
	d.followEnd = false
	d.vp.SetYOffset(0)
}

// Ensure starts loading whatever the shown client's current pane needs and
// is not loaded or loading yet.
// EnsureProfile loads the selected client's profile alone, for the
// picker's preview.
func (d *detail) EnsureProfile() tea.Cmd { return d.EnsureProfileOf(d.slug) }

// EnsureProfileOf loads slug's profile unless it is loaded or loading.
func (d *detail) EnsureProfileOf(slug string) tea.Cmd {
	if _, ok := d.profiles[slug]; ok || slug == "" {
		return nil
	}
	d.profiles[slug] = loaded[workbench.ProfileView]{loading: true}
	return d.sh.fx.loadProfile(slug)
}

func (d *detail) Ensure() tea.Cmd {
	slug, fx := d.slug, d.sh.fx
	if slug == "" {
		return nil
	}
	var cmds []tea.Cmd
	if _, ok := d.profiles[slug]; !ok {
		d.profiles[slug] = loaded[workbench.ProfileView]{loading: true}
		cmds = append(cmds, fx.loadProfile(slug))
	}
	switch d.pane {
	case paneEnv:
		if _, ok := d.previews[slug]; !ok {
			d.previews[slug] = loaded[workbench.PlanPreview]{loading: true}
			cmds = append(cmds, fx.loadPreview(slug))
		}
	case paneRepos:
		if _, ok := d.repos[slug]; !ok {
			d.repos[slug] = loaded[[]workbench.RepoStatus]{loading: true}
			cmds = append(cmds, fx.loadRepos(slug))
		}
	case paneTime:
		cmds = append(cmds, d.time.Ensure(slug))
	case paneNotes:
		if _, ok := d.notes[slug]; !ok {
			d.notes[slug] = loaded[notesMsg]{loading: true}
			cmds = append(cmds, fx.loadNotes(slug, d.w, d.sh.st))
		}
	}
	return tea.Batch(cmds...)
}

// Forget drops what a change made stale, so it is loaded again when shown:
// everything of every client (forgetAll), or what reload names of slug.
func (d *detail) Forget(r reload, slug string) {
	if r&reloadStatus != 0 {
		d.time.Forget("")
	}
	if r&reloadProfile != 0 {
		delete(d.profiles, slug)
		delete(d.previews, slug)
		d.time.Forget(slug)   // its zone may have changed, and with it its week
		delete(d.notes, slug) // and the zone its log times are shown in
	}
	if r&reloadNotes != 0 {
		delete(d.notes, slug)
	}
	if r&forgetAll != 0 {
		clear(d.profiles)
		clear(d.previews)
		clear(d.repos)
		d.time.Forget("")
		clear(d.notes)
	}
}

// forgetAll, for Forget: every loaded value of every client.
const forgetAll reload = 1 << 10

// ForgetRendered drops the runbooks rendered in the other background's
// colours.
func (d *detail) ForgetRendered() { clear(d.notes) }

// Update takes the answers of the loads and the scroll keys.
func (d *detail) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case profileMsg:
		d.profiles[msg.slug] = loaded[workbench.ProfileView]{val: msg.profile, err: msg.err}
	case previewMsg:
		d.previews[msg.slug] = loaded[workbench.PlanPreview]{val: msg.preview, err: msg.err}
		if msg.err == nil && msg.preview.AWS != nil {
			return d.sh.fx.loadAWSStatus(msg.slug)
		}
	case awsStatusMsg:
		if d.previews[msg.slug].val.AWS != nil {
			st := msg.status
			if msg.err != nil {
				st = *d.previews[msg.slug].val.AWS
				st.Problem = msg.err.Error()
			}
			p := d.previews[msg.slug]
			p.val.AWS = &st
			d.previews[msg.slug] = p
		}
	case reposMsg:
		d.repos[msg.slug] = loaded[[]workbench.RepoStatus]{val: msg.repos, err: msg.err}
	case entriesMsg:
		d.time.Update(msg)
	case notesMsg:
		d.notes[msg.slug] = loaded[notesMsg]{val: msg, err: msg.err}
	case tea.KeyPressMsg:
		k := d.sh.keys
		switch {
		case key.Matches(msg, k.DetailDown):
			d.scroll(max(d.h/2, 1))
		case key.Matches(msg, k.DetailUp):
			d.scroll(-max(d.h/2, 1))
		}
	}
	return nil
}

// scroll moves the pane by n lines, down when n > 0, from where it is
// shown: the end, when it follows it.
func (d *detail) scroll(n int) {
	d.vp.SetContentLines(d.paneLines())
	if d.followEnd {
		d.vp.GotoBottom()
		d.followEnd = false
	}
	if n > 0 {
		d.vp.ScrollDown(n)
	} else {
		d.vp.ScrollUp(-n)
	}
}

// maxScroll is how far the current pane scrolls.
func (d *detail) maxScroll() int {
	return max(len(d.paneLines())-d.vp.Height(), 0)
}

// View is the tabs, the client's title line and the pane in view, with
// how much more there is above and below.
func (d *detail) View() string {
	c, ok := d.sh.clientBySlug(d.slug)
	if d.slug == "" || !ok {
		return d.tabs()
	}
	head := []string{d.tabs(), d.clientTitle(c, d.w)}
	lines, room := d.paneLines(), d.vp.Height()
	if room == 0 {
		return strings.Join(head, "\n")
	}
	// The viewport holds the scroll; the lines in view are cut here, by
	// its rule (never past the end), rather than by viewport.View, which
	// renders every line through Lip Gloss again (docs/performance.md).
	top := min(d.vp.YOffset(), max(len(lines)-room, 0))
	if d.followEnd {
		top = max(len(lines)-room, 0)
	}
	body := lines[top:min(top+room, len(lines))]
	st := d.sh.st
	if top > 0 && len(body) > 0 {
		body[0] = st.Faint.Render(fmt.Sprintf(" ↑ %d more", top))
	}
	if below := len(lines) - top - room; below > 0 {
		body[room-1] = st.Faint.Render(fmt.Sprintf(" ↓ %d more (ctrl+d)", below+1))
	}
	return strings.Join(append(head, body...), "\n")
}

// paneLines is the current pane of the shown client, unscrolled, each
// line cut to the width.
func (d *detail) paneLines() []string {
	if d.slug == "" {
		return nil
	}
	var lines []string
	switch d.pane {
	case paneEnv:
		lines = d.envPane(d.slug, d.w)
	case paneKube:
		lines = d.kubePane(d.slug, d.w)
	case paneRepos:
		lines = d.reposPane(d.slug, d.w)
	case paneTime:
		lines = d.time.Lines(d.slug, d.w)
	case paneNotes:
		lines = d.notesPane(d.slug, d.w)
	}
	for i, l := range lines {
		lines[i] = fit(l, d.w)
	}
	return lines
}

// PaneAt is the pane whose name is at column x of the tabs line.
func (d *detail) PaneAt(x int) (pane, bool) {
	names := paneNames[:]
	if d.w < 56 {
		names = paneShort[:]
	}
	at := 1 // the tabs line's leading space
	for i, n := range names {
		w := ansi.StringWidth(n)
		if x >= at && x < at+w {
			return pane(i), true
		}
		at += w + ansi.StringWidth(" · ")
	}
	return 0, false
}

func (d *detail) tabs() string {
	st, names := d.sh.st, paneNames[:]
	if d.w < 56 {
		names = paneShort[:]
	}
	parts := make([]string, len(names))
	for i, n := range names {
		if pane(i) == d.pane {
			parts[i] = st.TabActive.Render(n)
		} else {
			parts[i] = st.TabInactive.Render(n)
		}
	}
	return " " + strings.Join(parts, st.Faint.Render(" · "))
}

// clientTitle is one line of who the client is and how they are billed,
// w cells wide at most. A production client's tag comes right after the
// name and is never truncated away: the details give way first, then the
// name.
func (d *detail) clientTitle(c workbench.ClientInfo, w int) string {
	st := d.sh.st
	name := " " + st.badge(c.Slug, c.Color) + " " + st.Header.Render(display.Safe(c.Name))
	tag := ""
	if c.Production {
		tag = " " + st.Prod.Render("PRODUCTION")
	}
	if c.ReviewPending {
		tag += " " + st.Warn.Render("PENDING REVIEW (A)")
	}
	if what := d.sh.unready(c.Slug); what != "" {
		tag += " " + st.Warn.Render("! "+strings.ToUpper(what))
	}
	var parts []string
	if c.RateMinor > 0 {
		parts = append(parts, money.Format(c.RateMinor, money.Currency(c.Currency))+"/h")
	}
	if c.RoundMinutes > 0 {
		parts = append(parts, fmt.Sprintf("round %dm %s", c.RoundMinutes, c.RoundMode))
	}
	if c.Timezone != "" {
		parts = append(parts, c.Timezone)
	}
	if !c.AutoTrack {
		parts = append(parts, "no auto-track")
	}
	details := ""
	if len(parts) > 0 {
		details = st.Faint.Render(" · ") + strings.Join(parts, st.Faint.Render(" · "))
	}
	room := w - ansi.StringWidth(tag)
	if ansi.StringWidth(name) > room {
		return ansi.Truncate(name, max(room, 0), "…") + tag
	}
	room -= ansi.StringWidth(name)
	return name + tag + ansi.Truncate(details, max(room, 0), "…")
}

// state renders the loading or error state of an async value; ok means
// the value is there to show.
func state[T any](st styles, l loaded[T], present bool) (lines []string, ok bool) {
	switch {
	case !present || l.loading:
		return []string{st.Dim.Render(" loading…")}, false
	case l.err != nil:
		return []string{st.Err.Render(" ✗ " + l.err.Error())}, false
	}
	return nil, true
}

func (d *detail) profileOf(slug string) (workbench.ProfileView, []string, bool) {
	l, present := d.profiles[slug]
	if lines, ok := state(d.sh.st, l, present); !ok {
		return workbench.ProfileView{}, lines, false
	}
	return l.val, nil, true
}

// plainVars are slug's plain variables, as far as its profile is loaded.
func (d *detail) plainVars(slug string) map[string]string { return d.profiles[slug].val.Vars }

// secretNames are the names of slug's secrets, as far as its profile is loaded.
func (d *detail) secretNames(slug string) []string {
	var out []string
	for _, s := range d.profiles[slug].val.Secrets {
		out = append(out, s.Name)
	}
	return out
}

func section(st styles, title string) string { return " " + st.Title.Render(title) }

// kv renders an indented name/value row with the name in a column of nameW.
func kv(name, value string, nameW int) string {
	return "   " + fit(name, nameW) + " " + value
}
