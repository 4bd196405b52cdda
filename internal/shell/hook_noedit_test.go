package shell

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/testenv"
)

// An interactive bash without line editing (bash -i on a pipe) loads the
// hook silently: no "line editing not enabled" warning per binding.
func TestBashHookQuietWithoutLineEditing(t *testing.T) {
	bash := testenv.Program(t, "bash")
	hook, err := Hook(Bash, hookOptions(t, "/bin/true"))
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "hook.bash")
	require.NoError(t, os.WriteFile(file, []byte(hook), 0o600))
	cmd := exec.Command(bash, "--norc", "--noprofile", "-i", "-c", "set +o emacs +o vi; source "+file+"; echo loaded")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "loaded")
	require.NotContains(t, strings.ToLower(string(out)), "warning", "%s", out)
}
