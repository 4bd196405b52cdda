package tui

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/workbench"
)

// The profile editor (p): what `stint set`/`unset`, `stint kube
// add`/`use`/`rm`, `stint aws`, `gcp` and `git` change, in forms. Each form
// checks its fields with the functions the CLI checks its arguments with
// (profiles.ParseAssignment, ValidateNamespace, AWS, GCP, Git) and saves
// through the workbench call the CLI makes, so the rules are one path; what
// only the database can tell (a name that is a secret, a context the
// kubeconfig lacks) comes back from the save, which reopens the form as
// typed on the field it is about. Removals ask first. A client waiting for
// review is edited as the CLI edits it: the change is made and the client
// stays pending until allowed (A). Secrets are not set here: `s` hands
// them to the keyring.

// profileAction is one entry of the profile menu.
type profileAction string

const (
	actSetVar      profileAction = "set-var"
	actUnsetVar    profileAction = "unset-var"
	actKubeUse     profileAction = "kube-use"
	actKubeAdd     profileAction = "kube-add"
	actKubeRm      profileAction = "kube-rm"
	actUnsetSecret profileAction = "unset-secret"
	actKubeProd    profileAction = "kube-prod"
	actIsolate     profileAction = "isolate"
	actAWS         profileAction = "aws"
	actAWSCreds    profileAction = "aws-creds"
	actAzure       profileAction = "azure"
	actGCP         profileAction = "gcp"
	actGit         profileAction = "git"
	newVariable                  = "\x00new" // the "new variable" choice: no variable has this name
)

// profileActions are the menu's entries for a profile: removals only when
// there is something to remove, the default context only when there are
// contexts to choose from.
func profileActions(p workbench.ProfileView) []huh.Option[profileAction] {
	opts := []huh.Option[profileAction]{huh.NewOption("Set a variable (add or change)", actSetVar)}
	if len(p.Vars) > 0 {
		opts = append(opts, huh.NewOption("Remove a variable", actUnsetVar))
	}
	if len(p.Secrets) > 0 {
		opts = append(opts, huh.NewOption("Remove a secret", actUnsetSecret))
	}
	if len(p.Kube.Contexts) > 0 {
		opts = append(opts, huh.NewOption("Kubernetes: default context and namespace", actKubeUse),
			huh.NewOption("Kubernetes: production contexts", actKubeProd))
	}
	opts = append(opts, huh.NewOption("Kubernetes: add a kubeconfig", actKubeAdd))
	if len(p.Kube.Contexts) > 0 || len(p.Kube.Sources) > 0 {
		opts = append(opts, huh.NewOption("Kubernetes: remove a context or kubeconfig", actKubeRm))
	}
	return append(opts,
		huh.NewOption("Tools whose logins are kept per client", actIsolate),
		huh.NewOption("AWS: profile, region, account, files", actAWS),
		huh.NewOption("AWS: temporary credentials (STS, role, SSO)", actAWSCreds),
		huh.NewOption("GCP: project, region, account, gcloud logins", actGCP),
		huh.NewOption("Azure: subscription, tenant, az logins", actAzure),
		huh.NewOption("Git: name, email, SSH and signing key, GitHub login", actGit))
}

// openProfileMenu asks what to change of the selected client's profile.
func (m *Model) openProfileMenu() tea.Cmd {
	c, ok := m.selected()
	if !ok {
		return nil
	}
	p, loaded := m.loadedProfile(c.Slug)
	if !loaded {
		m.note("The profile of " + c.Slug + " is still loading: press p again in a moment")
		return m.detail.EnsureProfileOf(c.Slug)
	}
	var choice profileAction
	title := "Edit the profile of " + c.Slug
	if c.ReviewPending {
		title += " (pending review: stays so until A allows it)"
	}
	return m.openForm(&formSpec{
		title: title,
		fields: func() []huh.Field {
			return []huh.Field{huh.NewSelect[profileAction]().Title("Change").Options(profileActions(p)...).Value(&choice)}
		},
		submit: func() tea.Cmd { return m.openProfileAction(c.Slug, p, choice) },
	})
}

// loadedProfile is slug's profile when the detail has it loaded.
func (m *Model) loadedProfile(slug string) (workbench.ProfileView, bool) {
	l, ok := m.detail.profiles[slug]
	if !ok || l.loading || l.err != nil {
		return workbench.ProfileView{}, false
	}
	return l.val, true
}

func (m *Model) openProfileAction(slug string, p workbench.ProfileView, a profileAction) tea.Cmd {
	switch a {
	case actSetVar:
		return m.openSetVar(slug, p)
	case actUnsetVar:
		return m.openUnsetVar(slug, p)
	case actKubeUse:
		return m.openKubeUse(slug, p)
	case actKubeAdd:
		return m.openKubeAdd(slug)
	case actKubeRm:
		return m.openKubeRemove(slug, p)
	case actAWS:
		return m.openAWSForm(slug, p)
	case actUnsetSecret:
		return m.openUnsetSecret(slug, p)
	case actKubeProd:
		return m.openKubeProd(slug, p)
	case actIsolate:
		return m.openIsolate(slug, p)
	case actAWSCreds:
		return m.openAWSCredentialsForm(slug, p)
	case actGCP:
		return m.openGCPForm(slug, p)
	case actAzure:
		return m.openAzureForm(slug, p)
	case actGit:
		return m.openGitForm(slug, p)
	}
	return nil
}

// sortedVarNames are a profile's plain variable names, sorted.
func sortedVarNames(p workbench.ProfileView) []string {
	names := make([]string, 0, len(p.Vars))
	for n := range p.Vars {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// openSetVar asks which variable to set — a new one or one to change —
// then its name and value, the value it has filled in.
func (m *Model) openSetVar(slug string, p workbench.ProfileView) tea.Cmd {
	if len(p.Vars) == 0 {
		return m.openVarForm(slug, "", "")
	}
	pick := newVariable
	opts := []huh.Option[string]{huh.NewOption("a new variable", newVariable)}
	for _, n := range sortedVarNames(p) {
		opts = append(opts, huh.NewOption(varLabel(n, p.Vars[n]), n))
	}
	return m.openForm(&formSpec{
		title: "Set a variable of " + slug,
		fields: func() []huh.Field {
			return []huh.Field{huh.NewSelect[string]().Title("Variable").Options(opts...).Value(&pick)}
		},
		submit: func() tea.Cmd {
			if pick == newVariable {
				return m.openVarForm(slug, "", "")
			}
			return m.openVarForm(slug, pick, p.Vars[pick])
		},
	})
}

// varLabel is a variable in a list: its name and as much of its value as
// tells it apart (a value may be 128 KiB).
func varLabel(name, value string) string {
	return display.Safe(name) + " = " + ansi.Truncate(display.Safe(value), 40, "…")
}

// openVarForm is `stint set SLUG NAME=VALUE`: the name and value checked
// as the CLI checks the argument, saved by the workbench's SetVars.
func (m *Model) openVarForm(slug, name, value string) tea.Cmd {
	assignment := func() string { return name + "=" + value }
	fields := func() []huh.Field {
		return []huh.Field{
			huh.NewInput().Title("Name").Placeholder("e.g. TF_WORKSPACE").Value(&name).
				Validate(func(s string) error {
					_, _, err := profiles.ParseAssignment(slug, s+"=")
					return err
				}),
			huh.NewInput().Title("Value").Description("stored in clear in the database; tokens and keys belong in a secret (s)").
				Placeholder("e.g. prod").Value(&value).
				Validate(func(s string) error {
					if profiles.ValidatePlainName(slug, name) != nil {
						return nil // the name's field says what is wrong
					}
					_, _, err := profiles.ParseAssignment(slug, name+"="+s)
					return err
				}),
		}
	}
	return m.openForm(&formSpec{
		title:  "Set a variable of " + slug,
		fields: fields,
		check: func() (int, error) {
			_, _, err := profiles.ParseAssignment(slug, assignment())
			return varField(err), err
		},
		focus:  varField,
		submit: func() tea.Cmd { return m.sh.fx.setVar(slug, name, assignment()) },
	})
}

// varField is the field of the variable form an error is about: a name
// that is a secret or looks like a credential is the name's fault, a
// value's size or bytes the value's.
func varField(err error) int {
	if err == nil {
		return 0
	}
	return fieldNamed(err, [][]string{{"secret", "credential", "name", "not key=value"}, {"value", "nul", "kib", "bytes"}})
}

// openUnsetVar is `stint unset SLUG NAME`, asked first.
func (m *Model) openUnsetVar(slug string, p workbench.ProfileView) tea.Cmd {
	names := sortedVarNames(p)
	pick := names[0]
	opts := make([]huh.Option[string], len(names))
	for i, n := range names {
		opts[i] = huh.NewOption(varLabel(n, p.Vars[n]), n)
	}
	return m.openForm(&formSpec{
		title: "Remove a variable of " + slug,
		fields: func() []huh.Field {
			return []huh.Field{huh.NewSelect[string]().Title("Variable").Options(opts...).Value(&pick)}
		},
		submit: func() tea.Cmd {
			m.dialog.Confirm(fmt.Sprintf("Remove %s from %s? A switch no longer sets it.", display.Safe(pick), slug), m.sh.fx.unsetVar(slug, pick))
			return nil
		},
	})
}

// openKubeUse is `stint kube use SLUG CONTEXT --namespace NS`: the
// context the client's switch selects, and its namespace ("" for the
// context's own).
func (m *Model) openKubeUse(slug string, p workbench.ProfileView) tea.Cmd {
	kctx, ns := p.Kube.Context, p.Kube.Namespace
	origNS := ns
	opts := make([]huh.Option[string], len(p.Kube.Contexts))
	for i, c := range p.Kube.Contexts {
		note := ""
		if slices.Contains(p.Kube.Production, c) {
			note = "  (production)"
		}
		opts[i] = huh.NewOption(m.form.optionLabel("", display.Safe(c), note), c)
	}
	fields := func() []huh.Field {
		return []huh.Field{
			huh.NewSelect[string]().Title("Default context").Description("the one a switch to " + slug + " selects").Options(opts...).Value(&kctx),
			huh.NewInput().Title("Namespace").Description("empty for the context's own").Placeholder("e.g. web").Value(&ns).
				Validate(profiles.ValidateNamespace),
		}
	}
	return m.openForm(&formSpec{
		title:  "Kubernetes of " + slug,
		fields: fields,
		check: func() (int, error) {
			if err := profiles.ValidateNamespace(ns); err != nil {
				return 1, err
			}
			return 0, nil
		},
		focus: func(err error) int { return fieldNamed(err, [][]string{{"context"}, {"namespace"}}) },
		submit: func() tea.Cmd {
			var nsp *string
			if ns != origNS {
				nsp = &ns
			}
			if kctx == p.Kube.Context && nsp == nil {
				m.note("Nothing changed")
				return nil
			}
			return m.sh.fx.kubeUse(slug, kctx, nsp)
		},
	})
}

// openKubeAdd is `stint kube add SLUG --kubeconfig PATH [--context
// CTX]... [--namespace NS]`. The path is read as the shell would hand it
// to the CLI: ~/ is the home directory.
func (m *Model) openKubeAdd(slug string) tea.Cmd {
	var path, contexts, ns string
	fields := func() []huh.Field {
		return []huh.Field{
			huh.NewInput().Title("Kubeconfig file").Placeholder("e.g. ~/.kube/" + slug + ".yaml").Value(&path),
			huh.NewInput().Title("Contexts").Description("space-separated; empty binds every context in the file").
				Placeholder("e.g. " + slug + "-prod " + slug + "-dev").Value(&contexts),
			huh.NewInput().Title("Namespace").Description("empty for each context's own").Placeholder("e.g. web").Value(&ns).
				Validate(profiles.ValidateNamespace),
		}
	}
	return m.openForm(&formSpec{
		title:  "Add a kubeconfig to " + slug,
		fields: fields,
		check: func() (int, error) {
			if err := profiles.ValidateNamespace(ns); err != nil {
				return 2, err
			}
			return 0, nil
		},
		focus: func(err error) int {
			return fieldNamed(err, [][]string{{"kubeconfig", "file", "path"}, {"context"}, {"namespace"}})
		},
		submit: func() tea.Cmd {
			var nsp *string
			if ns != "" {
				nsp = &ns
			}
			return m.sh.fx.kubeAdd(slug, m.expandHome(path), strings.Fields(contexts), nsp)
		},
	})
}

// expandHome reads ~/ at the start of a path as the shell would before
// the CLI sees it.
func (m *Model) expandHome(p string) string {
	home := m.sh.getenv("HOME")
	if rest, ok := strings.CutPrefix(p, "~/"); ok && home != "" {
		return filepath.Join(home, rest)
	}
	if p == "~" && home != "" {
		return home
	}
	return p
}

// openKubeRemove is `stint kube rm SLUG CONTEXT` or `stint kube rm SLUG
// --kubeconfig PATH`, asked first: one context, or one file with the
// contexts only it had.
func (m *Model) openKubeRemove(slug string, p workbench.ProfileView) tea.Cmd {
	var opts []huh.Option[string]
	for _, c := range p.Kube.Contexts {
		note := ""
		if c == p.Kube.Context {
			note = "  (default)"
		}
		opts = append(opts, huh.NewOption(m.form.optionLabel("context ", display.Safe(c), note), "context\x00"+c))
	}
	for _, s := range p.Kube.Sources {
		opts = append(opts, huh.NewOption(m.form.optionLabel("kubeconfig ", m.sh.home(s), ""), "file\x00"+s))
	}
	var pick string
	return m.openForm(&formSpec{
		title: "Remove from " + slug,
		fields: func() []huh.Field {
			return []huh.Field{huh.NewSelect[string]().Title("Remove").Options(opts...).Value(&pick)}
		},
		submit: func() tea.Cmd {
			kind, what, _ := strings.Cut(pick, "\x00")
			if kind == "file" {
				m.dialog.Confirm(fmt.Sprintf("Stop using kubeconfig %s for %s, and drop the contexts only it has?", m.sh.home(what), slug),
					m.sh.fx.kubeRemove(slug, what, nil))
				return nil
			}
			m.dialog.Confirm(fmt.Sprintf("Remove context %s from %s?", display.Safe(what), slug), m.sh.fx.kubeRemove(slug, "", []string{what}))
			return nil
		},
	})
}

// fieldNamed is the field an error is about: the one whose word comes
// first in it, the first field when none is named.
func fieldNamed(err error, words [][]string) int {
	msg := strings.ToLower(err.Error())
	best, at := 0, len(msg)+1
	for i, ws := range words {
		for _, w := range ws {
			if j := strings.Index(msg, strings.ToLower(w)); j >= 0 && j < at {
				best, at = i, j
			}
		}
	}
	return best
}
