package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/testenv"
)

// TestReadOnlyStintHome: a STINT_HOME on a read-only mount (a backup or a
// snapshot) answers every read command; every write fails with one line
// that says why, and changes nothing.
func TestReadOnlyStintHome(t *testing.T) {
	h := newHome(t)
	h.client("acme", "--rate", "150", "--currency", "EUR")
	h.ok("set", "acme", "REGION=eu")
	h.ok("add", "acme", "--from", "2024-05-02 09:00", "--to", "2024-05-02 10:30", "-m", "kickoff")
	h.ok("note", "add", "acme", "rotated the deploy key")

	mnt := filepath.Join(t.TempDir(), "snapshot")
	require.NoError(t, os.Mkdir(mnt, 0o700))
	if out, err := exec.Command("mount", "--bind", "-o", "ro", h.dir, mnt).CombinedOutput(); err != nil {
		if testenv.RealRequired() {
			t.Fatalf("cannot bind-mount read-only here (%v: %s); this test needs root with CAP_SYS_ADMIN", err, out)
		}
		t.Skipf("cannot bind-mount read-only here (%v: %s); this test needs root with CAP_SYS_ADMIN", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", mnt).Run() })
	ro := []string{"STINT_HOME=" + mnt}

	reads := [][]string{
		{"client", "list"}, {"client", "show", "acme"}, {"status"},
		{"log", "--from", "2024-05-01", "--to", "2024-05-03"},
		{"report", "--from", "2024-05-01", "--to", "2024-05-03"},
		{"export", "--from", "2024-05-01", "--to", "2024-05-03"},
		{"access", "acme"}, {"note", "list", "acme"}, {"note", "search", "deploy"},
	}
	for _, args := range reads {
		r := h.run("", ro, args...)
		assert.Equal(t, 0, r.code, "stint %v on a read-only home: %s", args, r.stderr)
	}
	assert.Contains(t, h.run("", ro, "note", "search", "deploy").stdout, "rotated the deploy key")
	assert.Contains(t, h.run("", ro, "client", "show", "acme").stdout, "REGION")

	writes := [][]string{
		{"set", "acme", "OTHER=1"}, {"client", "add", "globex"}, {"start", "acme"},
		{"note", "add", "acme", "more"}, {"client", "edit", "acme", "--rate", "200"},
	}
	for _, args := range writes {
		r := h.run("", ro, args...)
		failsCleanly(t, r, "is read-only (a mounted backup or snapshot?) and this command changes it: nothing was changed")
		assert.Contains(t, r.stderr, filepath.Join(mnt, "data"), strings.Join(args, " "))
	}
}
