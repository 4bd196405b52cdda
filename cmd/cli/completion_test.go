package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDynamicCompletion(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme", "--name", "Acme Corp")
	h.ok("client", "add", "globex")
	h.ok("kube", "add", "acme", "--kubeconfig", writeKubeconfig(t, t.TempDir(), "k.yaml", "acme-prod", "acme-dev"))

	out := h.ok("__complete", "client", "show", "")
	assert.Contains(t, out, "acme\tAcme Corp")
	assert.Contains(t, out, "globex")

	out = h.ok("__complete", "kube", "use", "acme", "")
	assert.Contains(t, out, "acme-dev")
	assert.Contains(t, out, "acme-prod")

	out = h.ok("__complete", "report", "--client", "")
	assert.Contains(t, out, "globex")

	now := time.Now().UTC()
	h.ok("add", "acme", "--from", now.Add(-2*time.Hour).Format(time.RFC3339), "--to", now.Add(-time.Hour).Format(time.RFC3339), "-m", "pairing")
	out = h.ok("__complete", "rm", "")
	assert.Regexp(t, `(?m)^\d+\tacme .* pairing$`, out)
}

// The generated scripts must load in the real shells without an error.
func TestCompletionScriptsLoad(t *testing.T) {
	h := newHarness(t)
	for _, sh := range []struct{ name, load string }{
		{"bash", "source %s"},
		{"zsh", "autoload -U compinit && compinit -u -D && source %s"},
		{"fish", "source %s"},
	} {
		t.Run(sh.name, func(t *testing.T) {
			bin, err := exec.LookPath(sh.name)
			if err != nil {
				t.Skipf("%s is not installed", sh.name)
			}
			script := filepath.Join(t.TempDir(), "stint."+sh.name)
			require.NoError(t, os.WriteFile(script, []byte(h.ok("completion", sh.name)), 0o600))
			cmd := exec.Command(bin, "-c", strings.Replace(sh.load, "%s", script, 1))
			cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s: %s", sh.name, out)
			assert.Empty(t, strings.TrimSpace(string(out)), "loading prints nothing")
		})
	}
	h.fails(2, "usage: stint completion", "completion")
	h.fails(2, "unknown shell", "completion", "tcsh")
}
