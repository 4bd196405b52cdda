// Package clients is the workbench's clients-and-profiles component: it
// adds, edits, lists and removes clients, changes their profiles (variables,
// cloud and git settings, isolated tools, repositories, Kubernetes contexts,
// secrets) and resolves a client's name, profile and time zone for the other
// components, with the input errors that say what to do.
package clients

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clock"
)

// Store is what the component needs of the database.
type Store interface {
	Client(ctx context.Context, slug string) (store.Client, error)
	Clients(ctx context.Context, includeArchived bool) ([]store.Client, error)
	InsertClient(ctx context.Context, c store.Client) (store.Client, error)
	UpdateClient(ctx context.Context, c store.Client) error
	DeleteClient(ctx context.Context, id int64, withEntries bool) error
	CountEntries(ctx context.Context, clientID int64) (int, error)
	Profile(ctx context.Context, slug string) (*store.Profile, error)
	KubeSources(ctx context.Context) (map[string][]string, error)
	ApplyProfileChange(ctx context.Context, clientID int64, ch store.ProfileChange) error
	FinishSecretSet(ctx context.Context, clientID int64, name string, size int, at time.Time) error
	ForgetSecretNames(ctx context.Context, clientID int64, names ...string) error
	BeginSecretSet(ctx context.Context, clientID int64, name string, pid int, at time.Time) error
	DropPendingSecret(ctx context.Context, clientID int64, name string) error
	PendingSecrets(ctx context.Context) ([]store.PendingSecret, error)
	SetKubeProduction(ctx context.Context, clientID int64, kubeContext string, on bool) error
	AllowClient(ctx context.Context, id int64, reviewed string) (bool, error)
	ProjectStore
}

// SecretStore is the keyring: one secret set per client, read and changed
// as a whole.
type SecretStore interface {
	Load(client string) (map[string]string, error)
	Update(client string, fn func(map[string]string) error) error
	DeleteAll(client string) error
}

// Directory is the clients and their profiles.
type Directory struct {
	db      Store
	secrets SecretStore // nil: no keyring on this machine
	layout  paths.Layout
	clock   clock.Clock
}

// New is the component over db, the keyring (nil when there is none), the
// file layout and the clock.
func New(db Store, secrets SecretStore, layout paths.Layout, clk clock.Clock) *Directory {
	return &Directory{db: db, secrets: secrets, layout: layout, clock: clk}
}

// Client resolves a slug, turning "not found" into an input error that says
// what to do.
func (d *Directory) Client(ctx context.Context, slug string) (store.Client, error) {
	c, err := d.db.Client(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return c, unknownClient(slug)
	}
	return c, err
}

// StoredProfile reads a client's whole profile as stored, with the same
// error as Client for an unknown slug.
func (d *Directory) StoredProfile(ctx context.Context, slug string) (*store.Profile, error) {
	p, err := d.db.Profile(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return nil, unknownClient(slug)
	}
	return p, err
}

// unknownClient is the input error for a slug no client has.
func unknownClient(slug string) error {
	return badinput.Errorf("no client named %q: see `stint client list`, or add it with `stint client add %s`", slug, slug)
}

// ArchivedError refuses to enter, or start the timer of, an archived
// (offboarded) client: its credentials were meant to be out of reach.
func ArchivedError(slug string) error {
	return badinput.Errorf("client %s is archived (offboarded): bring it back with `stint client edit %s --unarchive`", slug, slug)
}

// Zone is the zone times of client are read and shown in: its own, else
// the local one ("" for local).
func (d *Directory) Zone(ctx context.Context, client string) (*time.Location, error) {
	if client == "" {
		return d.clock.Local(), nil
	}
	c, err := d.Client(ctx, client)
	if err != nil {
		return nil, err
	}
	return d.ZoneOf(c), nil
}

// ZoneOf is a client's zone, else local. Zones are validated when saved; an
// unloadable one (a system without that tzdata) falls back to local.
func (d *Directory) ZoneOf(c store.Client) *time.Location {
	if c.Timezone != "" {
		if loc, err := time.LoadLocation(c.Timezone); err == nil {
			return loc
		}
	}
	return d.clock.Local()
}

// Zones maps every client's slug, archived ones included, to its zone.
func (d *Directory) Zones(ctx context.Context) (map[string]*time.Location, error) {
	cs, err := d.db.Clients(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*time.Location, len(cs))
	for _, c := range cs {
		out[c.Slug] = d.ZoneOf(c)
	}
	return out, nil
}

// HasKeyring reports whether this machine has a keyring stint can use.
func (d *Directory) HasKeyring() bool { return d.secrets != nil }

// AWSProvider makes and caches clients' temporary AWS credentials in the
// keyring.
func (d *Directory) AWSProvider() (*awscreds.Provider, error) {
	if d.secrets == nil {
		return nil, ErrNoKeyring
	}
	return &awscreds.Provider{Keyring: d.secrets, Now: d.clock.Read}, nil
}

// ForgetAWS removes a client's cached temporary AWS credentials and SSO
// sign-in; without a keyring there is nothing to remove.
func (d *Directory) ForgetAWS(slug string) error {
	p, err := d.AWSProvider()
	if errors.Is(err, ErrNoKeyring) {
		return nil
	}
	if err != nil {
		return err
	}
	return p.Forget(slug)
}

// DeleteKeyringItem removes a client's whole keyring item, for a client
// being offboarded: it is never shown as offboarded while its secrets
// linger.
func (d *Directory) DeleteKeyringItem(slug string) error {
	if d.secrets == nil {
		return fmt.Errorf("client %s has secrets but no keyring is available to remove them: run `stint doctor`", slug)
	}
	if err := d.secrets.DeleteAll(slug); err != nil {
		return fmt.Errorf("cannot remove the secrets of %s from the keyring: %w", slug, err)
	}
	return nil
}
