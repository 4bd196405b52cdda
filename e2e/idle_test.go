package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Idle time with the real binary and hook in a terminal: a shell of the
// running timer's client comes back after sitting 25 minutes (idle_after
// is 20m) and is asked, once, what to do with the stretch; "d" drops it —
// the entry ends where the stretch began and the timer goes on from now.
// The pause is made as each shell measures it: bash's last prompt time,
// zsh's prompt function, fish's activity file's age.
func TestIdlePromptOnReturn(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			h := newHome(t)
			h.client("acme")
			h.ok("config", "set", "switch_grace", "0")
			s := startHookedShell(t, h, sh)
			// step runs a command line and waits for the prompt after it.
			step := func(line, mark string) {
				t.Helper()
				s.send(line+"; clear; echo "+mark, "Enter")
				s.waitUntil("the prompt after "+mark, func(sc string) bool {
					return strings.HasPrefix(strings.TrimSpace(sc), mark) && strings.HasSuffix(strings.TrimSpace(sc), "[acme]>")
				})
			}
			step("stint switch acme", "SWITCHED")
			// The timer has run two hours.
			h.ok("edit", "1", "--from", time.Now().Add(-2*time.Hour).UTC().Format("2006-01-02 15:04"))
			// cd: the hook reads idle_after with the roots.
			step("cd /", "MOVED")

			switch sh {
			case "bash":
				s.send("__stint_idle_at=$((SECONDS - 1500)); clear", "Enter")
			case "zsh":
				step(`__stint_idle_prompt() { __stint_idle_client=$STINT_CLIENT; __stint_idle_at=$((SECONDS - 1500)); }`, "PAUSED")
				s.send("echo back", "Enter")
			case "fish":
				var act []string
				s.waitUntil("the activity file", func(string) bool {
					act, _ = filepath.Glob(filepath.Join(h.dir, "run", "activity", "*"))
					return len(act) == 1
				})
				old := time.Now().Add(-25 * time.Minute)
				require.NoError(t, os.Chtimes(act[0], old, old))
				s.send("echo back", "Enter")
			}
			s.waitFor("Keep it, drop it or split it off?")
			require.Contains(t, s.screen(), "Idle: the acme timer (entry 1) ran 25m with no activity in any acme shell")
			s.send("d", "Enter")
			s.waitFor("Dropped 25m of idle time")

			st := h.ok("status")
			assert.NotContains(t, st, "Idle:", "decided: no longer flagged")
			assert.Contains(t, st, "Running: acme")
			assert.Contains(t, st, "entry 2")
			assert.Contains(t, h.ok("idle"), "No idle time to decide on.")
		})
	}
}
