package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteReplacesTheFileWithAPrivateOne(t *testing.T) {
	for _, opts := range [][]Option{nil, {NoSync()}} {
		dir := t.TempDir()
		path := filepath.Join(dir, "out.csv")
		require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))

		require.NoError(t, WriteBytes(path, []byte("new content"), opts...))
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, "new content", string(got))
		info, err := os.Stat(path)
		require.NoError(t, err)
		if runtime.GOOS != "windows" {
			assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "private, whatever the old file's mode or the umask")
		}
		assertOnly(t, dir, "out.csv")
	}
}

// A writer that fails part way leaves the old file whole and no temporary
// file behind, and its error comes back as it is.
func TestAFailedWriteChangesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "handoff.md")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))
	boom := errors.New("boom")
	err := Write(path, func(w io.Writer) error {
		_, _ = io.WriteString(w, "half of the new")
		return boom
	})
	require.ErrorIs(t, err, boom)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "old", string(got))
	assertOnly(t, dir, "handoff.md")
}

// A directory that is not there is a CreateError, naming the path, and
// nothing is created.
func TestAMissingDirectoryIsACreateError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "out.json")
	err := WriteBytes(path, []byte("x"))
	var ce *CreateError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, path, ce.Path)
	assert.ErrorIs(t, err, os.ErrNotExist)
	assert.Contains(t, err.Error(), "cannot write "+path)
	assert.NoDirExists(t, filepath.Dir(path))
}

// While the file is being written its temporary name starts with the
// final name and carries TempMarker, for sweepers of the directory.
func TestTheTemporaryFileIsNamedAfterThePath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kube-1.yaml")
	require.NoError(t, Write(path, func(io.Writer) error {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Len(t, entries, 1)
		assert.Regexp(t, `^kube-1\.yaml\.tmp\d+$`, entries[0].Name())
		return nil
	}))
	assertOnly(t, dir, "kube-1.yaml")
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	assert.Equal(t, names, got)
}
