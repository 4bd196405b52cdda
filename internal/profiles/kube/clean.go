package kube

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// MaxSessionAge is how long a session kubeconfig may live even when its shell
// still seems alive: process ids are reused, and no shell stays up that long
// without switching (which rewrites, and so refreshes, the file).
const MaxSessionAge = 30 * 24 * time.Hour

// CleanStale removes the session kubeconfigs in dir (and temp files left by
// interrupted writes) whose session is no longer alive, or that are older
// than MaxSessionAge. It returns the paths removed. A missing dir is not an
// error. Other files in dir are left alone.
func CleanStale(dir string, alive func(session string) bool) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot list runtime directory %s: %w", dir, err)
	}

	var removed []string
	var firstErr error
	for _, entry := range entries {
		session, ok := sessionOfFile(entry.Name())
		if !ok || !entry.Type().IsRegular() {
			continue
		}
		info, err := entry.Info()
		if err != nil {
			continue // removed by someone else meanwhile
		}
		if time.Since(info.ModTime()) <= MaxSessionAge && alive(session) {
			continue
		}
		path := filepath.Join(dir, entry.Name())
		err = os.Remove(path)
		switch {
		case err == nil:
			removed = append(removed, path)
		case errors.Is(err, fs.ErrNotExist):
			// another shell cleaned it first
		case firstErr == nil:
			firstErr = fmt.Errorf("cannot remove stale session kubeconfig %s: %w", path, err)
		}
	}
	return removed, firstErr
}
