package kube

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/client-go/tools/clientcmd"
)

// kubeadmConfig is a kubeconfig as `kubeadm init` writes it — cluster
// "kubernetes", user "kubernetes-admin" — with its context renamed, as
// people do before adding a second cluster.
func kubeadmConfig(context, server, token string) string {
	return fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: kubernetes
  cluster: {server: %s, certificate-authority: ca-%s.crt}
users:
- name: kubernetes-admin
  user: {token: %s}
contexts:
- name: %s
  context: {cluster: kubernetes, user: kubernetes-admin, namespace: ns-%s}
current-context: %s
`, server, context, token, context, context, context)
}

// TestCollidingNamesKeepEachContextsOwnClusterAndUser: two kubeadm
// kubeconfigs name their cluster and user alike. Merged as kubectl merges a
// KUBECONFIG list, the second file's context would reach the first file's
// server with the first file's token. In the session kubeconfig each
// context keeps its own file's cluster and user — what client-go resolves
// for it there is exactly what client-go resolves from its own file alone —
// and the colliding names are renamed.
func TestCollidingNamesKeepEachContextsOwnClusterAndUser(t *testing.T) {
	dir := t.TempDir()
	prod := filepath.Join(dir, "prod", "config")
	staging := filepath.Join(dir, "staging", "config")
	writeFile(t, prod, kubeadmConfig("prod", "https://prod.example:6443", "prod-token"))
	writeFile(t, staging, kubeadmConfig("staging", "https://staging.example:6443", "staging-token"))
	writeFile(t, filepath.Join(dir, "prod", "ca-prod.crt"), "not a real CA")
	writeFile(t, filepath.Join(dir, "staging", "ca-staging.crt"), "not a real CA")
	sources := []string{prod, staging}
	own := map[string]string{"prod": prod, "staging": staging}

	// What kubectl's merge makes of it: staging talks to prod.
	merged := clientcmdExtract(t, sources, []string{"staging"}, "staging", "")
	require.Equal(t, "https://prod.example:6443", merged.Clusters[merged.Contexts["staging"].Cluster].Server)

	for _, order := range [][]string{{"staging", "prod"}, {"prod", "staging"}} {
		sess, err := Build(Spec{Sources: sources, Contexts: order})
		require.NoError(t, err)
		got := viaClientcmd(t, sess)
		require.Len(t, got.Clusters, 2)
		require.Len(t, got.AuthInfos, 2)
		for name, file := range own {
			alone, err := (&clientcmd.ClientConfigLoadingRules{Precedence: []string{file}}).Load()
			require.NoError(t, err)
			wantCtx := alone.Contexts[name]
			gotCtx := got.Contexts[name]
			require.NotNil(t, gotCtx, name)
			want := withoutOrigins(alone)
			assert.Equal(t, want.Clusters[wantCtx.Cluster], got.Clusters[gotCtx.Cluster], "%s: its own file's cluster", name)
			assert.Equal(t, want.AuthInfos[wantCtx.AuthInfo], got.AuthInfos[gotCtx.AuthInfo], "%s: its own file's user", name)
			assert.Equal(t, wantCtx.Namespace, gotCtx.Namespace)

			// And as a client would connect: the REST config of the context.
			rest, err := clientcmd.NewNonInteractiveClientConfig(*got, name, &clientcmd.ConfigOverrides{}, nil).ClientConfig()
			require.NoError(t, err)
			wantRest, err := clientcmd.NewNonInteractiveClientConfig(*alone, name, &clientcmd.ConfigOverrides{}, nil).ClientConfig()
			require.NoError(t, err)
			assert.Equal(t, wantRest.Host, rest.Host, name)
			assert.Equal(t, wantRest.BearerToken, rest.BearerToken, name)
			assert.Equal(t, wantRest.TLSClientConfig.CAFile, rest.TLSClientConfig.CAFile, name)
		}
		// The first context keeps the names; the second's are renamed.
		first, second := order[0], order[1]
		assert.Equal(t, "kubernetes", got.Contexts[first].Cluster)
		assert.Equal(t, "kubernetes-admin", got.Contexts[first].AuthInfo)
		assert.Equal(t, "kubernetes@"+second, got.Contexts[second].Cluster)
		assert.Equal(t, "kubernetes-admin@"+second, got.Contexts[second].AuthInfo)
	}

	// Inspect (kube list) shows each context's own server too.
	cfg, err := Inspect(sources...)
	require.NoError(t, err)
	for _, c := range cfg.Contexts() {
		assert.Contains(t, c.Server, c.Name+".example", c.Name)
	}
}

// A context whose file does not define its cluster still finds it in
// another file of the list, as kubectl does; two contexts of one file
// share one cluster.
func TestCrossFileReferencesStillResolve(t *testing.T) {
	dir := t.TempDir()
	clusters := filepath.Join(dir, "clusters")
	writeFile(t, clusters, "clusters:\n- name: shared\n  cluster: {server: https://shared.example}\nusers:\n- name: me\n  user: {token: t}\n")
	contexts := filepath.Join(dir, "contexts")
	writeFile(t, contexts, "contexts:\n- name: a\n  context: {cluster: shared, user: me}\n- name: b\n  context: {cluster: shared, user: me, namespace: b}\n")
	sess, err := Build(Spec{Sources: []string{contexts, clusters}, Contexts: []string{"a", "b"}})
	require.NoError(t, err)
	got := viaClientcmd(t, sess)
	want := clientcmdExtract(t, []string{contexts, clusters}, []string{"a", "b"}, "a", "")
	assert.Equal(t, want.Clusters, got.Clusters)
	assert.Equal(t, want.AuthInfos, got.AuthInfos)
	assert.Equal(t, want.Contexts, got.Contexts)
}
