package tui

import (
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Opening the database is a few milliseconds of work that the first frame
// does not need: the picker's first frame is its filter line and
// "loading…", and Alt-s must draw it within 25 ms (docs/performance.md).
// So RunOpening starts the program at once and opens the backend from
// Init's command: Bubble Tea has started its renderer by then, whose
// first frame comes one tick (8 ms at 120 fps) later, and the open (SQLite
// parsing the schema) runs in that wait instead of competing with the
// program's start for the CPU. Until the backend is in, the model has
// nothing to run commands on: it takes the terminal's size, holds every
// other message, and replays them in order once the backend arrives — a
// key pressed in those few milliseconds is acted on, not lost.

// backendMsg is the backend RunOpening opened, or why it could not be.
type backendMsg struct {
	b   Backend
	err error
}

// opening is the state of a model whose backend is still being opened.
type opening struct {
	waiting bool      // false once the backend is in (or was given to New)
	open    tea.Cmd   // opens it (Init runs it); answers a backendMsg
	held    []tea.Msg // messages that came before it, in order
	err     error     // why it could not be opened; the program quits
}

// opener opens the backend at most once, from Init's command, and lets
// RunOpening know whether it did, so that RunOpening returns only after
// an open that began — the caller closes what it opened.
type opener struct {
	open    func() (Backend, error)
	mu      sync.Mutex
	started bool // the command began to open
	stopped bool // RunOpening is done: too late to begin
	done    chan backendMsg
}

func newOpener(open func() (Backend, error)) *opener {
	return &opener{open: open, done: make(chan backendMsg, 1)}
}

// cmd is the command that opens the backend.
func (o *opener) cmd() tea.Msg {
	o.mu.Lock()
	if o.stopped {
		o.mu.Unlock()
		return nil
	}
	o.started = true
	o.mu.Unlock()
	b, err := o.open()
	msg := backendMsg{b: b, err: err}
	o.done <- msg
	return msg
}

// stop forbids a late open and waits for one that began; ran says whether
// one did.
func (o *opener) stop() (msg backendMsg, ran bool) {
	o.mu.Lock()
	o.stopped = true
	started := o.started
	o.mu.Unlock()
	if !started {
		return backendMsg{}, false
	}
	return <-o.done, true
}

// whileOpening handles msg while the backend is not there yet; ok is
// false once it is (or when it never was awaited).
func (m *Model) whileOpening(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	o := &m.opening
	if !o.waiting {
		return nil, false
	}
	switch msg := msg.(type) {
	case backendMsg:
		o.waiting = false
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
		if key.Matches(msg, m.sh.keys.ForceQuit) { // never waits for the database
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
