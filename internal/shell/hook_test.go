package shell

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseKey(t *testing.T) {
	good := map[string]string{
		"alt-s": "alt-s", "ALT-s": "alt-s", "alt-S": "alt-S", "ctrl-g": "ctrl-g", "Ctrl-G": "ctrl-g",
		"ctrl-alt-x": "ctrl-alt-x", "alt-ctrl-x": "ctrl-alt-x", "alt-7": "alt-7",
	}
	for spec, canonical := range good {
		k, err := ParseKey(spec)
		if assert.NoError(t, err, spec) {
			assert.Equal(t, canonical, k.String(), spec)
		}
	}
	bad := map[string]string{
		"":          "name a modifier",
		"s":         "name a modifier",
		"alt-":      "one letter or digit",
		"alt-ss":    "one letter or digit",
		"shift-s":   `unknown modifier "shift"`,
		"alt-alt-s": "alt is given twice",
		"ctrl-1":    "ctrl works with letters only",
		"ctrl-c":    "interrupts",
		"ctrl-m":    "Enter",
		"alt-é":     "one letter or digit",
		"alt-'":     "one letter or digit",
	}
	for spec, why := range bad {
		_, err := ParseKey(spec)
		if assert.Error(t, err, spec) {
			assert.Contains(t, err.Error(), why, spec)
			assert.Contains(t, err.Error(), "examples: alt-s", spec)
		}
	}
}

func TestKeySequences(t *testing.T) {
	cases := []struct {
		spec            string
		bash, zsh, fish string
	}{
		{"alt-s", `\es`, `^[s`, `\es`},
		{"alt-S", `\eS`, `^[S`, `\eS`},
		{"ctrl-g", `\C-g`, `^G`, `\cg`},
		{"ctrl-alt-x", `\e\C-x`, `^[^X`, `\e\cx`},
	}
	for _, c := range cases {
		k, err := ParseKey(c.spec)
		require.NoError(t, err)
		assert.Equal(t, c.bash, k.sequence(Bash), c.spec)
		assert.Equal(t, c.zsh, k.sequence(Zsh), c.spec)
		assert.Equal(t, c.fish, k.sequence(Fish), c.spec)
	}
}

func TestHookRejectsBadOptions(t *testing.T) {
	_, err := Hook(Bash, HookOptions{Key: "ctrl-c", EvalDir: "/run/e"})
	assert.ErrorContains(t, err, "bad hotkey")
	_, err = Hook(Bash, HookOptions{Binary: "bin/stint", EvalDir: "/run/e"})
	assert.ErrorContains(t, err, "not absolute")
	_, err = Hook(Bash, HookOptions{EvalDir: "run/e"})
	assert.ErrorContains(t, err, "eval directory")
	_, err = Hook(Fish, HookOptions{EvalDir: "/run/e"})
	assert.ErrorContains(t, err, "needs rm")
	_, err = Hook(Kind(0), HookOptions{EvalDir: "/run/e"})
	assert.ErrorContains(t, err, "unknown shell")
}

// Every hook, for several keys and binary paths, parses in its shell.
func TestHookSyntax(t *testing.T) {
	for _, sh := range Kinds {
		t.Run(sh.String(), func(t *testing.T) {
			requireShell(t, sh)
			for _, key := range []string{"", "alt-S", "ctrl-g", "ctrl-alt-x", "alt-0"} {
				for _, bin := range []string{"", "/usr/local/bin/stint", "/opt/it's $HOME/`x`/st int"} {
					opts := hookOptions(t, bin)
					opts.Key = key
					script, err := Hook(sh, opts)
					require.NoError(t, err)
					file := filepath.Join(t.TempDir(), "hook")
					require.NoError(t, os.WriteFile(file, []byte(script), 0o600))
					_, err = runShellCmd(t, sh, "-n", file)
					assert.NoError(t, err, "key %q binary %q", key, bin)
				}
			}
		})
	}
}

// fakeStint is a stand-in for the binary. It records what it was given,
// writes the script prepared for its shell (if any) to STINT_EVAL_FILE and
// removes the file (bash, zsh), and exits with the status named by its
// first argument ("kill" kills itself after writing, before removing).
const fakeStint = `#!/bin/sh
PATH=/usr/bin:/bin
dir=$(dirname "$0")
n=$(cat "$dir/calls" 2>/dev/null || echo 0); n=$((n+1)); echo "$n" > "$dir/calls"
printf '%s\n' "$STINT_EVAL_FILE" > "$dir/evalfile.$n"
[ -f "$STINT_EVAL_FILE" ] && echo exists > "$dir/existed.$n"
printf '%s\0' "$@" > "$dir/args.$n"
env -0 > "$dir/binenv.$n"
if [ -f "$dir/script.$STINT_SHELL.$n" ]; then cat "$dir/script.$STINT_SHELL.$n" > "$STINT_EVAL_FILE"; fi
case "$1" in kill) kill -TERM $$ ;; esac
# As the real binary does: bash's and zsh's hooks read the script from the
# descriptor they hold, so the file goes now; fish's hook removes it.
[ "$STINT_SHELL" = fish ] || rm -f "$STINT_EVAL_FILE"
exit "$1"
`

// TestHookWrapsBinary loads each hook (twice, under nounset where the shell
// has it) in a real non-interactive shell with a fake binary, and checks
// the protocol: the script is applied, the temp file is private and always
// removed, the binary's status comes back, arguments pass through intact,
// STINT_EVAL_FILE/STINT_SHELL/STINT_PICKER never enter the shell, and TMUX
// reaches the binary as STINT_TMUX only, the shell's own kept.
func TestHookWrapsBinary(t *testing.T) {
	for _, sh := range Kinds {
		t.Run(sh.String(), func(t *testing.T) {
			requireShell(t, sh)
			binDir := filepath.Join(t.TempDir(), "fake bin's dir")
			require.NoError(t, os.MkdirAll(binDir, 0o755))
			bin := filepath.Join(binDir, "stint")
			require.NoError(t, os.WriteFile(bin, []byte(fakeStint), 0o755))
			opts := hookOptions(t, bin)
			tmp := opts.EvalDir
			hook, err := Hook(sh, opts)
			require.NoError(t, err)
			hookFile := filepath.Join(t.TempDir(), "hook")
			require.NoError(t, os.WriteFile(hookFile, []byte(hook), 0o600))

			// Call 1 writes a script and exits 0; call 2 writes one and
			// exits 3 (still applied); call 3 writes none and exits 5;
			// call 4 is killed after writing: its script must not run.
			nasty := "it's \"$HOME\" `x` \n\xff"
			writeScript := func(n int, value string) {
				script := Render(sh, Change{Ops: []Op{{Name: fmt.Sprintf("FROM_CALL_%d", n), Value: value}}})
				require.NoError(t, os.WriteFile(filepath.Join(binDir, fmt.Sprintf("script.%s.%d", sh, n)), []byte(script), 0o600))
			}
			writeScript(1, nasty)
			writeScript(2, "two")
			writeScript(4, "never")

			out := t.TempDir()
			q := func(s string) string { return Quote(sh, s) }
			var script strings.Builder
			switch sh {
			case Bash:
				script.WriteString("set -u\n")
			case Zsh:
				script.WriteString("setopt nounset\n")
			}
			fmt.Fprintf(&script, "source %s\n", q(hookFile))
			fmt.Fprintf(&script, "printf '%%s' \"$STINT_SESSION\" > %s\n", q(filepath.Join(out, "session1")))
			fmt.Fprintf(&script, "source %s\n", q(hookFile))
			fmt.Fprintf(&script, "printf '%%s' \"$STINT_SESSION\" > %s\n", q(filepath.Join(out, "session2")))
			calls := [][]string{{"0", "a b", "-x", nasty, ""}, {"3"}, {"5"}, {"kill"}}
			for i, args := range calls {
				// No command of the hook goes through PATH.
				script.WriteString("PATH=/nonexistent stint")
				for _, a := range args {
					script.WriteString(" " + q(a))
				}
				fmt.Fprintf(&script, "\necho %s > %s\n", statusVar(sh), q(filepath.Join(out, fmt.Sprintf("status.%d", i+1))))
				script.WriteString(dumpEnvCmd(sh, filepath.Join(out, fmt.Sprintf("env.%d", i+1))))
			}
			env := baseEnv(t, "C.UTF-8")
			// Neither TMPDIR nor PATH matter: the file is in the eval
			// directory, and the hook calls no command through PATH.
			env["TMPDIR"] = "/nonexistent"
			const tmux = "/tmp/tmux-1000/default,4242,0"
			env["TMUX"] = tmux // the binary gets it as STINT_TMUX, the shell keeps it
			runShell(t, sh, env, script.String())

			read := func(dir, name string) string {
				b, err := os.ReadFile(filepath.Join(dir, name))
				require.NoError(t, err)
				return string(b)
			}
			session := read(out, "session1")
			assert.Regexp(t, regexp.MustCompile(`^[0-9]+-[0-9]+$`), session)
			assert.Equal(t, session, read(out, "session2"), "loading the hook twice must keep the session")

			wantStatus := []string{"0", "3", "5", "143"}
			for i := range calls {
				n := i + 1
				assert.Equal(t, wantStatus[i], strings.TrimSpace(read(out, fmt.Sprintf("status.%d", n))), "status of call %d", n)
				evalFile := strings.TrimSpace(read(binDir, fmt.Sprintf("evalfile.%d", n)))
				assert.Equal(t, tmp, filepath.Dir(evalFile), "eval file lives in the eval directory")
				assert.Regexp(t, `^eval\.[0-9]+\.[0-9]+$`, filepath.Base(evalFile))
				assert.Equal(t, "exists\n", read(binDir, fmt.Sprintf("existed.%d", n)), "the hook made the file first")
				if n == 4 && sh != Fish {
					// Killed between its write and its unlink: the hook never
					// reads it; the next run of the real binary sweeps it.
					assert.FileExists(t, evalFile)
					require.NoError(t, os.Remove(evalFile))
				}
				assert.NoFileExists(t, evalFile, "call %d left its eval file", n)

				binEnv := parseEnv0(t, []byte(read(binDir, fmt.Sprintf("binenv.%d", n))))
				assert.Equal(t, evalFile, binEnv[VarEvalFile])
				assert.Equal(t, sh.String(), binEnv[VarShell])
				assert.Equal(t, "", binEnv[VarPicker])
				assert.Equal(t, session, binEnv[VarSession])
				assert.Equal(t, tmux, binEnv[VarTmux])
				assert.Empty(t, binEnv["TMUX"], "hidden from Lip Gloss's detection")

				shellEnv := parseEnv0(t, []byte(read(out, fmt.Sprintf("env.%d", n))))
				for _, name := range []string{VarEvalFile, VarShell, VarPicker, VarTmux} {
					assert.NotContains(t, shellEnv, name, "%s leaked into the shell", name)
				}
				assert.Equal(t, tmux, shellEnv["TMUX"])
				assert.Equal(t, session, shellEnv[VarSession])
				switch n {
				case 1:
					assert.Equal(t, nasty, shellEnv["FROM_CALL_1"])
				case 2:
					assert.Equal(t, "two", shellEnv["FROM_CALL_2"])
				case 4:
					assert.NotContains(t, shellEnv, "FROM_CALL_4", "a killed binary's script was sourced")
				}
			}
			args := strings.Split(read(binDir, "args.1"), "\x00")
			assert.Equal(t, append(calls[0], ""), args, "arguments reach the binary intact")
			leftovers, err := os.ReadDir(tmp)
			require.NoError(t, err)
			assert.Empty(t, leftovers, "temp files left behind")
		})
	}
}

func statusVar(sh Kind) string {
	if sh == Fish {
		return "$status"
	}
	return "$?"
}

// runShellCmd runs the shell with arguments (such as -n FILE).
func runShellCmd(t testing.TB, sh Kind, args ...string) ([]byte, error) {
	t.Helper()
	cmd := exec.Command(requireShell(t, sh), args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("%w: %s", err, out)
	}
	return out, nil
}
