package cli

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench"
)

// SystemDeps wires the real database, keyring, clock and streams.
// secretsFor builds the keyring store once the layout is known.
func SystemDeps(version string, io *IOStreams, secretsFor func(paths.Layout) workbench.SecretStore) *Deps {
	d := &Deps{IO: io, Getenv: os.Getenv, Environ: os.Environ, Version: version, RunTUI: runTUI}
	var (
		once sync.Once
		wb   *workbench.Workbench
		werr error
	)
	// One secret store per process, so that a read WarmSecrets starts is
	// found by the workbench that opens later.
	var (
		secOnce sync.Once
		sec     workbench.SecretStore
	)
	secretStore := func(l paths.Layout) workbench.SecretStore {
		secOnce.Do(func() {
			if secretsFor != nil {
				sec = secretsFor(l)
			}
		})
		return sec
	}
	d.Workbench = func(ctx context.Context) (*workbench.Workbench, error) {
		once.Do(func() { wb, werr = OpenWorkbench(ctx, d.Getenv, secretStore, time.Now) })
		return wb, werr
	}
	d.WarmSecrets = func(client string) {
		if client == "" || client == "-" {
			return
		}
		layout, err := paths.Resolve(d.Getenv)
		if err != nil {
			return // OpenWorkbench reports it
		}
		if p, ok := secretStore(layout).(interface{ Prefetch(client string) }); ok {
			p.Prefetch(client)
		}
	}
	// Closing checkpoints the WAL into the database file; without it every
	// later process re-reads a WAL that only grows, and pays for it.
	d.Close = func() {
		if wb != nil {
			_ = wb.DB().Close()
		}
	}
	return d
}

// OpenWorkbench resolves the layout, makes the directories and opens the
// database. It is shared by the real binary and the in-process tests.
func OpenWorkbench(ctx context.Context, getenv func(string) string, secretsFor func(paths.Layout) workbench.SecretStore, now func() time.Time) (*workbench.Workbench, error) {
	layout, err := paths.Resolve(getenv)
	if err != nil {
		return nil, err
	}
	if paths.ReadOnly(layout.Data) {
		// A mounted backup or snapshot: read commands work, changes fail
		// with one line (see readOnlyError).
		db, err := store.OpenReadOnly(ctx, layout.DBPath())
		if err != nil {
			return nil, err
		}
		var sec workbench.SecretStore
		if secretsFor != nil {
			sec = secretsFor(layout)
		}
		return workbench.New(db, sec, layout, now), nil
	}
	if err := layout.Ensure(); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, layout.DBPath())
	if err != nil {
		return nil, err
	}
	var sec workbench.SecretStore
	if secretsFor != nil {
		sec = secretsFor(layout)
	}
	wb := workbench.New(db, sec, layout, now)
	// A `secret set` killed between its keyring write and its database
	// write left a value no name points to: remove it now (one query when
	// there is nothing to do).
	_, _ = wb.CleanInterruptedSecrets(ctx)
	return wb, nil
}
