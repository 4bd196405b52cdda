package shell

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	nastyA = &Plan{Client: "acme", Set: []Var{
		{"AWS_PROFILE", "acme prod's"}, {"AWS_ACCESS_KEY_ID", "AKIA$(id)`x`"},
		{"GIT_SSH_COMMAND", "ssh -i '/keys/acme key' -o IdentitiesOnly=yes"},
		{"ACME_NOTE", "line1\nline2\r\n\ttab \xff\xfe end\\"}, {"EMPTY", ""},
		{"FOOPATH", "/a::/b:"}, {"TF_TOKEN_app_terraform_io", "!!:~%*?[x]"},
	}, Clear: []string{"GH_TOKEN", "AWS_SESSION_TOKEN", "TF_TOKEN_*"}}
	nastyB = &Plan{Client: "globex", Set: []Var{
		{"AWS_PROFILE", "-globex"}, {"KUBECONFIG", "/run/stint/s 1/kube config"}, {"UNI", "日本語 \u202e é"},
	}, Clear: []string{"AWS_ACCESS_KEY_ID", "GH_TOKEN", "TF_TOKEN_*"}}

	// The chain every real-shell switch test walks.
	switchSteps = []struct {
		name string
		plan *Plan
	}{{"acme", nastyA}, {"acme-again", nastyA}, {"globex", nastyB}, {"off", nil}, {"off-again", nil}}
)

// userStartEnv is a shell's environment before its first switch: the user
// already has variables that the clients set or clear, and bytes that are
// not UTF-8.
func userStartEnv(t testing.TB, locale string) map[string]string {
	start := baseEnv(t, locale)
	maps.Copy(start, map[string]string{
		"AWS_PROFILE": "mine", "GH_TOKEN": "my own gh token", "AWS_SESSION_TOKEN": "my\nsession",
		"TF_TOKEN_example_com": "my-tf", "FOOPATH": "/mine:", "MY_BYTES": "\xc3(\xff",
		"EMPTY": "was-not-empty",
	})
	return start
}

// shellSeenEnv returns the environment a process started by this shell would
// see, which is not always what the shell was given: fish resets USER, and
// fish 3 in the C locale re-encodes inherited values that are not UTF-8.
// The stint binary computes from exactly this.
func shellSeenEnv(t testing.TB, sh Kind, start map[string]string) map[string]string {
	file := filepath.Join(t.TempDir(), "env.start")
	runShell(t, sh, start, dumpEnvCmd(sh, file))
	raw, err := os.ReadFile(file)
	require.NoError(t, err)
	return parseEnv0(t, raw)
}

// planChain computes the script and the expected environment of each step.
func planChain(t testing.TB, sh Kind, seen map[string]string) (scripts []string, want []map[string]string) {
	env := maps.Clone(seen)
	for _, s := range switchSteps {
		c, next := step(t, env, s.plan)
		scripts = append(scripts, Render(sh, c))
		want = append(want, next)
		env = next
	}
	return scripts, want
}

// assertChainDumps compares each step's dump with the prediction; fix, if
// given, adjusts a dump first (for values only the real shell knows).
func assertChainDumps(t *testing.T, dumpFile func(i int) string, seen map[string]string, want []map[string]string, fix func(map[string]string)) {
	t.Helper()
	for i, s := range switchSteps {
		raw, err := os.ReadFile(dumpFile(i))
		require.NoError(t, err)
		got := parseEnv0(t, raw)
		if fix != nil {
			fix(got)
		}
		assert.Equal(t, want[i], got, "after %s", s.name)
		if s.plan == nil {
			assert.Equal(t, userVars(seen), userVars(got), "after %s the user's variables are back", s.name)
		}
	}
}

// TestSwitchScriptsInRealShells evaluates acme → acme again → globex → off
// → off in ONE process of each real shell, dumping `env -0` after each step,
// and compares every dump byte for byte with what Compute/Apply predict —
// including the user's own variables, which must be back exactly after off.
func TestSwitchScriptsInRealShells(t *testing.T) {
	for _, sh := range Kinds {
		for _, locale := range testLocales {
			t.Run(sh.String()+"/"+locale, func(t *testing.T) {
				requireShell(t, sh)
				start := userStartEnv(t, locale)
				seen := shellSeenEnv(t, sh, start)
				scripts, want := planChain(t, sh, seen)

				dir := t.TempDir()
				dump := func(i int) string { return filepath.Join(dir, fmt.Sprintf("env.%d", i)) }
				var script strings.Builder
				for i, s := range scripts {
					script.WriteString(s)
					script.WriteString(dumpEnvCmd(sh, dump(i)))
				}
				runShell(t, sh, start, script.String())
				assertChainDumps(t, dump, seen, want, nil)
			})
		}
	}
}

// TestSwitchThroughHook walks the same chain through the hook's `stint`
// function (the fake binary hands over the prepared scripts), so the
// scripts are sourced inside a function as in real use, under nounset.
func TestSwitchThroughHook(t *testing.T) {
	for _, sh := range Kinds {
		t.Run(sh.String(), func(t *testing.T) {
			requireShell(t, sh)
			start := userStartEnv(t, "C.UTF-8")
			start["TMPDIR"] = t.TempDir()
			binDir := t.TempDir()
			bin := filepath.Join(binDir, "stint")
			require.NoError(t, os.WriteFile(bin, []byte(fakeStint), 0o755))
			hook, err := Hook(sh, hookOptions(t, bin))
			require.NoError(t, err)
			hookFile := filepath.Join(binDir, "hook")
			require.NoError(t, os.WriteFile(hookFile, []byte(hook), 0o600))

			// The hook sets STINT_SESSION before the first switch and the
			// binary sees it; use the id step() passes to Compute, so no
			// script touches it, and check the shell's real one separately.
			seen := shellSeenEnv(t, sh, start)
			seen[VarSession] = "4242-7"
			scripts, want := planChain(t, sh, seen)
			for i, s := range scripts {
				file := filepath.Join(binDir, fmt.Sprintf("script.%s.%d", sh, i+1))
				require.NoError(t, os.WriteFile(file, []byte(s), 0o600))
			}

			dir := t.TempDir()
			dump := func(i int) string { return filepath.Join(dir, fmt.Sprintf("env.%d", i)) }
			var script strings.Builder
			switch sh {
			case Bash:
				script.WriteString("set -eu\n")
			case Zsh:
				script.WriteString("setopt nounset errexit\n")
			}
			script.WriteString("source " + Quote(sh, hookFile) + "\n")
			for i := range scripts {
				script.WriteString("stint 0\n")
				script.WriteString(dumpEnvCmd(sh, dump(i)))
			}
			runShell(t, sh, start, script.String())
			assertChainDumps(t, dump, seen, want, func(got map[string]string) {
				assert.Regexp(t, `^[0-9]+-[0-9]+$`, got[VarSession], "the hook's session id")
				got[VarSession] = "4242-7"
			})
		})
	}
}
