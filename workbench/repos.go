package workbench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/stint-sh/stint/badinput"
	"github.com/stint-sh/stint/profiles"
	"github.com/stint-sh/stint/store"
)

// gitParallel bounds how many git processes run at once, so 50 repositories
// answer in about the time of the slowest without forking 50 processes.
const gitParallel = 8

// skipWhenDiscovering are directories that hold no repositories of their
// own worth binding, only dependencies and caches; walking them is slow.
var skipWhenDiscovering = map[string]bool{
	".git": true, "node_modules": true, ".terraform": true, ".venv": true,
	"__pycache__": true, ".cache": true, ".tox": true,
}

// DiscoverRepos binds every git repository below dir to a client, with its
// origin URL. It stops at each repository's root: repositories nested in
// another one's work tree (submodules, vendored checkouts) belong to it.
func (w *Workbench) DiscoverRepos(ctx context.Context, slug, dir string) ([]RepoInfo, error) {
	if _, err := w.client(ctx, slug); err != nil {
		return nil, err
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, badinput.Errorf("directory %q is not usable: %v", dir, err)
	}
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		return nil, badinput.Errorf("%s is not a directory: give the directory your repositories are in", root)
	}
	if err := checkGit(); err != nil {
		return nil, err
	}
	found, err := findGitRepos(ctx, root)
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, badinput.Errorf("no git repositories under %s", root)
	}
	repos := make([]RepoInfo, len(found))
	eachBounded(len(found), gitParallel, func(i int) {
		url, _ := runGit(ctx, found[i], os.Environ(), "config", "--get", "remote.origin.url")
		repos[i] = RepoInfo{Path: found[i], URL: strings.TrimSpace(url)}
	})
	ch := store.ProfileChange{}
	now := w.Now()
	for _, r := range repos {
		ch.AddRepos = append(ch.AddRepos, store.Repo{Path: r.Path, URL: r.URL, AddedAt: now})
	}
	if err := w.change(ctx, slug, ch); err != nil {
		return nil, err
	}
	return repos, nil
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
func (w *Workbench) RepoStatus(ctx context.Context, slug string) ([]RepoStatus, error) {
	p, err := w.profile(ctx, slug)
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
	eachBounded(len(p.Repos), gitParallel, func(i int) {
		out[i] = repoStatus(ctx, p.Repos[i], env)
	})
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

// CloneRepos clones each of a client's repositories whose path is missing
// and that has a URL, with the client's git identity and SSH key (the GIT_*
// variables of its environment plan). Clones run one at a time so an SSH
// passphrase prompt is never interleaved with another; git never prompts
// for a username or password (GIT_TERMINAL_PROMPT=0): credential helpers
// and ssh-agent apply. A failed clone is reported in its row, and the error
// says how many failed.
func (w *Workbench) CloneRepos(ctx context.Context, slug string) ([]CloneResult, error) {
	p, err := w.profile(ctx, slug)
	if err != nil {
		return nil, err
	}
	if err := checkGit(); err != nil {
		return nil, err
	}
	plan, err := profiles.BuildPlan(profiles.PlanInput{Profile: p})
	if err != nil {
		return nil, err
	}
	env := gitEnv(os.Environ(), plan)
	var out []CloneResult
	failed := 0
	for _, r := range p.Repos {
		res := CloneResult{Path: r.Path, URL: r.URL}
		switch _, statErr := os.Stat(r.Path); {
		case statErr == nil:
			res.Result = "present"
		case r.URL == "":
			res.Result = "no-url"
		default:
			if _, err := runGit(ctx, "", env, "clone", "--", r.URL, r.Path); err != nil {
				res.Result, res.Error = "failed", err.Error()
				failed++
			} else {
				res.Result = "cloned"
			}
		}
		out = append(out, res)
	}
	if failed > 0 {
		return out, fmt.Errorf("%d of %d clones failed: see the errors above", failed, len(p.Repos))
	}
	return out, nil
}

// gitEnv is base with the plan's git variables (identity, GIT_SSH_COMMAND,
// signing config) in place of any the caller's environment had, so a clone
// for one client never uses another client's key.
func gitEnv(base []string, plan profiles.Plan) []string {
	drop := map[string]bool{"GIT_TERMINAL_PROMPT": true}
	for _, n := range plan.Clear {
		if strings.HasPrefix(n, "GIT_") {
			drop[n] = true
		}
	}
	var set []string
	for _, v := range plan.Vars {
		if strings.HasPrefix(v.Name, "GIT_") {
			drop[v.Name] = true
			set = append(set, v.Name+"="+v.Value)
		}
	}
	out := make([]string, 0, len(base)+len(set)+1)
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		if !drop[name] {
			out = append(out, kv)
		}
	}
	out = append(out, set...)
	return append(out, "GIT_TERMINAL_PROMPT=0")
}

func checkGit() error {
	if _, err := exec.LookPath("git"); err != nil {
		return errors.New("git is not installed or not on PATH: install git and try again")
	}
	return nil
}

// runGit runs git (in dir unless empty) and returns its stdout; an error
// carries git's last line of stderr.
func runGit(ctx context.Context, dir string, env []string, args ...string) (string, error) {
	if dir != "" {
		args = append([]string{"-C", dir}, args...)
	}
	cmd := exec.CommandContext(ctx, "git", args...)
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

// eachBounded calls fn(0..n-1) on at most limit goroutines at a time and
// waits for all of them.
func eachBounded(n, limit int, fn func(i int)) {
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			fn(i)
		}()
	}
	wg.Wait()
}
