package kube

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// deadPID returns the pid of a process that has exited and been reaped.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	require.NoError(t, cmd.Start())
	pid := cmd.Process.Pid
	require.NoError(t, cmd.Wait())
	return pid
}

func TestSessionAlive(t *testing.T) {
	live := strconv.Itoa(os.Getpid())
	dead := strconv.Itoa(deadPID(t))

	require.True(t, SessionAlive(live+"-abc"))
	require.False(t, SessionAlive(dead+"-abc"))
	// Ids that carry no pid cannot be judged; they are kept (until MaxSessionAge).
	require.True(t, SessionAlive("abc"))
	require.True(t, SessionAlive("abc-def"))
	require.True(t, SessionAlive("0-abc"))
	require.True(t, SessionAlive("-5-abc"))
}

func TestCleanStaleRemovesFilesOfGoneSessions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	live := strconv.Itoa(os.Getpid())
	dead := strconv.Itoa(deadPID(t))
	cfg, err := Build(acmeSpec(newFixture(t)))
	require.NoError(t, err)

	liveFile, err := WriteSession(dir, live+"-current", cfg)
	require.NoError(t, err)
	deadFile, err := WriteSession(dir, dead+"-gone", cfg)
	require.NoError(t, err)
	oldFile, err := WriteSession(dir, live+"-ancient", cfg)
	require.NoError(t, err)
	monthAgo := time.Now().Add(-MaxSessionAge - time.Hour)
	require.NoError(t, os.Chtimes(oldFile, monthAgo, monthAgo))
	deadTemp := filepath.Join(dir, "kube-"+dead+"-gone.yaml.tmp123")
	unknownOwner := filepath.Join(dir, "kube-no-pid-here.yaml")
	unrelated := filepath.Join(dir, "notes.txt")
	for _, p := range []string{deadTemp, unknownOwner, unrelated} {
		writeFile(t, p, "x")
	}

	removed, err := CleanStale(dir, SessionAlive)
	require.NoError(t, err)
	slices.Sort(removed)
	want := []string{deadFile, deadTemp, oldFile}
	slices.Sort(want)
	require.Equal(t, want, removed)
	for _, p := range want {
		require.NoFileExists(t, p)
	}
	for _, p := range []string{liveFile, unknownOwner, unrelated} {
		require.FileExists(t, p)
	}

	// Nothing left to do the second time; a missing dir is fine too.
	removed, err = CleanStale(dir, SessionAlive)
	require.NoError(t, err)
	require.Empty(t, removed)
	removed, err = CleanStale(filepath.Join(dir, "absent"), SessionAlive)
	require.NoError(t, err)
	require.Empty(t, removed)
}

func TestCleanStaleAsksAboutTheSessionOfEachFile(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"kube-1-a.yaml", "kube-2-b.yaml", "kube-2-b.yaml.tmp9"} {
		writeFile(t, filepath.Join(dir, name), "x")
	}
	var asked []string
	removed, err := CleanStale(dir, func(session string) bool {
		asked = append(asked, session)
		return session == "1-a"
	})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{"1-a", "2-b", "2-b"}, asked)
	require.ElementsMatch(t, []string{filepath.Join(dir, "kube-2-b.yaml"), filepath.Join(dir, "kube-2-b.yaml.tmp9")}, removed)
}
