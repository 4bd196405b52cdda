package kube

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestForClientNamesACommandThatWorks: each kind of failure a client's
// kubeconfig can have gets a fix whose command names the real client,
// file and context — quoted for a shell where they need it — never a
// placeholder.
func TestForClientNamesACommandThatWorks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my kube")
	require.NoError(t, os.MkdirAll(dir, 0o700))
	good := filepath.Join(dir, "config")
	require.NoError(t, os.WriteFile(good, []byte(`apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://k.example.com"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: acme-prod, context: {cluster: c, user: u}}]
`), 0o600))
	gone := filepath.Join(dir, "gone.yaml")

	_, errMissing := Inspect(good, gone)
	_, errDir := Inspect(dir)
	_, errContext := Build(Spec{Sources: []string{good}, Contexts: []string{"acme-dr"}})
	cfg, err := Inspect(good)
	require.NoError(t, err)
	_, errCurrent := cfg.Extract([]string{"acme-prod"}, "acme-old", "")
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"file gone", errMissing, "`stint kube rm acme --kubeconfig '" + gone + "'`"},
		{"not a file", errDir, "`stint kube rm acme --kubeconfig '" + dir + "'`"},
		{"context gone", errContext, "`stint kube rm acme acme-dr`"},
		{"context gone: what is there", errContext, "`kubectl config get-contexts --kubeconfig '" + good + "'`"},
		{"default not among the contexts", errCurrent, "`stint kube use acme acme-prod`"},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.Error(t, c.err)
			fixed := ForClient(c.err, "acme")
			var f *Fixed
			require.True(t, errors.As(fixed, &f), "%v has a fix", c.err)
			assert.Contains(t, fixed.Error(), c.want)
			assert.NotContains(t, fixed.Error(), "NAME")
			assert.NotContains(t, fixed.Error(), "CONTEXT")
			assert.True(t, errors.Is(fixed, errors.Unwrap(c.err)), "the kind survives")
		})
	}
	plain := errors.New("something else")
	assert.Equal(t, plain, ForClient(plain, "acme"))
}

func TestShellWord(t *testing.T) {
	for in, want := range map[string]string{
		"acme-prod": "acme-prod", "/home/ada/.kube/config": "/home/ada/.kube/config",
		"/a b/c": "'/a b/c'", "it's": `'it'\''s'`, "": "''", "$HOME": "'$HOME'", "a;rm": "'a;rm'",
	} {
		assert.Equal(t, want, shellWord(in), in)
	}
}
