package tui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// Update is the model's state machine: messages in, state and commands out.
// It performs no I/O; effects come back as messages.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.layout()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		changed := m.sh.dark != msg.IsDark()
		m.sh.dark = msg.IsDark()
		m.applyStyles()
		if m.form != nil {
			m.form.Update(msg)
		}
		if !changed {
			return nil
		}
		clear(m.notes) // rendered in the other background's colours
		return m.ensureDetail()
	case tea.WindowSizeMsg:
		widthChanged := m.width != msg.Width
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		m.layout()
		m.list.KeepCursorVisible()
		if widthChanged {
			clear(m.notes) // rendered for another width
		}
		return m.ensureDetail()
	case tickMsg:
		m.sh.now = timeOf(msg)
		if !m.flash.until.IsZero() && !m.sh.now.Before(m.flash.until) {
			m.flash = flash{}
		}
		if !m.statusLoading && m.sh.now.Sub(m.statusAsked) >= statusEvery {
			// Another shell may have started or stopped a timer since.
			return tea.Batch(m.sh.fx.tick(), m.reloadStatus())
		}
		return m.sh.fx.tick()
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case clientsMsg:
		return m.onClients(msg)
	case statusMsg:
		return m.onStatus(msg)
	case profileMsg:
		m.profiles[msg.slug] = loaded[workbench.ProfileView]{val: msg.profile, err: msg.err}
		return nil
	case previewMsg:
		m.previews[msg.slug] = loaded[workbench.PlanPreview]{val: msg.preview, err: msg.err}
		return nil
	case reposMsg:
		m.repos[msg.slug] = loaded[[]workbench.RepoStatus]{val: msg.repos, err: msg.err}
		return nil
	case entriesMsg:
		m.entries[msg.slug] = loaded[clientWeek]{val: msg.week, err: msg.err}
		return nil
	case notesMsg:
		m.notes[msg.slug] = loaded[notesMsg]{val: msg, err: msg.err}
		return nil
	case weekMsg:
		if msg.day.Equal(m.weekDay) {
			m.week = loaded[workbench.WeekGrid]{val: msg.grid, err: msg.err}
		}
		return nil
	case doneMsg:
		return m.onDone(msg)
	case switchedMsg:
		if msg.err != nil {
			m.busy = ""
			m.fail(msg.err.Error())
			return m.ensureDetail() // a digit may have moved the selection
		}
		res := msg.result
		m.result = &res
		return m.sh.fx.writeEvalFile(m.sh.opts.EvalFile, res.Script)
	case evalWrittenMsg:
		if msg.err != nil {
			m.busy, m.result = "", nil
			m.fail(msg.err.Error())
			return m.ensureDetail()
		}
		m.quitting = true
		return tea.Quit
	case editorReadyMsg:
		if msg.err != nil {
			m.fail(msg.err.Error())
			return nil
		}
		return openEditor(msg.argv, msg.edit)
	case editorDoneMsg:
		if msg.err != nil {
			m.fail(fmt.Sprintf("editor failed, runbook unchanged: %v", msg.err))
			return m.sh.fx.discardRunbookEdit(msg.edit)
		}
		return m.sh.fx.finishRunbookEdit(msg.edit)
	}
	// Everything else (huh's and the text input's own messages) belongs to
	// whichever component is active.
	if m.mode == modeForm && m.form != nil {
		return m.updateForm(msg)
	}
	if m.list.Filtering() {
		return m.listUpdate(msg)
	}
	return nil
}

func timeOf(t tickMsg) time.Time { return time.Time(t) }

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// onStatus takes a status answer unless a newer one is already in, then
// finishes a t that waited for it.
func (m *Model) onStatus(msg statusMsg) tea.Cmd {
	m.statusLoading = false
	if msg.timerFor != "" {
		m.timerAsking = false
	}
	if msg.err != nil {
		m.fail(msg.err.Error())
		return nil
	}
	if !msg.at.Before(m.sh.statusAt) {
		m.sh.status, m.sh.statusAt, m.sh.now = msg.status, msg.at, maxTime(m.sh.now, msg.at)
	}
	if msg.timerFor != "" {
		return m.decideTimer(msg.timerFor)
	}
	return nil
}

func (m *Model) onClients(msg clientsMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(msg.err.Error())
		return nil
	}
	if msg.refreshed {
		m.notify("Refreshed")
	}
	m.sh.clients = msg.clients
	m.list.SetClients(msg.selectSlug)
	return m.followSelection()
}

// onDone shows an action's outcome and reloads what it changed.
func (m *Model) onDone(msg doneMsg) tea.Cmd {
	m.busy = ""
	if msg.err != nil {
		m.fail(msg.err.Error())
		return nil
	}
	if msg.neutral {
		m.note(msg.text)
	} else {
		m.notify(msg.text)
	}
	if msg.showNotes && msg.slug == m.list.selectedSlug {
		m.pane, m.detailScroll = paneNotes, scrollToEnd
	}
	var cmds []tea.Cmd
	if msg.reload&reloadStatus != 0 {
		cmds = append(cmds, m.reloadStatus())
		clear(m.entries)
		m.week = loaded[workbench.WeekGrid]{}
	}
	if msg.reload&reloadClients != 0 {
		cmds = append(cmds, m.sh.fx.loadClients(msg.slug))
	}
	if msg.reload&reloadProfile != 0 {
		delete(m.profiles, msg.slug)
		delete(m.previews, msg.slug)
		delete(m.entries, msg.slug) // its zone may have changed, and with it its week
		delete(m.notes, msg.slug)   // and the zone its log times are shown in
	}
	if msg.reload&reloadNotes != 0 {
		delete(m.notes, msg.slug)
	}
	cmds = append(cmds, m.ensureDetail())
	return tea.Batch(cmds...)
}

// ensureDetail starts loading whatever the selected client's current pane
// shows and is not loaded or loading yet.
func (m *Model) ensureDetail() tea.Cmd {
	c, ok := m.selected()
	if !ok || !m.showDetail() || m.mode != modeMain || m.dialog.Open() {
		return nil
	}
	slug := c.Slug
	var cmds []tea.Cmd
	if _, ok := m.profiles[slug]; !ok {
		m.profiles[slug] = loaded[workbench.ProfileView]{loading: true}
		cmds = append(cmds, m.sh.fx.loadProfile(slug))
	}
	switch m.pane {
	case paneEnv:
		if _, ok := m.previews[slug]; !ok {
			m.previews[slug] = loaded[workbench.PlanPreview]{loading: true}
			cmds = append(cmds, m.sh.fx.loadPreview(slug))
		}
	case paneRepos:
		if _, ok := m.repos[slug]; !ok {
			m.repos[slug] = loaded[[]workbench.RepoStatus]{loading: true}
			cmds = append(cmds, m.sh.fx.loadRepos(slug))
		}
	case paneTime:
		if _, ok := m.entries[slug]; !ok {
			m.entries[slug] = loaded[clientWeek]{loading: true}
			cmds = append(cmds, m.sh.fx.loadEntries(slug))
		}
	case paneNotes:
		if _, ok := m.notes[slug]; !ok {
			m.notes[slug] = loaded[notesMsg]{loading: true}
			cmds = append(cmds, m.sh.fx.loadNotes(slug, c.Timezone, m.detailWidth(), m.sh.st))
		}
	}
	return tea.Batch(cmds...)
}

// listUpdate hands msg to the list, then has the detail follow its
// selection.
func (m *Model) listUpdate(msg tea.Msg) tea.Cmd {
	cmd := m.list.Update(msg)
	return tea.Batch(cmd, m.followSelection())
}

// followSelection shows the selected client's detail from its top when
// the selection moved to another client, and loads what it shows.
func (m *Model) followSelection() tea.Cmd {
	m.trackSelection()
	return m.ensureDetail()
}

// trackSelection starts the detail from its top when the selection moved
// to another client.
func (m *Model) trackSelection() {
	if slug := m.list.selectedSlug; slug != m.detailSlug {
		m.detailSlug, m.detailScroll = slug, 0
	}
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.sh.keys.ForceQuit) {
		m.quitting = true
		return tea.Quit
	}
	if m.busy != "" {
		return nil // a switch is in flight: the next keystroke must not race it
	}
	if m.flash.err {
		m.flash = flash{} // read; the key is the next action
	}
	if m.dialog.Open() {
		return m.dialogKey(msg)
	}
	switch m.mode {
	case modeForm:
		return m.updateForm(msg)
	case modeHelp:
		if key.Matches(msg, m.sh.keys.Back, m.sh.keys.Help) {
			m.mode = m.helpFrom
			return m.ensureDetail()
		}
		return nil
	case modeWeek:
		return m.weekKey(msg)
	}
	if m.list.Filtering() {
		return m.filterKey(msg)
	}
	return m.mainKey(msg)
}

// filterKey is a key while the filter has the keys: enter switches to the
// client under the cursor; the rest edits the filter or moves the cursor.
func (m *Model) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	k, typed := m.sh.keys, m.list.FilterValue()
	switch {
	case key.Matches(msg, k.FilterAccept):
		if c, ok := m.selected(); ok {
			return m.switchTo(c)
		}
		return nil
	case key.Matches(msg, k.FilterClear) && m.sh.opts.Picker && typed == "":
		// esc in the hotkey's picker with nothing typed quits at once,
		// like fzf or Ctrl-R.
		m.quitting = true
		return tea.Quit
	case key.Matches(msg, k.Digit) && typed == "":
		// The hotkey opens with the filter focused, yet a digit must still
		// pick the client it labels: digits go to the list until something
		// is typed.
		return m.mainKey(msg)
	}
	return m.listUpdate(msg)
}

// cyclePane moves to the next (step 1) or previous (-1) detail pane. In a
// terminal too narrow for list and detail side by side, the list is one
// more stop of the cycle: tab from the list opens the first pane in its
// place, tab past the last pane comes back to the list.
func (m *Model) cyclePane(step int) tea.Cmd {
	m.detailScroll = 0
	if !m.sideBySide() {
		switch {
		case !m.narrowDetail:
			m.narrowDetail = true
			m.pane = 0
			if step < 0 {
				m.pane = paneCount - 1
			}
			return m.ensureDetail()
		case step > 0 && m.pane == paneCount-1, step < 0 && m.pane == 0:
			m.narrowDetail = false
			return nil
		}
	}
	m.pane = (m.pane + pane(step) + paneCount) % paneCount
	return m.ensureDetail()
}

func (m *Model) mainKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.sh.keys
	switch {
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom):
		return m.listUpdate(msg)
	case key.Matches(msg, k.Switch):
		if c, ok := m.selected(); ok {
			return m.switchTo(c)
		}
	case key.Matches(msg, k.Digit):
		n := int(msg.String()[0] - '1')
		if !m.list.SelectRow(n) {
			m.fail(fmt.Sprintf("no client #%d in the list", n+1))
			return nil
		}
		m.trackSelection()
		c, _ := m.selected()
		if cmd := m.switchTo(c); cmd != nil {
			return cmd // the shell moves: nothing more to load
		}
		return m.ensureDetail()
	case key.Matches(msg, k.NextPane):
		return m.cyclePane(1)
	case key.Matches(msg, k.PrevPane):
		return m.cyclePane(-1)
	case key.Matches(msg, k.ToList) && m.detailInstead():
		m.narrowDetail = false
	case key.Matches(msg, k.DetailDown):
		m.detailScroll = min(m.detailScroll, m.maxDetailScroll()) + max(m.bodyHeight()/2, 1)
	case key.Matches(msg, k.DetailUp):
		m.detailScroll = max(min(m.detailScroll, m.maxDetailScroll())-max(m.bodyHeight()/2, 1), 0)
	case key.Matches(msg, k.Timer):
		return m.toggleTimer()
	case key.Matches(msg, k.Add):
		return m.openAddForm()
	case key.Matches(msg, k.Edit):
		return m.openEditForm()
	case key.Matches(msg, k.Secret):
		return m.openSecretForm()
	case key.Matches(msg, k.Note):
		return m.openNoteForm()
	case key.Matches(msg, k.Runbook):
		if c, ok := m.selected(); ok {
			return m.sh.fx.beginRunbookEdit(c.Slug, m.sh.getenv)
		}
	case key.Matches(msg, k.Filter):
		return m.list.StartFilter()
	case key.Matches(msg, k.Week):
		m.mode = modeWeek
		return m.showWeek(m.sh.now)
	case key.Matches(msg, k.Refresh):
		clear(m.profiles)
		clear(m.previews)
		clear(m.repos)
		clear(m.entries)
		clear(m.notes)
		m.flash = flash{}
		return tea.Batch(m.sh.fx.refreshClients(), m.reloadStatus())
	case key.Matches(msg, k.Help):
		m.mode, m.helpFrom = modeHelp, modeMain
	case key.Matches(msg, k.FilterClear) && m.list.FilterValue() != "":
		// esc first clears a kept filter, then quits.
		m.list.ClearFilter()
		return m.followSelection()
	case key.Matches(msg, k.Quit):
		m.quitting = true
		return tea.Quit
	}
	return nil
}

// switchTo moves the calling shell to c through the hook, or explains how
// to install the hook when there is none.
func (m *Model) switchTo(c workbench.ClientInfo) tea.Cmd {
	if m.sh.opts.EvalFile == "" {
		m.fail(hookHint(m.sh.shell()))
		return nil
	}
	m.busy, m.picked = "Switching to "+c.Slug+"…", c
	return m.sh.fx.switchTo(workbench.SwitchRequest{Client: c.Slug, Shell: m.sh.shell(), Environ: m.sh.opts.Environ, Action: "switch"})
}

// hookHint says how to load the shell hook that lets stint move a shell.
func hookHint(shell string) string {
	switch shell {
	case "zsh":
		return `no shell hook: add eval "$(stint hook zsh)" to ~/.zshrc, open a new shell, then press Alt-s or run stint`
	case "fish":
		return `no shell hook: add stint hook fish | source to ~/.config/fish/config.fish, open a new shell, then press Alt-s or run stint`
	}
	return `no shell hook: add eval "$(stint hook bash)" to ~/.bashrc, open a new shell, then press Alt-s or run stint`
}

// toggleTimer reads the status afresh before t acts on the selected
// client: another shell may have started or stopped a timer since the
// footer last looked. decideTimer acts once the answer is in.
func (m *Model) toggleTimer() tea.Cmd {
	c, ok := m.selected()
	if !ok || m.timerAsking {
		return nil
	}
	m.timerAsking = true
	m.statusAsked = m.sh.now
	return m.sh.fx.loadStatus(c.Slug)
}

// decideTimer stops slug's running timer or starts one; stopping another
// client's timer to do so asks first.
func (m *Model) decideTimer(slug string) tea.Cmd {
	r := m.sh.status.Running
	switch {
	case r != nil && r.Client == slug:
		return m.sh.fx.stop()
	case r != nil:
		m.askConfirm(fmt.Sprintf("Stop %s's timer (%s) and start %s?", r.Client, display.HMS(m.sh.runningSeconds()), slug), m.sh.fx.start(slug))
		return nil
	}
	return m.sh.fx.start(slug)
}

func (m *Model) askConfirm(prompt string, yes tea.Cmd) { m.dialog.Confirm(prompt, yes) }

// dialogKey gives a key to the open dialog, which uses it up.
func (m *Model) dialogKey(msg tea.KeyPressMsg) tea.Cmd {
	switch res, cmd := m.dialog.Update(msg); res {
	case dialogYes:
		return cmd
	case dialogNo:
		m.note("Cancelled")
		return m.ensureDetail()
	}
	return nil
}
