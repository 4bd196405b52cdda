package evalfile

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func evalDir(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "eval")
	require.NoError(t, os.Mkdir(dir, 0o700))
	return dir
}

// The hook's side: the file exists and is held open for reading; Deliver
// writes through it and removes the name, and the reader still gets it.
func TestDeliverWritesThenRemoves(t *testing.T) {
	dir := evalDir(t)
	path := filepath.Join(dir, "eval.1.2")
	require.NoError(t, os.WriteFile(path, nil, 0o644))
	held, err := os.Open(path)
	require.NoError(t, err)
	defer held.Close()

	f, err := Open(dir, path)
	require.NoError(t, err)
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "made private before anything is written")
	require.NoError(t, f.Deliver("export A=1\n"))
	assert.NoFileExists(t, path, "removed before the shell evaluates anything")
	got, err := io.ReadAll(held)
	require.NoError(t, err)
	assert.Equal(t, "export A=1\n", string(got))
	f.Discard() // after Deliver: nothing to do
}

func TestOpenRefusesWhatIsNotTheHooksFile(t *testing.T) {
	dir := evalDir(t)
	other := t.TempDir()
	_, err := Open(dir, filepath.Join(other, "eval.1.2"))
	assert.ErrorContains(t, err, "is not in "+dir)
	_, err = Open(dir, filepath.Join(dir, "notes.txt"))
	assert.ErrorContains(t, err, "is not in")

	target := filepath.Join(other, "secret-sink")
	require.NoError(t, os.WriteFile(target, []byte("keep"), 0o600))
	link := filepath.Join(dir, "eval.1.3")
	require.NoError(t, os.Symlink(target, link))
	_, err = Open(dir, link)
	assert.ErrorContains(t, err, "nothing was changed")
	b, _ := os.ReadFile(target)
	assert.Equal(t, "keep", string(b), "a link is never followed")

	hard := filepath.Join(dir, "eval.1.4")
	require.NoError(t, os.Link(target, hard))
	_, err = Open(dir, hard)
	assert.ErrorContains(t, err, "other names")

	require.NoError(t, os.Mkdir(filepath.Join(dir, "eval.1.5"), 0o700))
	_, err = Open(dir, filepath.Join(dir, "eval.1.5"))
	assert.Error(t, err)
}

func TestDiscardAndWrite(t *testing.T) {
	dir := evalDir(t)
	path := filepath.Join(dir, "eval.1.6")
	f, err := Open(dir, path)
	require.NoError(t, err)
	f.Discard()
	assert.NoFileExists(t, path)

	f, err = Open(dir, path)
	require.NoError(t, err)
	require.NoError(t, f.Write("set -gx A 1\n"))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "set -gx A 1\n", string(b), "fish's hook reads it by name")
}

// Sweep removes files of shells that are gone, scripts older than a few
// seconds, and this shell's older files; it keeps other live shells' empty
// files (their binary may still be running) and this run's own.
func TestSweep(t *testing.T) {
	dir := evalDir(t)
	dead := exec.Command("true")
	require.NoError(t, dead.Run())
	deadPID := strconv.Itoa(dead.Process.Pid)
	live := strconv.Itoa(os.Getpid()) // alive, and not this process's parent
	parent := strconv.Itoa(os.Getppid())
	now := time.Now()
	old := now.Add(-time.Minute)
	files := map[string]struct {
		body string
		mod  time.Time
		kept bool
	}{
		"eval." + deadPID + ".1":  {"", now, false},
		"eval." + live + ".1":     {"", old, true},
		"eval." + live + ".2":     {"export T=secret", old, false},
		"eval." + live + ".3":     {"export T=secret", now, true},
		"eval." + parent + ".1":   {"", old, false},
		"eval." + parent + ".2":   {"", now, true},
		"eval." + parent + ".own": {"export T=secret", old, true},
		"notes":                   {"x", old, true},
	}
	for name, f := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(f.body), 0o600))
		require.NoError(t, os.Chtimes(p, f.mod, f.mod))
	}
	Sweep(dir, now, filepath.Join(dir, "eval."+parent+".own"))
	for name, f := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		assert.Equal(t, f.kept, err == nil, name)
	}
}
