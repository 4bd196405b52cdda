package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/workbench"
)

// The profile editor's effects: each is the workbench call its CLI
// command makes, and reloads the client's profile (and with it the
// header's kube context and the readiness check).

func (e effects) profileChange(slug, text string, do func() error) tea.Cmd {
	return func() tea.Msg {
		if err := do(); err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: text, reload: reloadProfile, slug: slug}
	}
}

func (e effects) setVar(slug, name, assignment string) tea.Cmd {
	return e.profileChange(slug, fmt.Sprintf("Set %s of %s", display.Safe(name), slug), func() error {
		return e.b.SetVars(e.ctx, slug, []string{assignment})
	})
}

func (e effects) unsetVar(slug, name string) tea.Cmd {
	return e.profileChange(slug, fmt.Sprintf("Removed %s of %s", display.Safe(name), slug), func() error {
		return e.b.UnsetVars(e.ctx, slug, []string{name})
	})
}

// applySettings builds the settings in the command, since a file setting
// is checked on disk, then saves them with the tools to isolate or share.
func (e effects) applySettings(slug string, build func() (profiles.Settings, error), isolate, unisolate []string) tea.Cmd {
	return e.profileChange(slug, "Updated "+slug, func() error {
		s, err := build()
		if err != nil {
			return err
		}
		return e.b.ApplySettings(e.ctx, slug, s, isolate, unisolate)
	})
}

func (e effects) kubeUse(slug, kctx string, namespace *string) tea.Cmd {
	return e.profileChange(slug, fmt.Sprintf("%s now switches to context %s", slug, display.Safe(kctx)), func() error {
		return e.b.KubeUse(e.ctx, slug, kctx, namespace)
	})
}

func (e effects) kubeAdd(slug, path string, contexts []string, namespace *string) tea.Cmd {
	return func() tea.Msg {
		added, err := e.b.KubeAdd(e.ctx, slug, path, contexts, namespace)
		if err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: fmt.Sprintf("%s: contexts %s", slug, display.Safe(strings.Join(added, ", "))), reload: reloadProfile, slug: slug}
	}
}

func (e effects) kubeRemove(slug, source string, contexts []string) tea.Cmd {
	return func() tea.Msg {
		r, err := e.b.KubeRemove(e.ctx, slug, source, contexts)
		if err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: kubeRemovalText(r), reload: reloadProfile, slug: slug}
	}
}

// kubeRemovalText says what `stint kube rm` says, on one line.
func kubeRemovalText(r workbench.KubeRemoval) string {
	var parts []string
	if r.Source != "" {
		parts = append(parts, "kubeconfig "+display.Safe(r.Source))
	}
	if len(r.Contexts) > 0 {
		parts = append(parts, "contexts "+display.Safe(strings.Join(r.Contexts, ", ")))
	}
	text := fmt.Sprintf("%s: removed %s", r.Client, strings.Join(parts, " and "))
	switch {
	case r.DefaultChanged && r.Default != "":
		text += "; default context now " + display.Safe(r.Default)
	case r.DefaultChanged:
		text += "; no contexts left"
	}
	if len(r.Unresolved) > 0 {
		text += fmt.Sprintf("; contexts %s may have come only from it (`stint kube rm %s %s`)",
			display.Safe(strings.Join(r.Unresolved, ", ")), r.Client, display.Safe(strings.Join(r.Unresolved, " ")))
	}
	return text
}

func (e effects) unsetSecret(slug, name string) tea.Cmd {
	return e.profileChange(slug, fmt.Sprintf("Secret %s of %s deleted from the keyring", display.Safe(name), slug), func() error {
		return e.b.RemoveSecret(e.ctx, slug, name)
	})
}

// kubeProd marks and unmarks contexts one by one, as `stint kube prod`
// does each; the first refusal stops it and says which were done.
func (e effects) kubeProd(slug string, on, off []string) tea.Cmd {
	return func() tea.Msg {
		var done []string
		for _, c := range on {
			if err := e.b.KubeProd(e.ctx, slug, c, true); err != nil {
				return doneMsg{err: partial(err, done), reload: reloadProfile, slug: slug}
			}
			done = append(done, c+" production")
		}
		for _, c := range off {
			if err := e.b.KubeProd(e.ctx, slug, c, false); err != nil {
				return doneMsg{err: partial(err, done), reload: reloadProfile, slug: slug}
			}
			done = append(done, c+" no longer production")
		}
		return doneMsg{text: slug + ": " + display.Safe(strings.Join(done, ", ")), reload: reloadProfile, slug: slug}
	}
}

// partial is err, saying what was done before it.
func partial(err error, done []string) error {
	if len(done) == 0 {
		return err
	}
	return fmt.Errorf("%w (done before it: %s)", err, display.Safe(strings.Join(done, ", ")))
}
