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

	"github.com/stint-sh/stint/internal/testenv"
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
			bin := testenv.Program(t, sh.name)
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

// completions is what `stint __complete ARGS...` offers, without cobra's
// trailing directive line.
func completions(h *harness, args ...string) []string {
	h.t.Helper()
	lines := strings.Split(strings.TrimSpace(h.ok(append([]string{"__complete"}, args...)...)), "\n")
	require.True(h.t, strings.HasPrefix(lines[len(lines)-1], ":"), "the directive ends the output: %q", lines)
	out := []string{}
	for _, l := range lines[:len(lines)-1] {
		out = append(out, strings.SplitN(l, "\t", 2)[0])
	}
	return out
}

func TestCompletionOfArgumentsAndFlags(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("client", "add", "globex")
	h.ok("kube", "add", "acme", "--kubeconfig", writeKubeconfig(t, t.TempDir(), "k.yaml", "acme-prod", "acme-dev"))

	assert.Equal(t, []string{"acme", "globex", "-"}, completions(h, "switch", ""), "NAME|- is a client name")
	assert.Equal(t, []string{"acme", "globex"}, completions(h, "start", ""), "[NAME] is a client name")
	assert.Equal(t, []string{"acme", "globex"}, completions(h, "env", ""))
	tools := completions(h, "isolate", "acme", "")
	assert.Contains(t, tools, "gcloud")
	assert.Contains(t, tools, "gh")
	assert.Equal(t, tools, completions(h, "isolate", "acme", "gcloud", ""), "TOOL... repeats")
	assert.Equal(t, []string{"acme-dev", "acme-prod"}, completions(h, "kube", "rm", "acme", "acme-dev", ""), "CONTEXT... repeats")
	assert.Equal(t, []string{"--kubeconfig"}, completions(h, "kube", "add", "acme", ""),
		"no second argument (PATH is --kubeconfig's), so cobra offers the required flag")

	assert.Equal(t, []string{"client", "day", "tag", "entry", "project"}, completions(h, "report", "--by", ""))
	h.ok("project", "add", "acme", "web")
	h.ok("project", "add", "acme", "Security audit", "--rate", "220")
	assert.Equal(t, []string{"Security audit", "web"}, completions(h, "start", "acme", "--project", ""), "the client's projects")
	assert.Equal(t, []string{"Security audit", "web"}, completions(h, "project", "rm", "acme", ""))
	assert.Empty(t, completions(h, "start", "globex", "--project", ""), "globex has none")
	assert.Equal(t, []string{"csv", "json", "toggl", "clockify", "harvest"}, completions(h, "export", "--format", ""))
	assert.Equal(t, []string{"bash", "zsh", "fish", "json"}, completions(h, "env", "acme", "--shell", ""))
	for _, cmd := range []string{"hook", "completion"} {
		assert.Equal(t, []string{"bash", "zsh", "fish"}, completions(h, cmd, ""), cmd)
	}
	assert.Equal(t, []string{"timewarrior", "watson", "toggl", "harvest"}, completions(h, "import", ""))
}
