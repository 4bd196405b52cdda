package handover

import (
	"context"
	"fmt"
	"time"

	"github.com/stint-sh/stint/internal/handoff"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
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
		Kube:     handoff.Kube{Sources: nonNil(p.KubeSources), Contexts: nonNil(p.KubeContexts), Production: p.ProdContexts},
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
