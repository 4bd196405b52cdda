package tui

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/workbench"
)

// The profile editor's calls on the fake, with the workbench's rules where
// a test observes them: names and values through profiles, a name that is
// a secret refused, contexts that must exist. realdb tests run the real
// ones.

// profileLocked is slug's profile to change, its maps made.
func (f *fakeBackend) profileLocked(slug string) (workbench.ProfileView, error) {
	if _, err := f.find(slug); err != nil {
		return workbench.ProfileView{}, err
	}
	p := f.profiles[slug]
	if p.Vars == nil {
		p.Vars = map[string]string{}
	}
	p.Vars = maps.Clone(p.Vars)
	return p, nil
}

func (f *fakeBackend) SetVars(ctx context.Context, slug string, assignments []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail("SetVars"); err != nil {
		return err
	}
	p, err := f.profileLocked(slug)
	if err != nil {
		return err
	}
	for _, a := range assignments {
		name, value, err := profiles.ParseAssignment(slug, a)
		if err != nil {
			return err
		}
		for _, s := range p.Secrets {
			if s.Name == name {
				return badinput.Errorf("%s is a secret of %s: change it with `stint secret set %s %s`", name, slug, slug, name)
			}
		}
		p.Vars[name] = value
		f.record("set %s %s", slug, a)
	}
	f.profiles[slug] = p
	return nil
}

func (f *fakeBackend) UnsetVars(ctx context.Context, slug string, names []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.profileLocked(slug)
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, ok := p.Vars[n]; !ok {
			return badinput.Errorf("%s is not a variable of %s: see `stint client show %s`", n, slug, slug)
		}
		delete(p.Vars, n)
		f.record("unset %s %s", slug, n)
	}
	f.profiles[slug] = p
	return nil
}

func (f *fakeBackend) ApplySettings(ctx context.Context, slug string, s profiles.Settings, isolate, unisolate []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail("ApplySettings"); err != nil {
		return err
	}
	p, err := f.profileLocked(slug)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(slices.Collect(maps.Keys(s)), func(k string) bool { return strings.HasPrefix(k, "aws.") }) {
		merged := map[string]string{}
		for k, v := range p.AWS {
			merged["aws."+k] = v
		}
		for k, v := range s {
			if strings.HasPrefix(k, "aws.") {
				merged[k] = v
			}
		}
		if err := profiles.AWSSetup(slug, merged); err != nil {
			return err
		}
	}
	sections := map[string]*map[string]string{"aws": &p.AWS, "gcp": &p.GCP, "azure": &p.Azure, "git": &p.Git, "github": &p.GitHub}
	for _, k := range slices.Sorted(maps.Keys(s)) {
		prefix, rest, _ := strings.Cut(k, ".")
		m := sections[prefix]
		*m = maps.Clone(*m)
		if *m == nil {
			*m = map[string]string{}
		}
		if s[k] == "" {
			delete(*m, rest)
		} else {
			(*m)[rest] = s[k]
		}
		f.record("setting %s %s=%s", slug, k, s[k])
	}
	for _, t := range isolate {
		p.Isolated = append(slices.Clone(p.Isolated), t)
		f.record("isolate %s %s", slug, t)
	}
	for _, t := range unisolate {
		p.Isolated = slices.DeleteFunc(slices.Clone(p.Isolated), func(x string) bool { return x == t })
		f.record("unisolate %s %s", slug, t)
	}
	f.profiles[slug] = p
	return nil
}

// KubeAdd binds the named contexts, or one named after the file, of a
// file that must exist.
func (f *fakeBackend) KubeAdd(ctx context.Context, slug, path string, contexts []string, namespace *string) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.profileLocked(slug)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err != nil {
		return nil, badinput.Errorf("kubeconfig %s does not exist", path)
	}
	if len(contexts) == 0 {
		contexts = []string{strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))}
	}
	if namespace != nil {
		if err := profiles.ValidateNamespace(*namespace); err != nil {
			return nil, err
		}
		p.Kube.Namespace = *namespace
	}
	p.Kube.Sources = append(slices.Clone(p.Kube.Sources), path)
	p.Kube.Contexts = append(slices.Clone(p.Kube.Contexts), contexts...)
	if p.Kube.Context == "" {
		p.Kube.Context = contexts[0]
	}
	f.profiles[slug] = p
	f.record("kube add %s %s %v", slug, path, contexts)
	return contexts, nil
}

func (f *fakeBackend) KubeUse(ctx context.Context, slug, kctx string, namespace *string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.profileLocked(slug)
	if err != nil {
		return err
	}
	if !slices.Contains(p.Kube.Contexts, kctx) {
		return badinput.Errorf("context %q is neither a context of %s nor in its kubeconfigs: see `stint kube list %s`", kctx, slug, slug)
	}
	if namespace != nil {
		if err := profiles.ValidateNamespace(*namespace); err != nil {
			return err
		}
		p.Kube.Namespace = *namespace
	}
	p.Kube.Context = kctx
	f.profiles[slug] = p
	ns := "<unchanged>"
	if namespace != nil {
		ns = *namespace
	}
	f.record("kube use %s %s ns=%s", slug, kctx, ns)
	return nil
}

func (f *fakeBackend) KubeRemove(ctx context.Context, slug, source string, contexts []string) (workbench.KubeRemoval, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.profileLocked(slug)
	if err != nil {
		return workbench.KubeRemoval{}, err
	}
	r := workbench.KubeRemoval{Client: slug, Source: source, Contexts: contexts}
	if source != "" {
		p.Kube.Sources = slices.DeleteFunc(slices.Clone(p.Kube.Sources), func(s string) bool { return s == source })
	}
	p.Kube.Contexts = slices.DeleteFunc(slices.Clone(p.Kube.Contexts), func(c string) bool { return slices.Contains(contexts, c) })
	if slices.Contains(contexts, p.Kube.Context) {
		r.DefaultChanged = true
		p.Kube.Context = ""
		if len(p.Kube.Contexts) > 0 {
			p.Kube.Context = p.Kube.Contexts[0]
		}
		r.Default = p.Kube.Context
	}
	f.profiles[slug] = p
	f.record("kube rm %s source=%s contexts=%v", slug, source, contexts)
	return r, nil
}

func (f *fakeBackend) KubeProd(ctx context.Context, slug, kctx string, on bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.profileLocked(slug)
	if err != nil {
		return err
	}
	if !slices.Contains(p.Kube.Contexts, kctx) {
		return badinput.Errorf("%s has no context %q: `stint kube list %s` shows its contexts", slug, kctx, slug)
	}
	p.Kube.Production = slices.DeleteFunc(slices.Clone(p.Kube.Production), func(c string) bool { return c == kctx })
	if on {
		p.Kube.Production = append(p.Kube.Production, kctx)
	}
	f.profiles[slug] = p
	f.record("kube prod %s %s %v", slug, kctx, on)
	return nil
}

func (f *fakeBackend) RemoveSecret(ctx context.Context, slug, key string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, err := f.profileLocked(slug)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(p.Secrets, func(s workbench.SecretInfo) bool { return s.Name == key })
	if i < 0 {
		return badinput.Errorf("%s has no secret named %s: see `stint secret list %s`", slug, key, slug)
	}
	p.Secrets = slices.Delete(slices.Clone(p.Secrets), i, i+1)
	delete(f.secrets[slug], key)
	f.profiles[slug] = p
	f.record("secret rm %s %s", slug, key)
	return nil
}
