package session

import (
	"context"
	"slices"
	"strings"

	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/workbench/clients"
)

// ChangePreview is what a switch of one shell to a client would change in
// it: `stint env NAME` on a terminal, where a person reads it and nothing
// evaluates it.
type ChangePreview struct {
	Client string `json:"client"`
	From   string `json:"from"` // the client the shell is in now, "" for none
	// Rows are the variables the switch would set, change or unset, by
	// name; stint's own bookkeeping variables are left out.
	Rows []ChangeRow `json:"rows"`
	// Kubeconfig is the session kubeconfig the switch would write and
	// point KUBECONFIG at; KubeContext its current context (and /namespace).
	Kubeconfig  string `json:"kubeconfig,omitempty"`
	KubeContext string `json:"kube_context,omitempty"`
}

// ChangeRow is one variable of a ChangePreview: what it holds in the shell
// now and what it would hold after the switch.
type ChangeRow struct {
	Name  string `json:"name"`
	Now   string `json:"now,omitempty"`
	IsSet bool   `json:"is_set"` // set in the shell now
	// NowHidden: the value the shell has now is not shown — a secret of
	// the client the shell is in, a leak-prone variable or one whose name
	// says it holds a credential. A preview goes to a screen.
	NowHidden bool   `json:"now_hidden,omitempty"`
	After     string `json:"after,omitempty"`
	Unset     bool   `json:"unset"` // the switch unsets it
	// AfterHidden: leaving puts back a value of the shell's own that is
	// not shown, for the reasons of NowHidden.
	AfterHidden bool `json:"after_hidden,omitempty"`
	Secret      bool `json:"secret,omitempty"` // After is masked: a secret's value never leaves the keyring here
	Size        int  `json:"size,omitempty"`   // the secret's length in bytes
	// Temporary: temporary AWS credentials the switch would make.
	Temporary bool `json:"temporary,omitempty"`
}

// PreviewChange works out what a switch of the shell whose environment is
// environ to slug ("": leaving its client, `stint env --off`) would change, from the same plan and the same shell
// computation a switch runs. Unlike a switch it reads no secret value (the
// keyring is never asked, so there is no access to log), calls no AWS
// service, moves no timer and writes nothing: no session kubeconfig, no
// tool home.
func (s *Sessions) PreviewChange(ctx context.Context, slug string, environ []string) (ChangePreview, error) {
	env := shell.EnvironMap(environ)
	st, err := shell.DecodeState(env)
	if err != nil {
		return ChangePreview{}, err
	}
	out := ChangePreview{Client: slug, From: st.Client, Rows: []ChangeRow{}}
	vars := map[string]PreviewVar{}
	hidden := map[string]bool{}
	var change shell.Change
	if slug == "" {
		// Leaving: every variable goes back to what it was.
		if change, err = shell.Compute(env, st, nil, ""); err != nil {
			return ChangePreview{}, err
		}
	} else {
		if change, err = s.previewEnter(ctx, slug, env, st, &out, vars, hidden); err != nil {
			return ChangePreview{}, err
		}
	}
	if st.Client != "" {
		if from, err := s.clients.StoredProfile(ctx, st.Client); err == nil {
			for _, sec := range from.SecretNames {
				hidden[sec.Name] = true
			}
		}
	}
	sensitive := func(name string) bool {
		return hidden[name] || vars[name].Secret || looksSecret(name) || matchesPattern(keys(hidden), name)
	}
	for _, op := range change.Ops {
		if strings.HasPrefix(op.Name, "STINT_") {
			continue
		}
		now, isSet := env[op.Name]
		row := ChangeRow{Name: op.Name, Now: now, IsSet: isSet, Unset: op.Unset}
		if isSet && sensitive(op.Name) {
			row.Now, row.NowHidden = "", true
		}
		if !op.Unset {
			v := vars[op.Name]
			row.Secret, row.Size, row.Temporary = v.Secret, v.Size, v.Temporary
			switch {
			case row.Secret || row.Temporary:
			case slug == "" && sensitive(op.Name):
				// What leaving puts back is the shell's own: a token of
				// the user's stays off the screen too.
				row.AfterHidden = true
			default:
				row.After = op.Value
			}
		}
		if row.Unset && !row.IsSet {
			continue // unsetting what is not set changes nothing
		}
		out.Rows = append(out.Rows, row)
	}
	slices.SortFunc(out.Rows, func(a, b ChangeRow) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// previewEnter is the change a switch to slug would make, from the plan a
// preview builds (secrets as placeholders); it fills in out's kubeconfig,
// the plan's variables and the names whose current values stay hidden.
func (s *Sessions) previewEnter(ctx context.Context, slug string, env map[string]string, st shell.State, out *ChangePreview, vars map[string]PreviewVar, hidden map[string]bool) (shell.Change, error) {
	prof, err := s.clients.StoredProfile(ctx, slug)
	if err != nil {
		return shell.Change{}, err
	}
	if prof.Client.Archived {
		return shell.Change{}, clients.ArchivedError(slug)
	}
	if prof.Client.ReviewPending {
		return shell.Change{}, clients.PendingError(slug)
	}
	session := env[shell.VarSession]
	if session == "" {
		session = PreviewSession
	}
	pp, plan, err := s.previewPlan(ctx, slug, session)
	if err != nil {
		return shell.Change{}, err
	}
	change, err := shell.Compute(env, st, profiles.ShellPlan(plan), session)
	if err != nil {
		return shell.Change{}, err
	}
	for _, v := range pp.Vars {
		vars[v.Name] = v
	}
	for _, name := range plan.Clear {
		hidden[name] = true
	}
	if len(plan.Kube.Contexts) > 0 {
		out.Kubeconfig, out.KubeContext = plan.Kube.Path, plan.Kube.Current
		if plan.Kube.Namespace != "" {
			out.KubeContext += "/" + plan.Kube.Namespace
		}
	}
	return change, nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// looksSecret reports whether a variable's name says it holds a credential.
func looksSecret(name string) bool {
	n := strings.ToUpper(name)
	for _, w := range []string{"TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "_KEY", "APIKEY", "AUTH", "SESSION"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// matchesPattern reports whether name is one of the names, or has the
// prefix of one of the names' "PREFIX*" patterns.
func matchesPattern(names []string, name string) bool {
	for _, p := range names {
		if prefix, ok := strings.CutSuffix(p, "*"); ok && strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}
