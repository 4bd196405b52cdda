package workbench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/stint-sh/stint/internal/atomicfile"
	"github.com/stint-sh/stint/internal/shell"
)

// Auto-switch: the roots file the shell hook matches the directory
// against (see shell.RootsFile).

// BoundRoots are the directories a cd into switches the shell: every
// auto-switch client's workdir and repositories, each also under its
// resolved path when a symlink leads there (the shell's $PWD is the path
// it was reached by); none when the auto_switch setting is off.
func (w *Workbench) BoundRoots(ctx context.Context) ([]shell.Root, error) {
	on, err := w.settings.AutoSwitchOn(ctx)
	if err != nil || !on {
		return nil, err
	}
	rows, err := w.db.BoundRoots(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]shell.Root, 0, len(rows))
	for _, r := range rows {
		out = append(out, shell.Root{Client: r.Client, Path: r.Path})
		if real, err := filepath.EvalSymlinks(r.Path); err == nil && real != filepath.Clean(r.Path) {
			out = append(out, shell.Root{Client: r.Client, Path: real})
		}
	}
	return out, nil
}

// SyncRoots rewrites the roots file (and the idle_after file) when the bindings changed; when they
// did not it reads the file and leaves it. A read-only home keeps no file:
// the hook then matches nothing.
func (w *Workbench) SyncRoots(ctx context.Context) error {
	if w.db == nil || w.db.ReadOnly() {
		return nil
	}
	roots, err := w.BoundRoots(ctx)
	if err != nil {
		return err
	}
	idle, err := w.settings.IdleAfter(ctx)
	if err != nil {
		return err
	}
	// The idle_after file goes first: a missing roots file tells `stint
	// hook` that the runtime directory was emptied and both need writing,
	// so an empty roots file is still written.
	if err := w.syncFile(w.layout.IdleAfterFile(), []byte(strconv.FormatInt(int64(idle/time.Second), 10)+"\n")); err != nil {
		return err
	}
	return w.syncFile(w.layout.RootsFile(), shell.RootsFile(roots))
}

// syncFile writes want to path unless it holds it already.
func (w *Workbench) syncFile(path string, want []byte) error {
	if have, err := os.ReadFile(path); err == nil && bytes.Equal(have, want) {
		return nil
	}
	if err := w.layout.EnsureRuntime(); err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, want, atomicfile.NoSync())
}
