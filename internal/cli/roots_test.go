package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The roots file the hook matches follows every command that binds or
// unbinds a directory, the auto_switch setting and the per-client opt-out.
func TestAutoSwitchRootsFollowTheBindings(t *testing.T) {
	h := newHarness(t)
	roots := filepath.Join(h.home, "run", "roots")
	read := func() string {
		t.Helper()
		b, err := os.ReadFile(roots)
		require.NoError(t, err)
		return string(b)
	}
	work, repo := t.TempDir(), t.TempDir()
	h.ok("client", "add", "acme", "--workdir", work)
	h.ok("client", "add", "globex")
	assert.Empty(t, read(), "auto_switch is off by default: nothing is bound")

	h.ok("config", "set", "auto_switch", "on")
	assert.Equal(t, "acme\n"+work+"\n", read())
	h.ok("repo", "add", "globex", repo)
	assert.Contains(t, read(), "globex\n"+repo+"\n")

	h.ok("client", "edit", "globex", "--auto-switch", "off")
	assert.Equal(t, "acme\n"+work+"\n", read())
	assert.Contains(t, h.ok("client", "list"), "no-auto-switch")
	h.ok("client", "edit", "globex", "--auto-switch", "on")
	h.ok("client", "edit", "acme", "--archive")
	assert.Equal(t, "globex\n"+repo+"\n", read())

	// The runtime directory is emptied at boot: a new shell's hook writes it again.
	require.NoError(t, os.Remove(roots))
	h.ok("status")
	assert.NoFileExists(t, roots, "a command that binds nothing leaves it")
	h.ok("hook", "bash")
	assert.Equal(t, "globex\n"+repo+"\n", read())

	h.ok("config", "set", "auto_switch", "off")
	assert.Empty(t, read())
	h.fails(2, "--auto-switch", "client", "edit", "globex", "--auto-switch", "sometimes")
}
