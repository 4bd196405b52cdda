package workbench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/testenv"
	"github.com/stint-sh/stint/internal/workbench/repos"
)

// gitT runs the real git for a test, isolated from the user's and the
// system's configuration.
func gitT(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(testenv.Program(t, "git"), append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
	return string(out)
}

// originWithCommit makes a bare "origin" holding one commit on main.
func originWithCommit(t *testing.T, root string) string {
	t.Helper()
	origin := filepath.Join(root, "origin.git")
	seed := filepath.Join(root, "seed")
	require.NoError(t, os.MkdirAll(seed, 0o755))
	gitT(t, root, "init", "-q", "--bare", "-b", "main", origin)
	gitT(t, seed, "init", "-q", "-b", "main")
	require.NoError(t, os.WriteFile(filepath.Join(seed, "README"), []byte("hi\n"), 0o644))
	gitT(t, seed, "add", "README")
	gitT(t, seed, "commit", "-q", "-m", "first")
	gitT(t, seed, "remote", "add", "origin", origin)
	gitT(t, seed, "push", "-q", "origin", "main")
	return origin
}

func commitFile(t *testing.T, repo, name string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(repo, name), []byte(name+"\n"), 0o644))
	gitT(t, repo, "add", name)
	gitT(t, repo, "commit", "-q", "-m", "add "+name)
}

func TestRepoStatusWithRealGit(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, withoutKeyring())
	w.addClient("acme")
	root := t.TempDir()
	origin := originWithCommit(t, root)

	clone := func(name string) string {
		p := filepath.Join(root, name)
		gitT(t, root, "clone", "-q", origin, p)
		return p
	}
	clean, dirty, ahead, behind := clone("clean"), clone("dirty"), clone("ahead"), clone("behind")
	require.NoError(t, os.WriteFile(filepath.Join(dirty, "scratch.txt"), []byte("x"), 0o644))
	commitFile(t, ahead, "a1")
	commitFile(t, ahead, "a2")
	// "behind": origin moves on, behind fetches but does not merge.
	pusher := clone("pusher")
	commitFile(t, pusher, "p1")
	gitT(t, pusher, "push", "-q", "origin", "main")
	gitT(t, behind, "fetch", "-q")
	missing := filepath.Join(root, "gone")

	for _, p := range []string{clean, dirty, ahead, behind} {
		_, err := w.AddRepo(ctx, "acme", p, "")
		require.NoError(t, err)
	}
	_, err := w.AddRepo(ctx, "acme", missing, "git@example.com:acme/gone.git")
	require.NoError(t, err)

	sts, err := w.RepoStatus(ctx, "acme")
	require.NoError(t, err)
	got := map[string]RepoStatus{}
	for _, s := range sts {
		got[filepath.Base(s.Path)] = s
	}
	require.Len(t, got, 5)
	assert.Equal(t, RepoStatus{Path: clean, URL: origin, Exists: true, Branch: "main", Upstream: "origin/main"}, got["clean"], "repo add of a clone records its origin")
	assert.True(t, got["dirty"].Dirty)
	assert.Zero(t, got["dirty"].Ahead)
	assert.Equal(t, 2, got["ahead"].Ahead)
	assert.False(t, got["ahead"].Dirty)
	assert.Equal(t, 1, got["behind"].Behind)
	assert.Zero(t, got["behind"].Ahead)
	assert.Equal(t, RepoStatus{Path: missing, URL: "git@example.com:acme/gone.git", Error: "missing"}, got["gone"])
}

// TestRepoStatusRunsConcurrently: status runs git for several repositories
// at once, and never for more than repos.GitParallel. The git on PATH counts the
// others running beside it; the first ones wait (up to 10 s) until
// repos.GitParallel of them run together, so the count does not depend on how
// fast the machine starts processes.
func TestRepoStatusRunsConcurrently(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, withoutKeyring())
	w.addClient("acme")
	root := t.TempDir()
	bin, state := t.TempDir(), t.TempDir()
	realGit := testenv.Program(t, "git")
	countingGit := fmt.Sprintf(`#!/bin/sh
state=%[1]s
running() { ls -d "$state"/run.* | wc -l; }
mkdir "$state/run.$$"
i=0
while [ ! -e "$state/released" ]; do
  if [ "$(running)" -ge %[2]d ] || [ $i -ge 1000 ]; then : >"$state/released"; break; fi
  i=$((i+1)); sleep 0.01
done
running >>"$state/seen"
rmdir "$state/run.$$"
exec %[3]s "$@"
`, state, repos.GitParallel, realGit)
	require.NoError(t, os.WriteFile(filepath.Join(bin, "git"), []byte(countingGit), 0o755))
	for i := range 3 * repos.GitParallel {
		p := filepath.Join(root, "r"+string(rune('a'+i)))
		require.NoError(t, os.MkdirAll(p, 0o755))
		gitT(t, p, "init", "-q", "-b", "main")
		_, err := w.AddRepo(ctx, "acme", p, "")
		require.NoError(t, err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	sts, err := w.RepoStatus(ctx, "acme")
	require.NoError(t, err)
	require.Len(t, sts, 3*repos.GitParallel)
	for _, s := range sts {
		assert.Equal(t, "main", s.Branch, s.Error)
	}
	seen, err := os.ReadFile(filepath.Join(state, "seen"))
	require.NoError(t, err)
	most := 0
	for _, field := range strings.Fields(string(seen)) {
		n, err := strconv.Atoi(field)
		require.NoError(t, err)
		most = max(most, n)
	}
	assert.Equal(t, repos.GitParallel, most, "the most git processes running at once")
}

func TestDiscoverRepos(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, withoutKeyring())
	w.addClient("acme")
	root := t.TempDir()
	api := filepath.Join(root, "acme", "api")
	infra := filepath.Join(root, "acme", "ops", "infra")
	inDeps := filepath.Join(root, "acme", "web", "node_modules", "left-pad")
	nested := filepath.Join(api, "vendor", "lib")
	for _, p := range []string{api, infra, inDeps, nested} {
		require.NoError(t, os.MkdirAll(p, 0o755))
		gitT(t, p, "init", "-q")
	}
	gitT(t, api, "remote", "add", "origin", "git@github.com:acme/api.git")

	found, stripped, err := w.DiscoverRepos(ctx, "acme", root)
	require.NoError(t, err)
	assert.Empty(t, stripped)
	assert.Equal(t, []RepoInfo{{Path: api, URL: "git@github.com:acme/api.git"}, {Path: infra}}, found)
	listed, err := w.Repos(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, found, listed)

	_, _, err = w.DiscoverRepos(ctx, "acme", filepath.Join(root, "nope"))
	assert.True(t, badinput.Is(err))
	_, _, err = w.DiscoverRepos(ctx, "acme", t.TempDir())
	assert.True(t, badinput.Is(err))
	assert.ErrorContains(t, err, "no git repositories")
}

func TestCloneReposUsesTheClientsIdentity(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, withoutKeyring())
	w.addClient("acme")
	root := t.TempDir()
	origin := originWithCommit(t, root)
	key := filepath.Join(root, "id_acme")
	require.NoError(t, os.WriteFile(key, []byte("not a real key"), 0o600))
	s, err := profiles.Git(profiles.GitSpec{Email: ptr("ada@acme.io"), SSHKey: &key})
	require.NoError(t, err)
	require.NoError(t, w.ApplySettings(ctx, "acme", s, nil, nil))

	// A fake ssh on PATH records how git called it, proving that the
	// client's key reached the clone.
	bin := t.TempDir()
	record := filepath.Join(root, "ssh-args")
	require.NoError(t, os.WriteFile(filepath.Join(bin, "ssh"),
		[]byte("#!/bin/sh\necho \"$@\" > "+record+"\necho \"email=$GIT_AUTHOR_EMAIL\" >> "+record+"\nexit 1\n"), 0o755))
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("GIT_SSH_COMMAND", "ssh -i /keys/of/another/client")

	local := filepath.Join(root, "src", "api")
	_, err = w.AddRepo(ctx, "acme", local, origin)
	require.NoError(t, err)
	viaSSH := filepath.Join(root, "src", "infra")
	_, err = w.AddRepo(ctx, "acme", viaSSH, "ssh://git@git.acme.invalid/acme/infra.git")
	require.NoError(t, err)
	present := t.TempDir()
	_, err = w.AddRepo(ctx, "acme", present, "")
	require.NoError(t, err)

	res, err := w.CloneRepos(ctx, "acme", os.Environ())
	require.ErrorContains(t, err, "1 of 3 clones failed")
	byPath := map[string]CloneResult{}
	for _, r := range res {
		byPath[r.Path] = r
	}
	assert.Equal(t, "cloned", byPath[local].Result)
	assert.FileExists(t, filepath.Join(local, "README"))
	assert.Equal(t, "present", byPath[present].Result)
	assert.Equal(t, "failed", byPath[viaSSH].Result)
	assert.NotEmpty(t, byPath[viaSSH].Error)
	assert.NoDirExists(t, viaSSH)

	args, err := os.ReadFile(record)
	require.NoError(t, err)
	assert.Contains(t, string(args), "-i "+key+" -o IdentitiesOnly=yes")
	assert.NotContains(t, string(args), "another/client")
	assert.Contains(t, string(args), "email=ada@acme.io")

	// Again: everything present now except the one that cannot be cloned.
	res, err = w.CloneRepos(ctx, "acme", os.Environ())
	require.Error(t, err)
	assert.Equal(t, "present", res[0].Result)
}

func ptr[T any](v T) *T { return &v }

func TestCloneReposRunsGitInTheClientsEnvironmentOnly(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	w.addClient("acme")
	require.NoError(t, w.SetSecret(ctx, "acme", "GH_TOKEN", "token-of-acme"))
	require.NoError(t, w.Isolate(ctx, "acme", []string{"gh"}, false))
	root := t.TempDir()
	missing := filepath.Join(root, "api")
	_, err := w.AddRepo(ctx, "acme", missing, "https://github.com/acme/api.git")
	require.NoError(t, err)
	present := t.TempDir()
	_, err = w.AddRepo(ctx, "acme", present, "")
	require.NoError(t, err)

	// A git that writes its environment down and "clones" by making the
	// directory, found on the PATH of the calling environment.
	bin := t.TempDir()
	dump := filepath.Join(root, "git-env")
	require.NoError(t, os.WriteFile(filepath.Join(bin, "git"),
		[]byte("#!/bin/sh\nenv > "+dump+"\nfor last; do :; done\nmkdir -p \"$last/.git\"\n"), 0o755))
	caller := []string{"PATH=" + bin + ":/usr/bin:/bin", "GITHUB_TOKEN=callers-token", "AWS_PROFILE=other-client",
		"GH_CONFIG_DIR=/other/gh", "GIT_TERMINAL_PROMPT=1", "LANG=C.UTF-8"}

	res, err := w.CloneRepos(ctx, "acme", caller)
	require.NoError(t, err)
	assert.Equal(t, []CloneResult{{Path: missing, URL: "https://github.com/acme/api.git", Result: "cloned"}, {Path: present, Result: "present"}}, res)
	data, err := os.ReadFile(dump)
	require.NoError(t, err)
	env := EnvironMap(strings.Split(strings.TrimSpace(string(data)), "\n"))
	assert.NotContains(t, env, "GITHUB_TOKEN", "the caller's token never reaches git")
	assert.NotContains(t, env, "AWS_PROFILE", "nor another client's cloud profile")
	assert.Equal(t, "token-of-acme", env["GH_TOKEN"], "the client's secret does")
	assert.Equal(t, w.layout.ToolHome("acme", "gh"), env["GH_CONFIG_DIR"], "and its isolated gh home")
	assert.Equal(t, "acme", env["STINT_CLIENT"])
	assert.Equal(t, "0", env["GIT_TERMINAL_PROMPT"])
	assert.Equal(t, "C.UTF-8", env["LANG"], "the rest of the caller's environment stays")
	assert.NoFileExists(t, env["KUBECONFIG"], "the clone's session kubeconfig is removed afterwards")

	report, err := w.AccessLog(ctx, "acme", time.Time{})
	require.NoError(t, err)
	require.Len(t, report.Events, 1)
	assert.Equal(t, ActionExec, report.Events[0].Action)
	assert.Equal(t, CloneDetail, report.Events[0].Detail)

	// Nothing left to clone: git does not run and nothing is logged.
	require.NoError(t, os.Remove(dump))
	_, err = w.CloneRepos(ctx, "acme", caller)
	require.NoError(t, err)
	assert.NoFileExists(t, dump)
	report, err = w.AccessLog(ctx, "acme", time.Time{})
	require.NoError(t, err)
	assert.Len(t, report.Events, 1)
}

func TestReposNeverStoreURLCredentials(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, withoutKeyring())
	w.addClient("acme")
	const token = "ghp_NotARealToken0123456789"
	root := t.TempDir()

	added, err := w.AddRepo(ctx, "acme", filepath.Join(root, "api"), "https://x-access-token:"+token+"@github.com/acme/api.git")
	require.NoError(t, err)
	assert.Equal(t, "https://github.com/acme/api.git", added.URL)

	work := filepath.Join(root, "work")
	web, docs := filepath.Join(work, "web"), filepath.Join(work, "docs")
	for _, p := range []string{web, docs} {
		require.NoError(t, os.MkdirAll(p, 0o755))
		gitT(t, p, "init", "-q")
	}
	gitT(t, web, "remote", "add", "origin", "https://oauth2:"+token+"@gitlab.acme.io/acme/web.git")
	gitT(t, docs, "remote", "add", "origin", "git@github.com:acme/docs.git")
	found, stripped, err := w.DiscoverRepos(ctx, "acme", work)
	require.NoError(t, err)
	assert.Equal(t, []string{web}, stripped)
	assert.Equal(t, []RepoInfo{{Path: docs, URL: "git@github.com:acme/docs.git"}, {Path: web, URL: "https://gitlab.acme.io/acme/web.git"}}, found)

	p, err := w.clients.StoredProfile(ctx, "acme")
	require.NoError(t, err)
	for _, r := range p.Repos {
		assert.NotContains(t, r.URL, token, "stored for %s", r.Path)
	}
}
