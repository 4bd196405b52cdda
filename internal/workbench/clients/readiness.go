package clients

import (
	"context"
	"errors"
	"slices"

	"github.com/stint-sh/stint/internal/profiles/kube"
	"github.com/stint-sh/stint/internal/store"
)

// Readiness is what would make a switch to a client fail or come up short,
// found by the switch's own checks short of doing it: its kubeconfig files
// as the switch opens them (not read), and, when asked, which of its
// secrets the keyring lacks.
type Readiness struct {
	// Kube are the kubeconfig files a switch could not open.
	Kube []SourceProblem `json:"kube,omitempty"`
	// SecretsChecked: the keyring was asked (the client has secrets and
	// the caller wanted them checked).
	SecretsChecked bool `json:"secrets_checked"`
	// MissingSecrets are secret names with no value in the keyring, sorted.
	MissingSecrets []string `json:"missing_secrets,omitempty"`
	// SecretsProblem is why the keyring could not be read ("" when it was).
	SecretsProblem string `json:"secrets_problem,omitempty"`
}

// SourceProblem is one kubeconfig file a switch would fail on.
type SourceProblem struct {
	Path    string `json:"path"`
	Missing bool   `json:"missing"` // gone, rather than unreadable or refused
	Problem string `json:"problem"` // as the switch would say it
	Fix     string `json:"fix,omitempty"`
}

// Ready reports whether nothing was found wrong.
func (r Readiness) Ready() bool {
	return len(r.Kube) == 0 && len(r.MissingSecrets) == 0 && r.SecretsProblem == ""
}

// Readiness checks slug's kubeconfig files with kube.CheckSource — the
// open and stat a switch makes before it reads them — and, with secrets,
// loads its secrets as a switch does (LoadSecrets, one keyring round trip)
// to name those the keyring lacks; the values go no further than this
// function. A client without secrets never touches the keyring.
func (d *Directory) Readiness(ctx context.Context, slug string, secrets bool) (Readiness, error) {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return Readiness{}, err
	}
	r := Readiness{Kube: sourceProblems(slug, p.KubeSources)}
	if !secrets || len(p.SecretNames) == 0 {
		return r, nil
	}
	r.SecretsChecked = true
	values, err := d.LoadSecrets(slug, p.SecretNames)
	if err != nil {
		r.SecretsProblem = err.Error()
		return r, nil
	}
	r.MissingSecrets = MissingSecrets(p.SecretNames, values)
	return r, nil
}

// MissingSecrets lists the secret names that have no value in values (the
// keyring's, from LoadSecrets) — after a handoff import, or a keyring
// reset — sorted. A switch goes on without them, since the rest of the
// profile is useful; the front ends say which are missing.
func MissingSecrets(names []store.SecretName, values map[string]string) []string {
	var out []string
	for _, n := range names {
		if values[n.Name] == "" {
			out = append(out, n.Name)
		}
	}
	slices.Sort(out)
	return out
}

// KubeReadiness is Readiness's kubeconfig part for every client at once:
// one query for all their files, then a stat of each. Clients whose files
// are all fine are left out.
func (d *Directory) KubeReadiness(ctx context.Context) (map[string][]SourceProblem, error) {
	all, err := d.db.KubeSources(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string][]SourceProblem{}
	for slug, sources := range all {
		if ps := sourceProblems(slug, sources); len(ps) > 0 {
			out[slug] = ps
		}
	}
	return out, nil
}

// sourceProblems checks slug's kubeconfig files as a switch opens them,
// with the fix a switch would name.
func sourceProblems(slug string, sources []string) []SourceProblem {
	var out []SourceProblem
	for _, src := range sources {
		err := kube.CheckSource(src)
		if err == nil {
			continue
		}
		sp := SourceProblem{Path: src, Missing: errors.Is(err, kube.ErrFileMissing), Problem: err.Error()}
		var f *kube.Fixed
		if errors.As(kube.ForClient(err, slug), &f) {
			sp.Problem, sp.Fix = f.Err.Error(), f.Fix
		}
		out = append(out, sp)
	}
	return out
}
