package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/awscreds/awsstandin"
)

// After a switch in a real terminal, the identity check runs in the
// background — the real aws CLI, reading the client's own credentials file,
// against the local STS stand-in, which reports another account than the
// profile expects — and the mismatch reaches $STINT_WARN at the next prompt
// in bash, zsh and fish, and `stint status`; `stint whoami` names both
// accounts and exits 1. Leaving the client clears $STINT_WARN.
func TestWhoamiMismatchReachesTheShell(t *testing.T) {
	needTool(t, "aws")
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			path := needTool(t, sh)
			h := newHome(t)
			srv := awsstandin.Start(t)
			srv.Users = []awsstandin.User{{Account: "333333333333", Name: "ada", AccessKeyID: e2eKeyID, SecretAccessKey: e2eSecret}}
			creds := filepath.Join(t.TempDir(), "credentials")
			require.NoError(t, os.WriteFile(creds, []byte("[acme]\naws_access_key_id = "+e2eKeyID+"\naws_secret_access_key = "+e2eSecret+"\n"), 0o600))
			slug := uniqueSlug("acme")
			h.client(slug)
			h.ok("aws", slug, "--profile", "acme", "--credentials-file", creds, "--region", "eu-west-1", "--account", "111111111111")
			h.env = append(h.env, "AWS_ENDPOINT_URL="+srv.URL, "AWS_CONFIG_FILE=/nonexistent")

			r := h.run("", nil, "whoami", slug)
			assert.Equal(t, 1, r.code, r.stderr)
			assert.Contains(t, r.stdout, "expected 111111111111, actual 333333333333")

			args := map[string]string{"bash": " --norc --noprofile -i", "zsh": " -f -i", "fish": " --no-config -i"}[sh]
			s := startTmux(t, h.env, path+args)
			s.send(strings.TrimSuffix(hookLine(sh), "\n"), "Enter")
			s.send("stint switch "+slug, "Enter")
			s.waitFor("→ " + slug)
			// The check runs beside the shell; its warning is in place once
			// its file is.
			warnDir := filepath.Join(h.dir, "run", "whoami")
			deadline := time.Now().Add(20 * time.Second)
			for {
				m, _ := filepath.Glob(filepath.Join(warnDir, "*."+slug+".warn"))
				if len(m) == 1 {
					break
				}
				require.False(t, time.Now().After(deadline), "the background check left no warning in %s", warnDir)
				time.Sleep(50 * time.Millisecond)
			}
			s.send("", "Enter") // a prompt: the hook reads the warning
			s.send("echo \"W=[$STINT_WARN]\"", "Enter")
			s.waitFor("W=[identity mismatch in " + slug + ": aws is 333333333333, not 111111111111]")
			s.send("stint status", "Enter")
			s.waitFor("Warning: identity mismatch in " + slug)
			s.send("stint off", "Enter")
			s.send("echo \"V=[$STINT_WARN]\"", "Enter")
			s.waitFor("V=[]")
		})
	}
}
