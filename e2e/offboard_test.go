package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/secrets"
)

// Offboarding against the real Secret Service: no keyring item of the
// client is left, nor its tool homes and session kubeconfigs, and its time
// entries stay for billing.
func TestOffboardClearsTheRealKeyring(t *testing.T) {
	needKeyring(t)
	h := newHome(t)
	slug := uniqueSlug("off")
	h.client(slug)
	h.secret(slug, "DEPLOY_TOKEN", "offboard-marker-value")
	h.ok("isolate", slug, "gh", "docker")
	h.ok("env", slug, "--shell", "bash") // creates the tool homes and a session kubeconfig
	h.ok("add", slug, "--from", "-3h", "--to", "-2h", "-m", "last day")

	clientDir := filepath.Join(h.dir, "data", "clients", slug)
	kubeDir := filepath.Join(h.dir, "run", "kube", slug)
	require.DirExists(t, filepath.Join(clientDir, "gh"))
	require.DirExists(t, kubeDir)

	out := h.ok("offboard", slug, "--yes")
	assert.Contains(t, out, "DEPLOY_TOKEN")
	assert.Contains(t, out, "Its timer was stopped", "env started the client's timer; an archived client's must not run on")
	assert.Contains(t, h.ok("status"), "No timer running.")

	keyring := secrets.New(secrets.SystemBackend(), t.TempDir(),
		secrets.WithNamespace(secrets.NamespaceFor(filepath.Join(h.dir, "data"))))
	left, err := keyring.Load(slug)
	require.NoError(t, err)
	assert.Empty(t, left, "no keyring item of the client is left")
	_, err = os.Stat(clientDir)
	assert.True(t, os.IsNotExist(err), "tool homes are gone")
	_, err = os.Stat(kubeDir)
	assert.True(t, os.IsNotExist(err), "session kubeconfigs are gone")

	var entries []map[string]any
	require.NoError(t, json.Unmarshal([]byte(h.ok("log", "--client", slug, "--from", "-1d", "--json")), &entries))
	require.Len(t, entries, 1, "time entries stay for billing")
	assert.Equal(t, "last day", entries[0]["note"])
}
