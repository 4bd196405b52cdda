package paths

import (
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
