package e2e

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSecretsLeakNowhere: a secret with a marker, stored in the real
// keyring, used by every shell command. Afterwards the marker is in no file
// under STINT_HOME (database, WAL, session kubeconfigs), none under TMPDIR
// (the hook's eval files), and in no output except the scripts that carry
// it on purpose (`stint env`, and the child that prints it).
func TestSecretsLeakNowhere(t *testing.T) {
	needKeyring(t)
	h := newHome(t)
	slug, other := uniqueSlug("acme"), uniqueSlug("globex")
	marker := "LEAKMARK" + uniqueSlug("x")
	h.client(slug)
	h.client(other)
	h.secret(slug, "DEPLOY_TOKEN", marker)
	h.ok("set", slug, "PLAIN=visible")

	var quiet []result // outputs that must not hold the marker
	for _, args := range [][]string{
		{"client", "show", slug, "--json"},
		{"secret", "list", slug, "--json"},
		{"access", slug, "--json"},
		{"env", slug, "--shell", "json"}, // stdout carries it; stderr must not
		{"env", "--off"},
		{"current", "--json"},
		{"exec", slug, "--", "true"},
		{"status", "--json"},
	} {
		r := h.run("", nil, args...)
		require.Equal(t, 0, r.code, "stint %v: %s", args, r.stderr)
		if args[0] == "env" && len(args) > 2 {
			require.Contains(t, r.stdout, marker, "the env script carries the secret")
			quiet = append(quiet, result{stderr: r.stderr})
			continue
		}
		quiet = append(quiet, r)
	}
	// Switch, exec and off through the hook in a real shell.
	dir := t.TempDir()
	out, err := h.runShell("bash", hookLine("bash")+fmt.Sprintf(`set -eu
stint switch %[1]s 2> %[3]s/switch.err
test "$DEPLOY_TOKEN" = %[4]s
stint exec %[2]s -- sh -c 'test -z "${DEPLOY_TOKEN-}"'
stint switch %[2]s 2>> %[3]s/switch.err
test -z "${DEPLOY_TOKEN-}"
stint off 2>> %[3]s/switch.err
`, slug, other, dir, marker))
	require.NoError(t, err, out)
	quiet = append(quiet, result{stdout: out})
	errs, err := os.ReadFile(filepath.Join(dir, "switch.err"))
	require.NoError(t, err)
	quiet = append(quiet, result{stderr: string(errs)})

	for _, r := range quiet {
		require.NotContains(t, r.stdout, marker)
		require.NotContains(t, r.stderr, marker)
	}
	for _, root := range []string{h.dir, h.tmp} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			body, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			require.False(t, bytes.Contains(body, []byte(marker)), "the secret is written in %s", path)
			return nil
		})
		require.NoError(t, err)
	}
	require.FileExists(t, filepath.Join(h.dir, "data", "stint.db"), "the scan saw the database")
}
