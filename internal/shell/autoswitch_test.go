package shell

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/testenv"
)

// fakeSwitcher stands in for the binary: `switch NAME` logs the call and
// hands the shell a script that moves it to NAME.
const fakeSwitcher = `#!/bin/sh
if [ "$1" = switch ]; then
  echo "switch $2" >> "$STINT_FAKE_LOG"
  case "$STINT_SHELL" in
    fish) echo "set -gx STINT_CLIENT $2" > "$STINT_EVAL_FILE" ;;
    *) echo "export STINT_CLIENT=$2" > "$STINT_EVAL_FILE"; rm -f "$STINT_EVAL_FILE" ;;
  esac
fi
exit 0
`

// autoSwitchSetup is a fake binary, a hook and a roots file binding
// acme to DIR/acme (its workdir) and globex to DIR/acme/vendor/globex (a
// repository inside it), and the log of the binary's switches.
func autoSwitchSetup(t *testing.T, sh Kind) (dir, hookFile, log string, env map[string]string) {
	t.Helper()
	dir = t.TempDir()
	bin := filepath.Join(dir, "stint")
	require.NoError(t, os.WriteFile(bin, []byte(fakeSwitcher), 0o755))
	for _, d := range []string{"acme/src", "acme/docs", "acme/vendor/globex/cmd", "acme-other", "elsewhere"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, d), 0o755))
	}
	opts := hookOptions(t, bin)
	opts.Roots = filepath.Join(dir, "roots")
	opts.Activity, opts.IdleAfter = filepath.Join(dir, "activity"), filepath.Join(dir, "idle_after")
	require.NoError(t, os.Mkdir(opts.Activity, 0o700))
	require.NoError(t, os.WriteFile(opts.IdleAfter, []byte("1200\n"), 0o600))
	require.NoError(t, os.WriteFile(opts.Roots, RootsFile([]Root{
		{Client: "acme", Path: filepath.Join(dir, "acme")},
		{Client: "globex", Path: filepath.Join(dir, "acme/vendor/globex")},
	}), 0o600))
	hook, err := Hook(sh, opts)
	require.NoError(t, err)
	hookFile = filepath.Join(dir, "hook")
	require.NoError(t, os.WriteFile(hookFile, []byte(hook), 0o600))
	log = filepath.Join(dir, "switches.log")
	env = baseEnv(t, "C.UTF-8")
	env["TMPDIR"], env["TERM"], env["STINT_FAKE_LOG"] = opts.EvalDir, "xterm", log
	return dir, hookFile, log, env
}

func switchesLogged(t *testing.T, log string) []string {
	t.Helper()
	b, err := os.ReadFile(log)
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	return strings.Fields(strings.ReplaceAll(string(b), "switch ", ""))
}

// TestAutoSwitchInRealShells drives each shell through tmux: entering a
// bound directory switches at the next prompt, moving below it or leaving
// it does not, an explicit switch holds until the next entry into a bound
// directory, and the most specific root wins.
func TestAutoSwitchInRealShells(t *testing.T) {
	tmux := testenv.Program(t, "tmux")
	prompts := map[Kind]string{
		Bash: `PS1='[${STINT_CLIENT:-none}] $ '`,
		Zsh:  `setopt prompt_subst nounset; PROMPT='[${STINT_CLIENT:-none}] %# '`,
		Fish: `function fish_prompt; set -q STINT_CLIENT; and echo "[$STINT_CLIENT] > "; or echo "[none] > "; end`,
	}
	for _, sh := range Kinds {
		t.Run(sh.String(), func(t *testing.T) {
			shellPath := requireShell(t, sh)
			dir, hookFile, log, env := autoSwitchSetup(t, sh)
			argv := append([]string{shellPath}, shellArgv[sh][1:]...)
			argv = append(argv, "-i")
			term := startTmux(t, tmux, filepath.Join(dir, "tmux.sock"), env, argv)
			step := func(cmd, prompt string) {
				t.Helper()
				term.send(t, "clear; "+cmd, "Enter")
				term.waitForIdlePrompt(t, prompt)
			}
			step("source "+Quote(sh, hookFile)+"; "+prompts[sh]+"; cd "+Quote(sh, filepath.Join(dir, "elsewhere")), "[none] ")
			step("cd ../acme-other", "[none] ") // a sibling whose name starts the same is not below
			step("cd ../acme", "[acme] ")
			step("cd src", "[acme] ")
			step("stint switch initech", "[initech] ") // explicit: holds while in acme
			step("cd ../docs", "[initech] ")
			step("cd vendor/globex/cmd 2>/dev/null || cd ../vendor/globex/cmd", "[globex] ") // the inner root wins
			step("cd "+Quote(sh, filepath.Join(dir, "elsewhere")), "[globex] ")              // leaving switches nothing
			step("cd ../acme/src", "[acme] ")                                                // entering again does
			assert.Equal(t, []string{"acme", "initech", "globex", "acme"}, switchesLogged(t, log))
		})
	}
}

// TestAutoSwitchPromptForksNothing proves the per-prompt cost outside bound
// directories (and inside one already switched to) is builtins only: under
// strace, a shell that changes directory and runs the prompt hooks —
// auto_switch's and idle time's notes — two hundred times starts no process
// at all.
func TestAutoSwitchPromptForksNothing(t *testing.T) {
	strace := testenv.Program(t, "strace")
	for _, sh := range Kinds {
		t.Run(sh.String(), func(t *testing.T) {
			shellPath := requireShell(t, sh)
			dir, hookFile, log, env := autoSwitchSetup(t, sh)
			// In acme already (set after loading: a shell started in a
			// client adopts it, which is a process): nothing to switch.
			var script string
			if sh == Fish {
				script = fmt.Sprintf("source %s\nset -gx STINT_CLIENT acme\nset i 0\nwhile test $i -lt 200\n set i (math $i + 1); cd %s; __stint_cd; __stint_idle_prompt; __stint_idle_start; cd %s; __stint_cd; __stint_idle_prompt; __stint_idle_start\nend\n",
					Quote(sh, hookFile), Quote(sh, filepath.Join(dir, "elsewhere")), Quote(sh, filepath.Join(dir, "acme/src")))
			} else {
				script = fmt.Sprintf("source %s\nexport STINT_CLIENT=acme\nfor ((i = 0; i < 200; i++)); do cd %s; __stint_cd; IDLE; cd %s; __stint_cd; IDLE; done\n",
					Quote(sh, hookFile), Quote(sh, filepath.Join(dir, "elsewhere")), Quote(sh, filepath.Join(dir, "acme/src")))
				idle := "__stint_idle"
				if sh == Zsh {
					script = strings.Replace(script, "for ((i", "integer i; for ((i", 1)
					idle = "__stint_idle_prompt; __stint_idle_start"
				}
				script = strings.ReplaceAll(script, "IDLE", idle)
			}
			file := filepath.Join(dir, "script")
			require.NoError(t, os.WriteFile(file, []byte(script), 0o600))
			trace := filepath.Join(dir, "trace")
			argv := append([]string{"-f", "-e", "trace=clone,clone3,fork,vfork,execve", "-o", trace, shellPath}, shellArgv[sh][1:]...)
			cmd := exec.Command(strace, append(argv, file)...)
			cmd.Env = envList(env)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, string(out))
			got, err := os.ReadFile(trace)
			require.NoError(t, err)
			var calls []string
			for _, l := range strings.Split(strings.TrimSpace(string(got)), "\n") {
				// Threads (fish runs a few) are not processes.
				if !strings.Contains(l, "+++") && !strings.Contains(l, "---") && !strings.Contains(l, "CLONE_THREAD") {
					calls = append(calls, l)
				}
			}
			require.NotEmpty(t, calls)
			assert.Len(t, calls, 1, "only the shell's own execve; the trace:\n%s", got)
			assert.Contains(t, calls[0], "execve(")
			assert.Empty(t, switchesLogged(t, log))
		})
	}
}

func TestRootsFile(t *testing.T) {
	got := string(RootsFile([]Root{
		{Client: "acme", Path: "/src/acme/"},
		{Client: "globex", Path: "/src/acme/vendor/globex"},
		{Client: "acme", Path: "/src/acme"}, // the same root twice: once
		{Client: "initech", Path: "relative/path"},
		{Client: "initech", Path: "/"},
		{Client: "initech", Path: "/src/new\nline"},
		{Client: "", Path: "/src/nobody"},
		{Client: "initech", Path: "/srv/x"},
	}))
	assert.Equal(t, "globex\n/src/acme/vendor/globex\nacme\n/src/acme\ninitech\n/srv/x\n", got)
	assert.Empty(t, RootsFile(nil))
}

// BenchmarkPromptOutsideBoundDirs is the prompt hook's cost in bash, run
// as the shell runs it, outside every bound directory (the roots file
// holds 20), next to its peer: the same loop with an empty prompt
// function. A prompt in the same directory costs a string comparison; one
// after a cd reads the roots file and matches, builtins only, no process
// (TestAutoSwitchPromptForksNothing). The shell's start is in every case
// alike.
func BenchmarkPromptOutsideBoundDirs(b *testing.B) {
	shellPath := requireShell(b, Bash)
	dir := b.TempDir()
	var roots []Root
	for i := range 20 {
		roots = append(roots, Root{Client: fmt.Sprintf("client%d", i), Path: filepath.Join(dir, fmt.Sprintf("repo%d", i))})
	}
	for _, d := range []string{"a", "b"} {
		require.NoError(b, os.MkdirAll(filepath.Join(dir, d), 0o755))
	}
	opts := hookOptions(b, filepath.Join(dir, "stint"))
	opts.Roots = filepath.Join(dir, "roots")
	require.NoError(b, os.WriteFile(opts.Roots, RootsFile(roots), 0o600))
	hook, err := Hook(Bash, opts)
	require.NoError(b, err)
	hookFile := filepath.Join(dir, "hook")
	require.NoError(b, os.WriteFile(hookFile, []byte(hook), 0o600))
	for _, c := range []struct{ name, prompt, cd string }{
		{"after-cd/peer-empty-prompt", "__peer", "cd"}, {"after-cd/hook", "__stint_cd", "cd"},
		{"same-dir/peer-empty-prompt", "__peer", ":"}, {"same-dir/hook", "__stint_cd", ":"},
	} {
		b.Run(c.name, func(b *testing.B) {
			// One shell runs b.N prompts, each after a cd (the case that
			// reads the roots file) or none (a prompt in the same
			// directory: one string comparison).
			script := fmt.Sprintf("source %s\n__peer() { :; }\ndirs=(%s %s)\nfor ((i = 0; i < %d; i++)); do %s \"${dirs[i %% 2]}\"; %s; done\n",
				Quote(Bash, hookFile), Quote(Bash, filepath.Join(dir, "a")), Quote(Bash, filepath.Join(dir, "b")), b.N, c.cd, c.prompt)
			file := filepath.Join(dir, "script-"+strings.ReplaceAll(c.name, "/", "-"))
			require.NoError(b, os.WriteFile(file, []byte(script), 0o600))
			b.ResetTimer()
			out, err := exec.Command(shellPath, "--norc", "--noprofile", file).CombinedOutput()
			require.NoError(b, err, string(out))
		})
	}
}
