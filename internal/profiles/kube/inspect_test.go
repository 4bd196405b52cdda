package kube

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestInspectListsContextsSortedWithTheirOrigin(t *testing.T) {
	f := newFixture(t)
	cfg, err := Inspect(f.fileA, "", f.fileB, f.fileA) // empty and repeated entries are ignored
	require.NoError(t, err)

	require.Equal(t, []string{f.fileA, f.fileB}, cfg.Sources)
	require.Equal(t, "globex-dev", cfg.CurrentContext, "the first file's current-context wins")
	require.Equal(t, []ContextInfo{
		{Name: "acme-prod", Cluster: "acme-prod", Server: "https://prod.acme.example:6443", User: "acme-admin", Namespace: "default", Source: f.fileA},
		{Name: "acme-staging", Cluster: "acme-staging", Server: "https://staging.acme.example:6443", User: "acme-ci", Namespace: "web", Source: f.fileB},
		{Name: "globex-dev", Cluster: "globex", Server: "https://k8s.globex.example", User: "globex-user", Source: f.fileA},
		{Name: "initech", Cluster: "initech", Server: "https://initech.example", User: "initech-user", Source: f.fileB},
	}, cfg.Contexts())
	require.True(t, cfg.Has("initech"))
	require.False(t, cfg.Has("acme"))

	// Contexts hands out a copy.
	cfg.Contexts()[0].Name = "changed"
	require.Equal(t, "acme-prod", cfg.Contexts()[0].Name)
}

func TestInspectErrors(t *testing.T) {
	f := newFixture(t)
	missing := filepath.Join(f.root, "gone", "config")
	garbled := filepath.Join(f.root, "garbled.yaml")
	writeFile(t, garbled, "apiVersion: v1\nkind: Config\nclusters: [ {name: x\n")
	wrongType := filepath.Join(f.root, "wrong-type.yaml")
	writeFile(t, wrongType, "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: [super-secret-value]\n")
	fifo := filepath.Join(f.root, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	huge := filepath.Join(f.root, "huge.yaml")
	writeFile(t, huge, "")
	require.NoError(t, os.Truncate(huge, MaxSourceBytes+1)) // sparse: no disk used
	linked := filepath.Join(f.root, "link-to-fifo")
	require.NoError(t, os.Symlink(fifo, linked))
	empty := filepath.Join(f.root, "empty.yaml")
	writeFile(t, empty, "apiVersion: v1\nkind: Config\nclusters:\n- name: lonely\n  cluster:\n    server: https://lonely.example\n")

	tests := []struct {
		name  string
		paths []string
		kind  error
		says  []string
	}{
		{"missing file", []string{f.fileA, missing}, ErrFileMissing, []string{missing, "does not exist"}},
		{"unparsable file", []string{garbled, f.fileA}, ErrFileUnparsable, []string{garbled, "does not parse", "yaml"}},
		{"value of the wrong type", []string{wrongType}, ErrFileUnparsable, []string{wrongType, "does not parse"}},
		{"a directory", []string{f.root}, ErrFileRefused, []string{f.root, "is a directory, not a regular file"}},
		// Neither may hang nor fill memory: refused before a byte is read.
		{"a FIFO", []string{f.fileA, fifo}, ErrFileRefused, []string{fifo, "is a FIFO (named pipe), not a regular file"}},
		{"a symlink to a FIFO", []string{linked}, ErrFileRefused, []string{linked, "FIFO"}},
		{"a device", []string{"/dev/zero"}, ErrFileRefused, []string{"/dev/zero is a character device"}},
		{"a file over the cap", []string{huge}, ErrFileRefused, []string{huge, "larger than 16 MiB"}},
		{"no contexts", []string{empty}, ErrNoContexts, []string{empty, "no contexts"}},
		{"no files", nil, ErrInvalidSpec, []string{"no kubeconfig file given"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Inspect(tt.paths...)
			requireOneLineError(t, err, tt.kind, tt.says...)
			require.NotContains(t, err.Error(), "super-secret-value")
		})
	}
}

// A context naming a cluster or user that no file defines is listed with
// its problem; the others are usable, and a session of them builds.
func TestInspectReportsDanglingContexts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	writeFile(t, path, `apiVersion: v1
kind: Config
clusters:
- {name: c1, cluster: {server: "https://a.example"}}
users:
- {name: u1, user: {token: x}}
contexts:
- {name: good, context: {cluster: c1, user: u1}}
- {name: no-cluster, context: {cluster: gone, user: u1}}
- {name: no-user, context: {cluster: c1, user: nobody}}
- {name: unnamed-cluster, context: {user: u1}}
`)
	cfg, err := Inspect(path)
	require.NoError(t, err, "a broken context the client may not use does not break the file")
	problems := map[string]string{}
	for _, c := range cfg.Contexts() {
		problems[c.Name] = c.Problem
	}
	require.Empty(t, problems["good"])
	require.Contains(t, problems["no-cluster"], "refers to cluster gone")
	require.Contains(t, problems["no-user"], "refers to user nobody")
	require.Contains(t, problems["unnamed-cluster"], "names no cluster")
	_, err = cfg.Extract([]string{"good"}, "", "")
	require.NoError(t, err)
	_, err = cfg.Extract([]string{"good", "no-user"}, "", "")
	require.ErrorIs(t, err, ErrDanglingRef)
}

// requireOneLineError checks the kind of err and that its message is one line
// naming what went wrong.
func requireOneLineError(t *testing.T, err error, kind error, says ...string) {
	t.Helper()
	require.Error(t, err)
	t.Log(err)
	require.ErrorIs(t, err, kind)
	require.NotContains(t, err.Error(), "\n")
	for _, s := range says {
		require.Contains(t, err.Error(), s)
	}
	require.False(t, strings.HasSuffix(err.Error(), " "))
}

// CheckSource finds, without reading, every file problem a switch's read
// would report, in the same words; what only a read can tell (a file that
// does not parse) passes.
func TestCheckSourceSaysWhatTheReadWouldWithoutReading(t *testing.T) {
	f := newFixture(t)
	garbled := filepath.Join(f.root, "garbled.yaml")
	writeFile(t, garbled, "apiVersion: v1\nkind: Config\nclusters: [ {name: x\n")
	fifo := filepath.Join(f.root, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	linked := filepath.Join(f.root, "link-to-fifo")
	require.NoError(t, os.Symlink(fifo, linked))
	huge := filepath.Join(f.root, "huge.yaml")
	writeFile(t, huge, "")
	require.NoError(t, os.Truncate(huge, MaxSourceBytes+1))
	closed := filepath.Join(f.root, "closed.yaml")
	writeFile(t, closed, "apiVersion: v1\nkind: Config\n")
	require.NoError(t, os.Chmod(closed, 0))

	tests := []struct {
		name string
		path string
		kind error // nil: passes
	}{
		{"a readable kubeconfig", f.fileA, nil},
		{"a file that does not parse", garbled, nil},
		{"a missing file", filepath.Join(f.root, "gone", "config"), ErrFileMissing},
		{"a directory", f.root, ErrFileRefused},
		{"a FIFO", fifo, ErrFileRefused},
		{"a symlink to a FIFO", linked, ErrFileRefused},
		{"a device", "/dev/zero", ErrFileRefused},
		{"a file over the cap", huge, ErrFileRefused},
		{"a file this user may not open", closed, ErrFileUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.path == closed && os.Geteuid() == 0 {
				t.Skip("root opens any file")
			}
			err := CheckSource(tt.path)
			if tt.kind == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.kind)
			_, readErr := Inspect(tt.path)
			require.Equal(t, readErr.Error(), err.Error(), "the check and the read say the same")
		})
	}
}
