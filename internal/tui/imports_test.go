package tui

import (
	"go/build"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// DESIGN.md: imports point cmd → tui → workbench → domain → store. The TUI
// reaches the database and the keyring through the workbench API only, so
// it can never compute something the CLI computes differently.
func TestTUIGoesThroughTheWorkbenchOnly(t *testing.T) {
	pkg, err := build.ImportDir(".", 0) // the package's own files, tests left out
	require.NoError(t, err)
	require.Contains(t, pkg.Imports, "github.com/stint-sh/stint/internal/workbench", "the check reads the right list")
	for _, below := range []string{"github.com/stint-sh/stint/internal/store", "github.com/stint-sh/stint/internal/secrets"} {
		assert.NotContains(t, pkg.Imports, below, "tui imports %s: go through the workbench instead", below)
	}
}
