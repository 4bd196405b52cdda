package repos

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clients"
	"github.com/stint-sh/stint/internal/workbench/session"
)

// GitParallel bounds how many git processes run at once, so 50 repositories
// answer in about the time of the slowest without forking 50 processes.
const GitParallel = 8

// skipWhenDiscovering are directories that hold no repositories of their
// own worth binding, only dependencies and caches; walking them is slow.
var skipWhenDiscovering = map[string]bool{
	".git": true, "node_modules": true, ".terraform": true, ".venv": true,
	"__pycache__": true, ".cache": true, ".tox": true,
}

// DiscoverRepos binds every git repository below dir to a client, with its
// origin URL. It stops at each repository's root: repositories nested in
// another one's work tree (submodules, vendored checkouts) belong to it.
// Credentials in an origin URL are not stored (see RepoURLWithoutCredentials);
// credentialsRemoved lists the paths whose URL had them, so the caller can
// say so.
func (rs *Repos) DiscoverRepos(ctx context.Context, slug, dir string) (repos []clients.RepoInfo, credentialsRemoved []string, err error) {
	if _, err := rs.clients.Client(ctx, slug); err != nil {
		return nil, nil, err
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, badinput.Errorf("directory %q is not usable: %w", dir, err)
	}
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		return nil, nil, badinput.Errorf("%s is not a directory: give the directory your repositories are in", root)
	}
	if err := checkGit(); err != nil {
		return nil, nil, err
	}
	found, err := findGitRepos(ctx, root)
	if err != nil {
		return nil, nil, err
	}
	if len(found) == 0 {
		return nil, nil, badinput.Errorf("no git repositories under %s", root)
	}
	repos = make([]clients.RepoInfo, len(found))
	stripped := make([]bool, len(found))
	var g errgroup.Group
	g.SetLimit(GitParallel)
	for i := range found {
		g.Go(func() error {
			url, _ := runGit(ctx, found[i], os.Environ(), "config", "--get", "remote.origin.url")
			clean, removed := profiles.RepoURLWithoutCredentials(strings.TrimSpace(url))
			repos[i], stripped[i] = clients.RepoInfo{Path: found[i], URL: clean}, removed
			return nil
		})
	}
	_ = g.Wait() // a repository without an origin just has no URL
	ch := store.ProfileChange{}
	now := rs.clock.Now()
	for i, r := range repos {
		ch.AddRepos = append(ch.AddRepos, store.Repo{Path: r.Path, URL: r.URL, AddedAt: now})
		if stripped[i] {
			credentialsRemoved = append(credentialsRemoved, r.Path)
		}
	}
	if err := rs.clients.Change(ctx, slug, ch); err != nil {
		return nil, nil, err
	}
	return repos, credentialsRemoved, nil
}

// AddRepo binds the repository at path to a client. Without a URL, an
// existing clone's origin URL is recorded, as DiscoverRepos does, so the
// next engineer's `repo clone` has something to clone; either way the URL
// is stored without credentials (RepoInfo.CredentialsRemoved says so).
func (rs *Repos) AddRepo(ctx context.Context, slug, path, url string) (clients.RepoInfo, error) {
	if url == "" {
		if abs, err := filepath.Abs(path); err == nil && checkGit() == nil {
			if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil {
				origin, _ := runGit(ctx, abs, os.Environ(), "config", "--get", "remote.origin.url")
				url = strings.TrimSpace(origin) // no origin: no URL, as before
			}
		}
	}
	return rs.clients.AddRepo(ctx, slug, path, url)
}

// findGitRepos lists the roots of the git repositories below root, sorted.
// Unreadable directories are skipped, not fatal.
func findGitRepos(ctx context.Context, root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			if d != nil && d.IsDir() && path != root {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if path != root && skipWhenDiscovering[d.Name()] {
			return fs.SkipDir
		}
		// A .git directory, or a .git file (worktrees, submodules).
		if _, err := os.Lstat(filepath.Join(path, ".git")); err == nil {
			out = append(out, path)
			return fs.SkipDir
		}
		return nil
	})
	return out, err
}

// RepoStatus reports branch, uncommitted changes and ahead/behind counts of
// each of a client's repositories, running git concurrently. A repository
// whose path is missing, or where git fails, is reported in its row.
func (rs *Repos) RepoStatus(ctx context.Context, slug string) ([]RepoStatus, error) {
	p, err := rs.clients.StoredProfile(ctx, slug)
	if err != nil {
		return nil, err
	}
	if err := checkGit(); err != nil {
		return nil, err
	}
	// No index refresh lock: status must not get in the way of a git
	// command the user runs at the same moment.
	env := append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	out := make([]RepoStatus, len(p.Repos))
	var g errgroup.Group
	g.SetLimit(GitParallel)
	for i := range p.Repos {
		g.Go(func() error {
			out[i] = repoStatus(ctx, p.Repos[i], env)
			return nil
		})
	}
	_ = g.Wait() // each repository's problem is in its own status
	return out, nil
}

func repoStatus(ctx context.Context, r store.Repo, env []string) RepoStatus {
	st := RepoStatus{Path: r.Path, URL: r.URL}
	info, err := os.Stat(r.Path)
	if err != nil || !info.IsDir() {
		st.Error = "missing"
		return st
	}
	st.Exists = true
	out, err := runGit(ctx, r.Path, env, "status", "--porcelain=v2", "--branch")
	if err != nil {
		st.Error = err.Error()
		return st
	}
	parsed := parseStatusV2(out)
	st.Branch, st.Upstream, st.Dirty, st.Ahead, st.Behind = parsed.branch, parsed.upstream, parsed.dirty, parsed.ahead, parsed.behind
	return st
}

type porcelainStatus struct {
	branch, upstream string
	dirty            bool
	ahead, behind    int
}

// parseStatusV2 reads `git status --porcelain=v2 --branch`: header lines
// start with "# ", every other line is a changed, unmerged, untracked or
// ignored path.
func parseStatusV2(out string) porcelainStatus {
	var s porcelainStatus
	for _, line := range strings.Split(out, "\n") {
		switch {
		case line == "":
		case strings.HasPrefix(line, "# branch.head "):
			s.branch = strings.TrimPrefix(line, "# branch.head ")
		case strings.HasPrefix(line, "# branch.upstream "):
			s.upstream = strings.TrimPrefix(line, "# branch.upstream ")
		case strings.HasPrefix(line, "# branch.ab "):
			for _, f := range strings.Fields(strings.TrimPrefix(line, "# branch.ab ")) {
				n, _ := strconv.Atoi(f[1:])
				if f[0] == '+' {
					s.ahead = n
				} else {
					s.behind = n
				}
			}
		case strings.HasPrefix(line, "#"):
		default:
			s.dirty = true
		}
	}
	return s
}

// CloneResult is what `repo clone` did with one repository.
type CloneResult struct {
	Path   string `json:"path"`
	URL    string `json:"url,omitempty"`
	Result string `json:"result"` // cloned, present, no-url, failed
	Error  string `json:"error,omitempty"`
}

// CloneDetail is the access log's record of a clone: the command, never
// its arguments.
const CloneDetail = "git clone"

// CloneRepos clones each of a client's repositories whose path is missing
// and that has a URL. git runs in the environment `stint exec` gives a
// command (PrepareChild): environ, the calling shell's environment,
// switched to the client. So the client's git identity, SSH key, secrets
// and isolated tool homes apply, and no token of another client, nor one
// exported by hand, reaches git. The clone is logged like an exec.
//
// Clones run one at a time so an SSH passphrase prompt is never
// interleaved with another; git never prompts for a username or password
// (GIT_TERMINAL_PROMPT=0): credential helpers and ssh-agent apply. A failed
// clone is reported in its row, and the error says how many failed.
func (rs *Repos) CloneRepos(ctx context.Context, slug string, environ []string) ([]CloneResult, error) {
	p, err := rs.clients.StoredProfile(ctx, slug)
	if err != nil {
		return nil, err
	}
	if p.Client.ReviewPending {
		return nil, clients.PendingError(slug)
	}
	home := shell.EnvironMap(environ)["HOME"]
	roots := clients.Roots(p.Client)
	out := make([]CloneResult, len(p.Repos))
	var toClone []int
	for i, r := range p.Repos {
		out[i] = CloneResult{Path: r.Path, URL: r.URL}
		state, err := cloneTarget(slug, r.Path, roots, home)
		switch {
		case err != nil:
			return nil, err // before any clone: all or nothing
		case state == "present", state == "empty" && r.URL == "":
			out[i].Result = "present"
		case r.URL == "":
			out[i].Result = "no-url"
		default:
			toClone = append(toClone, i)
		}
	}
	if len(toClone) == 0 {
		// Nothing to run: no secrets loaded, nothing logged.
		return out, nil
	}
	child, err := rs.children.PrepareChild(ctx, session.ChildRequest{Client: slug, Environ: environ, Action: session.ActionExec, Detail: CloneDetail})
	if err != nil {
		return nil, err
	}
	defer child.Close()
	env := withoutPrompts(child.Env)
	git, err := gitOnPath(shell.EnvironMap(env)["PATH"])
	if err != nil {
		return nil, err
	}
	failed := 0
	for _, i := range toClone {
		if _, err := runGitBinary(ctx, git, "", env, "clone", "--", out[i].URL, out[i].Path); err != nil {
			out[i].Result, out[i].Error = "failed", err.Error()
			failed++
		} else {
			out[i].Result = "cloned"
		}
	}
	if failed > 0 {
		return out, fmt.Errorf("%d of %d clones failed: see the errors above", failed, len(p.Repos))
	}
	return out, nil
}

// cloneTarget says whether path is a clone already ("present") or a place a
// clone may go (missing: "free"; an empty directory: "empty"), and refuses one that is not: inside a hidden
// directory of home, outside the client's roots (when it has any), or an
// existing file or non-empty directory that is no git repository — git
// would refuse it, or the clone would mix with what is there.
func cloneTarget(slug, path string, roots []string, home string) (string, error) {
	if err := clients.CheckRoot(path, home); err != nil {
		return "", badinput.Errorf("repository path %s is in a hidden directory of your home: remove it with `stint repo rm %s %s`", path, slug, path)
	}
	if len(roots) > 0 && !slices.ContainsFunc(roots, func(root string) bool { return clients.Within(path, root) }) {
		return "", badinput.Errorf("repository path %s is outside %s's roots (%s): remove it with `stint repo rm %s %s`, or import the bundle again with --src", path, slug, strings.Join(roots, ", "), slug, path)
	}
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "free", nil
	}
	if err != nil {
		return "", fmt.Errorf("cannot check repository path %s: %w", path, err)
	}
	if !info.IsDir() {
		return "", badinput.Errorf("repository path %s exists and is not a directory: move it away, or remove the repository with `stint repo rm %s %s`", path, slug, path)
	}
	if _, err := os.Lstat(filepath.Join(path, ".git")); err == nil {
		return "present", nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return "", fmt.Errorf("cannot read repository path %s: %w", path, err)
	}
	if len(entries) > 0 {
		return "", badinput.Errorf("repository path %s exists, is not empty and is not a git repository: move it away, or remove the repository with `stint repo rm %s %s`", path, slug, path)
	}
	return "empty", nil
}

// withoutPrompts is env with GIT_TERMINAL_PROMPT=0 in place of any value it
// had: a clone that needs a password fails instead of waiting for one.
func withoutPrompts(env []string) []string {
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if !strings.HasPrefix(kv, "GIT_TERMINAL_PROMPT=") {
			out = append(out, kv)
		}
	}
	return append(out, "GIT_TERMINAL_PROMPT=0")
}

// gitOnPath finds git the way the child's shell would, on the child's PATH
// (a client may set its own); when that environment has no PATH at all,
// on stint's.
func gitOnPath(pathList string) (string, error) {
	if pathList == "" {
		return "git", checkGit()
	}
	for _, dir := range filepath.SplitList(pathList) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(dir, "git")
		if info, err := os.Stat(p); err == nil && !info.IsDir() && info.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", errors.New("git is not on the PATH of the client's environment: install git or fix the client's PATH")
}

func checkGit() error {
	if _, err := exec.LookPath("git"); err != nil {
		return errors.New("git is not installed or not on PATH: install git and try again")
	}
	return nil
}

// runGit runs the git on stint's PATH (in dir unless empty) and returns
// its stdout; an error carries git's last line of stderr.
func runGit(ctx context.Context, dir string, env []string, args ...string) (string, error) {
	return runGitBinary(ctx, "git", dir, env, args...)
}

// runGitBinary is runGit with the git executable named by git.
func runGitBinary(ctx context.Context, git, dir string, env []string, args ...string) (string, error) {
	if dir != "" {
		args = append([]string{"-C", dir}, args...)
	}
	cmd := exec.CommandContext(ctx, git, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := lastLine(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return stdout.String(), fmt.Errorf("git %s: %s", args[firstVerb(args)], msg)
	}
	return stdout.String(), nil
}

// firstVerb is the index of git's subcommand in args (after -C dir).
func firstVerb(args []string) int {
	if len(args) > 2 && args[0] == "-C" {
		return 2
	}
	return 0
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
