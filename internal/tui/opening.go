package tui

import (
	tea "charm.land/bubbletea/v2"
)

// Opening the database is a few milliseconds of work that the first frame
// does not need: the picker's first frame is its filter line and
// "loading…", and Alt-s must draw it within 25 ms (docs/performance.md).
// So RunOpening starts the program at once and opens the backend beside
// it. Until the backend is in, the model has nothing to run commands on:
// it takes the terminal's size, holds every other message, and replays
// them in order once the backend arrives — a key pressed in those few
// milliseconds is acted on, not lost.

// backendMsg is the backend RunOpening opened, or why it could not be.
type backendMsg struct {
	b   Backend
	err error
}

// opening is the state of a model whose backend is still being opened.
type opening struct {
	ready <-chan backendMsg // nil once the backend is in (or was given to New)
	held  []tea.Msg         // messages that came before it, in order
	err   error             // why it could not be opened; the program quits
}

// waitBackend is the command that brings the backend in.
func (o *opening) waitBackend() tea.Cmd {
	ch := o.ready
	return func() tea.Msg { return <-ch }
}

// whileOpening handles msg while the backend is not there yet; ok is
// false once it is (or when it never was awaited).
func (m *Model) whileOpening(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	o := &m.opening
	if o.ready == nil {
		return nil, false
	}
	switch msg := msg.(type) {
	case backendMsg:
		o.ready = nil
		if msg.err != nil {
			o.err = msg.err
			m.quitting = true
			return tea.Quit, true
		}
		m.sh.fx.b = msg.b
		cmds := []tea.Cmd{m.load()}
		held := o.held
		o.held = nil
		for _, h := range held {
			cmds = append(cmds, m.update(h))
		}
		return tea.Batch(cmds...), true
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" { // as ForceQuit: never waits for the database
			m.quitting = true
			return tea.Quit, true
		}
	case tea.WindowSizeMsg:
		// The first frame is drawn at the terminal's size; what else the
		// size asks for (loading the detail in view) is replayed later.
		m.width, m.height = msg.Width, msg.Height
		m.sh.help.SetWidth(msg.Width)
	}
	o.held = append(o.held, msg)
	return nil, true
}
