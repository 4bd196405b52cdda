package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// q quotes a word for bash, zsh and fish alike (no single quotes inside).
func q(s string) string { return "'" + s + "'" }

// status writes the last command's status to file, in sh's syntax.
func status(sh, file string) string {
	if sh == "fish" {
		return "echo $status > " + q(file) + "\n"
	}
	return "echo $? > " + q(file) + "\n"
}

func readTrim(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return strings.TrimSpace(string(b))
}

// TestExecLimitsKeepTheShellUsable: a client whose variables together pass
// what exec accepts (twenty of 120 KB — each one fits) cannot be switched
// to: one line names the biggest, and the shell still runs /bin/true and
// `stint off`. A value that fits on its own switches fine, and one that
// cannot be exported at all is refused when it is stored.
func TestExecLimitsKeepTheShellUsable(t *testing.T) {
	h := newHome(t)
	big, fits := uniqueSlug("big"), uniqueSlug("fits")
	h.client(big)
	for i := range 20 {
		h.ok("set", big, fmt.Sprintf("BIG_%02d=%s", i, strings.Repeat("v", 120_000-i)))
	}
	h.client(fits)
	h.ok("set", fits, "ONE_BIG="+strings.Repeat("f", 130_000))

	r := h.run(strings.Repeat("s", 131_100), nil, "secret", "set", fits, "HUGE_TOKEN")
	require.Equal(t, 2, r.code, r.stderr)
	assert.Contains(t, r.stderr, "the value of HUGE_TOKEN is 131100 bytes; a variable (NAME=value) may hold at most")
	failsCleanly(t, h.run("", nil, "exec", big, "--", "/bin/true"), "the biggest variables are BIG_00")

	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			needTool(t, sh)
			dir := t.TempDir()
			f := func(name string) string { return filepath.Join(dir, name) }
			script := hookLine(sh) +
				"stint switch " + big + " 2> " + q(f("err")) + "\n" + status(sh, f("switch")) +
				"/bin/true\n" + status(sh, f("true")) +
				"stint off 2> /dev/null\n" + status(sh, f("off")) +
				"stint switch " + fits + " 2> /dev/null\n" + status(sh, f("fits")) +
				"/bin/true\n" + status(sh, f("true-in-fits")) +
				"stint off 2> /dev/null\n" + status(sh, f("off-fits"))
			out, err := h.runShell(sh, script)
			require.NoError(t, err, out)
			assert.Equal(t, "1", readTrim(t, f("switch")))
			stderr := readTrim(t, f("err"))
			assert.Equal(t, 0, strings.Count(stderr, "\n"), stderr)
			assert.Contains(t, stderr, "stint: cannot switch to "+big+": the environment would be")
			assert.Contains(t, stderr, "the biggest variables are BIG_00 (117 KiB), BIG_01 (117 KiB), BIG_02 (117 KiB)")
			for _, step := range []string{"true", "off", "fits", "true-in-fits", "off-fits"} {
				assert.Equal(t, "0", readTrim(t, f(step)), step)
			}
		})
	}
}

// TestHookCallsNothingThroughPath: with a PATH that holds no command at
// all, a hooked shell still switches, and leaves, and a function named
// export sees nothing.
func TestHookCallsNothingThroughPath(t *testing.T) {
	h := newHome(t)
	slug := uniqueSlug("nopath")
	h.client(slug)
	h.ok("set", slug, "SENTINEL=sentinel value")
	spies := map[string]string{
		"bash": "export() { echo \"$*\" >> \"$SPY\"; }\nunset() { echo \"$*\" >> \"$SPY\"; }\n",
		"zsh":  "export() { echo \"$*\" >> \"$SPY\"; }\nunset() { echo \"$*\" >> \"$SPY\"; }\n",
		"fish": "function printf; echo $argv >> $SPY; end\n",
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			needTool(t, sh)
			dir := t.TempDir()
			f := func(name string) string { return filepath.Join(dir, name) }
			setPath := "PATH=/nonexistent\n"
			if sh == "fish" {
				setPath = "set -gx PATH /nonexistent\n"
			}
			script := hookLine(sh) + spies[sh] + setPath +
				"stint switch " + slug + " 2> " + q(f("said")) + "\n" + status(sh, f("switch")) +
				"echo \"$SENTINEL\" > " + q(f("sentinel")) + "\n" +
				"stint off\n" + status(sh, f("off")) +
				"echo \"[$SENTINEL]\" > " + q(f("sentinel-after")) + "\n"
			out, err := h.runShell(sh, script, "SPY="+f("spy"))
			require.NoError(t, err, out)
			assert.Equal(t, "0", readTrim(t, f("switch")))
			assert.Contains(t, readTrim(t, f("said")), "→ "+slug)
			assert.Equal(t, "sentinel value", readTrim(t, f("sentinel")))
			assert.Equal(t, "0", readTrim(t, f("off")))
			assert.Equal(t, "[]", readTrim(t, f("sentinel-after")))
			assert.NoFileExists(t, f("spy"), "a function named like a command saw the switch")
		})
	}
}

// TestHangUpBetweenWriteAndEval: the shell is hung up after the binary has
// written its script and before the shell evaluated it (a wrapper around
// the binary sleeps there). No script stays on disk: bash and zsh read it
// from a descriptor of a file the binary already removed; fish's file is
// removed by the next stint run, since its shell is gone.
func TestHangUpBetweenWriteAndEval(t *testing.T) {
	h := newHome(t)
	slug := uniqueSlug("hup")
	h.client(slug)
	h.ok("set", slug, "SENTINEL=hang-up-sentinel")
	evalDir := filepath.Join(h.dir, "run", "eval")
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			shPath := needTool(t, sh)
			dir := t.TempDir()
			written := filepath.Join(dir, "written")
			wrapper := filepath.Join(dir, "stint-slow")
			require.NoError(t, os.WriteFile(wrapper, []byte("#!/bin/sh\n"+q(stintBin)+" \"$@\"\nst=$?\ntouch "+q(written)+"\nsleep 30\nexit $st\n"), 0o755))
			hook := h.ok("hook", sh)
			require.Contains(t, hook, stintBin)
			hookFile := filepath.Join(dir, "hook")
			require.NoError(t, os.WriteFile(hookFile, []byte(strings.ReplaceAll(hook, stintBin, wrapper)), 0o600))

			script := "source " + q(hookFile) + "\nstint switch " + slug + "\n"
			file := filepath.Join(dir, "script")
			require.NoError(t, os.WriteFile(file, []byte(script), 0o600))
			args := map[string][]string{"bash": {"--norc", "--noprofile", file}, "zsh": {"-f", file}, "fish": {"--no-config", file}}[sh]
			cmd := exec.Command(shPath, args...)
			cmd.Env = h.env
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			require.NoError(t, cmd.Start())
			deadline := time.Now().Add(20 * time.Second)
			for {
				if _, err := os.Stat(written); err == nil {
					break
				}
				require.True(t, time.Now().Before(deadline), "the binary never wrote: %s", out.String())
				time.Sleep(20 * time.Millisecond)
			}
			require.NoError(t, syscall.Kill(-cmd.Process.Pid, syscall.SIGHUP))
			_ = cmd.Wait()

			holding := func() []string {
				var found []string
				entries, _ := os.ReadDir(evalDir)
				for _, e := range entries {
					b, _ := os.ReadFile(filepath.Join(evalDir, e.Name()))
					if bytes.Contains(b, []byte("hang-up-sentinel")) {
						found = append(found, e.Name())
					}
				}
				return found
			}
			if sh != "fish" {
				assert.Empty(t, holding(), "a script outlived the binary")
			}
			h.ok("client", "list") // the next run of stint
			assert.Empty(t, holding(), "a script is still on disk after the next run")
		})
	}
}

// TestFishUniversalTokenStaysOutOfClients: a token kept as an exported
// fish universal (`set -Ux GITHUB_TOKEN …`) reaches no program inside a
// client, and `stint off` brings it back as the universal it was.
func TestFishUniversalTokenStaysOutOfClients(t *testing.T) {
	fish := needTool(t, "fish")
	h := newHome(t)
	slug := uniqueSlug("uni")
	h.client(slug)
	h.ok("set", slug, "REGION=eu")
	dir := t.TempDir()
	f := func(name string) string { return q(filepath.Join(dir, name)) }
	script := "set -Ux GITHUB_TOKEN univ-token\n" + hookLine("fish") +
		"stint switch " + slug + " 2>/dev/null\n" +
		"command env -0 > " + f("in") + "\n" +
		"stint off 2>/dev/null\n" +
		"command env -0 > " + f("out") + "\n" +
		"set -S GITHUB_TOKEN > " + f("show") + "\n"
	file := filepath.Join(dir, "script.fish")
	require.NoError(t, os.WriteFile(file, []byte(script), 0o600))
	// Not --no-config, which turns universal variables off: fish gets an
	// empty config directory of its own instead.
	cmd := exec.Command(fish, file)
	cmd.Env = append(append([]string{}, h.env...), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_DATA_HOME="+filepath.Join(dir, "data"))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)

	inside := parseEnv0(t, filepath.Join(dir, "in"))
	require.Equal(t, slug, inside["STINT_CLIENT"])
	assert.Empty(t, inside["GITHUB_TOKEN"], "the universal token reached a program inside the client")
	after := parseEnv0(t, filepath.Join(dir, "out"))
	assert.Equal(t, "univ-token", after["GITHUB_TOKEN"])
	show, err := os.ReadFile(filepath.Join(dir, "show"))
	require.NoError(t, err)
	assert.Contains(t, string(show), "set in universal scope, exported")
	assert.NotContains(t, string(show), "global scope, exported", "off left a global copy")
}
