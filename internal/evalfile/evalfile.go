// Package evalfile is the binary's side of the file through which a switch
// script reaches the shell that asked for it (see `stint hook`).
//
// The hook creates an empty file in the runtime directory's eval
// directory (0700, this user's), opens it for reading on a descriptor of
// its own, and runs the binary with the path in STINT_EVAL_FILE. The
// binary writes the script into it in one write and removes the file at
// once (Deliver); the hook then reads the script from its descriptor and
// evaluates it. So the script — secrets included — is on disk only
// between one write and one unlink of the same process, a hang-up of the
// shell after that leaves nothing behind, and the hook needs no external
// command (mktemp, cat, rm) that a client's PATH could hide. Any run that
// does not deliver removes the file too (Discard), and Sweep removes what a
// binary killed between its write and its unlink left.
package evalfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Prefix starts the name of every eval file: eval.<shell pid>.<random>.
const Prefix = "eval."

// File is the hook's eval file, opened for the script.
type File struct {
	f    *os.File
	path string
}

// Open opens the hook's file at path for writing: a regular file of this
// user, no link, in dir (the layout's eval directory). A file that is
// missing is created (0600, never over anything that exists). Nothing is
// written yet: open it before changing anything, so that a switch whose
// script cannot be delivered changes nothing.
func Open(dir, path string) (*File, error) {
	if filepath.Dir(path) != filepath.Clean(dir) || !strings.HasPrefix(filepath.Base(path), Prefix) {
		return nil, fmt.Errorf("the shell hook's file %s is not in %s: the hook was loaded with another STINT_HOME or runtime directory — load it again with `eval \"$(stint hook bash)\"` (or zsh, fish); nothing was changed", path, dir)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|noFollow, 0o600)
	if err == nil {
		err = checkOwnFile(f)
		if err != nil {
			_ = f.Close()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("cannot open the shell hook's file %s: %v; nothing was changed — load the hook again with `eval \"$(stint hook bash)\"` (or zsh, fish)", path, unwrap(err))
	}
	return &File{f: f, path: path}, nil
}

// checkOwnFile: a regular file, this user's, with no other name, made
// private (it may have been created with the shell's umask).
func checkOwnFile(f *os.File) error {
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	if err := ownSingleName(info); err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		return err
	}
	return f.Truncate(0)
}

// Deliver writes script into the file in one write and removes the file:
// the hook reads it from the descriptor it holds. An empty script just
// removes the file.
func (e *File) Deliver(script string) error {
	if e == nil || e.f == nil {
		return nil
	}
	_, werr := e.f.WriteString(script)
	cerr := e.f.Close()
	e.f = nil
	rerr := os.Remove(e.path)
	if err := errors.Join(werr, cerr); err != nil {
		return fmt.Errorf("cannot hand the switch script to the shell hook (%s): %v", e.path, unwrap(err))
	}
	if rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
		return fmt.Errorf("cannot remove the shell hook's file %s: %v", e.path, unwrap(rerr))
	}
	return nil
}

// Write writes script into the file in one write and keeps the file, for
// fish's hook, which reads the file by name and removes it itself.
func (e *File) Write(script string) error {
	if e == nil || e.f == nil {
		return nil
	}
	_, werr := e.f.WriteString(script)
	cerr := e.f.Close()
	e.f = nil
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(e.path)
		return fmt.Errorf("cannot hand the switch script to the shell hook (%s): %v", e.path, unwrap(err))
	}
	return nil
}

// Discard removes the file without writing: the hook then has nothing to
// evaluate. Safe on nil and after Deliver.
func (e *File) Discard() {
	if e == nil || e.f == nil {
		return // delivered, written for fish, or never opened
	}
	_ = e.f.Close()
	e.f = nil
	_ = os.Remove(e.path)
}

// Remove removes the hook's file of a run that never opened it (a command
// that delivers nothing): one unlink, only of a file in dir.
func Remove(dir, path string) {
	if path != "" && filepath.Dir(path) == filepath.Clean(dir) && strings.HasPrefix(filepath.Base(path), Prefix) {
		_ = os.Remove(path)
	}
}

// staleAfter: a binary writes and removes its file within one function
// call, and fish's hook removes its file right after the binary exits, so
// a file this old that holds a script was left by a run that was killed
// in between.
const staleAfter = 10 * time.Second

// Sweep removes left-over eval files in dir (never own, this run's): those
// of shells that have exited; any that holds a script and is older than
// staleAfter; and older ones of the shell this run was started from (its
// earlier runs are over; an empty file is what Ctrl-C leaves). An empty
// file of another live shell is left alone — its binary may still be
// running (the picker can be open for minutes) — and it holds nothing.
// Failures are ignored: the next run sweeps again.
func Sweep(dir string, now time.Time, own string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	parent := strconv.Itoa(os.Getppid())
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, Prefix) || filepath.Join(dir, name) == own {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		old := now.Sub(info.ModTime()) > staleAfter
		ours := strings.HasPrefix(name, Prefix+parent+".")
		if !shellAlive(name) || old && (info.Size() > 0 || ours) {
			_ = os.Remove(filepath.Join(dir, name))
		}
	}
}

// shellAlive reads the shell's pid from eval.<pid>.<random>. A name
// without a pid counts as alive.
func shellAlive(name string) bool {
	rest := strings.TrimPrefix(name, Prefix)
	pidText, _, _ := strings.Cut(rest, ".")
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 {
		return true
	}
	return processAlive(pid)
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
