package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/testenv"
)

// tmuxSession is a real terminal: a private tmux server running one pane.
type tmuxSession struct {
	t      *testing.T
	tmux   string
	socket string
}

func startTmux(t *testing.T, env []string, command string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, tmux: needTool(t, "tmux"), socket: uniqueSlug("stint-e2e")}
	args := []string{"-L", s.socket, "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "250", "-y", "40", "env", "-i"}
	args = append(args, env...)
	args = append(args, "TERM=xterm-256color")
	args = append(args, strings.Fields(command)...)
	out, err := exec.Command(s.tmux, args...).CombinedOutput()
	require.NoError(t, err, "tmux: %s", out)
	t.Cleanup(func() { _ = exec.Command(s.tmux, "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) send(keys ...string) {
	s.t.Helper()
	out, err := exec.Command(s.tmux, append([]string{"-L", s.socket, "send-keys", "-t", "e2e"}, keys...)...).CombinedOutput()
	require.NoError(s.t, err, "send-keys: %s", out)
}

func (s *tmuxSession) screen() string {
	out, err := exec.Command(s.tmux, "-L", s.socket, "capture-pane", "-p", "-t", "e2e").Output()
	require.NoError(s.t, err)
	return string(out)
}

// waitFor polls the screen until it contains want.
func (s *tmuxSession) waitFor(want string) string {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("showed %q", want), func(screen string) bool { return strings.Contains(screen, want) })
}

// waitUntil polls the screen until ok accepts it; what names the wait in
// the failure.
func (s *tmuxSession) waitUntil(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		screen := s.screen()
		if ok(screen) {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never %s; it shows:\n%s", what, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// The whole promise in one test: a hooked bash in a real terminal, Alt-s
// opens the picker with the filter focused, typing narrows it, Enter
// switches — and that same shell now has the client's variables and its own
// kubeconfig.
func TestHotkeyPickerSwitchesTheShell(t *testing.T) {
	h := newHome(t)
	h.client("acme", "--name", "Acme Corp")
	h.client("globex", "--name", "Globex Corporation")
	h.ok("set", "globex", "GLOBEX_REGION=eu-central-1")
	kc := writeKubeconfig(t, t.TempDir(), "k.yaml", "globex-prod", "acme-prod")
	h.ok("kube", "add", "globex", "--kubeconfig", kc, "--context", "globex-prod")

	bash := needTool(t, "bash")
	rc := filepath.Join(h.userHo, ".bashrc")
	writeFile(t, rc, "PS1='READY> '\n"+hookLine("bash"))
	s := startTmux(t, h.env, bash+" --noprofile --rcfile "+rc+" -i")
	s.waitFor("READY>")

	s.send("M-s")
	s.waitFor("Globex Corporation")
	s.send("glob")
	// Enter only once the filter has left globex alone in the list (the
	// slug "globex" is on screen before anything is typed).
	s.waitUntil("filtered the list to globex", func(screen string) bool {
		return strings.Contains(screen, "Globex Corporation") && !strings.Contains(screen, "Acme Corp")
	})
	s.send("Enter")
	s.waitFor("READY>")

	s.send(`printf 'C=%s R=%s K=%s\n' "$STINT_CLIENT" "$GLOBEX_REGION" "$KUBECONFIG"`, "Enter")
	screen := s.waitFor("C=globex")
	require.Contains(t, screen, "R=eu-central-1")
	require.Regexp(t, `K=\S+/run/kube/globex/kube-\S+\.yaml`, screen)

	if _, ok := testenv.Lookup(t, "kubectl"); ok {
		s.send("kubectl config current-context", "Enter")
		s.waitFor("\nglobex-prod")
	}
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
}

// `stint switch` alone in a hooked shell opens the same picker; a unique
// prefix switches through the real hook too.
func TestSwitchWithoutANameOpensThePicker(t *testing.T) {
	h := newHome(t)
	h.client("acme", "--name", "Acme Corp")
	h.client("globex", "--name", "Globex Corporation")

	bash := needTool(t, "bash")
	rc := filepath.Join(h.userHo, ".bashrc")
	writeFile(t, rc, "PS1='READY> '\n"+hookLine("bash"))
	s := startTmux(t, h.env, bash+" --noprofile --rcfile "+rc+" -i")
	s.waitFor("READY>")

	s.send("stint switch", "Enter")
	s.waitFor("Globex Corporation")
	s.send("glob")
	s.waitUntil("filtered the list to globex", func(screen string) bool {
		return strings.Contains(screen, "Globex Corporation") && !strings.Contains(screen, "Acme Corp")
	})
	s.send("Enter")
	// The switch's summary, then a new prompt below it: the shell is ready
	// for the next line.
	s.waitUntil("switched to globex and prompted again", func(screen string) bool {
		i := strings.Index(screen, "→ globex")
		return i >= 0 && strings.Contains(screen[i:], "READY>")
	})
	s.send(`clear; printf 'C=%s\n' "$STINT_CLIENT"`, "Enter")
	s.waitFor("C=globex")

	s.send(`clear; stint switch ac && printf 'C=%s\n' "$STINT_CLIENT"`, "Enter")
	s.waitFor("C=acme")
}

// The picker is drawn inline below the prompt, as `fzf --height` is: what
// the terminal showed before stays on screen above it (no alternate
// screen), and once it closes no picker line is left behind, only the
// prompt, once.
func TestHotkeyPickerIsInlineAndLeavesNoTrace(t *testing.T) {
	h := newHome(t)
	h.client("acme", "--name", "Acme Corp")
	h.client("globex", "--name", "Globex Corporation")

	bash := needTool(t, "bash")
	rc := filepath.Join(h.userHo, ".bashrc")
	writeFile(t, rc, "PS1='READY> '\n"+hookLine("bash"))
	s := startTmux(t, h.env, bash+" --noprofile --rcfile "+rc+" -i")
	s.waitFor("READY>")
	s.send("echo SCROLLBACK-MARK", "Enter")
	s.waitFor("\nSCROLLBACK-MARK")

	s.send("M-s")
	screen := s.waitFor("Globex Corporation")
	require.Contains(t, screen, "\nSCROLLBACK-MARK", "drawn below what was there, not over it")
	require.Contains(t, screen, "/filter clients")

	s.send("Escape")
	screen = s.waitUntil("closed the picker", func(screen string) bool { return !strings.Contains(screen, "filter clients") })
	require.Contains(t, screen, "\nSCROLLBACK-MARK")
	require.NotContains(t, screen, "Globex Corporation", "no picker line left behind")

	// Left with Esc, with a command line typed: that line, on its prompt,
	// is all there is below the mark — no empty prompt above it.
	s.send("echo typed")
	s.waitFor("READY> echo typed")
	s.send("M-s")
	s.waitFor("Globex Corporation")
	s.send("Escape")
	screen = s.waitUntil("closed the picker, the line back", func(screen string) bool {
		return !strings.Contains(screen, "filter clients") && strings.Contains(screen, "READY> echo typed")
	})
	_, below, _ := strings.Cut(screen, "\nSCROLLBACK-MARK\n")
	require.Equal(t, "READY> echo typed", strings.TrimSpace(below), "one prompt, the line kept:\n%s", screen)
	s.send("C-u")
	s.waitUntil("line cleared", func(screen string) bool { return !strings.Contains(screen, "echo typed") })

	s.send("M-s")
	s.waitFor("Globex Corporation")
	s.send("glob")
	s.waitUntil("filtered to globex", func(screen string) bool { return !strings.Contains(screen, "Acme Corp") })
	s.send("Enter")
	// The summary, then at once the fresh prompt: no empty prompt between.
	// Keys typed now are read after the hotkey's last one, so once they
	// show, the screen is as the hotkey left it.
	s.waitFor("→ globex")
	s.send("echo C=$STINT_CLIENT")
	screen = s.waitFor("READY> echo C=")
	_, below, _ = strings.Cut(screen, "→ globex")
	lines := strings.Split(strings.TrimRight(below, "\n "), "\n")
	require.Len(t, lines, 2, "the summary's line, then the prompt:\n%s", screen)
	require.Equal(t, "READY> echo C=$STINT_CLIENT", strings.TrimSpace(lines[1]), "one fresh prompt:\n%s", screen)
	s.send("Enter")
	screen = s.waitFor("\nC=globex")
	require.NotContains(t, screen, "/glob", "no stale filter line")
	require.NotContains(t, screen, "enter switch", "no stale key line")
}
