package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBashCompletionWorksWithoutBashCompletionPackage: an interactive bash
// in a real terminal, with no bash-completion package loaded (--norc-like:
// its rc file only sources `stint completion bash`, as docs/install.md
// offers), completes client names, subcommands, flag values written with =
// and files by Tab, and never prints "command not found".
func TestBashCompletionWorksWithoutBashCompletionPackage(t *testing.T) {
	bash := needTool(t, "bash")
	h := newHome(t)
	h.ok("client", "add", "acme", "--name", "Acme Corp")
	h.ok("client", "add", "globex")
	work := filepath.Join(h.userHo, "work")
	require.NoError(t, os.MkdirAll(work, 0o700))
	writeFile(t, filepath.Join(work, "kube-acme.yaml"), "")

	rc := filepath.Join(h.userHo, ".bashrc")
	writeFile(t, rc, "PS1='READY> '\ncd "+work+"\nsource <(stint completion bash)\n"+
		"declare -F _get_comp_words_by_ref _filedir >/dev/null && echo BASH-COMPLETION-LOADED\n")
	env := append([]string{}, h.env...)
	for i, kv := range env {
		if strings.HasPrefix(kv, "PATH=") {
			env[i] = "PATH=" + filepath.Dir(stintBin) + string(os.PathListSeparator) + strings.TrimPrefix(kv, "PATH=")
		}
	}
	s := startTmux(t, env, bash+" --noprofile --rcfile "+rc+" -i")
	s.waitFor("READY>")
	require.NotContains(t, s.screen(), "BASH-COMPLETION-LOADED", "the test needs a bash without the bash-completion package")

	// A unique prefix completes in place.
	s.send("stint switch gl", "Tab")
	s.waitFor("READY> stint switch globex")
	s.send("C-u")
	// Two Tabs list the choices.
	s.send("stint client show ", "Tab", "Tab")
	s.waitUntil("listed both clients", func(screen string) bool {
		return strings.Contains(screen, "acme") && strings.Contains(screen, "globex") && strings.Count(screen, "READY>") >= 2
	})
	s.send("C-u")
	s.send("stint client sh", "Tab")
	s.waitFor("READY> stint client show")
	s.send("C-u")
	// bash splits --format=to at the =; the script joins it again.
	s.send("stint export --format=to", "Tab")
	s.waitFor("READY> stint export --format=toggl")
	s.send("C-u")
	s.send("stint kube add acme --kubeconfig kube-", "Tab")
	screen := s.waitFor("--kubeconfig kube-acme.yaml")
	require.NotContains(t, screen, "command not found")
	require.NotContains(t, screen, "_get_comp_words_by_ref")
	require.NotContains(t, screen, "compopt")
}
