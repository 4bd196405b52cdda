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

// What is not a regular file is never replaced by a rename: a link keeps
// being a link to the file it names (which gets the content), and a FIFO or
// a device is written through. `stint export -o /dev/null` once turned the
// machine's /dev/null into a regular file.
func TestWriteNeverReplacesWhatIsNotARegularFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("links, FIFOs and device files are Unix ones here")
	}
	t.Run("link to a file", func(t *testing.T) {
		dir := t.TempDir()
		real := filepath.Join(dir, "real.csv")
		require.NoError(t, os.WriteFile(real, []byte("old"), 0o600))
		link := filepath.Join(dir, "link.csv")
		require.NoError(t, os.Symlink("real.csv", link))
		require.NoError(t, WriteBytes(link, []byte("new")))
		info, err := os.Lstat(link)
		require.NoError(t, err)
		assert.NotZero(t, info.Mode()&os.ModeSymlink, "the link is still a link")
		got, err := os.ReadFile(real)
		require.NoError(t, err)
		assert.Equal(t, "new", string(got))
		assertOnly(t, dir, "link.csv", "real.csv")
	})
	t.Run("dangling link", func(t *testing.T) {
		dir := t.TempDir()
		link := filepath.Join(dir, "link.csv")
		require.NoError(t, os.Symlink("later.csv", link))
		require.NoError(t, WriteBytes(link, []byte("new")))
		got, err := os.ReadFile(filepath.Join(dir, "later.csv"))
		require.NoError(t, err)
		assert.Equal(t, "new", string(got))
	})
	t.Run("device", func(t *testing.T) {
		before, err := os.Lstat(os.DevNull)
		require.NoError(t, err)
		require.NoError(t, WriteBytes(os.DevNull, []byte("gone")))
		after, err := os.Lstat(os.DevNull)
		require.NoError(t, err)
		assert.Equal(t, before.Mode(), after.Mode(), "/dev/null is still the device")
		assert.True(t, os.SameFile(before, after))
	})
	t.Run("fifo", func(t *testing.T) {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "pipe")
		require.NoError(t, mkfifo(fifo))
		got := make(chan string, 1)
		go func() {
			b, _ := os.ReadFile(fifo)
			got <- string(b)
		}()
		require.NoError(t, WriteBytes(fifo, []byte("through the pipe")))
		assert.Equal(t, "through the pipe", <-got)
		info, err := os.Lstat(fifo)
		require.NoError(t, err)
		assert.NotZero(t, info.Mode()&os.ModeNamedPipe, "still a FIFO")
	})
	t.Run("directory", func(t *testing.T) {
		dir := t.TempDir()
		err := WriteBytes(dir, []byte("x"))
		var ce *CreateError
		require.ErrorAs(t, err, &ce)
		assert.Contains(t, err.Error(), "directory")
	})
}
