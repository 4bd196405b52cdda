package handover

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/handoff"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clients"
)

// HandoffWindow is how far back the handoff's time-by-week table reaches.
const HandoffWindow = 30 * 24 * time.Hour

// Handoff gathers what the next engineer needs about a client: the bundle
// (profile, secret names, runbook, log) plus Kubernetes servers, the last 30
// days of time by week and the access to hand back. Render it with
// handoff.Markdown; encode handoff.Document.Bundle with handoff.Encode.
// Secret values are never read.
func (h *Handover) Handoff(ctx context.Context, slug string) (handoff.Document, error) {
	p, err := h.clients.StoredProfile(ctx, slug)
	if err != nil {
		return handoff.Document{}, err
	}
	b, err := h.bundle(ctx, p)
	if err != nil {
		return handoff.Document{}, err
	}
	doc := handoff.Document{Bundle: b}

	kcs, err := h.clients.KubeContexts(ctx, slug)
	if err != nil {
		return handoff.Document{}, err
	}
	for _, k := range kcs {
		doc.Contexts = append(doc.Contexts, handoff.Context{Name: k.Name, Server: k.Server, Namespace: k.Namespace, Default: k.Default, Problem: k.Problem})
	}

	doc.To = h.clock.Now()
	doc.From = doc.To.Add(-HandoffWindow)
	entries, err := h.timer.Entries(ctx, doc.From, doc.To, slug)
	if err != nil {
		return handoff.Document{}, fmt.Errorf("cannot read the time entries of %s: %w", slug, err)
	}
	spans := make([]handoff.Span, 0, len(entries))
	for _, e := range entries {
		end := doc.To
		if e.End != nil {
			end = *e.End
		}
		spans = append(spans, handoff.Span{Start: e.Start, End: end, Billable: e.Billable})
	}
	doc.Weeks = handoff.Weeks(spans, doc.From, doc.To, h.clients.ZoneOf(p.Client))

	events, err := h.accessEvents(ctx, p.Client.ID, time.Time{})
	if err != nil {
		return handoff.Document{}, err
	}
	doc.Usage = handoff.Summarize(events)
	doc.HandBack = handoff.Checklist(facts(p, doc.Contexts), events)
	return doc, nil
}

// bundle is the portable part of a client.
func (h *Handover) bundle(ctx context.Context, p *store.Profile) (handoff.Bundle, error) {
	c := p.Client
	b := handoff.Bundle{
		Version: handoff.Version, ExportedAt: h.clock.Now(),
		Client: handoff.Client{
			Slug: c.Slug, Name: c.Name, Color: c.Color, RateMinor: c.RateMinor, Currency: c.Currency,
			RoundMinutes: c.RoundMinutes, RoundMode: c.RoundMode, RoundPer: c.RoundPer,
			MinimumMinutes: c.MinimumMinutes, Timezone: c.Timezone, Production: c.Production,
			AutoTrack: c.AutoTrack, Workdir: c.Workdir,
		},
		Vars: map[string]string{}, Secrets: []string{}, Settings: handoff.BundleSettings(p.Settings),
		Kube:     handoff.Kube{Sources: nonNil(p.KubeSources), Contexts: nonNil(p.KubeContexts)},
		Isolated: nonNil(p.Isolated), Repos: []handoff.Repo{}, Log: []handoff.LogLine{},
	}
	for _, v := range p.Vars {
		b.Vars[v.Name] = v.Value
	}
	for _, s := range p.SecretNames {
		b.Secrets = append(b.Secrets, s.Name)
	}
	for _, r := range p.Repos {
		b.Repos = append(b.Repos, handoffRepo(r))
	}
	var err error
	if b.Runbook, b.RunbookAt, err = h.db.Runbook(ctx, c.ID); err != nil {
		return b, err
	}
	notes, err := h.db.Notes(ctx, c.ID, 0)
	if err != nil {
		return b, err
	}
	for i := len(notes) - 1; i >= 0; i-- { // oldest first
		b.Log = append(b.Log, handoff.LogLine{At: notes[i].At, Text: notes[i].Body})
	}
	return b, nil
}

func facts(p *store.Profile, contexts []handoff.Context) handoff.Facts {
	f := handoff.Facts{Settings: p.Settings, Contexts: contexts, Isolated: p.Isolated}
	for _, s := range p.SecretNames {
		f.Secrets = append(f.Secrets, s.Name)
	}
	for _, r := range p.Repos {
		f.Repos = append(f.Repos, handoffRepo(r))
	}
	return f
}

// handoffRepo is a repository as a handoff shows it. The URL loses any
// credentials again: a database written before stint stripped them on the
// way in may still hold some, and a handoff file is sent to someone.
func handoffRepo(r store.Repo) handoff.Repo {
	url, _ := profiles.RepoURLWithoutCredentials(r.URL)
	return handoff.Repo{Path: r.Path, URL: url}
}

// ImportResult is the client a bundle became and what is left to do.
type ImportResult struct {
	Client string        `json:"client"`
	Vars   []string      `json:"vars"`  // names of the plain variables imported, sorted
	Fixes  []handoff.Fix `json:"fixes"` // secrets to set, files and repositories missing here
	// Pending: what the bundle brings waits for `stint client allow`.
	Pending bool           `json:"pending"`
	Review  clients.Review `json:"review"`
}

// ImportOptions are the choices of `stint handoff import`.
type ImportOptions struct {
	As string // the client's name here; "" keeps the bundle's
	// Trust allows what the bundle brings at once, without a review step:
	// for a bundle from someone the user trusts.
	Trust bool
	// Confirm, when set and Trust is not, is shown everything the bundle
	// would bring before anything is written; true allows it at once,
	// false imports it pending review.
	Confirm func(clients.Review) bool
}

// ImportBundle turns a bundle into a client, in one transaction. A
// malformed bundle, one from a newer stint or a name already taken is
// refused and nothing is written. What the bundle brings that changes what
// runs or where (clients.Review) is held pending until allowed — with
// opts.Trust, a yes from opts.Confirm, or later `stint client allow` — and
// no switch, exec, shell or env enters the client before (docs/safety.md).
// Secrets arrive as names without values: each is listed in Fixes with the
// command that sets it. Repository URLs lose any credentials they carry.
func (h *Handover) ImportBundle(ctx context.Context, data []byte, opts ImportOptions) (ImportResult, error) {
	b, err := handoff.Decode(data)
	if err != nil {
		return ImportResult{}, err
	}
	as := opts.As
	slug := b.Client.Slug
	if as != "" {
		if err := profiles.ValidateSlug(as); err != nil {
			return ImportResult{}, err
		}
		slug = as
	}
	if _, err := h.db.Client(ctx, slug); err == nil {
		hint := "import it under another name with --as NAME"
		if as != "" {
			hint = "choose another name for --as"
		}
		return ImportResult{}, badinput.Errorf("client %q already exists: %s", slug, hint)
	} else if !errors.Is(err, store.ErrNotFound) {
		return ImportResult{}, err
	}

	now := h.clock.Now()
	bc := b.Client
	in := store.ClientImport{
		Profile: store.Profile{
			Client: store.Client{
				Slug: slug, Name: bc.Name, Color: bc.Color, RateMinor: bc.RateMinor, Currency: bc.Currency,
				RoundMinutes: bc.RoundMinutes, RoundMode: bc.RoundMode, RoundPer: bc.RoundPer,
				MinimumMinutes: bc.MinimumMinutes, Timezone: bc.Timezone, Production: bc.Production,
				AutoTrack: bc.AutoTrack, Workdir: bc.Workdir, CreatedAt: now, UpdatedAt: now,
			},
			Settings: b.Settings, KubeSources: b.Kube.Sources, KubeContexts: b.Kube.Contexts, Isolated: b.Isolated,
		},
		Runbook: b.Runbook, RunbookAt: b.RunbookAt,
	}
	if in.RunbookAt.IsZero() {
		in.RunbookAt = now
	}
	varNames := slices.Sorted(maps.Keys(b.Vars))
	for _, name := range varNames {
		in.Profile.Vars = append(in.Profile.Vars, store.Var{Name: name, Value: b.Vars[name]})
	}
	// Names with size 0: the profile knows which secrets it needs; the
	// values are set with `stint secret set` once the client provides them.
	for _, n := range b.Secrets {
		in.Profile.SecretNames = append(in.Profile.SecretNames, store.SecretName{Name: n, UpdatedAt: now})
	}
	for _, r := range b.Repos {
		url, _ := profiles.RepoURLWithoutCredentials(r.URL)
		in.Profile.Repos = append(in.Profile.Repos, store.Repo{Path: r.Path, URL: url, AddedAt: now})
	}
	for _, l := range b.Log {
		in.Log = append(in.Log, store.LogNote{At: l.At, Body: l.Text})
	}
	review := clients.ReviewOf(&in.Profile)
	review.Client = slug
	allowed := opts.Trust || (opts.Confirm != nil && opts.Confirm(review))
	in.Profile.Client.ReviewHash = review.Hash
	in.Profile.Client.ReviewPending = !allowed
	if allowed {
		in.Profile.Client.AllowedHash = review.Hash
	}
	review.Pending = !allowed
	if _, err := h.db.ImportClient(ctx, in); err != nil {
		return ImportResult{}, fmt.Errorf("cannot import client %s: %w (nothing was written)", slug, err)
	}
	return ImportResult{Client: slug, Vars: nonNil(varNames), Fixes: handoff.Fixes(b, slug, pathExists),
		Pending: !allowed, Review: review}, nil
}

func pathExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
