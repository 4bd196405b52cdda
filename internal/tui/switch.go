package tui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// A switch from the TUI is the CLI's: the workbench renders the script and
// hands it, with the one summary, to the hook's wrapper through
// Options.Deliver, records the switch once it is delivered, and the TUI
// quits; the shell prints the summary once it has applied the script.
// Enter and the digits start one from the list or the picker.

// askSwitch is a switch asked for by a key. The picker exists to switch:
// its enter and digits go at once. In the workbench, where enter also
// answers forms and dialogs, enter asks first; and a digit, one keystroke
// away from its neighbour, asks before going into a production client.
func (m *Model) askSwitch(c workbench.ClientInfo, byDigit bool) tea.Cmd {
	if m.sh.opts.EvalFile == "" {
		return m.switchTo(c) // explains the hook
	}
	prodCtx := ""
	if byDigit && !c.Production {
		// Production may be a context's rather than the client's: its
		// profile says, and a digit waits for it when it is not in yet.
		p, ok := m.detail.profiles[c.Slug]
		if !ok || p.loading {
			m.busy, m.picked = "Switching to "+c.Slug+"…", c
			return m.sh.fx.profileForSwitch(c)
		}
		if k := p.val.Kube; k.Context != "" && slices.Contains(k.Production, k.Context) {
			prodCtx = k.Context
		}
	}
	risky := c.Production || prodCtx != ""
	if m.sh.opts.Picker && !(byDigit && risky) || !m.sh.opts.Picker && byDigit && !risky {
		return m.switchTo(c)
	}
	q := fmt.Sprintf("Switch this shell to %s?", c.Slug)
	switch {
	case c.Production:
		q = fmt.Sprintf("Switch this shell to %s — PRODUCTION?", c.Slug)
	case prodCtx != "":
		q = fmt.Sprintf("Switch this shell to %s — its kube context %s is PRODUCTION?", c.Slug, display.Safe(prodCtx))
	}
	yes := func() tea.Msg { return confirmedSwitchMsg{client: c} }
	if risky {
		m.dialog.Confirm(q, yes) // y only: no enter typed ahead goes into production
		return nil
	}
	m.dialog.ConfirmOrEnter(q, yes)
	return nil
}

// profileForSwitchMsg is the profile a digit's switch waited for.
type profileForSwitchMsg struct {
	client  workbench.ClientInfo
	profile workbench.ProfileView
	err     error
}

func (e effects) profileForSwitch(c workbench.ClientInfo) tea.Cmd {
	return func() tea.Msg {
		p, err := e.b.Profile(e.ctx, c.Slug)
		return profileForSwitchMsg{client: c, profile: p, err: err}
	}
}

// onProfileForSwitch keeps the profile and asks again, now knowing.
func (m *Model) onProfileForSwitch(msg profileForSwitchMsg) tea.Cmd {
	m.busy = ""
	m.detail.Update(profileMsg{slug: msg.client.Slug, profile: msg.profile, err: msg.err})
	if msg.err != nil {
		m.fail(msg.err.Error())
		return nil
	}
	return m.askSwitch(msg.client, true)
}

// confirmedSwitchMsg: the dialog's yes to a switch.
type confirmedSwitchMsg struct{ client workbench.ClientInfo }

// switchTo moves the calling shell to c through the hook, or explains how
// to install the hook when there is none.
func (m *Model) switchTo(c workbench.ClientInfo) tea.Cmd {
	if m.sh.opts.EvalFile == "" {
		m.fail(workbench.NoHookHint(m.sh.shell(), ""))
		return nil
	}
	m.busy, m.picked = "Switching to "+c.Slug+"…", c
	return m.sh.fx.awsNeeds(c)
}

// switchRequest is the request of a switch to c from this TUI.
func (m *Model) switchRequest(c workbench.ClientInfo) workbench.SwitchRequest {
	return workbench.SwitchRequest{Client: c.Slug, Shell: m.sh.shell(), Environ: m.sh.opts.Environ, Action: "switch"}
}

// awsNeedsMsg says what a switch to a client must ask first.
type awsNeedsMsg struct {
	client workbench.ClientInfo
	needs  awscreds.Needs
	serial string
	err    error
}

func (e effects) awsNeeds(c workbench.ClientInfo) tea.Cmd {
	return func() tea.Msg {
		needs, serial, err := e.b.AWSNeeds(e.ctx, c.Slug)
		return awsNeedsMsg{client: c, needs: needs, serial: serial, err: err}
	}
}

// onAWSNeeds switches at once when temporary AWS credentials need nothing
// of the person; asks for the MFA code in a form when they do (the
// terminal belongs to the TUI, so the CLI's prompt cannot be used); and
// refuses with the command to run when an SSO sign-in has expired.
func (m *Model) onAWSNeeds(msg awsNeedsMsg) tea.Cmd {
	c := msg.client
	switch {
	case msg.err != nil:
		m.busy = ""
		m.fail(msg.err.Error())
		return m.ensureDetail()
	case msg.needs.Login:
		m.busy = ""
		m.fail(fmt.Sprintf("%s's AWS SSO sign-in has expired: run `stint aws login %s`, then switch", c.Slug, c.Slug))
		return m.ensureDetail()
	case msg.needs.MFA:
		m.busy = ""
		return m.openMFAForm(c, msg.serial)
	}
	return m.sh.fx.switchTo(m.switchRequest(c), m.sh.opts.Deliver)
}

// openMFAForm asks for the device's current code, then switches with it.
func (m *Model) openMFAForm(c workbench.ClientInfo, serial string) tea.Cmd {
	var code string
	fields := []huh.Field{
		huh.NewInput().Title("MFA code").Description(serial).Placeholder("e.g. 123456").
			EchoMode(huh.EchoModePassword).Value(&code).
			Validate(func(s string) error {
				if len(strings.TrimSpace(s)) != 6 || strings.Trim(strings.TrimSpace(s), "0123456789") != "" {
					return errors.New("an MFA code is 6 digits")
				}
				return nil
			}),
	}
	return m.openForm(&formSpec{title: "AWS credentials for " + c.Slug, fields: func() []huh.Field { return fields }, submit: func() tea.Cmd {
		typed := strings.TrimSpace(code)
		code = ""
		req := m.switchRequest(c)
		req.MFA = func(context.Context, string, string) (string, error) { return typed, nil }
		m.busy, m.picked = "Switching to "+c.Slug+"…", c
		return m.sh.fx.switchTo(req, m.sh.opts.Deliver)
	}})
}

// onSwitched quits once the workbench has delivered the script; a switch
// that could not be delivered changed nothing, and says why.
func (m *Model) onSwitched(msg switchedMsg) tea.Cmd {
	if msg.err != nil {
		m.busy = ""
		m.fail(msg.err.Error())
		return m.ensureDetail() // a digit may have moved the selection
	}
	res := msg.result
	m.result = &res
	m.quitting = true
	return tea.Quit
}
