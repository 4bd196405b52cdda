package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/testenv"
	"github.com/stint-sh/stint/internal/workbench"
)

// gitCLI runs the real git for a test, away from the user's configuration.
func gitCLI(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(testenv.Program(t, "git"), append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

func TestRepos(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	dir := t.TempDir()
	h.ok("repo", "add", "acme", dir)
	h.ok("repo", "add", "acme", filepath.Join(dir, "missing"), "--url", "git@example.com:acme/api.git")
	var rs []workbench.RepoInfo
	require.NoError(t, json.Unmarshal([]byte(h.ok("repo", "list", "acme", "--json")), &rs))
	require.Len(t, rs, 2)
	assert.Equal(t, "git@example.com:acme/api.git", rs[1].URL)
	h.fails(2, "does not exist", "repo", "add", "acme", filepath.Join(dir, "nope"))
	h.fails(2, "is not a repository of acme", "repo", "rm", "acme", "/elsewhere")
	h.ok("repo", "rm", "acme", dir)
	require.NoError(t, json.Unmarshal([]byte(h.ok("repo", "list", "acme", "--json")), &rs))
	assert.Len(t, rs, 1)
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

func TestRepoBadInput(t *testing.T) {
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

// fakeGitDumpingEnv puts a git on PATH (of the test process and of the
// harness's calling shell) that writes its environment to the returned file
// and creates the directory it was asked to clone into.
func fakeGitDumpingEnv(t *testing.T, h *harness) string {
	t.Helper()
	bin := t.TempDir()
	dump := filepath.Join(t.TempDir(), "git-env")
	script := "#!/bin/sh\nenv > " + dump + "\nfor last; do :; done\nmkdir -p \"$last/.git\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755))
	path := bin + string(os.PathListSeparator) + os.Getenv("PATH")
	t.Setenv("PATH", path)
	h.env["PATH"] = path
	return dump
}

func TestRepoCloneRunsGitInTheClientsEnvironment(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.stdin = "client-token-of-acme"
	h.ok("secret", "set", "acme", "GH_TOKEN")
	h.ok("isolate", "acme", "gh")
	missing := filepath.Join(t.TempDir(), "api")
	h.ok("repo", "add", "acme", missing, "--url", "https://github.com/acme/api.git")
	dump := fakeGitDumpingEnv(t, h)
	// The calling shell carries another client's (or the user's) tokens.
	for k, v := range map[string]string{"GITHUB_TOKEN": "callers-token", "AWS_PROFILE": "other-client", "GH_CONFIG_DIR": "/other/gh", "GIT_TERMINAL_PROMPT": "1"} {
		t.Setenv(k, v)
		h.env[k] = v
	}

	out := h.ok("repo", "clone", "acme")
	assert.Regexp(t, regexp.QuoteMeta(missing)+` +cloned`, out)
	data, err := os.ReadFile(dump)
	require.NoError(t, err)
	env := workbench.EnvironMap(strings.Split(strings.TrimSpace(string(data)), "\n"))
	assert.NotContains(t, env, "GITHUB_TOKEN", "the caller's token must not reach git")
	assert.NotContains(t, env, "AWS_PROFILE")
	assert.Equal(t, "client-token-of-acme", env["GH_TOKEN"], "the client's secret reaches git")
	l, err := paths.Resolve(func(k string) string { return h.env[k] })
	require.NoError(t, err)
	assert.Equal(t, l.ToolHome("acme", "gh"), env["GH_CONFIG_DIR"], "the client's isolated gh home")
	assert.Equal(t, "acme", env["STINT_CLIENT"])
	assert.Equal(t, "0", env["GIT_TERMINAL_PROMPT"])
	assert.Contains(t, h.ok("access", "acme"), "git clone", "the clone is in the access log")
}

func TestRepoURLCredentialsAreNeverStored(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	const token = "ghp_NotARealToken0123456789abcdef"
	root := t.TempDir()

	api := filepath.Join(root, "api")
	r := h.run("repo", "add", "acme", api, "--url", "https://x-access-token:"+token+"@github.com/acme/api.git")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "stint: note: removed credentials from the URL of "+api+": stint stores and exports it without them (the clone's own .git/config is unchanged); `stint repo clone` needs git's credential helper or ssh-agent to authenticate\n", r.stderr)
	assert.NotContains(t, r.stdout, token)

	// SSH user names say which account, not how to log in: they stay.
	for _, u := range []string{"git@github.com:acme/infra.git", "ssh://git@gitlab.acme.io:2222/acme/ops.git"} {
		r = h.run("repo", "add", "acme", filepath.Join(root, filepath.Base(u)), "--url", u)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Empty(t, r.stderr, "nothing stripped from %s", u)
	}

	// discover reads the origin URL from the repository's own config.
	work := filepath.Join(root, "work")
	web, docs := filepath.Join(work, "web"), filepath.Join(work, "docs")
	for _, p := range []string{web, docs} {
		require.NoError(t, os.MkdirAll(p, 0o755))
		gitCLI(t, p, "init", "-q")
	}
	gitCLI(t, web, "remote", "add", "origin", "https://oauth2:"+token+"@gitlab.acme.io/acme/web.git")
	gitCLI(t, docs, "remote", "add", "origin", "https://"+token+"@github.com/acme/docs")
	r = h.run("repo", "discover", "acme", work)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one note for the whole discovery: %q", r.stderr)
	assert.Contains(t, r.stderr, "stint: note: removed credentials from the URLs of "+docs+", "+web+": stint stores and exports it without them")
	assert.NotContains(t, r.stdout, token)

	var rs []workbench.RepoInfo
	require.NoError(t, json.Unmarshal([]byte(h.ok("repo", "list", "acme", "--json")), &rs))
	urls := map[string]string{}
	for _, r := range rs {
		urls[filepath.Base(r.Path)] = r.URL
	}
	assert.Equal(t, map[string]string{
		"api": "https://github.com/acme/api.git", "infra.git": "git@github.com:acme/infra.git",
		"ops.git": "ssh://git@gitlab.acme.io:2222/acme/ops.git",
		"web":     "https://gitlab.acme.io/acme/web.git", "docs": "https://github.com/acme/docs",
	}, urls)
	assert.NotContains(t, h.dump(), token, "the database holds no credentials")

	// repo add of an existing clone records its origin, as discover does,
	// credentials removed with the same note; a clone without an origin
	// has no URL.
	h.ok("repo", "rm", "acme", web)
	r = h.run("repo", "add", "acme", web)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "Added "+web+" to acme, with its origin https://gitlab.acme.io/acme/web.git.\n", r.stdout)
	assert.Contains(t, r.stderr, "stint: note: removed credentials from the URL of "+web+":")
	bare := filepath.Join(root, "bare")
	require.NoError(t, os.MkdirAll(bare, 0o755))
	gitCLI(t, bare, "init", "-q")
	assert.Equal(t, "Added "+bare+" to acme.\n", h.ok("repo", "add", "acme", bare))
	assert.NotContains(t, h.dump(), token, "the database holds no credentials")

	// Nor does the handoff, markdown or bundle.
	bundle := filepath.Join(t.TempDir(), "acme.json")
	r = h.run("handoff", "export", "acme", "--bundle", bundle)
	require.Equal(t, 0, r.code, r.stderr)
	data, err := os.ReadFile(bundle)
	require.NoError(t, err)
	for name, text := range map[string]string{"markdown": r.stdout, "bundle": string(data)} {
		assert.NotContains(t, text, token, name)
		assert.Contains(t, text, "https://gitlab.acme.io/acme/web.git", name)
	}
}
