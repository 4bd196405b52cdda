package kube

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// This package reads and writes kubeconfigs without client-go (see doc.go);
// these tests hold it to client-go's clientcmd — what kubectl uses — on
// files that exercise the corners of YAML and of the kubeconfig schema.

// A kubeconfig with anchors, aliases, merge keys, comments, flow style,
// quoted look-alike scalars, extensions, exec and auth-provider users and
// fields stint does not know about.
const trickyKubeconfig = `# comment at the top
apiVersion: v1
kind: Config
current-context: "007"
x-unknown-top: [1, 2, 3]
preferences: {colors: true}
clusters:
- name: base
  cluster: &basecluster
    server: https://base.example:6443   # trailing comment
    certificate-authority: ca/base.crt
    tls-server-name: base.internal
    insecure-skip-tls-verify: false
    proxy-url: socks5://localhost:1080
    disable-compression: true
    certificate-authority-data: ZHVtbXktY2EtZGF0YQ==
    extensions:
    - name: vendor.example/flags
      extension: {region: eu, zones: [a, b]}
- name: derived
  cluster:
    <<: *basecluster
    server: https://derived.example
- {name: flow, cluster: {server: "https://flow.example", certificate-authority: /abs/ca.crt}}
users:
- name: execer
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: bin/get-token
      args: ["--cluster", "007", "--verbose=true"]
      env:
      - {name: AWS_PROFILE, value: "123"}
      installHint: install get-token
      provideClusterInfo: true
      interactiveMode: IfAvailable
- name: oidc
  user:
    auth-provider:
      name: oidc
      config: {client-id: stint, idp-issuer-url: "https://idp.example"}
    as: admin
    as-groups: [ops, "007"]
    as-user-extra: {scopes: [read, write]}
- name: pathuser
  user:
    exec: {command: kubelogin, apiVersion: client.authentication.k8s.io/v1}
    client-certificate: certs/me.crt
    client-key: ./certs/me.key
    tokenFile: ../tokens/me
    some-future-field: {nested: true}
contexts:
- name: "007"
  context: {cluster: base, user: execer, namespace: "0123"}
- name: derived
  context:
    cluster: derived
    user: oidc
    extensions:
    - name: vendor.example/ctx
      extension: hello
- name: path
  context: {cluster: flow, user: pathuser}
- name: userless
  context: {cluster: flow}
`

// The same shape written as JSON, which kubectl also reads.
const jsonKubeconfig = `{"apiVersion":"v1","kind":"Config","current-context":"j",
 "clusters":[{"name":"j","cluster":{"server":"https://json.example","certificate-authority":"j/ca.pem"}}],
 "users":[{"name":"j","user":{"token":"json-token"}}],
 "contexts":[{"name":"j","context":{"cluster":"j","user":"j","namespace":"json"}}]}`

// clientcmdExtract is what the session kubeconfig was when client-go built
// it: load and merge the files, copy the contexts with their clusters and
// users, override the current context's namespace.
func clientcmdExtract(t *testing.T, sources, contexts []string, current, namespace string) *clientcmdapi.Config {
	t.Helper()
	merged, err := (&clientcmd.ClientConfigLoadingRules{Precedence: sources}).Load()
	require.NoError(t, err)
	out := clientcmdapi.NewConfig()
	for _, name := range contexts {
		ctx := merged.Contexts[name].DeepCopy()
		out.Contexts[name] = ctx
		out.Clusters[ctx.Cluster] = merged.Clusters[ctx.Cluster].DeepCopy()
		if ctx.AuthInfo != "" {
			out.AuthInfos[ctx.AuthInfo] = merged.AuthInfos[ctx.AuthInfo].DeepCopy()
		}
	}
	out.CurrentContext = current
	if namespace != "" {
		out.Contexts[current].Namespace = namespace
	}
	return withoutOrigins(out)
}

// withoutOrigins clears LocationOfOrigin, which a loaded file records and a
// file loaded from bytes does not.
func withoutOrigins(c *clientcmdapi.Config) *clientcmdapi.Config {
	for _, v := range c.Clusters {
		v.LocationOfOrigin = ""
	}
	for _, v := range c.AuthInfos {
		v.LocationOfOrigin = ""
	}
	for _, v := range c.Contexts {
		v.LocationOfOrigin = ""
	}
	return c
}

func TestSessionEqualsWhatClientcmdWouldHaveBuilt(t *testing.T) {
	f := newFixture(t)
	tricky := filepath.Join(f.root, "tricky", "config")
	writeFile(t, tricky, trickyKubeconfig)
	jsonFile := filepath.Join(f.root, "json", "config.json")
	writeFile(t, jsonFile, jsonKubeconfig)

	cases := []struct {
		name      string
		sources   []string
		contexts  []string
		current   string
		namespace string
	}{
		{"fixture files", f.paths(), []string{"acme-prod", "acme-staging"}, "acme-staging", "payments"},
		{"every tricky context", []string{tricky}, []string{"007", "derived", "path", "userless"}, "derived", ""},
		{"merge key and alias", []string{tricky}, []string{"derived"}, "derived", "007"},
		{"json", []string{jsonFile, tricky}, []string{"j", "path"}, "path", "ns-1"},
		{"first file wins", []string{tricky, f.fileA, f.fileB}, []string{"007", "acme-prod", "initech"}, "initech", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sess, err := Build(Spec{Sources: c.sources, Contexts: c.contexts, Current: c.current, Namespace: c.namespace})
			require.NoError(t, err)
			got := viaClientcmd(t, sess)
			want := clientcmdExtract(t, c.sources, c.contexts, c.current, c.namespace)
			require.Equal(t, want.CurrentContext, got.CurrentContext)
			require.Equal(t, want.Contexts, got.Contexts)
			require.Equal(t, want.Clusters, got.Clusters)
			require.Equal(t, want.AuthInfos, got.AuthInfos)
		})
	}
}

func TestInspectEqualsClientcmdsMerge(t *testing.T) {
	f := newFixture(t)
	tricky := filepath.Join(f.root, "tricky", "config")
	writeFile(t, tricky, trickyKubeconfig)
	for _, sources := range [][]string{{tricky}, {tricky, f.fileA, f.fileB}, {f.fileB, tricky, f.fileA}} {
		got, err := Inspect(sources...)
		require.NoError(t, err)
		merged, err := (&clientcmd.ClientConfigLoadingRules{Precedence: sources}).Load()
		require.NoError(t, err)

		require.Equal(t, merged.CurrentContext, got.CurrentContext)
		var want []ContextInfo
		for name, ctx := range merged.Contexts {
			info := ContextInfo{Name: name, Cluster: ctx.Cluster, User: ctx.AuthInfo, Namespace: ctx.Namespace, Source: ctx.LocationOfOrigin}
			if cl, ok := merged.Clusters[ctx.Cluster]; ok {
				info.Server = cl.Server
			}
			want = append(want, info)
		}
		slices.SortFunc(want, func(a, b ContextInfo) int { return compareNames(a.Name, b.Name) })
		require.Equal(t, want, got.Contexts(), "sources %v", sources)
	}
}

func compareNames(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Files kubectl refuses are refused; files it reads are read.
func TestFilesAreRefusedExactlyWhenClientcmdRefusesThem(t *testing.T) {
	head := "apiVersion: v1\nkind: Config\n"
	ctx := "contexts:\n- name: c\n  context: {cluster: k}\nclusters:\n- name: k\n  cluster: {server: https://k.example}\n"
	cases := []struct {
		name   string
		body   string
		refuse bool
	}{
		{"plain", head + ctx, false},
		{"empty file", "", false},
		{"only a comment", "# nothing here\n", false},
		{"null top level", "~\n", false},
		{"unknown fields anywhere", head + "future: {a: 1}\n" + ctx + "users:\n- name: u\n  user: {future: [1], token: t}\n", false},
		{"quoted number as string", head + "current-context: \"12\"\n" + ctx, false},
		{"timestamp-looking namespace", head + "contexts:\n- name: c\n  context: {cluster: k, namespace: 2024-01-01}\n", false},
		{"null lists and bodies", head + "clusters: ~\nusers:\n- name: u\n  user: ~\n" + "contexts:\n- name: c\n  context: ~\n", false},
		{"bool written as yes", head + "clusters:\n- name: k\n  cluster: {server: s, insecure-skip-tls-verify: yes}\n", false},

		{"quoted yes as a string", head + "contexts:\n- name: c\n  context: {cluster: k, namespace: \"yes\"}\n", false},

		{"plain yes where a string goes", head + "contexts:\n- name: c\n  context: {cluster: k, namespace: yes}\n", true},
		{"top level is a list", "- a\n- b\n", true},
		{"syntax error", head + "clusters: [ {name: x\n", true},
		{"number where a string goes", head + "clusters:\n- name: k\n  cluster: {server: 6443}\n", true},
		{"string where a bool goes", head + "clusters:\n- name: k\n  cluster: {server: s, insecure-skip-tls-verify: \"true\"}\n", true},
		{"list where a string goes", head + "users:\n- name: u\n  user: {token: [secret]}\n", true},
		{"mapping where a list goes", head + "users:\n- name: u\n  user: {as-groups: {a: b}}\n", true},
		{"bad base64", head + "clusters:\n- name: k\n  cluster: {server: s, certificate-authority-data: \"not base64!\"}\n", true},
		{"exec args not strings", head + "users:\n- name: u\n  user: {exec: {command: c, args: [1]}}\n", true},
		{"auth-provider config not strings", head + "users:\n- name: u\n  user: {auth-provider: {name: x, config: {a: [1]}}}\n", true},
		{"clusters not a list", head + "clusters: {k: {server: s}}\n", true},
		{"duplicate cluster", head + "clusters:\n- name: k\n  cluster: {server: a}\n- name: k\n  cluster: {server: b}\n", true},
		{"duplicate user", head + "users:\n- name: u\n  user: {token: a}\n- name: u\n  user: {token: b}\n", true},
		{"duplicate context", head + "contexts:\n- name: c\n  context: {cluster: k}\n- name: c\n  context: {cluster: k}\n", true},
		{"other api version", "apiVersion: v2\nkind: Config\n" + ctx, true},
		{"alias inside what it names", head + "clusters:\n- &k\n  name: k\n  cluster:\n    <<: *k\n", true},
		{"aliases that explode", head + laughs(), true},
	}
	dir := t.TempDir()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "config-"+string(rune('a'+i)))
			writeFile(t, path, c.body)
			_, theirErr := clientcmd.LoadFromFile(path)
			require.Equal(t, c.refuse, theirErr != nil, "the case itself is wrong: clientcmd says %v", theirErr)
			_, ourErr := loadFile(path)
			if c.refuse {
				requireOneLineError(t, ourErr, ErrFileUnparsable, path, "does not parse")
				require.NotContains(t, ourErr.Error(), "secret")
			} else {
				require.NoError(t, ourErr)
			}
		})
	}
}

// laughs is a "billion laughs" document: ten levels of ten aliases each.
func laughs() string {
	var b strings.Builder
	b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}
