package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShellOwnedNamesAreRefusedWhenStored: a name a shell keeps for itself
// would make every later switch to the client fail, so `stint set` and
// `stint secret set` refuse it up front, as a usage error.
func TestShellOwnedNamesAreRefusedWhenStored(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	for _, name := range []string{"IFS", "UID", "RANDOM", "path", "status"} {
		h.fails(2, name+" belongs to the shell", "set", "acme", name+"=x")
		h.stdin = "value\n"
		h.fails(2, name+" belongs to the shell", "secret", "set", "acme", name)
	}
	h.fails(2, "HOME cannot be set per client", "set", "acme", "HOME=/tmp")

	// Names that merely look alike are fine, and the client still switches.
	h.ok("set", "acme", "PATH_EXTRA=/opt/bin", "Status=ok")
	hooked(t, h)
	r := h.run("switch", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "→ acme")
}
