package workbench

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/stint-sh/stint/badinput"
	"github.com/stint-sh/stint/profiles"
	"github.com/stint-sh/stint/profiles/kube"
	"github.com/stint-sh/stint/store"
)

// KubeContext is one of a client's contexts as `kube list` shows it.
type KubeContext struct {
	Name      string `json:"name"`
	Default   bool   `json:"default"`
	Cluster   string `json:"cluster,omitempty"`
	Server    string `json:"server,omitempty"`
	User      string `json:"user,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	Source    string `json:"source,omitempty"`
	Problem   string `json:"problem,omitempty"` // set when the context or its file has gone
}

// kubeInputError marks a kubeconfig problem as the user's to fix.
func kubeInputError(err error) error {
	for _, k := range []error{kube.ErrFileMissing, kube.ErrFileUnparsable, kube.ErrNoContexts, kube.ErrContextMissing, kube.ErrInvalidSpec} {
		if errors.Is(err, k) {
			return badinput.Wrap(err)
		}
	}
	return err
}

// KubeAdd binds contexts of a kubeconfig file to a client: the named ones,
// or every context in the file when none is named.
func (w *Workbench) KubeAdd(ctx context.Context, slug, path string, contexts []string, namespace *string) ([]string, error) {
	p, err := w.profile(ctx, slug)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, badinput.Errorf("kubeconfig path %q is not usable: %v", path, err)
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
	err = w.change(ctx, slug, store.ProfileChange{AddKubeSource: abs, AddContexts: contexts, SetSettings: settings})
	return contexts, err
}

// KubeUse makes context the client's default (adding it when one of the
// client's kubeconfigs has it) and optionally sets the namespace.
func (w *Workbench) KubeUse(ctx context.Context, slug, context string, namespace *string) error {
	p, err := w.profile(ctx, slug)
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
			return kubeInputError(err)
		}
		if !cfg.Has(context) {
			return badinput.Errorf("context %q is neither a context of %s nor in its kubeconfigs: see `stint kube list %s`", context, slug, slug)
		}
		ch.AddContexts = []string{context}
	}
	if namespace != nil {
		if err := profiles.ValidateNamespace(*namespace); err != nil {
			return err
		}
		ch.SetSettings[profiles.KubeNamespace] = *namespace
	}
	return w.change(ctx, slug, ch)
}

// KubeContexts lists a client's contexts with what its kubeconfigs say of
// them now; vanished files or contexts are reported per context, not fatal.
func (w *Workbench) KubeContexts(ctx context.Context, slug string) ([]KubeContext, error) {
	p, err := w.profile(ctx, slug)
	if err != nil {
		return nil, err
	}
	def := p.Settings[profiles.KubeContext]
	if def == "" && len(p.KubeContexts) > 0 {
		def = p.KubeContexts[0]
	}
	known := map[string]kube.ContextInfo{}
	problem := ""
	if len(p.KubeSources) > 0 {
		cfg, err := kube.Inspect(p.KubeSources...)
		if err != nil {
			problem = err.Error()
		} else {
			for _, c := range cfg.Contexts() {
				known[c.Name] = c
			}
		}
	}
	out := []KubeContext{}
	for _, name := range p.KubeContexts {
		k := KubeContext{Name: name, Default: name == def}
		if info, ok := known[name]; ok {
			k.Cluster, k.Server, k.User, k.Source = info.Cluster, info.Server, info.User, info.Source
			k.Namespace = info.Namespace
		} else if problem != "" {
			k.Problem = problem
		} else {
			k.Problem = fmt.Sprintf("context %s is no longer in %v", name, p.KubeSources)
		}
		if name == def && p.Settings[profiles.KubeNamespace] != "" {
			k.Namespace = p.Settings[profiles.KubeNamespace]
		}
		out = append(out, k)
	}
	return out, nil
}
