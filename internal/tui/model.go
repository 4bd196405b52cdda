package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/stint-sh/stint/internal/workbench"
)

type mode int

const (
	modeMain mode = iota
	modeWeek
	modeHelp
	modeForm
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

// flash is the footer's last confirmation, neutral note or error. A
// confirmation goes away by itself at until; an error stays until the next
// key press, so it is read before it goes.
type flash struct {
	text    string
	err     bool
	neutral bool      // a non-event like "Cancelled": no check mark
	until   time.Time // zero: stays
}

// flashTTL is how long a confirmation stays in the footer.
const flashTTL = 6 * time.Second

// statusEvery is how often the running timer is read again, so a TUI left
// open follows what other shells started or stopped.
const statusEvery = 5 * time.Second

// loaded is one asynchronously loaded value: loading until its message
// arrives, then a value or an error.
type loaded[T any] struct {
	val     T
	err     error
	loading bool
}

// Model is the root model of the workbench.
type Model struct {
	sh    *shared
	help  help.Model
	width int
	// height of the terminal; the body is what is left after header and footer.
	height int

	list *clientList

	// statusAsked is when status was last requested; the tick asks again
	// statusEvery later, once the answer is in (statusLoading false).
	statusAsked   time.Time
	statusLoading bool
	timerAsking   bool // t is waiting for a fresh status to decide

	pane         pane
	detailScroll int
	detailSlug   string // the client whose pane detailScroll scrolls
	// narrowDetail: in a terminal too narrow for list and detail side by
	// side, the detail pane is shown instead of the list (tab opens it, esc
	// or tab past the last pane goes back).
	narrowDetail bool
	profiles     map[string]loaded[workbench.ProfileView]
	previews     map[string]loaded[workbench.PlanPreview]
	repos        map[string]loaded[[]workbench.RepoStatus]
	entries      map[string]loaded[clientWeek]
	notes        map[string]loaded[notesMsg]
	week         loaded[workbench.WeekGrid]
	// weekDay is a day of the week the week view shows (asked for or
	// shown): [ and ] move it by seven calendar days, . brings it to today.
	weekDay time.Time

	// helpFrom is the mode `?` was pressed in, where esc goes back to.
	helpFrom mode

	mode    mode
	form    *huh.Form
	pending formSubmit // what a completed form does
	dialog  *dialog

	flash    flash
	busy     string               // an action that blocks input, like a switch in flight
	picked   workbench.ClientInfo // the client a switch went to: the summary warns of production
	result   *workbench.SwitchResult
	quitting bool
}

// New builds the root model. ctx bounds every backend call.
func New(ctx context.Context, b Backend, opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if envValue(opts.Environ, "NO_COLOR") != "" {
		opts.NoColor = true
	}
	m := &Model{
		sh: &shared{
			fx:   effects{ctx: ctx, b: b, now: opts.Now, every: tea.Tick},
			opts: opts,
			keys: newKeyMap(),
			dark: true,
			now:  opts.Now(),
		},
		help:     help.New(),
		profiles: map[string]loaded[workbench.ProfileView]{},
		previews: map[string]loaded[workbench.PlanPreview]{},
		repos:    map[string]loaded[[]workbench.RepoStatus]{},
		entries:  map[string]loaded[clientWeek]{},
		notes:    map[string]loaded[notesMsg]{},
		width:    80,
		height:   24,
	}
	m.dialog = newDialog(m.sh)
	m.list = newClientList(m.sh)
	m.detailSlug = opts.CurrentClient
	m.applyStyles()
	m.layout()
	return m
}

func (m *Model) applyStyles() {
	m.sh.st = newStyles(m.sh.dark, m.sh.opts.NoColor)
	m.help.Styles = m.sh.st.Help
	m.list.applyStyles()
}

// Init asks the terminal for its background and loads clients and status.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.sh.fx.loadClients(""), m.reloadStatus(), m.sh.fx.tick())
}

// reloadStatus reads the running timer and today's totals again.
func (m *Model) reloadStatus() tea.Cmd {
	m.statusLoading, m.statusAsked = true, m.sh.now
	return m.sh.fx.loadStatus("")
}

// notify shows a confirmation that goes away after flashTTL.
func (m *Model) notify(text string) { m.flash = flash{text: text, until: m.sh.now.Add(flashTTL)} }

// note shows a neutral line (nothing happened) that goes away like a
// confirmation.
func (m *Model) note(text string) {
	m.flash = flash{text: text, neutral: true, until: m.sh.now.Add(flashTTL)}
}

// fail shows an error until the next key press.
func (m *Model) fail(text string) { m.flash = flash{text: text, err: true} }

// Result is the switch the user picked, once the program has quit.
func (m *Model) Result() *workbench.SwitchResult { return m.result }

// selected is the client under the list's cursor.
func (m *Model) selected() (workbench.ClientInfo, bool) { return m.list.Selected() }

func (m *Model) clientBySlug(slug string) (workbench.ClientInfo, bool) {
	return m.sh.clientBySlug(slug)
}
