// Package workbench is the one API both front ends call: the CLI commands and
// the TUI. It wires the domain packages (profiles, shell, timesheet, handoff)
// to the store and the keyring and returns plain structs, so the two front
// ends can never diverge.
package workbench

import (
	"context"
	"errors"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/settings"
	"github.com/stint-sh/stint/internal/store"
)

// SecretStore is what the workbench needs of the keyring: one secret set per
// client, read and changed as a whole.
type SecretStore interface {
	Load(client string) (map[string]string, error)
	Update(client string, fn func(map[string]string) error) error
	DeleteAll(client string) error
}

// Workbench is stint's service layer.
type Workbench struct {
	db       *store.DB
	secrets  SecretStore
	layout   paths.Layout
	now      func() time.Time
	settings *settings.Settings
}

// New wires a workbench. now is the clock (time.Now in production).
func New(db *store.DB, secrets SecretStore, layout paths.Layout, now func() time.Time) *Workbench {
	if now == nil {
		now = time.Now
	}
	w := &Workbench{db: db, secrets: secrets, layout: layout, now: now}
	if db != nil {
		w.settings = settings.New(db)
	}
	return w
}

// Layout is where stint keeps its files.
func (w *Workbench) Layout() paths.Layout { return w.layout }

// DB is the open database (for doctor and tests).
func (w *Workbench) DB() *store.DB { return w.db }

// Now is the workbench clock, truncated to whole seconds as stored.
func (w *Workbench) Now() time.Time { return w.now().Truncate(time.Second) }

// client resolves a slug, turning "not found" into an input error that says
// what to do.
func (w *Workbench) client(ctx context.Context, slug string) (store.Client, error) {
	c, err := w.db.Client(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return c, unknownClient(slug)
	}
	return c, err
}

func (w *Workbench) profile(ctx context.Context, slug string) (*store.Profile, error) {
	p, err := w.db.Profile(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return nil, unknownClient(slug)
	}
	return p, err
}

func unknownClient(slug string) error {
	return badinput.Errorf("no client named %q: see `stint client list`, or add it with `stint client add %s`", slug, slug)
}
