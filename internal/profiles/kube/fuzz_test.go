package kube

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"k8s.io/client-go/tools/clientcmd"
)

// FuzzKubeconfigLikeClientcmd holds the YAML loader to client-go's: when
// both read a file, they see the same contexts with the same cluster, user
// and namespace, the same clusters' servers, as many users and the same
// current context. (Which malformed files each refuses is held by
// TestFilesAreRefusedExactlyWhenClientcmdRefusesThem instead: on arbitrary
// bytes the two YAML parsers — YAML 1.2 here, 1.1 in client-go — differ in
// what garbage they tolerate.) The seeds run with every `go test`.
func FuzzKubeconfigLikeClientcmd(f *testing.F) {
	for _, seed := range []string{kubeconfigA, kubeconfigB, trickyKubeconfig, jsonKubeconfig, "", "~\n",
		"apiVersion: v1\nkind: Config\nclusters:\n- name: k\n  cluster: {server: s, server: t}\n",
		"apiVersion: v1\nkind: Config\ncontexts:\n- name: c\n  context: {cluster: k, namespace: 0o17}\n",
		"apiVersion: v1\nkind: Config\ncontexts:\n- name: 1:20\n  context: {cluster: k}\n",
	} {
		f.Add(seed)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, body string) {
		if strings.Contains(body, "!") {
			// Explicit tags: yaml.v3 drops the non-specific "!" where
			// kubectl's reader makes a string of it. No kubeconfig uses tags.
			t.Skip()
		}
		path := filepath.Join(dir, "config")
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		theirs, theirErr := clientcmd.LoadFromFile(path)
		ours, ourErr := loadFile(path)
		if theirErr != nil || ourErr != nil {
			return
		}
		if ours.currentContext != theirs.CurrentContext {
			t.Fatalf("current-context: stint %q, clientcmd %q\nfile:\n%s", ours.currentContext, theirs.CurrentContext, body)
		}
		var names []string
		for _, c := range ours.contexts {
			names = append(names, c.name)
			want, ok := theirs.Contexts[c.name]
			if !ok {
				t.Fatalf("context %q: stint has it, clientcmd not\nfile:\n%s", c.name, body)
			}
			got := [3]string{stringAt(c.body, "cluster"), stringAt(c.body, "user"), stringAt(c.body, "namespace")}
			if got != [3]string{want.Cluster, want.AuthInfo, want.Namespace} {
				t.Fatalf("context %q: stint %q, clientcmd %q\nfile:\n%s", c.name, got, [3]string{want.Cluster, want.AuthInfo, want.Namespace}, body)
			}
		}
		if len(names) != len(theirs.Contexts) {
			t.Fatalf("contexts: stint %v, clientcmd %d\nfile:\n%s", names, len(theirs.Contexts), body)
		}
		for _, c := range ours.clusters {
			want, ok := theirs.Clusters[c.name]
			if !ok || stringAt(c.body, "server") != want.Server {
				t.Fatalf("cluster %q: stint server %q, clientcmd %v\nfile:\n%s", c.name, stringAt(c.body, "server"), want, body)
			}
		}
		if len(ours.clusters) != len(theirs.Clusters) || len(ours.users) != len(theirs.AuthInfos) {
			t.Fatalf("clusters/users: stint %d/%d, clientcmd %d/%d\nfile:\n%s", len(ours.clusters), len(ours.users), len(theirs.Clusters), len(theirs.AuthInfos), body)
		}

		// The session kubeconfig of every context, as kubectl reads it, is
		// what client-go would have built.
		cfg, err := Inspect(path)
		if err != nil || len(names) == 0 {
			return
		}
		sess, err := cfg.Extract(names, "", "")
		if err != nil {
			return // a context naming a missing cluster or user: refused either way
		}
		data, err := sess.Encode()
		if err != nil {
			t.Fatalf("encode: %v\nfile:\n%s", err, body)
		}
		got, err := clientcmd.Load(data)
		if err != nil {
			t.Fatalf("client-go cannot read the session kubeconfig: %v\nfile:\n%s\nsession:\n%s", err, body, data)
		}
		want := clientcmdExtract(t, []string{path}, names, names[0], "")
		got = withoutOrigins(got)
		if !reflect.DeepEqual(want.Contexts, got.Contexts) || !reflect.DeepEqual(want.Clusters, got.Clusters) ||
			!reflect.DeepEqual(want.AuthInfos, got.AuthInfos) || want.CurrentContext != got.CurrentContext {
			t.Fatalf("session differs from client-go's\nfile:\n%s\nsession:\n%s", body, data)
		}
	})
}
