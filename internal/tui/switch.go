package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/workbench"
)

// A switch from the TUI: the workbench renders the script, the TUI hands
// it to the hook's wrapper through the eval file and quits; Run prints the
// summary once the screen is gone. Enter and the digits start one from
// the list or the picker.

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

// onSwitched writes the script of a switch the workbench made, for the
// hook to source once the TUI has quit.
func (m *Model) onSwitched(msg switchedMsg) tea.Cmd {
	if msg.err != nil {
		m.busy = ""
		m.fail(msg.err.Error())
		return m.ensureDetail() // a digit may have moved the selection
	}
	res := msg.result
	m.result = &res
	return m.sh.fx.deliver(m.sh.opts.Deliver, res.Script, switchSummary(res, m.picked, m.sh.now.Location()))
}

// onEvalWritten quits once the script is where the hook looks for it.
func (m *Model) onEvalWritten(msg evalWrittenMsg) tea.Cmd {
	if msg.err != nil {
		m.busy, m.result = "", nil
		m.fail(msg.err.Error())
		return m.ensureDetail()
	}
	m.quitting = true
	return tea.Quit
}
