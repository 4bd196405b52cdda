// Package paths decides where stint keeps its files: everything under
// $STINT_HOME when set (tests and portable installs), otherwise the XDG base
// directories. It also enforces the permissions stint promises: directories
// 0700, files 0600, tightened when found looser.
package paths

import (
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

// Ensure creates the layout's directories 0700 and tightens any that are looser.
func (l Layout) Ensure() error {
	for _, d := range []string{l.Config, l.Data, l.Runtime} {
		if err := EnsureDir(d); err != nil {
			return err
		}
	}
	return nil
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
