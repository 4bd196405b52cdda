// Package paths decides where stint keeps its files: everything under
// $STINT_HOME when set (tests and portable installs), otherwise the XDG base
// directories. It also enforces the permissions stint promises: directories
// 0700, files 0600, tightened when found looser.
package paths

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// Layout is the set of directories stint uses.
type Layout struct {
	Config  string // settings
	Data    string // stint.db, tool homes, locks
	Runtime string // per-session kubeconfigs; ephemeral
}

// DBPath is the SQLite database file.
func (l Layout) DBPath() string { return filepath.Join(l.Data, "stint.db") }

// ToolHome is the per-client directory for an isolated tool's logins.
func (l Layout) ToolHome(client, tool string) string {
	return filepath.Join(l.Data, "clients", client, tool)
}

// ClientDir holds everything stint keeps on disk for one client.
func (l Layout) ClientDir(client string) string {
	return filepath.Join(l.Data, "clients", client)
}

// ClientKubeDir holds the per-session kubeconfigs written for one client
// (kube-SESSION.yaml each). Offboarding a client removes the whole directory.
func (l Layout) ClientKubeDir(client string) string {
	return filepath.Join(l.Runtime, "kube", client)
}

// Resolve computes the layout from an environment lookup (os.LookupEnv in
// production) without touching the disk.
func Resolve(getenv func(string) string) (Layout, error) {
	if home := getenv("STINT_HOME"); home != "" {
		abs, err := filepath.Abs(home)
		if err != nil {
			return Layout{}, fmt.Errorf("STINT_HOME %q is not a usable path: %w", home, err)
		}
		return Layout{
			Config:  filepath.Join(abs, "config"),
			Data:    filepath.Join(abs, "data"),
			Runtime: filepath.Join(abs, "run"),
		}, nil
	}
	userHome := getenv("HOME")
	if userHome == "" && runtime.GOOS == "windows" {
		userHome = getenv("USERPROFILE")
	}
	base := func(env, fallback string) (string, error) {
		if v := getenv(env); v != "" && filepath.IsAbs(v) {
			return v, nil
		}
		if userHome == "" {
			return "", fmt.Errorf("cannot find a home directory: set HOME, %s or STINT_HOME", env)
		}
		return filepath.Join(userHome, fallback), nil
	}
	cfg, err := base("XDG_CONFIG_HOME", ".config")
	if err != nil {
		return Layout{}, err
	}
	data, err := base("XDG_DATA_HOME", filepath.Join(".local", "share"))
	if err != nil {
		return Layout{}, err
	}
	run := getenv("XDG_RUNTIME_DIR")
	if run == "" || !filepath.IsAbs(run) {
		tmp := getenv("TMPDIR")
		if tmp == "" {
			tmp = os.TempDir()
		}
		// Per user, so two accounts on one machine never share a runtime dir.
		run = filepath.Join(tmp, fmt.Sprintf("stint-%d", os.Getuid()))
		return Layout{Config: filepath.Join(cfg, "stint"), Data: filepath.Join(data, "stint"), Runtime: run}, nil
	}
	return Layout{
		Config:  filepath.Join(cfg, "stint"),
		Data:    filepath.Join(data, "stint"),
		Runtime: filepath.Join(run, "stint"),
	}, nil
}

// Ensure creates the layout's directories 0700 and tightens any that are
// looser. The runtime directory and its eval directory, which hold session
// kubeconfigs and switch scripts, must moreover be private directories of
// this user (EnsurePrivateDir).
func (l Layout) Ensure() error {
	for _, d := range []string{l.Config, l.Data} {
		if err := EnsureDir(d); err != nil {
			return err
		}
	}
	return l.EnsureRuntime()
}

// EnsureRuntime makes the runtime directory and its eval directory (see
// EnsurePrivateDir). Without XDG_RUNTIME_DIR the runtime directory is a
// per-user one in $TMPDIR, which other users can write to.
func (l Layout) EnsureRuntime() error {
	if err := os.MkdirAll(filepath.Dir(l.Runtime), 0o700); err != nil {
		return fmt.Errorf("cannot create %s: %v", filepath.Dir(l.Runtime), errUnwrapPath(err))
	}
	if err := EnsurePrivateDir(l.Runtime); err != nil {
		return err
	}
	return EnsurePrivateDir(l.EvalDir())
}

// EnsureDir creates dir (and parents) with mode 0700 and tightens it if an
// existing directory lets group or others in.
func EnsureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, err)
	}
	return Tighten(dir, 0o700)
}

// Tighten removes permission bits beyond want from an existing path.
func Tighten(path string, want fs.FileMode) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if info.Mode().Perm()&^want != 0 {
		if err := os.Chmod(path, info.Mode().Perm()&want); err != nil {
			return fmt.Errorf("cannot tighten permissions of %s to %o: %w", path, want, err)
		}
	}
	return nil
}

// GuardDir holds the production guard's shims (internal/guard), put at the
// front of a switched shell's PATH. It is in the data directory, not the
// runtime one: a runtime directory cleaned at logout under a tmux server
// that lives on would take the shims away, and with them the guard of
// every shell still running there.
func (l Layout) GuardDir() string { return filepath.Join(l.Data, "guard", "bin") }

// WhoamiDir holds what the background identity check after a switch found,
// per shell session and client (internal/workbench/identity): the report,
// and a one-line warning the hook reads into $STINT_WARN.
func (l Layout) WhoamiDir() string { return filepath.Join(l.Runtime, "whoami") }

// EvalDir holds the files the shell hook hands switch scripts through (see
// internal/evalfile). It is under the runtime directory, never $TMPDIR.
func (l Layout) EvalDir() string { return filepath.Join(l.Runtime, "eval") }

// EnsurePrivateDir makes dir a directory only its owner can use: created
// 0700 when missing (its parent must exist), and otherwise checked without
// following links to be a directory, owned by this user, not a symbolic
// link, and tightened to 0700. Anything else is refused in one line: in a
// shared directory such as /tmp, another user could have made the path
// first, to read what stint writes there.
func EnsurePrivateDir(dir string) error {
	err := os.Mkdir(dir, 0o700)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("cannot create the private directory %s: %v — set XDG_RUNTIME_DIR (or STINT_HOME) to a directory of yours", dir, errUnwrapPath(err))
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("cannot use the private directory %s: %v", dir, errUnwrapPath(err))
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link, not a private directory: remove it (`rm %s`) or set XDG_RUNTIME_DIR to a directory of yours", dir, dir)
	case !info.IsDir():
		return fmt.Errorf("%s is not a directory: remove it (`rm %s`) or set XDG_RUNTIME_DIR to a directory of yours", dir, dir)
	case !ownedByMe(info):
		return fmt.Errorf("%s belongs to another user: stint will not keep files there — remove it or set XDG_RUNTIME_DIR to a directory of yours", dir)
	}
	return Tighten(dir, 0o700)
}

func errUnwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadOnly reports whether dir exists on a file system mounted read-only
// (a backup, a snapshot): writing there fails whatever the permissions.
func ReadOnly(dir string) bool { return readOnlyFS(dir) }

// RootsFile lists the directories bound to clients for auto_switch, which
// the shell hook reads with builtins when the directory changes (see
// internal/shell.RootsFile).
func (l Layout) RootsFile() string { return filepath.Join(l.Runtime, "roots") }

// ActivityDir holds one file per hooked shell in a client, named by its
// session and holding the client's slug, rewritten at its prompts: its
// modification time is the shell's last activity (see `stint idle`).
func (l Layout) ActivityDir() string { return filepath.Join(l.Runtime, "activity") }

// IdleAfterFile holds the idle_after setting in seconds, for the hook.
func (l Layout) IdleAfterFile() string { return filepath.Join(l.Runtime, "idle_after") }
