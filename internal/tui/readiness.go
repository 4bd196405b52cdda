package tui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// A client whose kubeconfig has gone or whose secrets the keyring lost is
// flagged in the list before a switch to it fails or comes up short. The
// workbench's Readiness makes the switch's own checks short of switching:
// the kubeconfig files are opened and stat'ed, never read, so every client
// is checked again on each status poll; the keyring (a few D-Bus round
// trips a client) is asked only when the clients are loaded and after a
// change to one of them. Both run as commands, after the first frame.

// readinessMsg is what Readiness found of each client checked; withSecrets
// says the keyring was asked, so what it says of secrets replaces what was
// known.
type readinessMsg struct {
	found       map[string]workbench.Readiness
	withSecrets bool
}

// checkReadiness checks slugs, the keyring too when withSecrets. A client
// whose check fails (removed meanwhile) is left out: the list shows no
// marker rather than a guess.
func (e effects) checkReadiness(slugs []string, withSecrets bool) tea.Cmd {
	if len(slugs) == 0 {
		return nil
	}
	return func() tea.Msg {
		found := make(map[string]workbench.Readiness, len(slugs))
		for _, slug := range slugs {
			if r, err := e.b.Readiness(e.ctx, slug, withSecrets); err == nil {
				found[slug] = r
			}
		}
		return readinessMsg{found: found, withSecrets: withSecrets}
	}
}

// checkKube is the poll's check: every client's kubeconfigs at once,
// the keyring left alone. Listed clients not named have none wrong.
func (e effects) checkKube(slugs []string) tea.Cmd {
	return func() tea.Msg {
		problems, err := e.b.KubeReadiness(e.ctx)
		if err != nil {
			return readinessMsg{} // the next poll asks again
		}
		found := make(map[string]workbench.Readiness, len(slugs))
		for _, slug := range slugs {
			found[slug] = workbench.Readiness{Kube: problems[slug]}
		}
		return readinessMsg{found: found}
	}
}

// onReadiness keeps what was found; a check without the keyring keeps
// what the last one with it said of secrets.
func (m *Model) onReadiness(msg readinessMsg) {
	if m.sh.ready == nil {
		m.sh.ready = map[string]workbench.Readiness{}
	}
	for slug, r := range msg.found {
		if old, ok := m.sh.ready[slug]; ok && !msg.withSecrets {
			r.SecretsChecked, r.MissingSecrets, r.SecretsProblem = old.SecretsChecked, old.MissingSecrets, old.SecretsProblem
		}
		m.sh.ready[slug] = r
	}
}

// checkAll checks every listed client: with secrets, one by one, the
// keyring too; without, their kubeconfigs at once. The keyring is left
// alone in the picker, whose Enter must not wait behind it.
func (m *Model) checkAll(withSecrets bool) tea.Cmd {
	slugs := make([]string, 0, len(m.sh.clients))
	for _, c := range m.sh.clients {
		slugs = append(slugs, c.Slug)
	}
	if !withSecrets || m.sh.opts.Picker {
		return m.sh.fx.checkKube(slugs)
	}
	return m.sh.fx.checkReadiness(slugs, true)
}

// unready is what the list marks and the detail explains: the words for
// what is missing ("" when nothing is).
func (s *shared) unready(slug string) string {
	r, ok := s.ready[slug]
	if !ok || r.Ready() {
		return ""
	}
	var missing, unreadable []string
	for _, k := range r.Kube {
		if k.Missing {
			missing = append(missing, "kubeconfig")
		} else {
			unreadable = append(unreadable, "kubeconfig")
		}
	}
	switch {
	case r.SecretsProblem != "":
		unreadable = append(unreadable, "keyring")
	case len(r.MissingSecrets) > 0:
		missing = append(missing, "secrets")
	}
	var says []string
	if len(missing) > 0 {
		says = append(says, strings.Join(slices.Compact(missing), ", ")+" missing")
	}
	if len(unreadable) > 0 {
		says = append(says, strings.Join(slices.Compact(unreadable), ", ")+" unreadable")
	}
	return strings.Join(says, "; ")
}

// readinessLines are the detail's lines, w wide, on what a switch to slug
// would fail on or lack, each with what fixes it in the TUI's words where
// it has a key for it; none when all is well.
func (d *detail) readinessLines(slug string, w int) []string {
	r, ok := d.sh.ready[slug]
	if !ok || r.Ready() {
		return nil
	}
	st := d.sh.st
	lines := []string{section(st, "Before a switch")}
	explain := func(text string) {
		for _, l := range wrapWords(tuiWords(display.Safe(text)), w-5) {
			lines = append(lines, st.Dim.Render("     "+l))
		}
	}
	for _, k := range r.Kube {
		what := "kubeconfig cannot be read"
		if k.Missing {
			what = "kubeconfig missing"
		}
		lines = append(lines, "   "+st.Err.Render("✗ "+what)+": a switch fails", "     "+midFit(d.sh.home(k.Path), w-5))
		fix := k.Fix
		if fix == "" {
			fix = k.Problem
		}
		explain(fix)
	}
	switch {
	case r.SecretsProblem != "":
		lines = append(lines, "   "+st.Err.Render("✗ keyring unreadable")+": a switch fails")
		explain(r.SecretsProblem)
	case len(r.MissingSecrets) > 0:
		lines = append(lines, "   "+st.Warn.Render("! "+display.Count(len(r.MissingSecrets), "secret", "secrets")+" missing")+
			": "+display.Safe(strings.Join(r.MissingSecrets, ", ")))
		them := "them"
		if len(r.MissingSecrets) == 1 {
			them = "it"
		}
		explain(fmt.Sprintf("a switch leaves %s unset: the keyring has no value for %s. To fix: `stint secret set %s %s`", them, them, slug, r.MissingSecrets[0]))
	}
	return append(lines, "")
}
