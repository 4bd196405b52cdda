package clients

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/handoff"
	"github.com/stint-sh/stint/internal/store"
)

// Review is everything in a client's profile that changes what runs, or
// where, when a shell enters it: what `stint client review` shows and
// `stint client allow` accepts (docs/safety.md, "Review before use").
// Secret values are not part of it: the user sets those here.
type Review struct {
	Client   string            `json:"client"`
	Pending  bool              `json:"pending"`
	Hash     string            `json:"hash"` // of the content below, as allowed with `client allow`
	Vars     []ReviewVar       `json:"vars"`
	Secrets  []string          `json:"secrets"`
	Settings map[string]string `json:"settings"`
	Kube     KubeView          `json:"kube"`
	Isolated []string          `json:"isolated"`
	Workdir  string            `json:"workdir,omitempty"`
	SrcRoot  string            `json:"src_root,omitempty"`
	Repos    []RepoInfo        `json:"repos"`
}

// ReviewVar is one plain variable a switch exports.
type ReviewVar struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// RunsCode marks the names known to make shells or programs run code
	// (handoff.RunsCode): a louder warning, not the boundary.
	RunsCode bool `json:"runs_code,omitempty"`
}

// ReviewOf is the reviewable content of a profile, with its hash.
func ReviewOf(p *store.Profile) Review {
	r := Review{
		Client: p.Client.Slug, Pending: p.Client.ReviewPending,
		Vars: []ReviewVar{}, Secrets: []string{}, Settings: map[string]string{},
		Kube:     KubeView{Sources: slices.Clone(nonNil(p.KubeSources)), Contexts: slices.Clone(nonNil(p.KubeContexts))},
		Isolated: slices.Clone(nonNil(p.Isolated)), Workdir: p.Client.Workdir, SrcRoot: p.Client.SrcRoot, Repos: []RepoInfo{},
	}
	for _, v := range p.Vars {
		r.Vars = append(r.Vars, ReviewVar{Name: v.Name, Value: v.Value, RunsCode: handoff.RunsCode(v.Name)})
	}
	for _, s := range p.SecretNames {
		r.Secrets = append(r.Secrets, s.Name)
	}
	for k, v := range p.Settings {
		r.Settings[k] = v
	}
	for _, rp := range p.Repos {
		r.Repos = append(r.Repos, RepoInfo{Path: rp.Path, URL: rp.URL})
	}
	// Sorted here, not trusted to be: an import hashes the profile it is
	// about to write, before the database orders it.
	slices.SortFunc(r.Vars, func(a, b ReviewVar) int { return cmp.Compare(a.Name, b.Name) })
	slices.Sort(r.Secrets)
	slices.Sort(r.Kube.Contexts)
	slices.Sort(r.Isolated)
	slices.SortFunc(r.Repos, func(a, b RepoInfo) int { return cmp.Compare(a.Path, b.Path) })
	r.Hash = reviewHash(r)
	return r
}

// reviewHash hashes the content of r (not its name or state): the same
// content imported again hashes the same. encoding/json writes map keys
// sorted, and every list here is sorted or ordered by meaning (kubeconfig
// merge order), so the encoding is canonical.
func reviewHash(r Review) string {
	r.Client, r.Pending, r.Hash = "", false, ""
	r.Vars = slices.Clone(r.Vars)
	for i := range r.Vars {
		r.Vars[i].RunsCode = false
	}
	data, err := json.Marshal(r)
	if err != nil {
		panic(fmt.Sprintf("review content cannot be encoded: %v", err)) // plain strings only
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// RunsCode lists the variables and secret names of r known to make shells
// or programs run code.
func (r Review) RunsCode() []string {
	var out []string
	for _, v := range r.Vars {
		if v.RunsCode {
			out = append(out, v.Name)
		}
	}
	for _, s := range r.Secrets {
		if handoff.RunsCode(s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// Review shows what a switch to slug would apply, and whether it waits for
// `stint client allow`.
func (d *Directory) Review(ctx context.Context, slug string) (Review, error) {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return Review{}, err
	}
	return ReviewOf(p), nil
}

// Allow accepts what the last import of slug brought. hash, when not empty,
// is the Review.Hash the user was shown: if the content changed since (a
// re-import in between), nothing is allowed. Allowing a client with nothing
// pending is a no-op.
func (d *Directory) Allow(ctx context.Context, slug, hash string) (Review, error) {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return Review{}, err
	}
	r := ReviewOf(p)
	if !p.Client.ReviewPending {
		return r, nil
	}
	if hash != "" && hash != r.Hash {
		return Review{}, badinput.Errorf("the content of %s changed since it was shown: review it again with `stint client review %s`", slug, slug)
	}
	ok, err := d.db.AllowClient(ctx, p.Client.ID, p.Client.ReviewHash)
	if err != nil {
		return Review{}, fmt.Errorf("cannot allow %s: %w", slug, err)
	}
	if !ok {
		return Review{}, badinput.Errorf("%s was imported again while it was being allowed: review it again with `stint client review %s`", slug, slug)
	}
	r.Pending = false
	return r, nil
}

// PendingError refuses to enter a client whose imported content has not
// been reviewed and allowed.
func PendingError(slug string) error {
	return badinput.Errorf("client %s holds imported settings not yet allowed: see them with `stint client review %s`, then `stint client allow %s`", slug, slug, slug)
}
