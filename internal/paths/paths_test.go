package paths

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestResolveStintHome(t *testing.T) {
	l, err := Resolve(env(map[string]string{"STINT_HOME": "/x/st", "XDG_DATA_HOME": "/ignored"}))
	require.NoError(t, err)
	assert.Equal(t, Layout{Config: "/x/st/config", Data: "/x/st/data", Runtime: "/x/st/run"}, l)
	assert.Equal(t, "/x/st/data/stint.db", l.DBPath())
}

func TestResolveXDG(t *testing.T) {
	l, err := Resolve(env(map[string]string{"HOME": "/h", "XDG_CONFIG_HOME": "/c", "XDG_RUNTIME_DIR": "/run/user/1"}))
	require.NoError(t, err)
	assert.Equal(t, "/c/stint", l.Config)
	assert.Equal(t, "/h/.local/share/stint", l.Data)
	assert.Equal(t, "/run/user/1/stint", l.Runtime)

	// A relative XDG value is invalid per the spec and ignored.
	l, err = Resolve(env(map[string]string{"HOME": "/h", "XDG_DATA_HOME": "rel", "TMPDIR": "/tmp"}))
	require.NoError(t, err)
	assert.Equal(t, "/h/.local/share/stint", l.Data)
	assert.Contains(t, l.Runtime, "/tmp/stint-")

	_, err = Resolve(env(map[string]string{}))
	assert.ErrorContains(t, err, "STINT_HOME")
}

func TestEnsureTightens(t *testing.T) {
	root := t.TempDir()
	loose := filepath.Join(root, "loose")
	require.NoError(t, os.Mkdir(loose, 0o755))
	l := Layout{Config: loose, Data: filepath.Join(root, "d", "e"), Runtime: filepath.Join(root, "r")}
	require.NoError(t, l.Ensure())
	for _, d := range []string{l.Config, l.Data, l.Runtime} {
		info, err := os.Stat(d)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o700), info.Mode().Perm(), d)
	}
}

// Without XDG_RUNTIME_DIR the runtime directory is in $TMPDIR, where other
// users can create paths: it must be a real directory of this user, else
// stint refuses it in one line.
func TestRuntimeDirIsPrivate(t *testing.T) {
	tmp := t.TempDir()
	l, err := Resolve(env(map[string]string{"HOME": "/h", "TMPDIR": tmp}))
	require.NoError(t, err)
	require.Equal(t, filepath.Join(tmp, fmt.Sprintf("stint-%d", os.Getuid())), l.Runtime)

	require.NoError(t, l.EnsureRuntime())
	for _, d := range []string{l.Runtime, l.EvalDir()} {
		info, err := os.Lstat(d)
		require.NoError(t, err)
		assert.True(t, info.IsDir())
		assert.Equal(t, os.FileMode(0o700), info.Mode().Perm(), d)
	}
	require.NoError(t, os.Chmod(l.Runtime, 0o777))
	require.NoError(t, l.EnsureRuntime(), "a loose one of ours is tightened")
	info, _ := os.Stat(l.Runtime)
	assert.Equal(t, os.FileMode(0o700), info.Mode().Perm())
	require.NoError(t, os.RemoveAll(l.Runtime))

	// Someone else's directory, made first.
	other := t.TempDir()
	require.NoError(t, os.Symlink(other, l.Runtime))
	err = l.EnsureRuntime()
	assert.ErrorContains(t, err, l.Runtime+" is a symbolic link, not a private directory")
	assert.NotContains(t, err.Error(), "\n")
	require.NoError(t, os.Remove(l.Runtime))

	require.NoError(t, os.WriteFile(l.Runtime, nil, 0o600))
	assert.ErrorContains(t, l.EnsureRuntime(), l.Runtime+" is not a directory")
	require.NoError(t, os.Remove(l.Runtime))

	if os.Geteuid() == 0 {
		require.NoError(t, os.Mkdir(l.Runtime, 0o700))
		require.NoError(t, os.Chown(l.Runtime, 4242, 4242))
		assert.ErrorContains(t, l.EnsureRuntime(), l.Runtime+" belongs to another user")
	}
}
