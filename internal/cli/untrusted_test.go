package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostile is text that would act on a terminal printed raw: a title change,
// a clear screen, a C1 CSI, a right-to-left override and a carriage return.
const hostile = "ok\x1b]0;pwned\x07\x1b[2J\u009b1m\u202eevil\rX"

// requireInert fails when out holds a character that acts on a terminal:
// C0 controls other than line feed, DEL, C1 controls, bidi controls.
func requireInert(t *testing.T, out, what string) {
	t.Helper()
	require.True(t, utf8.ValidString(out), "%s: not UTF-8: %q", what, out)
	for _, r := range out {
		bad := (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
		require.False(t, bad, "%s prints U+%04X raw: %q", what, r, out)
	}
}

// TestUntrustedTextReachesTheTerminalEscaped: a display name, a variable's
// value, a note, a runbook, a kube context and namespace and an entry's
// note and tags, all carrying escape sequences, come out of every listing
// shown (escaped), never acted on.
func TestUntrustedTextReachesTheTerminalEscaped(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme", "--name", "Acme "+hostile)
	h.ok("set", "acme", "FOO="+hostile)
	h.ok("note", "add", "acme", "rotated "+hostile)
	kc := filepath.Join(t.TempDir(), "kc.yaml")
	require.NoError(t, os.WriteFile(kc, []byte(`apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: "https://k.example.com\e[2J"}
users:
- name: u
  user: {token: t}
contexts:
- name: "evil\e]0;x\a\u202ectx"
  context: {cluster: c, user: u, namespace: "ns\e[31m"}
`), 0o600))
	h.ok("kube", "add", "acme", "--kubeconfig", kc)
	h.ok("add", "acme", "--from", "-3h", "--to", "-2h", "-m", hostile, "--tag", "t\x1b[1m")
	h.ok("start", "acme", "--message", hostile)

	for _, args := range [][]string{
		{"client", "list"},
		{"client", "show", "acme"},
		{"note", "list", "acme"},
		{"note", "search", "rotated"},
		{"kube", "list", "acme"},
		{"log", "--from", "-1d"},
		{"status"},
		{"report", "--from", "-1d", "--by", "tag"},
		{"report", "--from", "-1d", "--by", "entry"},
		{"handoff", "export", "acme"},
	} {
		out := h.ok(args...)
		requireInert(t, out, strings.Join(args, " "))
		assert.Contains(t, out, `\x1b`, "%v shows the escape, escaped", args)
	}
	show := h.ok("client", "show", "acme")
	assert.Contains(t, show, `Acme ok\x1b]0;pwned\x07\x1b[2J\u009b1m\u202eevil\rX`)
	assert.Contains(t, show, `evil\x1b]0;x\x07\u202ectx`)
}
