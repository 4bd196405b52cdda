package cli

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/stint-sh/stint/paths"
	"github.com/stint-sh/stint/store"
	"github.com/stint-sh/stint/workbench"
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
	d.Workbench = func(ctx context.Context) (*workbench.Workbench, error) {
		once.Do(func() { wb, werr = OpenWorkbench(ctx, d.Getenv, secretsFor, time.Now) })
		return wb, werr
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
	return workbench.New(db, sec, layout, now), nil
}
