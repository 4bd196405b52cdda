package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// brokenAcme: acme's kubeconfig has gone and the keyring lost a secret,
// as after a laptop restore.
func brokenAcme(b *fakeBackend) {
	b.readiness = map[string]workbench.Readiness{
		"acme": {
			Kube: []workbench.SourceProblem{{Path: "/home/ada/.kube/acme.yaml", Missing: true,
				Problem: "kubeconfig /home/ada/.kube/acme.yaml does not exist",
				Fix:     "if it has moved, stop using this path with `stint kube rm acme --kubeconfig /home/ada/.kube/acme.yaml`, then bind its new place with stint kube add"}},
			SecretsChecked: true, MissingSecrets: []string{"GITHUB_TOKEN"},
		},
		"globex": {SecretsChecked: true, SecretsProblem: "cannot read the secrets of globex from the keyring: the keyring is locked"},
	}
}

// The check runs once the clients are in, never before the first frame:
// the keyring once a client at load, then on each status poll the files
// only.
func TestReadinessIsCheckedAfterTheFirstFrameAndTheKeyringOnlyAtLoad(t *testing.T) {
	b := fixture()
	m := New(t.Context(), b, Options{CurrentClient: "acme", Now: func() time.Time { return testNow }, Environ: testEnviron()})
	m.Init()
	assert.Empty(t, b.readinessAsked, "Init asks nothing of the kubeconfigs or the keyring itself")

	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	assert.ElementsMatch(t, []string{"acme secrets=true", "globex secrets=true", "initech secrets=true"}, onlyWith(b.readinessAsked, "secrets=true"))
	b.readinessAsked = nil
	h.send(tickMsg(testNow.Add(statusEvery)))
	assert.Equal(t, []string{"kube of every client"}, b.readinessAsked,
		"a poll stats every kubeconfig again, at once, and leaves the keyring alone")
}

func onlyWith(lines []string, part string) []string {
	var out []string
	for _, l := range lines {
		if strings.Contains(l, part) {
			out = append(out, l)
		}
	}
	return out
}

// The list marks the clients a switch would fail for or leave short; the
// detail says what is missing and what fixes it; a poll that no longer
// asks the keyring keeps what it said of secrets.
func TestReadinessMarksTheListAndExplainsInTheDetail(t *testing.T) {
	b := fixture()
	brokenAcme(b)
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	screen := h.screen()
	assert.Contains(t, screen, "→ ! acme Acme Co…")
	assert.Contains(t, screen, "! Globex globex")
	assert.NotContains(t, screen, "! Initech")
	assert.Contains(t, screen, "! KUBECONFIG, SECRETS MISSING")
	assert.Contains(t, screen, "✗ kubeconfig missing: a switch fails")
	assert.Contains(t, screen, "by selecting acme, pressing")
	assert.Contains(t, screen, "p and removing the kubeconfig /home/ada/.kube/acme.yaml", "the fix in the TUI's keys")
	assert.Contains(t, screen, "! 1 secret missing: GITHUB_TOKEN")
	assert.Contains(t, screen, "press s and set GITHUB_TOKEN", "the fix in the TUI's keys")
	assert.Regexp(t, `GITHUB_TOKEN +! secret, not in the keyring`, screen, "the variables say it too")
	assert.NotRegexp(t, `GITHUB_TOKEN +•+ secret, 40 B, keyring`, screen, "not as if it were there")
	assert.Regexp(t, `DATADOG_API_KEY +•+ secret, 32 B, keyring`, screen, "a secret the keyring has")

	h.send(tickMsg(testNow.Add(statusEvery)))
	assert.Contains(t, h.screen(), "! 1 secret missing: GITHUB_TOKEN", "kept through a poll without the keyring")

	// Fixed elsewhere: the next poll clears the kubeconfig marker.
	b.mu.Lock()
	b.readiness["acme"] = workbench.Readiness{}
	b.mu.Unlock()
	h.send(tickMsg(testNow.Add(2 * statusEvery)))
	assert.NotContains(t, h.screen(), "kubeconfig missing")

	h.press("j")
	assert.Contains(t, h.screen(), "✗ keyring unreadable: a switch fails")
	assert.Contains(t, h.screen(), "! KEYRING UNREADABLE")
}

// A secret set through the TUI asks the keyring again for that client.
func TestReadinessAfterASecretIsSet(t *testing.T) {
	b := fixture()
	brokenAcme(b)
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	b.mu.Lock()
	b.readiness["acme"] = workbench.Readiness{SecretsChecked: true}
	b.readinessAsked = nil
	b.mu.Unlock()
	h.press("s")
	h.press(strings.Split("GITHUB_TOKEN", "")...)
	h.press("enter")
	h.paste("ghp_x")
	h.press("enter", "y")
	require.Contains(t, b.readinessAsked, "acme secrets=true")
	assert.NotContains(t, h.screen(), "secret missing")
}
