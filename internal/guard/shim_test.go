package guard

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/testenv"
)

// fakeTools makes a directory of stand-ins that print who ran and with
// which arguments, one per line: the real tools, and stint.
func fakeTools(t *testing.T, tools ...string) (dir, stint string) {
	t.Helper()
	dir = t.TempDir()
	for _, tool := range append(tools, "stint") {
		body := "#!/bin/sh\nprintf '%s\\n' " + shQuote(tool) + " \"$@\"\n"
		require.NoError(t, os.WriteFile(filepath.Join(dir, tool), []byte(body), 0o755))
	}
	return dir, filepath.Join(dir, "stint")
}

// The shim is the sh copy of Classify: for every case of the table it sends
// exactly the mutating lines to `stint guard`, with the real tool's path
// and every argument intact, and execs the real tool for the rest.
func TestShimAgreesWithClassify(t *testing.T) {
	sh := testenv.Program(t, "sh")
	toolsDir, stint := fakeTools(t, "kubectl", "helm", "terraform", "tofu", "argocd", "pulumi")
	guardDir := t.TempDir()
	tools := append(append([]string{}, Tools...), "argocd", "pulumi")
	require.NoError(t, WriteShims(guardDir, stint, tools, testRules))
	lines := make([]string, 0, len(classifyCases))
	for _, c := range classifyCases {
		lines = append(lines, c.line)
	}
	// Arguments with blanks, quotes and globs reach the tool unchanged.
	lines = append(lines, "kubectl get pods -l 'a in (b, c)' *")
	for _, line := range lines {
		t.Run(line, func(t *testing.T) {
			f := strings.Fields(line)
			if strings.Contains(line, "'a in") {
				f = []string{"kubectl", "get", "pods", "-l", "a in (b, c)", "*"}
			}
			cmd := exec.Command(sh, append([]string{"-c", `"$@"`, "sh"}, f...)...)
			cmd.Env = []string{"PATH=" + guardDir + ":" + toolsDir + ":/usr/bin:/bin"}
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, string(out))
			v := Classify(f[0], f[1:], testRules)
			want := append([]string{f[0]}, f[1:]...)
			if v.Mutating {
				want = append([]string{"stint", "guard", "--real", filepath.Join(toolsDir, f[0]), "--"}, f...)
			}
			assert.Equal(t, strings.Join(want, "\n")+"\n", string(out))
		})
	}
}

// The real tool is the first one on PATH outside every guard directory —
// a second guard directory (another stint home) is skipped too, so two
// shims never call each other — and a tool found nowhere is exit 127.
func TestShimFindsTheRealTool(t *testing.T) {
	sh := testenv.Program(t, "sh")
	toolsDir, stint := fakeTools(t, "kubectl")
	one, two := t.TempDir(), t.TempDir()
	require.NoError(t, WriteShims(one, stint, Tools, nil))
	require.NoError(t, WriteShims(two, stint, Tools, nil))
	empty := t.TempDir()
	run := func(path string, args ...string) (string, int) {
		cmd := exec.Command(sh, append([]string{"-c", `"$@"`, "sh"}, args...)...)
		cmd.Env = []string{"PATH=" + path}
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		return string(out), code
	}
	out, code := run(one+":"+two+":"+empty+":"+toolsDir, "kubectl", "get", "pods")
	assert.Equal(t, 0, code)
	assert.Equal(t, "kubectl\nget\npods\n", out)
	out, code = run(one+"::"+toolsDir, "kubectl", "get", "pods")
	assert.Equal(t, 0, code, "an empty PATH entry is the current directory, as in any shell")
	assert.Equal(t, "kubectl\nget\npods\n", out)
	out, code = run(one+":"+empty, "terraform", "plan")
	assert.Equal(t, 127, code)
	assert.Equal(t, "stint: terraform: command not found on PATH\n", out)
}

func TestWriteShimsKeepsOnlyTheListedTools(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, WriteShims(dir, "/bin/stint", append([]string{"argocd"}, Tools...), nil))
	require.NoError(t, WriteShims(dir, "/bin/stint", Tools, nil))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		info, err := e.Info()
		require.NoError(t, err)
		if e.Name() != Marker {
			assert.Equal(t, os.FileMode(0o700), info.Mode().Perm(), e.Name())
		}
	}
	assert.ElementsMatch(t, append([]string{Marker}, Tools...), names)
}
