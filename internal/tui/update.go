package tui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/workbench"
)

// Update is the model's state machine: messages in, state and commands out.
// It performs no I/O; effects come back as messages. After every message
// the components get their sizes again, so View only reads.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd, held := m.whileOpening(msg)
	if !held {
		cmd = m.update(msg)
	}
	m.layout()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		changed := m.sh.dark != msg.IsDark()
		m.sh.dark = msg.IsDark()
		m.applyStyles()
		m.form.Update(msg)
		if !changed {
			return nil
		}
		m.detail.ForgetRendered() // rendered in the other background's colours
		return m.ensureDetail()
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.sh.help.SetWidth(msg.Width)
		m.layout()
		m.list.KeepCursorVisible()
		return m.ensureDetail()
	case tickMsg:
		m.sh.now = time.Time(msg)
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
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		return m.onMouse(msg.(tea.MouseMsg))
	case clientsMsg:
		return m.onClients(msg)
	case statusMsg:
		return m.onStatus(msg)
	case profileMsg, previewMsg, awsStatusMsg, reposMsg, entriesMsg, notesMsg:
		return m.detail.Update(msg)
	case weekMsg:
		return m.week.Update(msg)
	case readinessMsg:
		m.onReadiness(msg)
		return nil
	case dayMsg:
		return m.onDay(msg)
	case listWeekMsg:
		if msg.err == nil { // the week view shows the error, if it is asked for
			m.sh.weekRows, m.sh.weekAt = map[string]workbench.WeekRow{}, msg.at
			for _, r := range msg.grid.Rows {
				m.sh.weekRows[r.Client] = r
			}
		}
		return nil
	case doneMsg:
		return m.onDone(msg)
	case reviewMsg:
		return m.onReview(msg)
	case awsNeedsMsg:
		return m.onAWSNeeds(msg)
	case switchedMsg:
		return m.onSwitched(msg)
	case confirmedSwitchMsg:
		return m.switchTo(msg.client)
	case profileForSwitchMsg:
		return m.onProfileForSwitch(msg)
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
	if m.form.Active() {
		return m.updateForm(msg)
	}
	if m.list.Filtering() {
		return m.listUpdate(msg)
	}
	return nil
}

// changedElsewhere: the new status is not the old one counted on — another
// timer runs, or none, or today's totals moved by more than the clock.
func changedElsewhere(old, now workbench.Status) bool {
	switch o, n := old.Running, now.Running; {
	case (o == nil) != (n == nil):
		return true
	case o != nil && (o.ID != n.ID || o.Client != n.Client):
		return true
	}
	if len(old.TodaySeconds) != len(now.TodaySeconds) {
		return true
	}
	for slug, s := range now.TodaySeconds {
		before, ok := old.TodaySeconds[slug]
		if !ok || (now.Running == nil || now.Running.Client != slug) && before != s {
			return true
		}
	}
	return false
}

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
	var cmds []tea.Cmd
	if !msg.at.Before(m.sh.statusAt) {
		changed := !m.sh.statusAt.IsZero() && changedElsewhere(m.sh.status, msg.status)
		m.sh.status, m.sh.statusAt, m.sh.now = msg.status, msg.at, maxTime(m.sh.now, msg.at)
		m.sh.budget, m.sh.idle = msg.budget, msg.idle
		if changed {
			// Another shell started, stopped or edited time: what the Time
			// pane, the week view and the list's week show is stale.
			m.detail.Forget(reloadStatus, "")
			cmds = append(cmds, m.loadListWeek(), m.ensureDetail(), m.week.Stale(m.weekShown()))
		}
	}
	if msg.timerFor != "" {
		cmds = append(cmds, m.decideTimer(msg.timerFor))
	}
	cmds = append(cmds, m.checkAll(false)) // a kubeconfig may have gone since
	return tea.Batch(cmds...)
}

func (m *Model) onClients(msg clientsMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(msg.err.Error())
		return nil
	}
	if msg.refreshed {
		m.notify("Refreshed")
	}
	m.sh.clients, m.sh.archived = msg.clients, msg.archived
	m.list.SetClients(msg.selectSlug)
	return tea.Batch(m.followSelection(), m.checkAll(true))
}

// onDone shows an action's outcome and reloads what it changed.
func (m *Model) onDone(msg doneMsg) tea.Cmd {
	m.busy = ""
	saving := m.saving
	m.saving = nil
	if msg.err != nil && saving != nil {
		return m.reopenForm(saving, msg.err)
	}
	if msg.err != nil {
		m.fail(msg.err.Error())
		return nil
	}
	if msg.neutral {
		m.note(msg.text)
	} else {
		m.notify(msg.text)
	}
	if msg.showNotes {
		m.detail.ShowEnd(msg.slug, paneNotes)
	}
	var cmds []tea.Cmd
	if msg.reload&reloadStatus != 0 {
		cmds = append(cmds, m.reloadTimes(), m.week.Stale(m.weekShown()))
	}
	if msg.reload&reloadClients != 0 {
		cmds = append(cmds, m.sh.fx.loadClients(msg.slug))
	}
	if msg.reload&reloadProfile != 0 && msg.slug != "" {
		cmds = append(cmds, m.sh.fx.checkReadiness([]string{msg.slug}, true))
	}
	m.detail.Forget(msg.reload, msg.slug)
	cmds = append(cmds, m.ensureDetail())
	return tea.Batch(cmds...)
}

// ensureDetail has the detail load what it shows, when it is on screen.
func (m *Model) ensureDetail() tea.Cmd {
	if m.sh.opts.Picker {
		if m.hidePreview || m.form.Active() {
			return nil
		}
		// All the preview shows: the profile and the client's week.
		return tea.Batch(m.detail.EnsureProfile(), m.detail.time.Ensure(m.detail.slug))
	}
	if !m.showDetail() || m.mode != modeMain || m.form.Active() || m.dialog.Open() {
		return nil
	}
	return m.detail.Ensure()
}

// listUpdate hands msg to the list, then has the detail follow its
// selection.
func (m *Model) listUpdate(msg tea.Msg) tea.Cmd {
	cmd := m.list.Update(msg)
	return tea.Batch(cmd, m.followSelection())
}

// followSelection shows the list's selection in the detail and loads what
// it shows.
func (m *Model) followSelection() tea.Cmd {
	m.trackSelection()
	return m.ensureDetail()
}

// trackSelection tells the detail which client is selected, if any.
func (m *Model) trackSelection() {
	slug := ""
	if c, ok := m.list.Selected(); ok {
		slug = c.Slug
	}
	m.detail.Show(slug)
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.sh.keys.ForceQuit) {
		m.quitting = true
		return tea.Quit
	}
	if m.busy != "" {
		return nil // a switch is in flight: the next keystroke must not race it
	}
	if m.errBox.Open() {
		m.errBox.Update(msg) // the key that dismisses it goes no further
		return m.ensureDetail()
	}
	if m.dialog.Open() {
		return m.dialogKey(msg)
	}
	if m.form.Active() {
		return m.updateForm(msg)
	}
	switch m.mode {
	case modeHelp:
		if key.Matches(msg, m.sh.keys.Back, m.sh.keys.Help) {
			m.mode = m.help.from
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

// dialogKey gives a key to the open dialog, which uses it up.
func (m *Model) dialogKey(msg tea.KeyPressMsg) tea.Cmd {
	switch res, cmd := m.dialog.Update(msg); res {
	case dialogYes:
		return cmd
	case dialogNo:
		m.saving = nil
		m.note("Cancelled")
		return m.ensureDetail()
	}
	return nil
}

// filterKey is a key while the filter has the keys: enter switches to the
// client under the cursor; the rest edits the filter or moves the cursor.
func (m *Model) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	k, typed := m.sh.keys, m.list.FilterValue()
	switch {
	case key.Matches(msg, k.FilterAccept):
		if c, ok := m.selected(); ok {
			return m.askSwitch(c, false)
		}
		return nil
	case key.Matches(msg, k.TogglePreview) && m.sh.opts.Picker:
		return m.togglePreview()
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

func (m *Model) openHelp(from mode) {
	m.mode = modeHelp
	m.help.Open(from)
}

// cyclePane moves to the next (step 1) or previous (-1) detail pane. In a
// terminal too narrow for list and detail side by side, the list is one
// more stop of the cycle: tab from the list opens the first pane in its
// place, tab past the last pane comes back to the list.
func (m *Model) cyclePane(step int) tea.Cmd {
	p := m.detail.Pane()
	if !m.sideBySide() {
		switch {
		case !m.narrowDetail:
			m.narrowDetail = true
			first := pane(0)
			if step < 0 {
				first = paneCount - 1
			}
			m.detail.SetPane(first)
			return m.ensureDetail()
		case step > 0 && p == paneCount-1, step < 0 && p == 0:
			m.narrowDetail = false
			m.detail.SetPane(p) // from the top when it is shown again
			return nil
		}
	}
	m.detail.SetPane((p + pane(step) + paneCount) % paneCount)
	return m.ensureDetail()
}

func (m *Model) mainKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.sh.keys
	switch {
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom):
		return m.listUpdate(msg)
	case key.Matches(msg, k.Switch):
		if c, ok := m.selected(); ok {
			return m.askSwitch(c, false)
		}
	case key.Matches(msg, k.Digit):
		n := int(msg.String()[0] - '1')
		if !m.list.SelectRow(n) {
			m.fail(fmt.Sprintf("no client #%d in the list", n+1))
			return nil
		}
		m.trackSelection()
		c, _ := m.selected()
		if cmd := m.askSwitch(c, true); cmd != nil {
			return cmd // the shell moves: nothing more to load
		}
		return m.ensureDetail()
	case key.Matches(msg, k.NextPane):
		return m.cyclePane(1)
	case key.Matches(msg, k.PrevPane):
		return m.cyclePane(-1)
	case key.Matches(msg, k.ToList) && m.detailInstead():
		m.narrowDetail = false
	case key.Matches(msg, k.DetailDown, k.DetailUp):
		if m.showDetail() {
			return m.detail.Update(msg)
		}
	case key.Matches(msg, k.Timer):
		return m.toggleTimer()
	case key.Matches(msg, k.Undo):
		return m.sh.fx.undo()
	case key.Matches(msg, k.StopAt):
		return m.openStopAtForm()
	case key.Matches(msg, k.NextEntry, k.PrevEntry):
		return m.moveEntryCursor(key.Matches(msg, k.NextEntry))
	case key.Matches(msg, k.AddEntry):
		return m.openEntryForm(false)
	case key.Matches(msg, k.EditEntry):
		return m.openEntryForm(true)
	case key.Matches(msg, k.DeleteEntry):
		return m.askDeleteEntry()
	case key.Matches(msg, k.Add):
		return m.openAddForm()
	case key.Matches(msg, k.Edit):
		return m.openEditForm()
	case key.Matches(msg, k.Secret):
		return m.openSecretForm()
	case key.Matches(msg, k.Profile):
		return m.openProfileMenu()
	case key.Matches(msg, k.Allow):
		return m.openAllow()
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
		return m.week.Show(m.sh.now)
	case key.Matches(msg, k.Refresh):
		m.detail.Forget(forgetAll, "")
		m.flash = flash{}
		return tea.Batch(m.sh.fx.refreshClients(), m.reloadTimes())
	case key.Matches(msg, k.Help):
		m.openHelp(modeMain)
	case key.Matches(msg, k.FilterClear) && m.list.FilterValue() != "":
		// esc first clears a kept filter.
		m.list.ClearFilter()
		return m.followSelection()
	case key.Matches(msg, k.FilterClear) && m.sh.opts.Picker:
		// esc then leaves the picker, as fzf's does; the workbench is
		// left by q alone.
		m.quitting = true
		return tea.Quit
	case key.Matches(msg, k.Quit):
		m.quitting = true
		return tea.Quit
	}
	return nil
}
