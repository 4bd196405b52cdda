package clients

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/profiles/kube"
	"github.com/stint-sh/stint/internal/store"
)

// KubeContext is one of a client's contexts as `kube list` shows it.
type KubeContext struct {
	Name    string `json:"name"`
	Default bool   `json:"default"`
	// Production: commands that change the cluster through this context
	// ask before they run (`stint kube prod`), from any client's shell.
	Production bool   `json:"production"`
	Cluster    string `json:"cluster,omitempty"`
	Server     string `json:"server,omitempty"`
	User       string `json:"user,omitempty"`
	Namespace  string `json:"namespace,omitempty"`
	Source     string `json:"source,omitempty"`
	Problem    string `json:"problem,omitempty"` // set when the context or its file has gone
	// Fix is the command that deals with Problem, when stint has one;
	// several contexts of one vanished file share it.
	Fix string `json:"fix,omitempty"`
}

// kubeInputError marks a kubeconfig problem as the user's to fix.
func kubeInputError(err error) error {
	for _, k := range []error{kube.ErrFileMissing, kube.ErrFileUnparsable, kube.ErrFileRefused, kube.ErrNoContexts, kube.ErrContextMissing, kube.ErrDanglingRef, kube.ErrInvalidSpec} {
		if errors.Is(err, k) {
			return badinput.Wrap(err)
		}
	}
	return err
}

// KubeAdd binds contexts of a kubeconfig file to a client: the named ones,
// or every context in the file when none is named. A context kubectl could
// not use (it refers to a cluster or user the file lacks) is refused, named
// or not: bound, it would fail every switch to the client.
func (d *Directory) KubeAdd(ctx context.Context, slug, path string, contexts []string, namespace *string) ([]string, error) {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, badinput.Errorf("kubeconfig path %q is not usable: %w", path, err)
	}
	cfg, err := kube.Inspect(abs)
	if err != nil {
		return nil, kubeInputError(err)
	}
	if len(contexts) == 0 {
		for _, c := range cfg.Contexts() {
			contexts = append(contexts, c.Name)
		}
	}
	for _, c := range contexts {
		if !cfg.Has(c) {
			return nil, badinput.Errorf("context %q is not in %s: `kubectl --kubeconfig %s config get-contexts` lists the ones it has", c, abs, abs)
		}
	}
	if err := usableContexts(cfg, contexts, slug, abs); err != nil {
		return nil, err
	}
	settings := profiles.Settings{}
	if namespace != nil {
		if err := profiles.ValidateNamespace(*namespace); err != nil {
			return nil, err
		}
		settings[profiles.KubeNamespace] = *namespace
	}
	if p.Settings[profiles.KubeContext] == "" {
		def := contexts[0]
		if slices.Contains(contexts, cfg.CurrentContext) {
			def = cfg.CurrentContext
		}
		settings[profiles.KubeContext] = def
	}
	err = d.Change(ctx, slug, store.ProfileChange{AddKubeSource: abs, AddContexts: contexts, SetSettings: settings})
	return contexts, err
}

// usableContexts refuses to bind contexts that kubectl could not use. When
// some of the file's contexts are fine, the message names them, so the
// user can bind just those (path is the file, "" when the context comes from
// the client's own kubeconfigs).
func usableContexts(cfg *kube.Config, contexts []string, slug, path string) error {
	var broken, fine []string
	problem := ""
	for _, info := range cfg.Contexts() {
		switch {
		case !slices.Contains(contexts, info.Name):
		case info.Problem != "":
			broken = append(broken, info.Name)
			if problem == "" {
				problem = info.Problem
			}
		default:
			fine = append(fine, info.Name)
		}
	}
	if len(broken) == 0 {
		return nil
	}
	msg := problem
	if len(broken) > 1 {
		msg = fmt.Sprintf("contexts %s cannot be used: %s", strings.Join(broken, ", "), problem)
	}
	if len(fine) > 0 && path != "" {
		flags := ""
		for _, f := range fine {
			flags += " --context " + f
		}
		msg += fmt.Sprintf("; or bind only the others: `stint kube add %s --kubeconfig %s%s`", slug, path, flags)
	}
	return badinput.Errorf("%s", msg)
}

// KubeUse makes context the client's default (adding it when one of the
// client's kubeconfigs has it) and optionally sets the namespace.
func (d *Directory) KubeUse(ctx context.Context, slug, context string, namespace *string) error {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return err
	}
	if len(p.KubeSources) == 0 {
		return badinput.Errorf("%s has no kubeconfig yet: add one with `stint kube add %s --kubeconfig PATH`", slug, slug)
	}
	ch := store.ProfileChange{SetSettings: map[string]string{profiles.KubeContext: context}}
	if !slices.Contains(p.KubeContexts, context) {
		cfg, err := kube.Inspect(p.KubeSources...)
		if err != nil {
			return kubeInputError(kube.ForClient(err, slug))
		}
		if !cfg.Has(context) {
			return badinput.Errorf("context %q is neither a context of %s nor in its kubeconfigs: see `stint kube list %s`", context, slug, slug)
		}
		if err := usableContexts(cfg, []string{context}, slug, ""); err != nil {
			return err
		}
		ch.AddContexts = []string{context}
	}
	if namespace != nil {
		if err := profiles.ValidateNamespace(*namespace); err != nil {
			return err
		}
		ch.SetSettings[profiles.KubeNamespace] = *namespace
	}
	return d.Change(ctx, slug, ch)
}

// KubeProd marks one of a client's contexts as production, or not: the
// guard then asks before a mutating command reaches it, whichever client's
// shell it runs in.
func (d *Directory) KubeProd(ctx context.Context, slug, kubeContext string, on bool) error {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return err
	}
	if !slices.Contains(p.KubeContexts, kubeContext) {
		return badinput.Errorf("%s has no context %q: `stint kube list %s` shows its contexts", slug, kubeContext, slug)
	}
	return d.db.SetKubeProduction(ctx, p.Client.ID, kubeContext, on)
}

// KubeContexts lists a client's contexts with what its kubeconfigs say of
// them now; vanished files or contexts are reported per context, not fatal.
func (d *Directory) KubeContexts(ctx context.Context, slug string) ([]KubeContext, error) {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return nil, err
	}
	def := p.Settings[profiles.KubeContext]
	if def == "" && len(p.KubeContexts) > 0 {
		def = p.KubeContexts[0]
	}
	known := map[string]kube.ContextInfo{}
	problem, fix := "", ""
	if len(p.KubeSources) > 0 {
		cfg, err := kube.Inspect(p.KubeSources...)
		if err != nil {
			problem = err.Error()
			var f *kube.Fixed
			if errors.As(kube.ForClient(err, slug), &f) {
				fix = f.Fix
			}
		} else {
			for _, c := range cfg.Contexts() {
				known[c.Name] = c
			}
		}
	}
	out := []KubeContext{}
	for _, name := range p.KubeContexts {
		k := KubeContext{Name: name, Default: name == def, Production: slices.Contains(p.ProdContexts, name)}
		if info, ok := known[name]; ok {
			k.Cluster, k.Server, k.User, k.Source = info.Cluster, info.Server, info.User, info.Source
			k.Namespace, k.Problem = info.Namespace, info.Problem
		} else if problem != "" {
			k.Problem, k.Fix = problem, fix
		} else {
			k.Problem = fmt.Sprintf("context %s is no longer in %s", name, strings.Join(p.KubeSources, ", "))
			k.Fix = "drop it with `stint kube rm " + slug + " " + name + "`"
		}
		if name == def && p.Settings[profiles.KubeNamespace] != "" {
			k.Namespace = p.Settings[profiles.KubeNamespace]
		}
		out = append(out, k)
	}
	return out, nil
}

// KubeRemoval is what `stint kube rm` removed from a client.
type KubeRemoval struct {
	Client   string   `json:"client"`
	Source   string   `json:"source,omitempty"` // the kubeconfig file dropped, if one was
	Contexts []string `json:"contexts"`         // the contexts dropped, sorted
	// Default is the client's default context afterwards ("" when none is
	// left); DefaultChanged says the removed default fell back to it.
	Default        string `json:"default"`
	DefaultChanged bool   `json:"default_changed"`
	// Unresolved lists contexts that may have come only from Source, left in
	// place because the remaining kubeconfigs could not be read (Problem).
	Unresolved []string `json:"unresolved,omitempty"`
	Problem    string   `json:"problem,omitempty"`
}

// KubeRemove drops contexts from a client and, with source, that kubeconfig
// file too — the way out when the file has vanished, since every switch
// fails while the client still names it. Dropping a source also drops the
// contexts no remaining source has (the dropped file may be gone, so what
// it held cannot be read); when the remaining sources cannot be read either,
// only the named contexts go and the result says which others may have to.
// A removed default falls back to the first remaining context. All of it is
// one transaction.
func (d *Directory) KubeRemove(ctx context.Context, slug, source string, contexts []string) (KubeRemoval, error) {
	if source == "" && len(contexts) == 0 {
		return KubeRemoval{}, badinput.Errorf("nothing to remove: name contexts (`stint kube rm %s CONTEXT...`) or a file (`stint kube rm %s --kubeconfig PATH`)", slug, slug)
	}
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return KubeRemoval{}, err
	}
	drop := map[string]bool{}
	for _, c := range contexts {
		if !slices.Contains(p.KubeContexts, c) {
			return KubeRemoval{}, badinput.Errorf("context %q is not a context of %s: see `stint kube list %s`", c, slug, slug)
		}
		drop[c] = true
	}
	r := KubeRemoval{Client: slug}
	ch := store.ProfileChange{}
	if source != "" {
		if r.Source, err = findKubeSource(slug, source, p.KubeSources); err != nil {
			return KubeRemoval{}, err
		}
		ch.RemoveKubeSources = []string{r.Source}
		remaining := slices.DeleteFunc(slices.Clone(p.KubeSources), func(s string) bool { return s == r.Source })
		orphans, err := contextsNotIn(p.KubeContexts, remaining)
		if err != nil {
			r.Problem = err.Error()
			r.Unresolved = mayHaveComeFrom(r.Source, p.KubeContexts, drop)
		}
		for _, c := range orphans {
			drop[c] = true
		}
	}
	var left []string
	for _, c := range p.KubeContexts {
		if drop[c] {
			r.Contexts = append(r.Contexts, c)
		} else {
			left = append(left, c)
		}
	}
	ch.RemoveContexts = r.Contexts
	r.Default, r.DefaultChanged = fallbackDefault(p.Settings[profiles.KubeContext], p.KubeContexts, left, drop)
	if r.DefaultChanged || len(left) == 0 {
		// An empty value deletes the setting; with no context left the
		// namespace chosen for the old default goes too.
		ch.SetSettings = map[string]string{profiles.KubeContext: r.Default}
		if len(left) == 0 {
			ch.SetSettings[profiles.KubeNamespace] = ""
		}
	}
	if r.Contexts == nil {
		r.Contexts = []string{}
	}
	return r, d.Change(ctx, slug, ch)
}

// findKubeSource matches path, as typed, to one of the client's kubeconfig
// files, which are stored as absolute paths.
func findKubeSource(slug, path string, sources []string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", badinput.Errorf("kubeconfig path %q is not usable: %w", path, err)
	}
	if slices.Contains(sources, abs) {
		return abs, nil
	}
	if len(sources) == 0 {
		return "", badinput.Errorf("%s has no kubeconfig files, so %s is not one of them", slug, abs)
	}
	return "", badinput.Errorf("%s is not a kubeconfig of %s: give one of its files, %s", abs, slug, strings.Join(sources, ", "))
}

// contextsNotIn is the contexts none of sources defines; with no sources,
// all of them. It fails when the sources cannot be read.
func contextsNotIn(contexts, sources []string) ([]string, error) {
	if len(sources) == 0 {
		return contexts, nil
	}
	cfg, err := kube.Inspect(sources...)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range contexts {
		if !cfg.Has(c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// mayHaveComeFrom is the contexts (not already dropped) that source may
// have supplied: the ones it defines if it can still be read, else all.
func mayHaveComeFrom(source string, contexts []string, dropped map[string]bool) []string {
	cfg, err := kube.Inspect(source)
	var out []string
	for _, c := range contexts {
		if !dropped[c] && (err != nil || cfg.Has(c)) {
			out = append(out, c)
		}
	}
	return out
}

// fallbackDefault is the default context after dropping some: the current
// one (the stored one, else the first context) if it stays, else the first
// remaining context ("" when none is left). changed reports a new default.
func fallbackDefault(stored string, all, left []string, dropped map[string]bool) (def string, changed bool) {
	current := stored
	if current == "" && len(all) > 0 {
		current = all[0]
	}
	if current != "" && !dropped[current] {
		return current, false
	}
	if len(left) > 0 {
		def = left[0]
	}
	return def, current != ""
}
