package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/secrets"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/testenv"
	"github.com/stint-sh/stint/internal/workbench"
)

// On the real Secret Service (scripts/with-keyring) and SQLite: a secret
// set with s lands in the keyring and nowhere in the database file; when
// the keyring loses it, the list marks the client on the next load (r)
// and the detail names it; set again, the mark goes.
func TestReadinessOnTheRealKeyring(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	layout := paths.Layout{Config: filepath.Join(dir, "config"), Data: filepath.Join(dir, "data"), Runtime: filepath.Join(dir, "run")}
	require.NoError(t, layout.Ensure())
	keyring := secrets.New(secrets.SystemBackend(), layout.Data, secrets.WithNamespace(secrets.NamespaceFor(layout.Data)),
		secrets.WithCallTimeout(5*time.Second))
	testenv.Keyring(t, keyring.Probe, "scripts/with-keyring go test ./internal/tui/ -run TestReadinessOnTheRealKeyring")
	t.Cleanup(func() { assert.NoError(t, keyring.DeleteAll("vault")) })
	db, err := store.Open(ctx, layout.DBPath())
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	wb := workbench.New(db, keyring, layout, func() time.Time { return testNow })
	name := "Vault Co"
	_, err = wb.AddClient(ctx, "vault", profiles.ClientSpec{Name: &name})
	require.NoError(t, err)

	const value = "hvs.real-keyring-value-7f3a"
	h := newHarnessOn(t, wb, Options{CurrentClient: "vault"}, 120, 40)
	h.press("s")
	h.paste("VAULT_TOKEN")
	h.press("enter")
	h.paste(value)
	h.press("enter")
	require.Equal(t, "Secret VAULT_TOKEN of vault saved in the keyring", h.m.flash.text)
	got, err := keyring.Load("vault")
	require.NoError(t, err)
	assert.Equal(t, value, got["VAULT_TOKEN"])
	require.NoError(t, db.Close())
	for _, f := range []string{layout.DBPath(), layout.DBPath() + "-wal"} {
		body, err := os.ReadFile(f)
		if err == nil {
			assert.NotContains(t, string(body), value, "never in %s", f)
		}
	}
	db, err = store.Open(ctx, layout.DBPath())
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	wb = workbench.New(db, keyring, layout, func() time.Time { return testNow })
	h = newHarnessOn(t, wb, Options{CurrentClient: "vault"}, 120, 40)
	assert.NotContains(t, h.screen(), "MISSING")

	// The keyring loses it (a reset, a new machine): the database still
	// names it.
	require.NoError(t, keyring.Remove("vault", "VAULT_TOKEN"))
	h.press("r")
	s := h.screen()
	assert.Contains(t, s, "→ ! vault")
	assert.Contains(t, s, "! SECRETS MISSING")
	assert.Contains(t, s, "! 1 secret missing: VAULT_TOKEN")

	h.press("s")
	h.paste("VAULT_TOKEN")
	h.press("enter")
	h.paste(value)
	h.press("enter", "y") // it is listed: replacing asks first
	assert.False(t, strings.Contains(h.screen(), "MISSING"), h.screen())
}
