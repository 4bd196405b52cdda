package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/workbench"
)

// gitCLI runs the real git for a test, away from the user's configuration.
func gitCLI(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

func TestRepoDiscoverStatusClone(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	root := t.TempDir()

	// A bare origin with one commit, and clones of it in three states.
	origin := filepath.Join(root, "origin.git")
	gitCLI(t, root, "init", "-q", "--bare", "-b", "main", origin)
	seed := filepath.Join(root, "seed")
	require.NoError(t, os.MkdirAll(seed, 0o755))
	gitCLI(t, seed, "init", "-q", "-b", "main")
	require.NoError(t, os.WriteFile(filepath.Join(seed, "README"), []byte("hi\n"), 0o644))
	gitCLI(t, seed, "add", "README")
	gitCLI(t, seed, "commit", "-q", "-m", "first")
	gitCLI(t, seed, "push", "-q", origin, "main")

	work := filepath.Join(root, "work")
	clean, dirty, ahead := filepath.Join(work, "clean"), filepath.Join(work, "team", "dirty"), filepath.Join(work, "ahead")
	for _, p := range []string{clean, dirty, ahead} {
		gitCLI(t, root, "clone", "-q", origin, p)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dirty, "notes.txt"), []byte("wip"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(ahead, "new.txt"), []byte("x"), 0o644))
	gitCLI(t, ahead, "add", "new.txt")
	gitCLI(t, ahead, "commit", "-q", "-m", "second")
	deps := filepath.Join(work, "web", "node_modules", "dep")
	require.NoError(t, os.MkdirAll(deps, 0o755))
	gitCLI(t, deps, "init", "-q")

	out := h.ok("repo", "discover", "acme", work)
	assert.Contains(t, out, "Bound 3 repositories to acme")
	assert.NotContains(t, out, "node_modules")
	var rs []workbench.RepoInfo
	require.NoError(t, json.Unmarshal([]byte(h.ok("repo", "list", "acme", "--json")), &rs))
	require.Len(t, rs, 3)
	for _, r := range rs {
		assert.Equal(t, origin, r.URL, "origin URL recorded for %s", r.Path)
	}

	missing := filepath.Join(root, "elsewhere", "api")
	h.ok("repo", "add", "acme", missing, "--url", origin)

	var sts []workbench.RepoStatus
	require.NoError(t, json.Unmarshal([]byte(h.ok("repo", "status", "acme", "--json")), &sts))
	byPath := map[string]workbench.RepoStatus{}
	for _, s := range sts {
		byPath[s.Path] = s
	}
	require.Len(t, byPath, 4)
	assert.Equal(t, workbench.RepoStatus{Path: clean, URL: origin, Exists: true, Branch: "main", Upstream: "origin/main"}, byPath[clean])
	assert.True(t, byPath[dirty].Dirty)
	assert.Equal(t, 1, byPath[ahead].Ahead)
	assert.False(t, byPath[ahead].Dirty)
	assert.False(t, byPath[missing].Exists)
	assert.Equal(t, "missing", byPath[missing].Error)

	human := h.ok("repo", "status", "acme")
	assert.Contains(t, human, "dirty")
	assert.Contains(t, human, "1 ahead, 0 behind origin/main")
	assert.Contains(t, human, "missing: `stint repo clone acme`")

	out = h.ok("repo", "clone", "acme")
	assert.Regexp(t, regexp.QuoteMeta(missing)+` +cloned`, out)
	assert.FileExists(t, filepath.Join(missing, "README"))
	sts = nil
	require.NoError(t, json.Unmarshal([]byte(h.ok("repo", "status", "acme", "--json")), &sts))
	for _, s := range sts {
		assert.True(t, s.Exists, s.Path)
	}
}

func TestRepoMoreBadInput(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	empty := t.TempDir()
	cases := []struct {
		want string
		args []string
	}{
		{"usage: stint repo discover NAME DIR", []string{"repo", "discover", "acme"}},
		{"is not a directory", []string{"repo", "discover", "acme", filepath.Join(empty, "nope")}},
		{"no git repositories under", []string{"repo", "discover", "acme", empty}},
		{"no client named \"nobody\"", []string{"repo", "discover", "nobody", empty}},
		{"no client named \"nobody\"", []string{"repo", "status", "nobody"}},
		{"no client named \"nobody\"", []string{"repo", "clone", "nobody"}},
		{"usage: stint repo clone NAME", []string{"repo", "clone"}},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) { h.fails(2, c.want, c.args...) })
	}
}
