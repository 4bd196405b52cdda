package shell

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

// fakePicker stands in for the binary in interactive shells: opened by the
// hotkey (STINT_PICKER=1) it "picks" acme; `stint wait` becomes sleep (exec,
// same process) and waits to be interrupted. The test presses Ctrl-C only
// once sleep is the terminal's foreground process: a script that announced
// itself (say, by touching a file) and then started sleep left a window in
// which Ctrl-C reached the script between the two, and /bin/sh (dash)
// deferred the interrupt until its next child ended — the sleep it was
// starting ran on untouched, and the test saw no prompt.
const fakePicker = `#!/bin/sh
if [ "$STINT_PICKER" = 1 ]; then
  case "$STINT_SHELL" in
    fish) echo 'set -gx STINT_CLIENT acme' > "$STINT_EVAL_FILE" ;;
    *) echo 'export STINT_CLIENT=acme' > "$STINT_EVAL_FILE"; rm -f "$STINT_EVAL_FILE" ;;
  esac
  exit 0
fi
case "$1" in wait) exec sleep 60 ;; esac
exit 0
`

// TestHookInteractive drives each hooked shell through tmux: the hotkey
// opens the picker, the prompt is redrawn with the new client and the
// half-typed command line survives; an interrupted `stint` returns 130 and
// leaves no eval file behind (fish's by the next call, since fish abandons
// a function on Ctrl-C).
func TestHookInteractive(t *testing.T) {
	tmux := testenv.Program(t, "tmux")
	prompts := map[Kind]string{
		Bash: `PS1='[${STINT_CLIENT:-none}] $ '`,
		Zsh:  `setopt prompt_subst nounset; PROMPT='[${STINT_CLIENT:-none}] %# '`,
		Fish: `function fish_prompt; set -q STINT_CLIENT; and echo "[$STINT_CLIENT] > "; or echo "[none] > "; end`,
	}
	for _, sh := range Kinds {
		t.Run(sh.String(), func(t *testing.T) {
			shellPath := requireShell(t, sh)
			dir := t.TempDir()
			bin := filepath.Join(dir, "stint")
			require.NoError(t, os.WriteFile(bin, []byte(fakePicker), 0o755))
			opts := hookOptions(t, bin)
			tmp := opts.EvalDir
			hook, err := Hook(sh, opts)
			require.NoError(t, err)
			hookFile := filepath.Join(dir, "hook")
			require.NoError(t, os.WriteFile(hookFile, []byte(hook), 0o600))

			env := baseEnv(t, "C.UTF-8")
			env["TMPDIR"], env["TERM"] = tmp, "xterm"
			argv := append([]string{shellPath}, shellArgv[sh][1:]...)
			argv = append(argv, "-i")
			term := startTmux(t, tmux, filepath.Join(dir, "tmux.sock"), env, argv)

			term.send(t, "source "+Quote(sh, hookFile)+"; "+prompts[sh], "Enter")
			term.waitFor(t, "none]")
			term.send(t, "echo partial")
			term.send(t, "M-s")
			term.waitFor(t, "[acme] ")
			term.waitFor(t, "echo partial")
			term.send(t, "C-u")

			// Ctrl-C abandons the rest of the command line (in bash and
			// zsh), as it does without the hook.
			term.send(t, `stint wait; echo went-on""yes`, "Enter")
			term.waitForForeground(t, "sleep")
			term.send(t, "C-c")
			// zsh drops typeahead on an interrupt: type only at the new prompt.
			term.waitForIdlePrompt(t, "[acme] ")
			term.send(t, `echo r""c=`+statusVar(sh), "Enter")
			rc := term.waitFor(t, "rc=")
			t.Logf("after Ctrl-C: %s", rc)
			if sh == Bash {
				assert.Equal(t, "rc=130", strings.TrimSpace(rc), "the binary's status")
			}
			if sh != Fish { // fish itself goes on after a function is interrupted
				assert.NotContains(t, term.screen(t), "went-onyes")
			}
			if sh == Fish {
				term.send(t, "stint; echo done=$status", "Enter")
				term.waitFor(t, "done=0")
			}
			// An interrupted run may leave its (empty) file: nothing was
			// written to it. The real binary's next run sweeps it.
			left, err := filepath.Glob(filepath.Join(tmp, "eval.*"))
			require.NoError(t, err)
			for _, f := range left {
				info, err := os.Stat(f)
				require.NoError(t, err)
				assert.Zero(t, info.Size(), "a script was left on disk: %s", f)
			}
		})
	}
}

func (m tmuxTerm) screen(t *testing.T) string {
	t.Helper()
	out, err := exec.Command(m.tmux, "-S", m.socket, "capture-pane", "-p", "-t", "0").Output()
	require.NoError(t, err)
	return string(out)
}

// waitForIdlePrompt waits until the last line on screen is an empty prompt.
func (m tmuxTerm) waitForIdlePrompt(t *testing.T, prompt string) {
	t.Helper()
	var last, screen string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		screen = m.screen(t)
		lines := strings.Split(strings.TrimRight(screen, "\n "), "\n")
		last = lines[len(lines)-1]
		if strings.HasPrefix(last, prompt) && len(strings.TrimSpace(strings.TrimPrefix(last, prompt))) <= 1 {
			return
		}
	}
	t.Fatalf("no idle prompt %q; the last line is %q; the screen shows:\n%s", prompt, last, screen)
}

// waitForForeground waits until the terminal's foreground process group is
// led by the named program (what tmux reads through tcgetpgrp): then a key
// such as Ctrl-C reaches that program and nothing before it.
func (m tmuxTerm) waitForForeground(t *testing.T, name string) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		out, err := exec.Command(m.tmux, "-S", m.socket, "display-message", "-p", "-t", "0", "#{pane_current_command}").Output()
		require.NoError(t, err)
		if got = strings.TrimSpace(string(out)); got == name {
			return
		}
	}
	t.Fatalf("%s never became the terminal's foreground process (it is %q); the screen shows:\n%s", name, got, m.screen(t))
}

type tmuxTerm struct{ tmux, socket string }

func startTmux(t *testing.T, tmux, socket string, env map[string]string, argv []string) tmuxTerm {
	t.Helper()
	args := []string{"-S", socket, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "--"}
	args = append(args, "env", "-i")
	args = append(args, envList(env)...)
	args = append(args, argv...)
	cmd := exec.Command(tmux, args...)
	cmd.Dir = env["HOME"]
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	term := tmuxTerm{tmux: tmux, socket: socket}
	t.Cleanup(func() { _ = exec.Command(tmux, "-S", socket, "kill-server").Run() })
	return term
}

func (m tmuxTerm) send(t *testing.T, keys ...string) {
	t.Helper()
	out, err := exec.Command(m.tmux, append([]string{"-S", m.socket, "send-keys", "-t", "0"}, keys...)...).CombinedOutput()
	require.NoError(t, err, string(out))
}

// waitFor polls the screen until it shows text, or fails after 5 s.
func (m tmuxTerm) waitFor(t *testing.T, text string) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	var screen string
	for time.Now().Before(deadline) {
		screen = m.screen(t)
		if i := strings.Index(screen, text); i >= 0 {
			line, _, _ := strings.Cut(screen[i:], "\n")
			return line
		}
		time.Sleep(30 * time.Millisecond)
	}
	t.Fatalf("the screen never showed %q; it shows:\n%s", text, screen)
	return ""
}
