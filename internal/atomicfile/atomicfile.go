// Package atomicfile writes a file so that a reader sees either the old
// file or the whole new one, never part of it, and a write that fails
// leaves the old file as it was: the content goes to a private (0600)
// temporary file in the same directory, is synced to disk, and is renamed
// over the path.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// TempMarker is in the name of a file being written: <name>.tmp<random>
// next to <name>, so whoever sweeps a directory can recognise what a crash
// left behind.
const TempMarker = ".tmp"

// CreateError is a failure to create the temporary file: in practice a
// directory that does not exist or cannot be written to, which a caller
// that was given the path reports as bad input.
type CreateError struct {
	Path string
	Err  error
}

func (e *CreateError) Error() string { return fmt.Sprintf("cannot write %s: %v", e.Path, e.Err) }
func (e *CreateError) Unwrap() error { return e.Err }

// Option changes how Write writes.
type Option func(*options)

type options struct{ noSync bool }

// NoSync leaves out the fsync before the rename, for files that need no
// durability (the next command writes them again, they live in a runtime
// directory) and are written where milliseconds count. The rename alone
// still keeps readers from seeing half a file.
func NoSync() Option { return func(o *options) { o.noSync = true } }

// Write writes the file at path with what write writes. An error of write
// is returned as it is; the others say which file could not be written.
func Write(path string, write func(io.Writer) error, opts ...Option) (err error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	path, special, err := target(path)
	if err != nil {
		return err
	}
	if special {
		return writeThrough(path, write)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+TempMarker+"*")
	if err != nil {
		return &CreateError{Path: path, Err: err}
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	// CreateTemp already makes the file 0600; say so explicitly, it is the
	// point (the file may hold tokens or a client's hours).
	if err := tmp.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("cannot restrict %s to its owner: %w", tmp.Name(), err)
	}
	if err := write(tmp); err != nil {
		return err
	}
	if !o.noSync {
		if err := tmp.Sync(); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// WriteBytes writes content as the file at path (see Write).
func WriteBytes(path string, content []byte, opts ...Option) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(content)
		return err
	}, opts...)
}

// target is the file a write to path really changes. A rename replaces
// whatever has the name, so it must never meet anything but a regular
// file: a symbolic link is followed to the file it names (the link stays a
// link), and a device, FIFO or socket (`-o /dev/stdout`, `-o /dev/null`, a
// named pipe) is written through rather than replaced — replacing
// /dev/null with a regular file breaks every program on the machine.
func target(path string) (resolved string, special bool, err error) {
	info, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return path, false, nil
	}
	if err != nil {
		return "", false, &CreateError{Path: path, Err: err}
	}
	if info.Mode()&os.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(path)
		if errors.Is(err, os.ErrNotExist) {
			// A dangling link: create the file it points at.
			dest, rerr := os.Readlink(path)
			if rerr != nil {
				return "", false, &CreateError{Path: path, Err: rerr}
			}
			if !filepath.IsAbs(dest) {
				dest = filepath.Join(filepath.Dir(path), dest)
			}
			return dest, false, nil
		}
		if err != nil {
			return "", false, &CreateError{Path: path, Err: err}
		}
		return target(real)
	}
	switch {
	case info.Mode().IsRegular():
		return path, false, nil
	case info.IsDir():
		return "", false, &CreateError{Path: path, Err: errors.New("it is a directory: name a file in it")}
	default:
		return path, true, nil
	}
}

// writeThrough writes to a device, FIFO or socket in place: there is no
// old content to keep and nothing to rename.
func writeThrough(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return &CreateError{Path: path, Err: err}
	}
	if err := write(f); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
