package workbench

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/profiles"
)

// A workdir is used from any directory later (`stint shell`), so it is kept
// absolute whatever the user typed.
func TestWorkdirIsStoredAbsolute(t *testing.T) {
	w := newFixture(t, withoutKeyring())
	base := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(base, "sub"), 0o700))
	t.Chdir(base)
	rel := "sub"
	c, err := w.AddClient(context.Background(), "acme", profiles.ClientSpec{Workdir: &rel})
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(base, "sub"), c.Workdir)
}
