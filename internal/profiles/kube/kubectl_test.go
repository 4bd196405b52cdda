package kube

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/testenv"
)

// requireKubectl skips tests that need the real kubectl where it is absent
// (or fails them under scripts/test: see testenv).
func requireKubectl(t *testing.T) {
	t.Helper()
	testenv.Program(t, "kubectl")
}

// kubectl runs the real kubectl with KUBECONFIG set to kubeconfig and a fresh
// HOME, so the user's own ~/.kube never takes part.
func kubectl(t *testing.T, kubeconfig string, args ...string) string {
	t.Helper()
	cmd := exec.Command("kubectl", args...)
	cmd.Env = append(environWithout("KUBECONFIG", "HOME"), "KUBECONFIG="+kubeconfig, "HOME="+t.TempDir())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "kubectl %s: %s", strings.Join(args, " "), stderr.String())
	return strings.TrimSpace(string(out))
}

func environWithout(names ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(names, name) {
			env = append(env, kv)
		}
	}
	return env
}

// kubectlView is the part of `kubectl config view -o json` the tests read.
type kubectlView struct {
	CurrentContext string `json:"current-context"`
	Clusters       []struct {
		Name    string `json:"name"`
		Cluster struct {
			Server string `json:"server"`
			CA     string `json:"certificate-authority"`
		} `json:"cluster"`
	} `json:"clusters"`
	Users []struct {
		Name string `json:"name"`
		User struct {
			ClientCertificate string `json:"client-certificate"`
			ClientKey         string `json:"client-key"`
			TokenFile         string `json:"tokenFile"`
			Exec              *struct {
				Command string `json:"command"`
			} `json:"exec"`
		} `json:"user"`
	} `json:"users"`
	Contexts []struct {
		Name    string `json:"name"`
		Context struct {
			Cluster   string `json:"cluster"`
			User      string `json:"user"`
			Namespace string `json:"namespace"`
		} `json:"context"`
	} `json:"contexts"`
}

func kubectlConfigView(t *testing.T, kubeconfig string, args ...string) kubectlView {
	t.Helper()
	out := kubectl(t, kubeconfig, append([]string{"config", "view", "-o", "json"}, args...)...)
	var view kubectlView
	require.NoError(t, json.Unmarshal([]byte(out), &view), out)
	return view
}

func (v kubectlView) clusterNames() []string {
	var names []string
	for _, c := range v.Clusters {
		names = append(names, c.Name)
	}
	slices.Sort(names)
	return names
}

func (v kubectlView) userNames() []string {
	var names []string
	for _, u := range v.Users {
		names = append(names, u.Name)
	}
	slices.Sort(names)
	return names
}

func (v kubectlView) contextNames() []string {
	var names []string
	for _, c := range v.Contexts {
		names = append(names, c.Name)
	}
	slices.Sort(names)
	return names
}

func TestSessionKubeconfigHoldsOnlyTheClientsContexts(t *testing.T) {
	requireKubectl(t)
	f := newFixture(t)
	cfg, err := Build(acmeSpec(f))
	require.NoError(t, err)
	path, err := WriteSession(filepath.Join(f.root, "run"), "4242-abc", cfg)
	require.NoError(t, err)

	require.Equal(t, "acme-prod\nacme-staging",
		kubectl(t, "", "--kubeconfig="+path, "config", "get-contexts", "-o", "name"))
	require.Equal(t, "acme-staging", kubectl(t, path, "config", "current-context"))

	// The current context: overridden namespace, absolute paths from file B.
	current := kubectlConfigView(t, path, "--minify")
	require.Len(t, current.Contexts, 1)
	require.Equal(t, "payments", current.Contexts[0].Context.Namespace)
	require.Equal(t, f.abs("shared/staging-ca.crt"), current.Clusters[0].Cluster.CA)
	require.NotNil(t, current.Users[0].User.Exec)
	require.Equal(t, f.abs("b/bin/acme-auth"), current.Users[0].User.Exec.Command)

	// The other context: its own namespace, absolute paths from file A.
	prod := kubectlConfigView(t, path, "--minify", "--context", "acme-prod")
	require.Equal(t, "default", prod.Contexts[0].Context.Namespace)
	require.Equal(t, "https://prod.acme.example:6443", prod.Clusters[0].Cluster.Server)
	require.Equal(t, f.abs("a/certs/acme-ca.crt"), prod.Clusters[0].Cluster.CA)
	require.Equal(t, f.abs("a/certs/admin.crt"), prod.Users[0].User.ClientCertificate)
	require.Equal(t, f.abs("a/certs/admin.key"), prod.Users[0].User.ClientKey)

	// Nothing of the other clients.
	all := kubectlConfigView(t, path)
	require.Equal(t, []string{"acme-prod", "acme-staging"}, all.clusterNames())
	require.Equal(t, []string{"acme-admin", "acme-ci"}, all.userNames())
	require.Equal(t, []string{"acme-prod", "acme-staging"}, all.contextNames())
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	for _, foreign := range []string{"globex", "initech"} {
		require.NotContains(t, string(raw), foreign, "session kubeconfig leaks another client")
	}
}

func TestUseContextInOneSessionDoesNotMoveAnother(t *testing.T) {
	requireKubectl(t)
	f := newFixture(t)
	run := filepath.Join(f.root, "run")
	cfg, err := Build(acmeSpec(f))
	require.NoError(t, err)
	first, err := WriteSession(run, "100-first", cfg)
	require.NoError(t, err)
	second, err := WriteSession(run, "200-second", cfg)
	require.NoError(t, err)
	require.NotEqual(t, first, second)
	sourceBefore, err := os.ReadFile(f.fileA)
	require.NoError(t, err)

	kubectl(t, first, "config", "use-context", "acme-prod")

	require.Equal(t, "acme-prod", kubectl(t, first, "config", "current-context"))
	require.Equal(t, "acme-staging", kubectl(t, second, "config", "current-context"))
	sourceAfter, err := os.ReadFile(f.fileA)
	require.NoError(t, err)
	require.Equal(t, string(sourceBefore), string(sourceAfter), "the client's own kubeconfig must not change")
}

// Inspect must see what kubectl sees for the same KUBECONFIG list, including
// which file wins when two define the same names.
func TestInspectMergesLikeKubectl(t *testing.T) {
	requireKubectl(t)
	f := newFixture(t)
	override := filepath.Join(f.root, "c", "config")
	writeFile(t, override, `apiVersion: v1
kind: Config
current-context: acme-prod
clusters:
- name: acme-prod
  cluster:
    server: https://shadowed.example
contexts:
- name: acme-prod
  context:
    cluster: acme-prod
    namespace: shadowed
- name: lab
  context:
    cluster: initech
    namespace: lab
`)
	for _, order := range [][]string{
		{f.fileA, f.fileB, override},
		{override, f.fileB, f.fileA},
	} {
		got, err := Inspect(order...)
		require.NoError(t, err)
		want := kubectlConfigView(t, strings.Join(order, string(os.PathListSeparator)))

		servers := map[string]string{}
		for _, c := range want.Clusters {
			servers[c.Name] = c.Cluster.Server
		}
		var wantInfos []ContextInfo
		for _, c := range want.Contexts {
			wantInfos = append(wantInfos, ContextInfo{
				Name: c.Name, Cluster: c.Context.Cluster, User: c.Context.User,
				Namespace: c.Context.Namespace, Server: servers[c.Context.Cluster],
			})
		}
		gotInfos := got.Contexts()
		for i := range gotInfos {
			require.NotEmpty(t, gotInfos[i].Source)
			gotInfos[i].Source = "" // kubectl does not show origins
		}
		require.Equal(t, wantInfos, gotInfos, "order %v", order)
		require.Equal(t, want.CurrentContext, got.CurrentContext, "order %v", order)
	}
}
