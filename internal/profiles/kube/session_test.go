package kube

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"k8s.io/client-go/tools/clientcmd"
)

func TestWriteSessionIsPrivateAndReplaceable(t *testing.T) {
	f := newFixture(t)
	run := filepath.Join(f.root, "runtime", "stint") // does not exist yet
	cfg, err := Build(acmeSpec(f))
	require.NoError(t, err)

	path, err := WriteSession(run, "4242-abc", cfg)
	require.NoError(t, err)
	require.Equal(t, filepath.Join(run, "kube-4242-abc.yaml"), path)
	requireMode(t, run, 0o700)
	requireMode(t, path, 0o600)

	// Rewriting for the same session replaces the file and leaves no temp files.
	cfg.CurrentContext = "acme-prod"
	again, err := WriteSession(run, "4242-abc", cfg)
	require.NoError(t, err)
	require.Equal(t, path, again)
	written, err := clientcmd.LoadFromFile(path)
	require.NoError(t, err)
	require.Equal(t, "acme-prod", written.CurrentContext)
	entries, err := os.ReadDir(run)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	requireMode(t, path, 0o600)
}

func TestWriteSessionTightensALooseDirectory(t *testing.T) {
	f := newFixture(t)
	run := filepath.Join(f.root, "loose")
	require.NoError(t, os.Mkdir(run, 0o755))
	require.NoError(t, os.Chmod(run, 0o777)) // past the umask
	cfg, err := Build(acmeSpec(f))
	require.NoError(t, err)

	_, err = WriteSession(run, "1-x", cfg)
	require.NoError(t, err)
	requireMode(t, run, 0o700)
}

func TestWriteSessionRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	_, err := WriteSession(dir, "", EmptySession())
	requireOneLineError(t, err, ErrInvalidSessionID, "empty session id")
	_, err = WriteSession(dir, "1-x", nil)
	requireOneLineError(t, err, ErrInvalidSpec, "no kubeconfig to write")
}

func TestSessionPathStaysInsideTheDirectory(t *testing.T) {
	tests := map[string]string{
		"4242-abc":          "kube-4242-abc.yaml",
		"../../etc/passwd":  "kube-.._.._etc_passwd.yaml",
		"a b$c\nd":          "kube-a_b_c_d.yaml",
		"ünï":               "kube-__n__.yaml", // each byte of ü and ï
		"Session.v2_beta-1": "kube-Session.v2_beta-1.yaml",
	}
	for session, want := range tests {
		got, err := SessionPath("/run/stint", session)
		require.NoError(t, err)
		require.Equal(t, filepath.Join("/run/stint", want), got, "session %q", session)
	}
}

func TestSessionOfFile(t *testing.T) {
	tests := []struct {
		name    string
		session string
		ok      bool
	}{
		{"kube-4242-abc.yaml", "4242-abc", true},
		{"kube-4242-abc.yaml.tmp123456", "4242-abc", true},
		{"kube-a.yaml.b.yaml", "a.yaml.b", true},
		{"kube-.yaml", "", false},
		{"kube-x.yml", "", false},
		{"kube-x.yaml.bak", "", false},
		{"other-4242-abc.yaml", "", false},
		{"notes.txt", "", false},
	}
	for _, tt := range tests {
		session, ok := sessionOfFile(tt.name)
		require.Equal(t, tt.ok, ok, tt.name)
		require.Equal(t, tt.session, session, tt.name)
	}
}

func requireMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, want, info.Mode().Perm(), "mode of %s", path)
}

func TestEmptySessionIsAKubeconfigWithNothingInIt(t *testing.T) {
	cfg := viaClientcmd(t, EmptySession())
	require.Empty(t, cfg.Contexts)
	require.Empty(t, cfg.Clusters)
	require.Empty(t, cfg.AuthInfos)
	require.Empty(t, cfg.CurrentContext)
}

func TestAdoptSessionCopiesTheParentsFile(t *testing.T) {
	f := newFixture(t)
	run := filepath.Join(f.root, "run")
	sess, err := Build(acmeSpec(f))
	require.NoError(t, err)
	parent, err := WriteSession(run, "100-parent", sess)
	require.NoError(t, err)

	child, err := AdoptSession(run, parent, "200-child")
	require.NoError(t, err)
	require.Equal(t, filepath.Join(run, "kube-200-child.yaml"), child)
	requireMode(t, child, 0o600)
	want, err := os.ReadFile(parent)
	require.NoError(t, err)
	got, err := os.ReadFile(child)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))

	again, err := AdoptSession(run, child, "200-child")
	require.NoError(t, err, "a shell adopting its own file is a no-op")
	require.Equal(t, child, again)
}

func TestAdoptSessionTakesOnlySessionFilesOfTheDir(t *testing.T) {
	f := newFixture(t)
	run := filepath.Join(f.root, "run")
	require.NoError(t, os.MkdirAll(run, 0o700))
	for _, from := range []string{f.fileA, filepath.Join(run, "config"), filepath.Join(f.root, "kube-1-x.yaml"), filepath.Join(run, "kube-1-x.yaml.tmp123")} {
		_, err := AdoptSession(run, from, "2-y")
		require.ErrorIs(t, err, ErrNotSessionFile, from)
	}
	_, err := AdoptSession(run, filepath.Join(run, "kube-1-gone.yaml"), "2-y")
	require.ErrorIs(t, err, os.ErrNotExist)
	entries, err := os.ReadDir(run)
	require.NoError(t, err)
	require.Empty(t, entries, "nothing written")
}
