package workbench

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/profiles"
)

// Clients and their profiles: the clients component.

// AddClient adds a client from a validated spec.
func (w *Workbench) AddClient(ctx context.Context, slug string, spec profiles.ClientSpec) (ClientInfo, error) {
	return w.clients.AddClient(ctx, slug, spec)
}

// EditClient changes a client's fields; nil spec fields stay as they are.
func (w *Workbench) EditClient(ctx context.Context, slug string, spec profiles.ClientSpec) (ClientInfo, error) {
	return w.clients.EditClient(ctx, slug, spec)
}

// Clients lists clients, archived ones only when asked.
func (w *Workbench) Clients(ctx context.Context, includeArchived bool) ([]ClientInfo, error) {
	return w.clients.Clients(ctx, includeArchived)
}

// RemoveClient deletes a client, its profile and its keyring item.
func (w *Workbench) RemoveClient(ctx context.Context, slug string, force bool) error {
	return w.clients.RemoveClient(ctx, slug, force)
}

// Profile is the whole profile of a client, secret names but never values.
func (w *Workbench) Profile(ctx context.Context, slug string) (ProfileView, error) {
	return w.clients.Profile(ctx, slug)
}

// SetVars sets plain variables from KEY=VALUE arguments, all or none.
func (w *Workbench) SetVars(ctx context.Context, slug string, assignments []string) error {
	return w.clients.SetVars(ctx, slug, assignments)
}

// UnsetVars removes plain variables.
func (w *Workbench) UnsetVars(ctx context.Context, slug string, names []string) error {
	return w.clients.UnsetVars(ctx, slug, names)
}

// ApplySettings writes validated cloud and git settings and isolated tools.
func (w *Workbench) ApplySettings(ctx context.Context, slug string, s profiles.Settings, isolate, unisolate []string) error {
	return w.clients.ApplySettings(ctx, slug, s, isolate, unisolate)
}

// Isolate turns per-client homes on (or off) for tools.
func (w *Workbench) Isolate(ctx context.Context, slug string, tools []string, off bool) error {
	return w.clients.Isolate(ctx, slug, tools, off)
}

// AddRepo binds a repository to a client; without a URL, an existing
// clone's origin URL.
func (w *Workbench) AddRepo(ctx context.Context, slug, path, url string) (RepoInfo, error) {
	return w.repos.AddRepo(ctx, slug, path, url)
}

// Repos lists a client's repositories.
func (w *Workbench) Repos(ctx context.Context, slug string) ([]RepoInfo, error) {
	return w.clients.Repos(ctx, slug)
}

// RemoveRepo unbinds a repository (the files stay).
func (w *Workbench) RemoveRepo(ctx context.Context, slug, path string) error {
	return w.clients.RemoveRepo(ctx, slug, path)
}

// SetSecret stores a secret in the keyring and records its name and size.
func (w *Workbench) SetSecret(ctx context.Context, slug, key, value string) error {
	return w.clients.SetSecret(ctx, slug, key, value)
}

// Secrets lists a client's secret names and sizes; no keyring needed.
func (w *Workbench) Secrets(ctx context.Context, slug string) ([]SecretInfo, error) {
	return w.clients.Secrets(ctx, slug)
}

// RemoveSecret deletes a secret from the keyring and forgets its name.
func (w *Workbench) RemoveSecret(ctx context.Context, slug, key string) error {
	return w.clients.RemoveSecret(ctx, slug, key)
}

// RemoveAllSecrets deletes a client's whole keyring item and forgets every secret name.
func (w *Workbench) RemoveAllSecrets(ctx context.Context, slug string) ([]string, error) {
	return w.clients.RemoveAllSecrets(ctx, slug)
}

// KubeAdd binds contexts of a kubeconfig file to a client.
func (w *Workbench) KubeAdd(ctx context.Context, slug, path string, contexts []string, namespace *string) ([]string, error) {
	return w.clients.KubeAdd(ctx, slug, path, contexts, namespace)
}

// KubeProd marks one of a client's contexts as production, or not.
func (w *Workbench) KubeProd(ctx context.Context, slug, kubeContext string, on bool) error {
	return w.clients.KubeProd(ctx, slug, kubeContext, on)
}

// KubeUse makes context the client's default, optionally with a namespace.
func (w *Workbench) KubeUse(ctx context.Context, slug, context string, namespace *string) error {
	return w.clients.KubeUse(ctx, slug, context, namespace)
}

// KubeContexts lists a client's contexts with what its kubeconfigs say of them now.
func (w *Workbench) KubeContexts(ctx context.Context, slug string) ([]KubeContext, error) {
	return w.clients.KubeContexts(ctx, slug)
}

// KubeRemove drops contexts, or a kubeconfig file, from a client.
func (w *Workbench) KubeRemove(ctx context.Context, slug, source string, contexts []string) (KubeRemoval, error) {
	return w.clients.KubeRemove(ctx, slug, source, contexts)
}

// Readiness is what would make a switch to slug fail or come up short:
// kubeconfig files it could not open (checked as the switch opens them,
// never read) and, with secrets, secret names the keyring lacks (one
// keyring round trip, as a switch makes; no call for a client without
// secrets).
func (w *Workbench) Readiness(ctx context.Context, slug string, secrets bool) (Readiness, error) {
	return w.clients.Readiness(ctx, slug, secrets)
}

// KubeReadiness is the kubeconfig part of Readiness for every client at
// once (one query, a stat per file): the clients a switch would fail for,
// with their files' problems.
func (w *Workbench) KubeReadiness(ctx context.Context) (map[string][]SourceProblem, error) {
	return w.clients.KubeReadiness(ctx)
}

// CleanInterruptedSecrets removes keyring values that interrupted `secret
// set` runs left and no secret name points to.
func (w *Workbench) CleanInterruptedSecrets(ctx context.Context) ([]string, error) {
	return w.clients.CleanInterruptedSecrets(ctx)
}

// Zone is the zone times of client are read and shown in ("" for local).
func (w *Workbench) Zone(ctx context.Context, client string) (*time.Location, error) {
	return w.clients.Zone(ctx, client)
}

// Review is what a switch to slug would apply that changes what runs or
// where, and whether it waits for Allow (docs/safety.md).
func (w *Workbench) Review(ctx context.Context, slug string) (Review, error) {
	return w.clients.Review(ctx, slug)
}

// Allow accepts what the last import of slug brought; hash, when not
// empty, is the Review.Hash the user was shown.
func (w *Workbench) Allow(ctx context.Context, slug, hash string) (Review, error) {
	return w.clients.Allow(ctx, slug, hash)
}
