package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shBlocks returns the lines of the ```sh blocks of README.md's section
// that starts with heading, up to the next section of the same level.
func shBlocks(t *testing.T, readme, heading string) []string {
	t.Helper()
	start := strings.Index(readme, "\n"+heading+"\n")
	require.GreaterOrEqual(t, start, 0, "README.md has no %q section", heading)
	section := readme[start+len(heading)+2:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var lines []string
	in := false
	for _, line := range strings.Split(section, "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			in = true
		case strings.HasPrefix(line, "```"):
			in = false
		case in && strings.TrimSpace(line) != "":
			lines = append(lines, line)
		}
	}
	require.NotEmpty(t, lines, "README.md's %q section has no sh block", heading)
	return lines
}

// TestReadmeTourRunsAsWritten takes the bash hook line of README.md's
// Install section and every command of its tour, exactly as written, and
// runs them in real bash against the real binary, in a fresh HOME and
// STINT_HOME: each must succeed. The stand-ins the tour creates (an SSH
// key, a kubeconfig) are made by ssh-keygen and kubectl, as a reader's
// would be.
func TestReadmeTourRunsAsWritten(t *testing.T) {
	needKeyring(t)
	bash := needTool(t, "bash")
	needTool(t, "ssh-keygen")
	needTool(t, "kubectl")
	raw, err := os.ReadFile(filepath.Join("..", "README.md"))
	require.NoError(t, err)
	readme := string(raw)

	var hook string
	for _, line := range shBlocks(t, readme, "## Install") {
		if strings.Contains(line, "stint hook bash") {
			hook = line
		}
	}
	require.NotEmpty(t, hook, "README.md's Install section says how to load the bash hook")
	tour := shBlocks(t, readme, "## A short tour")

	h := newHome(t)
	work := t.TempDir()
	var script strings.Builder
	// Each line runs as written; the first to fail stops the tour and
	// is named.
	script.WriteString("set -eE -o pipefail\ntrap 'echo \"README tour: line failed: $BASH_COMMAND\" >&2' ERR\n")
	script.WriteString(hook + "\nsource ~/.bashrc\n")
	for _, line := range tour {
		script.WriteString(line + "\n")
		// Where the shell is after each switch, for the checks below.
		if strings.HasPrefix(line, "stint switch") || strings.HasPrefix(line, "stint off") {
			script.WriteString("echo \"now: ${STINT_CLIENT:-none}\"\n")
		}
	}
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", script.String())
	cmd.Dir = work
	cmd.Env = append(append([]string{}, h.env...), "PATH="+filepath.Dir(stintBin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Cleanup(func() { h.run("", nil, "client", "rm", "acme", "--force") })
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "the README tour stopped:\n%s", out)

	var where []string
	for _, line := range strings.Split(string(out), "\n") {
		if w, ok := strings.CutPrefix(line, "now: "); ok {
			where = append(where, w)
		}
	}
	assert.Equal(t, []string{"acme", "none", "acme", "none"}, where, "switch acme, switch - (no client), switch - (acme), off")
	assert.Contains(t, string(out), "acme-prod", "exec ran kubectl in acme's environment")
	csv, err := os.ReadFile(filepath.Join(work, "acme-nov.csv"))
	require.NoError(t, err)
	assert.Contains(t, string(csv), "2026-11-03,Acme Corp,", "the export holds the entry the tour added")
	assert.Contains(t, string(csv), "design review")
	assert.FileExists(t, filepath.Join(work, "acme-handoff.md"))
}
