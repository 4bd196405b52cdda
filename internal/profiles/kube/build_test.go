package kube

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestBuildCopiesOnlyTheNamedContextsWithAbsolutePaths(t *testing.T) {
	f := newFixture(t)
	sess, err := Build(acmeSpec(f))
	require.NoError(t, err)
	cfg := viaClientcmd(t, sess)

	require.Equal(t, "acme-staging", cfg.CurrentContext)
	require.ElementsMatch(t, []string{"acme-prod", "acme-staging"}, keys(cfg.Contexts))
	require.ElementsMatch(t, []string{"acme-prod", "acme-staging"}, keys(cfg.Clusters))
	require.ElementsMatch(t, []string{"acme-admin", "acme-ci"}, keys(cfg.AuthInfos))
	require.Empty(t, cfg.Extensions, "top-level extensions belong to the source files")
	require.Empty(t, cfg.Preferences.Extensions, "preferences belong to the source files")

	require.Equal(t, "payments", cfg.Contexts["acme-staging"].Namespace)
	require.Equal(t, "default", cfg.Contexts["acme-prod"].Namespace, "only the current context's namespace is overridden")
	require.Equal(t, f.abs("a/certs/acme-ca.crt"), cfg.Clusters["acme-prod"].CertificateAuthority)
	require.Equal(t, f.abs("shared/staging-ca.crt"), cfg.Clusters["acme-staging"].CertificateAuthority)
	require.Equal(t, f.abs("a/certs/admin.crt"), cfg.AuthInfos["acme-admin"].ClientCertificate)
	require.Equal(t, f.abs("a/certs/admin.key"), cfg.AuthInfos["acme-admin"].ClientKey)
	require.Equal(t, f.abs("b/bin/acme-auth"), cfg.AuthInfos["acme-ci"].Exec.Command)
	require.Equal(t, "acme-ci-token", cfg.AuthInfos["acme-ci"].Token)
}

func TestBuildResolvesTokenFilesAndKeepsUserlessContexts(t *testing.T) {
	f := newFixture(t)
	extra := filepath.Join(f.root, "lab", "config")
	writeFile(t, extra, `apiVersion: v1
kind: Config
clusters:
- name: open
  cluster:
    server: http://localhost:8080
contexts:
- name: open
  context:
    cluster: open
`)
	sess, err := Build(Spec{Sources: []string{f.fileB, extra}, Contexts: []string{"initech", "open", "initech"}})
	require.NoError(t, err)
	cfg := viaClientcmd(t, sess)

	require.Equal(t, "initech", cfg.CurrentContext, "empty Current means the first context")
	require.Equal(t, "", cfg.Contexts["initech"].Namespace, "empty Namespace keeps the context's own")
	require.Equal(t, f.abs("b/tokens/initech"), cfg.AuthInfos["initech-user"].TokenFile)
	require.ElementsMatch(t, []string{"initech-user"}, keys(cfg.AuthInfos))
	require.ElementsMatch(t, []string{"initech", "open"}, keys(cfg.Contexts))
}

func TestBuildLeavesTheLoadedConfigUntouched(t *testing.T) {
	f := newFixture(t)
	loaded, err := Inspect(f.paths()...)
	require.NoError(t, err)
	out, err := loaded.Extract([]string{"acme-prod"}, "", "elsewhere")
	require.NoError(t, err)
	require.Equal(t, "elsewhere", viaClientcmd(t, out).Contexts["acme-prod"].Namespace)

	again, err := loaded.Extract([]string{"acme-prod"}, "", "")
	require.NoError(t, err)
	require.Equal(t, "default", viaClientcmd(t, again).Contexts["acme-prod"].Namespace)
}

func TestBuildErrors(t *testing.T) {
	f := newFixture(t)
	dangling := filepath.Join(f.root, "dangling.yaml")
	writeFile(t, dangling, `apiVersion: v1
kind: Config
clusters:
- name: real
  cluster:
    server: https://real.example
contexts:
- name: no-cluster
  context:
    cluster: vanished
- name: no-user
  context:
    cluster: real
    user: vanished-user
- name: blank-cluster
  context:
    user: someone
`)
	missing := filepath.Join(f.root, "missing.yaml")

	tests := []struct {
		name string
		spec Spec
		kind error
		says []string
	}{
		{"source file gone", Spec{Sources: []string{f.fileA, missing}, Contexts: []string{"acme-prod"}},
			ErrFileMissing, []string{missing}},
		{"context not in the files", Spec{Sources: f.paths(), Contexts: []string{"acme-prod", "acme-dr"}},
			ErrContextMissing, []string{"context acme-dr is not in", f.fileA, f.fileB}},
		{"context names a missing cluster", Spec{Sources: []string{dangling}, Contexts: []string{"no-cluster"}},
			ErrDanglingRef, []string{"context no-cluster", "cluster vanished", dangling}},
		{"context names a missing user", Spec{Sources: []string{dangling}, Contexts: []string{"no-user"}},
			ErrDanglingRef, []string{"context no-user", "user vanished-user", dangling}},
		{"context names no cluster", Spec{Sources: []string{dangling}, Contexts: []string{"blank-cluster"}},
			ErrDanglingRef, []string{"context blank-cluster", "names no cluster"}},
		{"no contexts chosen", Spec{Sources: f.paths()},
			ErrInvalidSpec, []string{"no Kubernetes context chosen"}},
		{"current not among the contexts", Spec{Sources: f.paths(), Contexts: []string{"acme-prod"}, Current: "globex-dev"},
			ErrInvalidSpec, []string{"current context globex-dev", "acme-prod"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Build(tt.spec)
			require.Nil(t, cfg)
			requireOneLineError(t, err, tt.kind, tt.says...)
		})
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
