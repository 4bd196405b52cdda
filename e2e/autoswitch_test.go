package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// auto_switch with the real binary and hook in a terminal, in each shell:
// a cd into a client's workdir switches the shell (and starts its timer)
// at the next prompt; leaving switches nothing.
func TestAutoSwitchOnCd(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			h := newHome(t)
			work := filepath.Join(t.TempDir(), "acme work")
			require.NoError(t, os.MkdirAll(filepath.Join(work, "src"), 0o755))
			elsewhere := t.TempDir()
			h.client("acme", "--workdir", work)
			h.ok("config", "set", "auto_switch", "on")

			s := startHookedShell(t, h, sh)
			s.send("cd '"+elsewhere+"'", "Enter")
			s.send("clear", "Enter")
			s.waitUntil("an idle prompt outside", func(sc string) bool { return strings.HasPrefix(strings.TrimSpace(sc), "[none]>") })
			s.send("cd '"+filepath.Join(work, "src")+"'", "Enter")
			s.waitFor("→ acme")
			s.waitFor("[acme]>")
			s.send("cd '"+elsewhere+"'; clear", "Enter")
			s.waitUntil("still in acme after leaving", func(sc string) bool { return strings.HasPrefix(strings.TrimSpace(sc), "[acme]>") })
			assert.Contains(t, h.ok("status"), "Running: acme")
		})
	}
}
