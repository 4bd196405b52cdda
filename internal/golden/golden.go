// Package golden compares a test's output with a file under testdata, for
// the exports, annexes, reports and tables whose exact bytes are the
// contract. `go test ./... -update` rewrites the files; review the diff
// before committing it.
//
// The -update flag is the one Charm's x/exp/golden defines (the TUI's
// golden views use it), imported here for that flag alone, so one flag
// rewrites every golden file and no test package can register it twice.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/charmbracelet/x/exp/golden" // defines -update
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Updating reports whether the run was asked to rewrite golden files.
func Updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// Assert compares got with the file at path (relative to the test's
// package directory, normally under testdata/); with -update it writes got
// there first.
func Assert[T ~string | ~[]byte](t testing.TB, path string, got T) {
	t.Helper()
	if Updating() {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test -run '^%s$' -update writes %s", t.Name(), path)
	assert.Equal(t, string(want), string(got), "%s differs (go test -update rewrites it)", path)
}
