package tui

import (
	"context"
	"sort"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/workbench"
)

// Review is the fake's review of a client: its plain variables, with a
// hash that changes when they do.
func (f *fakeBackend) Review(ctx context.Context, slug string) (workbench.Review, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reviewLocked(slug)
}

func (f *fakeBackend) reviewLocked(slug string) (workbench.Review, error) {
	i, err := f.find(slug)
	if err != nil {
		return workbench.Review{}, err
	}
	r := workbench.Review{Client: slug, Pending: f.clients[i].ReviewPending, Hash: "h", Settings: map[string]string{}}
	names := make([]string, 0, len(f.profiles[slug].Vars))
	for n := range f.profiles[slug].Vars {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v := f.profiles[slug].Vars[n]
		r.Vars = append(r.Vars, workbench.ReviewVar{Name: n, Value: v, RunsCode: n == "LD_PRELOAD"})
		r.Hash += "|" + n + "=" + v
	}
	return r, nil
}

// Allow clears the pending mark when hash is the content's.
func (f *fakeBackend) Allow(ctx context.Context, slug, hash string) (workbench.Review, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, err := f.reviewLocked(slug)
	if err != nil {
		return r, err
	}
	if hash != r.Hash {
		return workbench.Review{}, badinput.Errorf("the content of %s changed since it was shown", slug)
	}
	i, _ := f.find(slug)
	f.clients[i].ReviewPending = false
	f.record("allow %s", slug)
	r.Pending = false
	return r, nil
}
