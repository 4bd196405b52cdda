package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/workbench"
)

type mode int

const (
	modeMain mode = iota
	modeWeek
	modeHelp
)

// flash is the footer's last confirmation or neutral note; it goes away by
// itself at until. Errors are not flashed: they open the error box
// (errbox.go), which stays until dismissed.
type flash struct {
	text    string
	neutral bool      // a non-event like "Cancelled": no check mark
	until   time.Time // zero: stays
}

// flashTTL is how long a confirmation stays in the footer.
const flashTTL = 6 * time.Second

// statusEvery is how often the running timer is read again, so a TUI left
// open follows what other shells started or stopped.
const statusEvery = 5 * time.Second

// Model is the root model of the workbench. It composes the components —
// the client list, the detail panes, the week view, the help screen, the
// form and the dialog — gives them their sizes, routes messages and keys
// to them, and does what no one component can: switching the shell, the
// timer, reloading after a change. Only it returns a tea.View.
type Model struct {
	sh     *shared
	width  int
	height int // of the terminal
	bodyH  int // what header and footer leave of it, as layout found

	list   *clientList
	detail *detail
	week   *weekView
	help   *helpScreen
	dialog *dialog
	errBox *errorBox

	// mode is the screen shown: the list and detail, the week view or
	// the help. An open form takes the body's place over it.
	mode mode
	// narrowDetail: in a terminal too narrow for list and detail side by
	// side, the detail pane is shown instead of the list (tab opens it, esc
	// or tab past the last pane goes back).
	narrowDetail bool
	form         *form
	// saving is the form whose save is on its way: reopened with what was
	// typed if the save fails.
	saving *formSpec

	// statusAsked is when status was last requested; the tick asks again
	// statusEvery later, once the answer is in (statusLoading false).
	statusAsked   time.Time
	statusLoading bool
	timerAsking   bool // t is waiting for a fresh status to decide

	hidePreview bool // the picker's preview is hidden (ctrl+o)

	opening opening // the backend, while RunOpening opens it (opening.go)

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
			fx:   effects{ctx: ctx, b: b, now: opts.Now, every: tea.Tick, environ: opts.Environ},
			opts: opts,
			keys: newKeyMap(),
			help: help.New(),
			dark: true,
			now:  opts.Now(),
		},
		width:  80,
		height: 24,
	}
	m.list = newClientList(m.sh)
	m.detail = newDetail(m.sh)
	m.week = newWeekView(m.sh)
	m.help = newHelpScreen(m.sh)
	m.dialog = newDialog(m.sh)
	m.errBox = newErrorBox(m.sh)
	m.form = newForm(m.sh)
	m.applyStyles()
	m.layout()
	return m
}

func (m *Model) applyStyles() {
	m.sh.st = newStyles(m.sh.dark, m.sh.opts.NoColor)
	m.sh.help.Styles = m.sh.st.Help
	m.list.applyStyles()
}

// Init asks the terminal for its background and loads clients and status.
func (m *Model) Init() tea.Cmd {
	if m.opening.waiting {
		return tea.Batch(tea.RequestBackgroundColor, m.opening.open)
	}
	return tea.Batch(tea.RequestBackgroundColor, m.load())
}

// load reads what the first screen shows.
func (m *Model) load() tea.Cmd {
	return tea.Batch(m.sh.fx.loadClients(""), m.reloadTimes(), m.sh.fx.tick(),
		m.detail.EnsureProfileOf(m.sh.opts.CurrentClient)) // the header's kube context
}

// notify shows a confirmation that goes away after flashTTL.
func (m *Model) notify(text string) { m.flash = flash{text: text, until: m.sh.now.Add(flashTTL)} }

// note shows a neutral line (nothing happened) that goes away like a
// confirmation.
func (m *Model) note(text string) {
	m.flash = flash{text: text, neutral: true, until: m.sh.now.Add(flashTTL)}
}

// fail shows an error, whole, until it is dismissed.
func (m *Model) fail(text string) {
	m.flash = flash{}
	m.errBox.Show(text)
}

// Result is the switch the user picked, once the program has quit.
func (m *Model) Result() *workbench.SwitchResult { return m.result }

// selected is the client under the list's cursor.
func (m *Model) selected() (workbench.ClientInfo, bool) { return m.list.Selected() }

func (m *Model) clientBySlug(slug string) (workbench.ClientInfo, bool) {
	return m.sh.clientBySlug(slug)
}
