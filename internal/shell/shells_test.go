package shell

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stint-sh/stint/internal/testenv"
)

// Helpers that run real shells. Each shell starts without rc files in a
// small, fixed environment, so the only variables are the ones a test puts
// there and the few the shell manages itself (ignoredByShell).

var shellArgv = map[Kind][]string{
	Bash: {"bash", "--norc", "--noprofile"},
	Zsh:  {"zsh", "-f"},
	Fish: {"fish", "--no-config"},
}

// ignoredByShell are variables the shells set or update on their own.
var ignoredByShell = []string{"PWD", "OLDPWD", "SHLVL", "_"}

// locales every round trip runs under: UTF-8, and plain bytes.
var testLocales = []string{"C.UTF-8", "C"}

// requireShell returns the shell's path or skips the test, saying why (or
// fails it under scripts/test: see testenv).
func requireShell(t testing.TB, sh Kind) string {
	t.Helper()
	return testenv.Program(t, shellArgv[sh][0])
}

// baseEnv is the environment every test shell starts from. USER and LOGNAME
// are included because fish and zsh export them when missing.
func baseEnv(t testing.TB, locale string) map[string]string {
	home := t.TempDir()
	return map[string]string{
		"PATH":    os.Getenv("PATH"),
		"HOME":    home,
		"USER":    "tester",
		"LOGNAME": "tester",
		"LC_ALL":  locale,
		"TERM":    "dumb",
	}
}

func envList(env map[string]string) []string {
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

// runShell runs script (written to a file, then run by the shell) with the
// given environment and returns stdout. Stderr is part of the failure message.
func runShell(t testing.TB, sh Kind, env map[string]string, script string) []byte {
	t.Helper()
	out, err := runShellErr(t, sh, env, script)
	if err != nil {
		t.Fatalf("%s failed: %v\nscript:\n%s", sh, err, script)
	}
	return out
}

func runShellErr(t testing.TB, sh Kind, env map[string]string, script string) ([]byte, error) {
	t.Helper()
	path := requireShell(t, sh)
	file := filepath.Join(t.TempDir(), "script."+sh.String())
	if err := os.WriteFile(file, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, append(shellArgv[sh][1:], file)...)
	cmd.Env = envList(env)
	cmd.Dir = env["HOME"]
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return stdout.Bytes(), &shellError{err: err, stderr: stderr.String()}
	}
	return stdout.Bytes(), nil
}

type shellError struct {
	err    error
	stderr string
}

func (e *shellError) Error() string { return e.err.Error() + "; stderr: " + e.stderr }

// parseEnv0 reads `env -0` output into a map, dropping shell-managed names.
func parseEnv0(t testing.TB, dump []byte) map[string]string {
	t.Helper()
	env := map[string]string{}
	for _, entry := range bytes.Split(dump, []byte{0}) {
		if len(entry) == 0 {
			continue
		}
		name, value, ok := strings.Cut(string(entry), "=")
		if !ok {
			t.Fatalf("env -0 entry without '=': %q", entry)
		}
		env[name] = value
	}
	for _, name := range ignoredByShell {
		delete(env, name)
	}
	return env
}

// dumpEnvCmd writes the exported environment, NUL-separated, to file.
func dumpEnvCmd(sh Kind, file string) string {
	return "command env -0 > " + Quote(sh, file) + "\n"
}

// hookOptions are the options of a hook for tests: bin as the binary, and
// a private eval directory of the test's own.
func hookOptions(t testing.TB, bin string) HookOptions {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "eval dir")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return HookOptions{Binary: bin, EvalDir: dir, Rm: testenv.Program(t, "rm")}
}
