package tui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/workbench"
)

// The profile editor's lists: a secret to remove (`stint secret rm`), the
// contexts marked production (`stint kube prod`), the tools isolated
// (`stint isolate`). What makes a client less guarded — a secret gone, a
// context no longer production — asks first.

// openUnsetSecret is `stint secret rm SLUG NAME`, asked first: the value
// leaves the keyring for good.
func (m *Model) openUnsetSecret(slug string, p workbench.ProfileView) tea.Cmd {
	opts := make([]huh.Option[string], len(p.Secrets))
	for i, sec := range p.Secrets {
		opts[i] = huh.NewOption(fmt.Sprintf("%s  (%d B)", display.Safe(sec.Name), sec.Size), sec.Name)
	}
	pick := p.Secrets[0].Name
	return m.openForm(&formSpec{
		title: "Remove a secret of " + slug,
		fields: func() []huh.Field {
			return []huh.Field{huh.NewSelect[string]().Title("Secret").Options(opts...).Value(&pick)}
		},
		submit: func() tea.Cmd {
			m.dialog.Confirm(fmt.Sprintf("Delete secret %s of %s from the keyring? Its value cannot be brought back.", display.Safe(pick), slug),
				m.sh.fx.unsetSecret(slug, pick))
			return nil
		},
	})
}

// openKubeProd is `stint kube prod SLUG CONTEXT on|off` for each context
// whose mark changed; taking a mark off asks first.
func (m *Model) openKubeProd(slug string, p workbench.ProfileView) tea.Cmd {
	marked := slices.Clone(p.Kube.Production)
	opts := make([]huh.Option[string], len(p.Kube.Contexts))
	for i, c := range p.Kube.Contexts {
		opts[i] = huh.NewOption(m.form.optionLabel("", display.Safe(c), ""), c).Selected(slices.Contains(marked, c))
	}
	return m.openForm(&formSpec{
		title: "Production contexts of " + slug,
		fields: func() []huh.Field {
			return []huh.Field{huh.NewMultiSelect[string]().Title("Production").
				Description("kubectl and helm commands that change these clusters ask first, from any shell").
				Options(opts...).Value(&marked).Height(len(opts) + 4)}
		},
		submit: func() tea.Cmd {
			var on, off []string
			for _, c := range p.Kube.Contexts {
				was, is := slices.Contains(p.Kube.Production, c), slices.Contains(marked, c)
				switch {
				case is && !was:
					on = append(on, c)
				case was && !is:
					off = append(off, c)
				}
			}
			if len(on) == 0 && len(off) == 0 {
				m.note("Nothing changed")
				return nil
			}
			save := m.sh.fx.kubeProd(slug, on, off)
			if len(off) > 0 {
				m.dialog.Confirm(fmt.Sprintf("Stop guarding %s of %s? Commands that change it will no longer ask first.",
					display.Safe(strings.Join(off, ", ")), slug), save)
				return nil
			}
			return save
		},
	})
}

// openIsolate is `stint isolate SLUG TOOL...` and `--off` for the tools
// whose box changed.
func (m *Model) openIsolate(slug string, p workbench.ProfileView) tea.Cmd {
	chosen := slices.Clone(p.Isolated)
	tools := profiles.Tools()
	opts := make([]huh.Option[string], len(tools))
	for i, t := range tools {
		opts[i] = huh.NewOption(t, t).Selected(slices.Contains(chosen, t))
	}
	return m.openForm(&formSpec{
		title: "Isolated tools of " + slug,
		fields: func() []huh.Field {
			return []huh.Field{huh.NewMultiSelect[string]().Title("Keep logins per client").
				Description("each in a directory of " + slug + "'s own; off, the tool uses your global login again").
				Options(opts...).Value(&chosen).Height(len(opts) + 4)}
		},
		focus: func(error) int { return 0 },
		submit: func() tea.Cmd {
			var on, off []string
			for _, t := range tools {
				was, is := slices.Contains(p.Isolated, t), slices.Contains(chosen, t)
				switch {
				case is && !was:
					on = append(on, t)
				case was && !is:
					off = append(off, t)
				}
			}
			if len(on) == 0 && len(off) == 0 {
				m.note("Nothing changed")
				return nil
			}
			return m.sh.fx.applySettings(slug, func() (profiles.Settings, error) { return profiles.Settings{}, nil }, on, off)
		},
	})
}
