package kube

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Two kubeconfig files in different directories, four contexts in all. Client
// "acme" owns acme-prod (file A) and acme-staging (file B). Every file path
// inside is relative, so resolution against the right file is visible.
const kubeconfigA = `apiVersion: v1
kind: Config
current-context: globex-dev
preferences:
  extensions:
  - name: globex-preference
    extension: {}
clusters:
- name: acme-prod
  cluster:
    server: https://prod.acme.example:6443
    certificate-authority: certs/acme-ca.crt
- name: globex
  cluster:
    server: https://k8s.globex.example
    certificate-authority: certs/globex-ca.crt
users:
- name: acme-admin
  user:
    client-certificate: certs/admin.crt
    client-key: certs/admin.key
- name: globex-user
  user:
    token: globex-secret-token
contexts:
- name: acme-prod
  context:
    cluster: acme-prod
    user: acme-admin
    namespace: default
- name: globex-dev
  context:
    cluster: globex
    user: globex-user
extensions:
- name: globex-extension
  extension: {}
`

const kubeconfigB = `apiVersion: v1
kind: Config
current-context: initech
clusters:
- name: acme-staging
  cluster:
    server: https://staging.acme.example:6443
    certificate-authority: ../shared/staging-ca.crt
- name: initech
  cluster:
    server: https://initech.example
users:
- name: acme-ci
  user:
    token: acme-ci-token
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/acme-auth
      interactiveMode: Never
- name: initech-user
  user:
    tokenFile: tokens/initech
contexts:
- name: acme-staging
  context:
    cluster: acme-staging
    user: acme-ci
    namespace: web
- name: initech
  context:
    cluster: initech
    user: initech-user
`

type fixture struct {
	root  string // temp dir holding everything
	fileA string
	fileB string
}

// paths returns both kubeconfigs in KUBECONFIG order.
func (f fixture) paths() []string { return []string{f.fileA, f.fileB} }

// abs is a path under the fixture root, as resolution should produce it.
func (f fixture) abs(rel string) string { return filepath.Join(f.root, filepath.FromSlash(rel)) }

func newFixture(t testing.TB) fixture {
	t.Helper()
	root := t.TempDir()
	f := fixture{
		root:  root,
		fileA: filepath.Join(root, "a", "config"),
		fileB: filepath.Join(root, "b", "config"),
	}
	writeFile(t, f.fileA, kubeconfigA)
	writeFile(t, f.fileB, kubeconfigB)
	// Dummy files the relative paths point at.
	for _, rel := range []string{
		"a/certs/acme-ca.crt", "a/certs/globex-ca.crt", "a/certs/admin.crt", "a/certs/admin.key",
		"shared/staging-ca.crt", "b/bin/acme-auth", "b/tokens/initech",
	} {
		writeFile(t, f.abs(rel), "dummy "+rel+"\n")
	}
	return f
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
}

// acmeSpec is the session kubeconfig of client acme.
func acmeSpec(f fixture) Spec {
	return Spec{
		Sources:   f.paths(),
		Contexts:  []string{"acme-prod", "acme-staging"},
		Current:   "acme-staging",
		Namespace: "payments",
	}
}

// viaClientcmd encodes a session kubeconfig and loads it back with
// client-go's own loader — what kubectl reads — so the tests see the file
// as kubectl sees it.
func viaClientcmd(t *testing.T, s *Session) *clientcmdapi.Config {
	t.Helper()
	data, err := s.Encode()
	require.NoError(t, err)
	cfg, err := clientcmd.Load(data)
	require.NoError(t, err, "client-go cannot load what stint wrote:\n%s", data)
	return cfg
}
