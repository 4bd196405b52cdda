package tui

import (
	"context"
	"fmt"
	"os/exec"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/workbench"
)

// Messages that carry the results of Backend calls back into Update. Each
// names the client it is about, so a late answer for a client no longer
// selected lands in its cache and is not shown for another.

type clientsMsg struct {
	clients    []workbench.ClientInfo
	archived   []string
	err        error
	selectSlug string // select this slug once loaded ("" keeps the selection)
	refreshed  bool   // asked for by r: say so once it is in
}

type statusMsg struct {
	status workbench.Status
	budget *workbench.BudgetUse // the running client's budget; nil: none
	idle   *workbench.IdleGap   // the idle stretch waiting for a decision
	at     time.Time            // the clock when it was read; the footer counts on from here
	err    error
	// timerFor is the client t was pressed on: with the fresh status in,
	// decide whether t stops, starts or asks first.
	timerFor string
}

type profileMsg struct {
	slug    string
	profile workbench.ProfileView
	err     error
}

type previewMsg struct {
	slug    string
	preview workbench.PlanPreview
	err     error
}

type reposMsg struct {
	slug  string
	repos []workbench.RepoStatus
	err   error
}

type entriesMsg struct {
	slug string
	week clientWeek
	err  error
}

// clientWeek is a client's current week as the workbench takes it (the
// client's zone, the week_start setting) and its entries.
type clientWeek struct {
	from    time.Time // the first day's midnight, in the client's zone
	entries []workbench.Entry
}

type notesMsg struct {
	slug     string
	runbook  string
	rendered string // the runbook through renderMarkdown, at width
	width    int
	log      []workbench.Note
	// zone is the client's time zone (the local one when it has none),
	// the zone log times are shown in, as the CLI shows them.
	zone *time.Location
	err  error
}

// weekMsg is the week of day; an answer for a day no longer asked for
// (the user moved on) is dropped.
type weekMsg struct {
	day  time.Time
	grid workbench.WeekGrid
	err  error
}

// doneMsg reports an action that changed data: a confirmation line for the
// footer (or an error) and what to reload.
type doneMsg struct {
	text    string
	neutral bool // nothing happened: a note, not a confirmation
	err     error
	reload  reload
	slug    string // the client concerned; selected after a reload of clients
	started *workbench.Entry
	stopped *workbench.Entry
	// showNotes turns the detail to the end of the client's notes, where
	// the line just added is.
	showNotes bool
}

type reload int

const (
	reloadStatus reload = 1 << iota
	reloadClients
	reloadProfile
	reloadNotes
)

type switchedMsg struct {
	result workbench.SwitchResult
	err    error
}

// editorReadyMsg: the runbook is in edit.Path, argv is the editor to run
// on it.
type editorReadyMsg struct {
	edit workbench.RunbookEdit
	argv []string
	err  error
}

type editorDoneMsg struct {
	edit workbench.RunbookEdit
	err  error
}

type tickMsg time.Time

// effects builds the tea.Cmds; it holds the backend, the context and the
// clock, so the model itself stays a plain value.
type effects struct {
	ctx context.Context
	b   Backend
	now func() time.Time
	// every schedules the footer's one-second tick: tea.Tick, or nothing in
	// tests that step the clock themselves.
	every func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	// environ is the process environment: the shell's session and client,
	// whose identity warning the status carries.
	environ []string
}

// clients are the clients to list and, apart, the archived ones' slugs:
// a new client may not take one.
func (e effects) clients() (listed []workbench.ClientInfo, archived []string, err error) {
	all, err := e.b.Clients(e.ctx, true)
	for _, c := range all {
		if c.Archived {
			archived = append(archived, c.Slug)
		} else {
			listed = append(listed, c)
		}
	}
	return listed, archived, err
}

func (e effects) loadClients(selectSlug string) tea.Cmd {
	return func() tea.Msg {
		cs, archived, err := e.clients()
		return clientsMsg{clients: cs, archived: archived, err: err, selectSlug: selectSlug}
	}
}

// refreshClients reloads the clients for r, which confirms once they are in.
func (e effects) refreshClients() tea.Cmd {
	return func() tea.Msg {
		cs, archived, err := e.clients()
		return clientsMsg{clients: cs, archived: archived, err: err, refreshed: true}
	}
}

// loadStatus reads the running timer and today's totals; timerFor, when
// set, is the client whose t key waits for this answer.
func (e effects) loadStatus(timerFor string) tea.Cmd {
	return func() tea.Msg {
		at := e.now()
		st, err := e.b.Status(e.ctx)
		msg := statusMsg{at: at, timerFor: timerFor}
		if err == nil {
			st.IdentityWarning = e.b.IdentityWarning(e.environ)
			msg.idle, err = e.b.PendingIdle(e.ctx)
		}
		if err == nil && st.Running != nil {
			msg.budget, err = e.b.Budget(e.ctx, st.Running.Client)
		}
		msg.status, msg.err = st, err
		return msg
	}
}

func (e effects) loadProfile(slug string) tea.Cmd {
	return func() tea.Msg {
		p, err := e.b.Profile(e.ctx, slug)
		return profileMsg{slug: slug, profile: p, err: err}
	}
}

// awsStatusMsg is how long a client's cached AWS credentials last.
type awsStatusMsg struct {
	slug   string
	status workbench.AWSStatus
	err    error
}

// loadAWSStatus reads a client's AWS cache (one keyring read), for the
// Environment pane of a client with temporary credentials.
func (e effects) loadAWSStatus(slug string) tea.Cmd {
	return func() tea.Msg {
		st, err := e.b.AWSStatus(e.ctx, slug)
		return awsStatusMsg{slug: slug, status: st, err: err}
	}
}

func (e effects) loadPreview(slug string) tea.Cmd {
	return func() tea.Msg {
		p, err := e.b.PreviewPlan(e.ctx, slug)
		return previewMsg{slug: slug, preview: p, err: err}
	}
}

func (e effects) loadRepos(slug string) tea.Cmd {
	return func() tea.Msg {
		rs, err := e.b.RepoStatus(e.ctx, slug)
		return reposMsg{slug: slug, repos: rs, err: err}
	}
}

// loadEntries reads the client's entries of this week, the week `stint log
// --client` shows: in the client's zone, starting on week_start.
func (e effects) loadEntries(slug string) tea.Cmd {
	return func() tea.Msg {
		from, to, err := e.b.ResolveRange(e.ctx, workbench.RangeRequest{Client: slug, Default: workbench.PeriodWeek})
		if err != nil {
			return entriesMsg{slug: slug, err: err}
		}
		es, err := e.b.Entries(e.ctx, from, to, slug)
		return entriesMsg{slug: slug, week: clientWeek{from: from, entries: es}, err: err}
	}
}

// loadNotes reads the runbook and the latest log lines and renders the
// runbook here, off the update loop, at the pane's width less its indent.
// The log is timed in the client's zone, the workbench's Zone.
func (e effects) loadNotes(slug string, width int, st styles) tea.Cmd {
	return func() tea.Msg {
		zone, err := e.b.Zone(e.ctx, slug)
		if err != nil {
			return notesMsg{slug: slug, err: err}
		}
		body, err := e.b.Runbook(e.ctx, slug)
		if err != nil {
			return notesMsg{slug: slug, err: err}
		}
		log, err := e.b.Notes(e.ctx, slug, 50)
		if err != nil {
			return notesMsg{slug: slug, err: err}
		}
		return notesMsg{slug: slug, runbook: body, rendered: renderMarkdown(display.SafeLines(body), width-runbookIndent, st), width: width, log: log, zone: zone}
	}
}

// listWeekMsg is this week's grid, for the list's WEEK and BILLED.
type listWeekMsg struct {
	grid workbench.WeekGrid
	at   time.Time // the clock it was read at: it counts a running timer up to then
	err  error
}

// loadListWeek reads this week's grid for the list.
func (e effects) loadListWeek() tea.Cmd {
	return func() tea.Msg {
		at := e.now()
		g, err := e.b.Week(e.ctx, at)
		return listWeekMsg{grid: g, at: at, err: err}
	}
}

// loadWeek reads the grid of the week holding day, in day's zone.
func (e effects) loadWeek(day time.Time) tea.Cmd {
	return func() tea.Msg {
		g, err := e.b.Week(e.ctx, day)
		return weekMsg{day: day, grid: g, err: err}
	}
}

func (e effects) start(slug string) tea.Cmd {
	return func() tea.Msg {
		started, stopped, err := e.b.Start(e.ctx, slug, e.now(), "")
		if err != nil {
			return doneMsg{err: err}
		}
		// In the client's zone, labelled where it is not local, as
		// `stint status` and `stint start` say it.
		local := e.now().Location()
		zone, err := e.b.Zone(e.ctx, slug)
		if err != nil || zone == nil {
			zone = local
		}
		text := fmt.Sprintf("Started %s at %s", slug, display.Clock(started.Start, zone, local))
		switch {
		case stopped != nil && stopped.Discarded():
			text += fmt.Sprintf(" (discarded %s after %s: shorter than switch_grace; u brings it back)", stopped.Client, display.Compact(stopped.Seconds))
		case stopped != nil:
			text += fmt.Sprintf(" (stopped %s after %s)", stopped.Client, display.Compact(stopped.Seconds))
		}
		return doneMsg{text: text, reload: reloadStatus, slug: slug, started: &started, stopped: stopped}
	}
}

func (e effects) stop() tea.Cmd {
	return func() tea.Msg {
		stopped, err := e.b.Stop(e.ctx, e.now(), "")
		if err != nil {
			return doneMsg{err: err}
		}
		text := fmt.Sprintf("Stopped %s after %s", stopped.Client, display.HM(stopped.Seconds))
		if stopped.Discarded() {
			text = fmt.Sprintf("Discarded %s after %s: shorter than switch_grace, it bills nothing (u brings it back)",
				stopped.Client, display.Compact(stopped.Seconds))
		}
		return doneMsg{text: text, reload: reloadStatus, slug: stopped.Client, stopped: &stopped}
	}
}

// undo reverts the last time change and says what came back.
func (e effects) undo() tea.Cmd {
	return func() tea.Msg {
		u, err := e.b.Undo(e.ctx)
		if err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: undoneText(u), reload: reloadStatus}
	}
}

// undoneText is an undo in one line: "Undid the stop · acme runs again".
func undoneText(u workbench.Undone) string {
	text := "Undid the " + u.Kind
	for _, e := range u.Entries {
		switch {
		case e.Now == nil:
			text += fmt.Sprintf(" · entry %d removed", e.ID)
		case e.Now.Running():
			text += fmt.Sprintf(" · %s runs again", e.Now.Client)
		case e.Was == nil:
			text += fmt.Sprintf(" · entry %d back", e.ID)
		default:
			text += fmt.Sprintf(" · entry %d restored", e.ID)
		}
	}
	return text
}

func (e effects) addClient(slug string, spec profiles.ClientSpec) tea.Cmd {
	return func() tea.Msg {
		c, err := e.b.AddClient(e.ctx, slug, spec)
		if err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: fmt.Sprintf("Added %s (%s)", c.Slug, display.Safe(c.Name)), reload: reloadClients, slug: c.Slug}
	}
}

func (e effects) editClient(slug string, spec profiles.ClientSpec) tea.Cmd {
	return func() tea.Msg {
		c, err := e.b.EditClient(e.ctx, slug, spec)
		if err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: fmt.Sprintf("Saved %s (%s)", c.Slug, display.Safe(c.Name)), reload: reloadClients | reloadProfile, slug: c.Slug}
	}
}

// setSecret hands the value straight to the keyring; it appears in no
// message, error or log line.
func (e effects) setSecret(slug, name, value string) tea.Cmd {
	return func() tea.Msg {
		if err := e.b.SetSecret(e.ctx, slug, name, value); err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: fmt.Sprintf("Secret %s of %s saved in the keyring", name, slug), reload: reloadProfile, slug: slug}
	}
}

func (e effects) addNote(slug, text string) tea.Cmd {
	return func() tea.Msg {
		if _, err := e.b.AddNote(e.ctx, slug, text); err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: "Note added to " + slug, reload: reloadNotes, slug: slug, showNotes: true}
	}
}

// switchTo has the workbench switch the calling shell, handing the script
// to deliver (the hook's file, as `stint switch` does): the switch is
// recorded only once the script is delivered.
func (e effects) switchTo(req workbench.SwitchRequest, deliver workbench.Deliver) tea.Cmd {
	return func() tea.Msg {
		if deliver == nil {
			return switchedMsg{err: fmt.Errorf("this shell has no stint hook, so the switch cannot reach it")}
		}
		res, err := e.b.Switch(e.ctx, req, deliver)
		return switchedMsg{result: res, err: err}
	}
}

// beginRunbookEdit finds the editor (workbench.EditorCommand, as `stint
// note edit` does), then has the workbench write the runbook to its private
// file. No editor, no file.
func (e effects) beginRunbookEdit(slug string, getenv func(string) string) tea.Cmd {
	return func() tea.Msg {
		argv, err := workbench.EditorCommand(getenv, exec.LookPath)
		if err != nil {
			return editorReadyMsg{err: err}
		}
		edit, err := e.b.BeginRunbookEdit(e.ctx, slug)
		return editorReadyMsg{edit: edit, argv: argv, err: err}
	}
}

// editorCmd is the editor's argv with the file to edit last.
func editorCmd(argv []string, path string) *exec.Cmd {
	return exec.Command(argv[0], append(slices.Clone(argv[1:]), path)...)
}

// openEditor hands the terminal to the editor until it exits.
func openEditor(argv []string, edit workbench.RunbookEdit) tea.Cmd {
	return tea.ExecProcess(editorCmd(argv, edit.Path), func(err error) tea.Msg { return editorDoneMsg{edit: edit, err: err} })
}

// finishRunbookEdit saves the edited file if it changed; the workbench
// removes it either way.
func (e effects) finishRunbookEdit(edit workbench.RunbookEdit) tea.Cmd {
	return func() tea.Msg {
		changed, err := e.b.FinishRunbookEdit(e.ctx, edit)
		switch {
		case err != nil:
			return doneMsg{err: err}
		case !changed:
			return doneMsg{text: "Nothing changed in the runbook of " + edit.Client, neutral: true}
		}
		return doneMsg{text: "Runbook of " + edit.Client + " saved", reload: reloadNotes, slug: edit.Client}
	}
}

// discardRunbookEdit removes the file of an edit whose editor failed.
func (e effects) discardRunbookEdit(edit workbench.RunbookEdit) tea.Cmd {
	return func() tea.Msg { edit.Discard(); return nil }
}

func (e effects) tick() tea.Cmd {
	if e.every == nil {
		return nil
	}
	return e.every(time.Second, func(time.Time) tea.Msg { return tickMsg(e.now()) })
}
