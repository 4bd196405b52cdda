package kube

import (
	"path/filepath"
	"strings"
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
	empty := filepath.Join(f.root, "empty.yaml")
	writeFile(t, empty, "apiVersion: v1\nkind: Config\nclusters:\n- name: lonely\n  cluster:\n    server: https://lonely.example\n")

	tests := []struct {
		name  string
		paths []string
		kind  error
		says  []string
	}{
		{"missing file", []string{f.fileA, missing}, ErrFileMissing, []string{missing, "does not exist", "stint kube add NAME --kubeconfig PATH"}},
		{"unparsable file", []string{garbled, f.fileA}, ErrFileUnparsable, []string{garbled, "does not parse", "yaml"}},
		{"value of the wrong type", []string{wrongType}, ErrFileUnparsable, []string{wrongType, "does not parse"}},
		{"a directory", []string{f.root}, ErrFileUnreadable, []string{f.root, "cannot read"}},
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
