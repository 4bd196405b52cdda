package clients

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
)

// ProfileView is a client with everything its profile holds, secret names
// but never secret values.
type ProfileView struct {
	Client  ClientInfo        `json:"client"`
	Vars    map[string]string `json:"vars"`
	Secrets []SecretInfo      `json:"secrets"`
	AWS     map[string]string `json:"aws,omitempty"`
	GCP     map[string]string `json:"gcp,omitempty"`
	Azure   map[string]string `json:"azure,omitempty"`
	Git     map[string]string `json:"git,omitempty"`
	// GitHub is the login `stint whoami` expects of gh ("login").
	GitHub   map[string]string `json:"github,omitempty"`
	Kube     KubeView          `json:"kube"`
	Isolated []string          `json:"isolated"`
	Repos    []RepoInfo        `json:"repos"`
}

// SecretInfo names a secret; its value stays in the keyring.
type SecretInfo struct {
	Name string `json:"name"`
	Size int    `json:"size"`
}

// KubeView is the Kubernetes part of a profile.
type KubeView struct {
	Sources   []string `json:"sources"`
	Contexts  []string `json:"contexts"`
	Context   string   `json:"context,omitempty"`
	Namespace string   `json:"namespace,omitempty"`
	// Production lists the contexts marked production (`stint kube prod`).
	Production []string `json:"production"`
}

// RepoInfo is a repository bound to a client.
type RepoInfo struct {
	Path string `json:"path"`
	URL  string `json:"url,omitempty"`
	// CredentialsRemoved: the URL given carried credentials, which were
	// not stored (AddRepo only).
	CredentialsRemoved bool `json:"-"`
}

// Profile returns the whole profile of a client.
func (d *Directory) Profile(ctx context.Context, slug string) (ProfileView, error) {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return ProfileView{}, err
	}
	return profileView(p), nil
}

func profileView(p *store.Profile) ProfileView {
	v := ProfileView{
		Client: clientInfo(p.Client), Vars: map[string]string{},
		Secrets: []SecretInfo{}, Isolated: nonNil(p.Isolated), Repos: []RepoInfo{},
	}
	for _, kv := range p.Vars {
		v.Vars[kv.Name] = kv.Value
	}
	for _, s := range p.SecretNames {
		v.Secrets = append(v.Secrets, SecretInfo{Name: s.Name, Size: s.Size})
	}
	section := func(prefix string) map[string]string {
		m := map[string]string{}
		for k, val := range p.Settings {
			if rest, ok := strings.CutPrefix(k, prefix+"."); ok {
				m[rest] = val
			}
		}
		if len(m) == 0 {
			return nil
		}
		return m
	}
	v.AWS, v.GCP, v.Azure, v.Git, v.GitHub = section("aws"), section("gcp"), section("azure"), section("git"), section("github")
	v.Kube = KubeView{Sources: nonNil(p.KubeSources), Contexts: nonNil(p.KubeContexts), Production: nonNil(p.ProdContexts),
		Context: p.Settings[profiles.KubeContext], Namespace: p.Settings[profiles.KubeNamespace]}
	if v.Kube.Context == "" && len(p.KubeContexts) > 0 {
		v.Kube.Context = p.KubeContexts[0]
	}
	for _, r := range p.Repos {
		v.Repos = append(v.Repos, RepoInfo{Path: r.Path, URL: r.URL})
	}
	return v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (d *Directory) Change(ctx context.Context, slug string, ch store.ProfileChange) error {
	c, err := d.Client(ctx, slug)
	if err != nil {
		return err
	}
	ch.Touch = d.clock.Now()
	if err := d.db.ApplyProfileChange(ctx, c.ID, ch); err != nil {
		return fmt.Errorf("cannot save the profile of %s: %w", slug, err)
	}
	return nil
}

// SetVars sets plain variables from KEY=VALUE arguments, all or none.
func (d *Directory) SetVars(ctx context.Context, slug string, assignments []string) error {
	if len(assignments) == 0 {
		return badinput.Errorf("nothing to set: give KEY=VALUE, like `stint set %s AWS_REGION=eu-west-1`", slug)
	}
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return err
	}
	secret := map[string]bool{}
	for _, s := range p.SecretNames {
		secret[s.Name] = true
	}
	var ch store.ProfileChange
	seen := map[string]bool{}
	for _, a := range assignments {
		name, value, err := profiles.ParseAssignment(slug, a)
		if err != nil {
			return err
		}
		if secret[name] {
			return badinput.Errorf("%s is a secret of %s: change it with `stint secret set %s %s`", name, slug, slug, name)
		}
		if seen[name] {
			return badinput.Errorf("%s is given twice", name)
		}
		seen[name] = true
		ch.SetVars = append(ch.SetVars, store.Var{Name: name, Value: value})
	}
	return d.Change(ctx, slug, ch)
}

// UnsetVars removes plain variables; naming one that is not set is an error.
func (d *Directory) UnsetVars(ctx context.Context, slug string, names []string) error {
	if len(names) == 0 {
		return badinput.Errorf("nothing to unset: give variable names")
	}
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, v := range p.Vars {
		have[v.Name] = true
	}
	for _, n := range names {
		if !have[n] {
			return badinput.Errorf("%s is not a variable of %s: see `stint client show %s`", n, slug, slug)
		}
	}
	return d.Change(ctx, slug, store.ProfileChange{UnsetVars: names})
}

// ApplySettings writes validated settings (from profiles.AWS, GCP, Azure, Git).
func (d *Directory) ApplySettings(ctx context.Context, slug string, s profiles.Settings, isolate, unisolate []string) error {
	if len(s) == 0 && len(isolate) == 0 && len(unisolate) == 0 {
		return badinput.Errorf("nothing to change: give at least one flag (see --help)")
	}
	var forgetAWS bool
	if touchesAWS(s) {
		p, err := d.StoredProfile(ctx, slug)
		if err != nil {
			return err
		}
		merged := maps.Clone(p.Settings)
		for k, v := range s {
			if v == "" {
				delete(merged, k)
			} else {
				merged[k] = v
			}
		}
		if err := profiles.AWSSetup(slug, merged); err != nil {
			return err
		}
		// Turning temporary credentials off: what was cached for them goes.
		forgetAWS = profiles.UsesTemporaryAWS(p.Settings) && !profiles.UsesTemporaryAWS(merged)
	}
	if err := d.Change(ctx, slug, store.ProfileChange{SetSettings: s, Isolate: isolate, Unisolate: unisolate}); err != nil {
		return err
	}
	if forgetAWS {
		return d.ForgetAWS(slug)
	}
	return nil
}

func touchesAWS(s profiles.Settings) bool {
	for k := range s {
		if strings.HasPrefix(k, "aws.") {
			return true
		}
	}
	return false
}

// Isolate turns per-client homes on (or off) for tools.
func (d *Directory) Isolate(ctx context.Context, slug string, tools []string, off bool) error {
	if len(tools) == 0 {
		return badinput.Errorf("name at least one tool: %s", strings.Join(profiles.Tools(), ", "))
	}
	for _, t := range tools {
		if err := profiles.ValidateTool(t); err != nil {
			return err
		}
	}
	if off {
		return d.Change(ctx, slug, store.ProfileChange{Unisolate: tools})
	}
	return d.Change(ctx, slug, store.ProfileChange{Isolate: tools})
}

// AddRepo binds a local repository to a client. Credentials in url are
// not stored (RepoURLWithoutCredentials): the result holds the URL as
// stored.
func (d *Directory) AddRepo(ctx context.Context, slug, path, url string) (RepoInfo, error) {
	url, removed := profiles.RepoURLWithoutCredentials(url)
	abs, err := filepath.Abs(path)
	if err != nil {
		return RepoInfo{}, badinput.Errorf("repository path %q is not usable: %w", path, err)
	}
	if url == "" {
		if info, err := os.Stat(abs); err != nil || !info.IsDir() {
			return RepoInfo{}, badinput.Errorf("%s does not exist: give --url so `stint repo clone %s` can fetch it, or fix the path", abs, slug)
		}
	}
	r := store.Repo{Path: abs, URL: url, AddedAt: d.clock.Now()}
	if err := d.Change(ctx, slug, store.ProfileChange{AddRepos: []store.Repo{r}}); err != nil {
		return RepoInfo{}, err
	}
	return RepoInfo{Path: abs, URL: url, CredentialsRemoved: removed}, nil
}

// Repos lists a client's repositories.
func (d *Directory) Repos(ctx context.Context, slug string) ([]RepoInfo, error) {
	p, err := d.Profile(ctx, slug)
	if err != nil {
		return nil, err
	}
	sort.Slice(p.Repos, func(i, j int) bool { return p.Repos[i].Path < p.Repos[j].Path })
	return p.Repos, nil
}

// RemoveRepo unbinds a repository (the files stay).
func (d *Directory) RemoveRepo(ctx context.Context, slug, path string) error {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return err
	}
	abs, _ := filepath.Abs(path)
	for _, r := range p.Repos {
		if r.Path == abs || r.Path == path {
			return d.Change(ctx, slug, store.ProfileChange{RemoveRepos: []string{r.Path}})
		}
	}
	return badinput.Errorf("%s is not a repository of %s: see `stint repo list %s`", path, slug, slug)
}
