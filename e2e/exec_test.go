package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestExecPassesExitCodesThrough(t *testing.T) {
	h := newHome(t)
	slug := uniqueSlug("acme")
	h.client(slug)
	h.ok("set", slug, "GREETING=hello there")

	r := h.run("", nil, "exec", slug, "--", "sh", "-c", `printf '%s|%s' "$GREETING" "$STINT_CLIENT"; exit 7`)
	require.Equal(t, 7, r.code)
	require.Equal(t, "hello there|"+slug, r.stdout)
	require.Empty(t, r.stderr, "a failing child is not stint's error")

	r = h.run("", nil, "exec", slug, "--", "sh", "-c", "kill -TERM $$")
	require.Equal(t, 128+int(syscall.SIGTERM), r.code, "killed by SIGTERM: 143")

	// Without "--" too; flags after NAME belong to the command.
	r = h.run("", nil, "exec", slug, "sh", "-c", "echo -n ok")
	require.Equal(t, 0, r.code, r.stderr)
	require.Equal(t, "ok", r.stdout)

	r = h.run("", nil, "exec", slug, "--", "no-such-command-"+slug)
	require.Equal(t, 127, r.code)
	require.Contains(t, r.stderr, "command not found")

	failsCleanly(t, h.run("", nil, "exec", uniqueSlug("nobody"), "--", "true"), "no client named")

	// The child's session kubeconfig goes when the child is done.
	files, _ := filepath.Glob(filepath.Join(h.dir, "run", "kube", slug, "*"))
	require.Empty(t, files)
}

// startExec starts `stint exec` with a child that prints "ready $$" and
// then becomes sleep; it returns once the child is sleep, with the command
// and the child's pid. Until then a signal could reach the child's sh
// between its echo and its exec, which is not what the tests are about.
func startExec(t *testing.T, h *home, slug string) (*exec.Cmd, int) {
	t.Helper()
	cmd := exec.Command(stintBin, "exec", slug, "--", "sh", "-c", `echo "ready $$"; exec sleep 30`)
	cmd.Env = h.env
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stdin = strings.NewReader("") // not a terminal: signals are forwarded
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	pid, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "ready ")))
	require.NoError(t, err, "child said %q", line)
	require.Eventually(t, func() bool { return programOf(pid) == "sleep" },
		10*time.Second, 5*time.Millisecond, "the child never became sleep")
	return cmd, pid
}

// programOf names the program process pid runs (its argv[0]): from /proc
// where there is one, from ps elsewhere.
func programOf(pid int) string {
	if argv, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid)); err == nil {
		name, _, _ := bytes.Cut(argv, []byte{0})
		return string(name)
	}
	out, err := exec.Command("ps", "-o", "comm=", "-p", strconv.Itoa(pid)).Output()
	if err != nil {
		return ""
	}
	return filepath.Base(strings.TrimSpace(string(out)))
}

func exitCodeOf(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil {
			return 0
		}
		exitErr, ok := err.(*exec.ExitError)
		require.True(t, ok, "%v", err)
		return exitErr.ExitCode()
	case <-time.After(20 * time.Second):
		t.Fatal("stint exec did not exit after its child was signalled")
		return -1
	}
}

func TestExecForwardsSignals(t *testing.T) {
	h := newHome(t)
	slug := uniqueSlug("acme")
	h.client(slug)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd, _ := startExec(t, h, slug)
			require.NoError(t, cmd.Process.Signal(sig))
			require.Equal(t, 128+int(sig), exitCodeOf(t, cmd))
		})
	}
}

// TestExecSecretsOnlyInTheEnvironment: the child sees the secret in its
// environment; no process's argv (what `ps` shows) holds it.
func TestExecSecretsOnlyInTheEnvironment(t *testing.T) {
	needKeyring(t)
	if _, err := os.Stat("/proc/self/cmdline"); err != nil {
		t.Skip("skipped: needs /proc to read other processes' argv")
	}
	h := newHome(t)
	slug := uniqueSlug("acme")
	marker := "MARKER" + uniqueSlug("secret")
	h.client(slug)
	h.secret(slug, "API_TOKEN", marker)

	cmd, child := startExec(t, h, slug)
	environ, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", child))
	require.NoError(t, err)
	require.Contains(t, "\x00"+string(environ), "\x00API_TOKEN="+marker+"\x00")

	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	require.NotEmpty(t, procs)
	for _, p := range procs {
		argv, err := os.ReadFile(p)
		if err == nil {
			require.False(t, bytes.Contains(argv, []byte(marker)), "%s shows the secret in argv: %q", p, argv)
		}
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.Equal(t, 143, exitCodeOf(t, cmd))
}

// TestSubshell: `stint shell` starts $SHELL in the client's environment and
// workdir and passes its exit status through.
func TestSubshell(t *testing.T) {
	h := newHome(t)
	slug := uniqueSlug("acme")
	work := t.TempDir()
	h.client(slug, "--workdir", work)
	h.ok("set", slug, "IN_SUB=yes")
	r := h.run(`printf '%s|%s|%s\n' "$IN_SUB" "$STINT_CLIENT" "$(pwd)"; exit 3`+"\n", []string{"SHELL=/bin/sh"}, "shell", slug)
	require.Equal(t, 3, r.code, r.stderr)
	require.Equal(t, "yes|"+slug+"|"+work+"\n", r.stdout)
	require.Contains(t, r.stderr, "subshell in "+slug)
}

// TestExecRunsWhereTheCallerIs: `stint exec` runs its command in the
// caller's directory, not the client's workdir: `stint exec acme --
// terraform plan` from a module's directory must plan that module. Only
// `stint shell` starts in the workdir.
func TestExecRunsWhereTheCallerIs(t *testing.T) {
	h := newHome(t)
	slug := uniqueSlug("acme")
	work, module := t.TempDir(), t.TempDir()
	h.client(slug, "--workdir", work)

	cmd := exec.Command(stintBin, "exec", slug, "--", "pwd", "-P")
	cmd.Env, cmd.Dir = h.env, module
	out, err := cmd.Output()
	require.NoError(t, err)
	want, err := filepath.EvalSymlinks(module)
	require.NoError(t, err)
	require.Equal(t, want+"\n", string(out))

	cmd = exec.Command(stintBin, "shell", slug)
	cmd.Env, cmd.Dir = append(append([]string{}, h.env...), "SHELL=/bin/sh"), module
	cmd.Stdin = strings.NewReader("pwd -P\n")
	out, err = cmd.Output()
	require.NoError(t, err)
	want, err = filepath.EvalSymlinks(work)
	require.NoError(t, err)
	require.Equal(t, want+"\n", string(out))
}

// TestArchivedClientIsRefusedEverywhere: an offboarded client's name is
// refused by switch (through the hook), env, exec and shell, with one line
// and exit 1, and nothing is written for it.
func TestArchivedClientIsRefusedEverywhere(t *testing.T) {
	h := newHome(t)
	slug := uniqueSlug("gone")
	h.client(slug)
	h.ok("client", "edit", slug, "--archive")
	want := "client " + slug + " is archived (offboarded)"
	failsCleanly(t, h.run("", nil, "env", slug), want)
	failsCleanly(t, h.run("", nil, "exec", slug, "--", "true"), want)
	failsCleanly(t, h.run("", []string{"SHELL=/bin/sh"}, "shell", slug), want)
	out, err := h.runShell("bash", hookLine("bash")+fmt.Sprintf("stint switch %s; echo \"rc=$? client=${STINT_CLIENT-none}\"\n", slug))
	require.NoError(t, err, out)
	require.Contains(t, out, want)
	require.Contains(t, out, "rc=1 client=none")
	files, _ := filepath.Glob(filepath.Join(h.dir, "run", "kube", slug, "*"))
	require.Empty(t, files)
	var access struct{ Events []json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(h.ok("access", slug, "--json")), &access))
	require.Empty(t, access.Events, "no access-log row")
}

func TestCurrentReadsTheEnvironmentOnly(t *testing.T) {
	h := newHome(t)
	// No STINT_HOME database is touched: point it at a file, which would
	// make any database access fail.
	notADir := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(notADir, nil, 0o600))
	env := []string{"STINT_HOME=" + notADir, "STINT_CLIENT=acme", "STINT_SESSION=1-2", "STINT_PREV=globex"}
	r := h.run("", env, "current", "--json")
	require.Equal(t, 0, r.code, r.stderr)
	require.JSONEq(t, `{"client":"acme","session":"1-2","previous":"globex","hooked":false}`, r.stdout)
	r = h.run("", env, "current")
	require.Equal(t, "acme\n", r.stdout)
}
