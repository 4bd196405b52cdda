// Package e2e drives the real stint binary, built once per run, from real
// bash, zsh and fish, against real kubectl, git and (where present) a real
// Secret Service. Each test gets its own STINT_HOME, HOME and TMPDIR.
//
// Tests that need the keyring or a program skip, saying why, without it;
// under scripts/test they fail instead (see internal/testenv).
// Run them all with: scripts/with-keyring go test ./e2e/
package e2e

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/secrets"
	"github.com/stint-sh/stint/internal/testenv"
)

// stintBin is the binary under test, built by TestMain.
var stintBin string

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		fmt.Println("e2e: skipped in -short mode (it builds and drives the real binary)")
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "stint-e2e-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	stintBin = filepath.Join(dir, "stint")
	build := exec.Command("go", "build", "-o", stintBin, "github.com/stint-sh/stint/cmd/stint")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: cannot build stint:", err)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// home is one user's world: STINT_HOME, HOME and TMPDIR, and the
// environment every command of the test starts from.
type home struct {
	t      *testing.T
	dir    string // STINT_HOME
	tmp    string // TMPDIR: where the hook's eval files go
	userHo string // HOME
	env    []string
}

func newHome(t *testing.T) *home {
	t.Helper()
	root := t.TempDir()
	h := &home{t: t, dir: filepath.Join(root, "stint"), tmp: filepath.Join(root, "tmp"), userHo: filepath.Join(root, "home")}
	for _, d := range []string{h.dir, h.tmp, h.userHo} {
		require.NoError(t, os.MkdirAll(d, 0o700))
	}
	h.env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + h.userHo,
		"STINT_HOME=" + h.dir,
		"TMPDIR=" + h.tmp,
		"TZ=UTC",
		"LANG=C.UTF-8",
		"GIT_CONFIG_NOSYSTEM=1",
	}
	if bus := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); bus != "" {
		h.env = append(h.env, "DBUS_SESSION_BUS_ADDRESS="+bus)
	}
	return h
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs the binary with the home's environment plus extra, feeding stdin.
func (h *home) run(stdin string, extra []string, args ...string) result {
	h.t.Helper()
	cmd := exec.Command(stintBin, args...)
	cmd.Env = append(append([]string{}, h.env...), extra...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if err != nil {
		exitErr, ok := err.(*exec.ExitError)
		require.True(h.t, ok, "cannot run stint %v: %v", args, err)
		code = exitErr.ExitCode()
	}
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// ok runs a command that must succeed and returns its stdout.
func (h *home) ok(args ...string) string {
	h.t.Helper()
	r := h.run("", nil, args...)
	require.Equal(h.t, 0, r.code, "stint %v failed: %s", args, r.stderr)
	return r.stdout
}

// secret stores a secret through `stint secret set` (value on stdin).
func (h *home) secret(client, name, value string) {
	h.t.Helper()
	r := h.run(value, nil, "secret", "set", client, name)
	require.Equal(h.t, 0, r.code, "secret set %s %s: %s", client, name, r.stderr)
}

// client adds a client and removes it (with its keyring item) at the end.
func (h *home) client(slug string, args ...string) {
	h.t.Helper()
	h.ok(append([]string{"client", "add", slug}, args...)...)
	h.t.Cleanup(func() { h.run("", nil, "client", "rm", slug, "--force") })
}

// failsCleanly checks the contract for a command that must fail: exit 1,
// one line on stderr starting with "stint: " and containing want, nothing
// on stdout.
func failsCleanly(t *testing.T, r result, want string) {
	t.Helper()
	require.Equal(t, 1, r.code, "want exit 1, got %d (stderr %q)", r.code, r.stderr)
	require.True(t, strings.HasPrefix(r.stderr, "stint: "), "stderr: %q", r.stderr)
	require.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line: %q", r.stderr)
	require.Contains(t, r.stderr, want)
	require.Empty(t, r.stdout)
}

// uniqueSlug gives a client name no other test uses: the keyring is shared
// by every STINT_HOME of the run (items are keyed by client name).
func uniqueSlug(prefix string) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return prefix + "-" + hex.EncodeToString(b)
}

// needKeyring skips the test without a usable Secret Service, or fails it
// when one was promised.
func needKeyring(t *testing.T) {
	t.Helper()
	testenv.Keyring(t, func() error {
		return secrets.New(secrets.SystemBackend(), t.TempDir(), secrets.WithCallTimeout(5*time.Second)).Probe()
	}, "scripts/with-keyring go test ./e2e/")
}

// needTool returns the path of a program the test drives: see testenv.Program.
func needTool(t *testing.T, name string) string {
	t.Helper()
	return testenv.Program(t, name)
}

// parseEnv0 reads the output of `env -0`.
func parseEnv0(t *testing.T, path string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	env := map[string]string{}
	for _, kv := range bytes.Split(raw, []byte{0}) {
		if len(kv) == 0 {
			continue
		}
		k, v, ok := bytes.Cut(kv, []byte("="))
		require.True(t, ok, "not KEY=VALUE in %s: %q", path, kv)
		env[string(k)] = string(v)
	}
	return env
}

// requireSameEnv compares two environments byte for byte, listing every
// difference (values quoted, so invisible bytes show).
func requireSameEnv(t *testing.T, want, got map[string]string, step string) {
	t.Helper()
	var diffs []string
	for k, w := range want {
		if g, ok := got[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: missing, want %q", k, w))
		} else if g != w {
			diffs = append(diffs, fmt.Sprintf("%s: got %q, want %q", k, g, w))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: unexpected, = %q", k, g))
		}
	}
	sort.Strings(diffs)
	require.Empty(t, diffs, "environment after %s differs", step)
}

// with returns a copy of env with sets applied and unsets removed.
func with(env map[string]string, sets map[string]string, unsets ...string) map[string]string {
	out := make(map[string]string, len(env)+len(sets))
	for k, v := range env {
		out[k] = v
	}
	for _, k := range unsets {
		delete(out, k)
	}
	for k, v := range sets {
		out[k] = v
	}
	return out
}

// sessionKubeconfig is where stint writes a session's kubeconfig.
func (h *home) sessionKubeconfig(client, session string) string {
	return filepath.Join(h.dir, "run", "kube", client, "kube-"+session+".yaml")
}

// runShell runs script with a real shell (bash, zsh or fish), without the
// user's rc files, in the home's environment plus extra, and returns its
// combined output. A missing shell skips the test.
func (h *home) runShell(sh, script string, extra ...string) (string, error) {
	h.t.Helper()
	path := needTool(h.t, sh)
	file := filepath.Join(h.t.TempDir(), "script."+sh)
	require.NoError(h.t, os.WriteFile(file, []byte(script), 0o600))
	var args []string
	switch sh {
	case "bash":
		args = []string{"--norc", "--noprofile", file}
	case "zsh":
		args = []string{"-f", file}
	case "fish":
		args = []string{"--no-config", file}
	}
	cmd := exec.Command(path, args...)
	cmd.Env = append(append([]string{}, h.env...), extra...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// startHookedShell starts sh interactively in tmux with the hook loaded
// and a prompt that shows the client, "[acme]> " ("[none]> " outside
// one), and waits for that first prompt.
func startHookedShell(t *testing.T, h *home, sh string) *tmuxSession {
	t.Helper()
	prog := needTool(t, sh)
	cmd := prog + " -i"
	switch sh {
	case "bash":
		rc := filepath.Join(h.userHo, ".bashrc")
		writeFile(t, rc, "PS1='[${STINT_CLIENT:-none}]> '\n"+hookLine("bash"))
		cmd = prog + " --noprofile --rcfile " + rc + " -i"
	case "zsh":
		writeFile(t, filepath.Join(h.userHo, ".zshrc"), "setopt prompt_subst\nPROMPT='[${STINT_CLIENT:-none}]> '\n"+hookLine("zsh"))
	case "fish":
		conf := filepath.Join(h.userHo, ".config", "fish", "config.fish")
		require.NoError(t, os.MkdirAll(filepath.Dir(conf), 0o755))
		writeFile(t, conf, "function fish_prompt; set -q STINT_CLIENT; and echo \"[$STINT_CLIENT]> \"; or echo '[none]> '; end\n"+hookLine("fish"))
	default:
		t.Fatalf("no prompt set-up for %s", sh)
	}
	s := startTmux(t, append(h.env, "ZDOTDIR="+h.userHo), cmd)
	s.waitFor("[none]>")
	return s
}

// hookLine is how each shell loads the hook of the binary under test.
func hookLine(sh string) string {
	if sh == "fish" {
		return fmt.Sprintf("%s hook fish | source\n", stintBin)
	}
	return fmt.Sprintf("eval \"$(%s hook %s)\"\n", stintBin, sh)
}
