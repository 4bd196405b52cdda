package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPickerSummaryOnItsOwnLine: in zsh and fish, a switch from the picker
// prints its summary on a line of its own — not glued to the command line
// (fish), not drawn over by the prompt (zsh) — and the prompt below it
// shows the new client; leaving the picker without a switch prints nothing
// and no warning.
func TestPickerSummaryOnItsOwnLine(t *testing.T) {
	for _, sh := range []string{"zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			h := newHome(t)
			h.client("acme", "--name", "Acme Corp")
			h.client("globex", "--name", "Globex Corporation")
			path := needTool(t, sh)
			var cmd string
			switch sh {
			case "zsh":
				writeFile(t, filepath.Join(h.userHo, ".zshrc"), "setopt prompt_subst\nPROMPT='[${STINT_CLIENT:-none}]> '\n"+hookLine("zsh"))
				cmd = path + " -i"
				h.env = append(h.env, "ZDOTDIR="+h.userHo)
			case "fish":
				dir := filepath.Join(h.userHo, ".config", "fish")
				require.NoError(t, os.MkdirAll(dir, 0o700))
				writeFile(t, filepath.Join(dir, "config.fish"), "function fish_prompt; echo -n \"[$STINT_CLIENT]> \"; end\nset -g fish_greeting\n"+hookLine("fish"))
				cmd = path + " -i"
			}
			s := startTmux(t, h.env, cmd)
			s.waitFor("]>")
			s.send("echo typed")
			s.waitFor("]> echo typed")

			// Leaving the picker: nothing printed, no warning.
			s.send("M-s")
			s.waitFor("Globex Corporation")
			s.send("Escape")
			screen := s.waitUntil("closed the picker", func(screen string) bool {
				return !strings.Contains(screen, "Globex Corporation") && strings.Contains(screen, "]> echo typed")
			})
			if strings.Contains(screen, "warning") || strings.Contains(screen, "→") {
				t.Fatalf("leaving the picker printed something:\n%s", screen)
			}

			s.send("M-s")
			s.waitFor("Globex Corporation")
			s.send("glob")
			s.waitUntil("filtered the list to globex", func(screen string) bool {
				return strings.Contains(screen, "Globex Corporation") && !strings.Contains(screen, "Acme Corp")
			})
			s.send("Enter")
			screen = s.waitFor("[globex]> echo typed")
			if !regexp.MustCompile(`(?m)^→ globex \(Globex Corporation\) · kube none( · .*)?$`).MatchString(screen) {
				t.Fatalf("the summary is not on a line of its own:\n%s", screen)
			}
		})
	}
}
