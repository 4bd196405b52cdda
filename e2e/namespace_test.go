package e2e

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Two STINT_HOMEs on one real keyring: removing a client in one (a demo)
// must leave the same-named client's secrets in the other untouched.
func TestStintHomesDoNotShareKeyringItems(t *testing.T) {
	needKeyring(t)
	slug := uniqueSlug("ns")
	real, demo := newHome(t), newHome(t)
	real.client(slug)
	demo.client(slug)
	real.secret(slug, "API_TOKEN", "real-value")
	demo.secret(slug, "API_TOKEN", "demo-value")

	demo.ok("client", "rm", slug)

	out := real.ok("exec", slug, "--", "sh", "-c", "printf %s \"$API_TOKEN\"")
	require.Equal(t, "real-value", strings.TrimSpace(out))
}
