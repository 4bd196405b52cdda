package secrets

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Two data sets on one keyring (a real home and a demo STINT_HOME) must not
// see, overwrite or delete each other's clients.
func TestNamespacesKeepDataSetsApart(t *testing.T) {
	b := NewMemoryBackend()
	real := New(b, t.TempDir())
	demo := New(b, t.TempDir(), WithNamespace("home-0123abcd"))

	require.NoError(t, real.Put("acme", "GH_TOKEN", "real-token"))
	require.NoError(t, demo.Put("acme", "GH_TOKEN", "demo-token"))

	got, err := real.Load("acme")
	require.NoError(t, err)
	assert.Equal(t, "real-token", got["GH_TOKEN"])
	got, err = demo.Load("acme")
	require.NoError(t, err)
	assert.Equal(t, "demo-token", got["GH_TOKEN"])

	require.NoError(t, demo.DeleteAll("acme"))
	got, err = real.Load("acme")
	require.NoError(t, err)
	assert.Equal(t, "real-token", got["GH_TOKEN"], "deleting the demo client leaves the real one")
	assert.Equal(t, []string{"acme"}, b.Users(Service))
}
