package clients

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/store"
)

// A client imported from a bundle has roots: the directory its
// repositories were placed under and its working directory. Nothing from
// the bundle is written outside them, and none of them is a hidden
// directory of the home (~/.config, ~/.ssh, ~/.gnupg …), where a file
// decides what programs run (docs/safety.md).

// CheckRoot refuses a directory to place a client's repositories under
// that is relative, or is or lies in a hidden directory of home (~/.config,
// ~/.ssh …), symbolic links followed as far as they exist.
func CheckRoot(root, home string) error {
	if !filepath.IsAbs(root) {
		return badinput.Errorf("source root %q is not absolute: give --src an absolute directory", root)
	}
	if home == "" {
		return nil
	}
	for _, p := range []string{filepath.Clean(root), resolveExisting(root)} {
		for _, h := range []string{filepath.Clean(home), resolveExisting(home)} {
			rel, err := filepath.Rel(h, p)
			if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
				continue
			}
			if first := strings.Split(rel, string(filepath.Separator))[0]; strings.HasPrefix(first, ".") {
				return badinput.Errorf("source root %s is in the hidden directory %s of your home: give --src a directory of its own, like %s", root, filepath.Join(home, first), filepath.Join(home, "src"))
			}
		}
	}
	return nil
}

// resolveExisting is p with symbolic links resolved in its longest
// existing prefix; a link whose target does not exist yet counts as its
// target (a clone through it would land there).
func resolveExisting(p string) string { return resolveDepth(p, 0) }

func resolveDepth(p string, depth int) string {
	p = filepath.Clean(p)
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		if depth < 40 {
			if target, err := os.Readlink(p); err == nil {
				if !filepath.IsAbs(target) {
					target = filepath.Join(filepath.Dir(p), target)
				}
				return resolveDepth(filepath.Join(target, rest), depth+1)
			}
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// Roots are the directories a client's repositories may be cloned into;
// none for a client made here (its repositories are where its user said).
func Roots(c store.Client) []string {
	var out []string
	if c.SrcRoot != "" {
		out = append(out, c.SrcRoot)
		if c.Workdir != "" {
			out = append(out, c.Workdir)
		}
	}
	return out
}

// Within reports whether p is root or lies below it, both as written and
// with symbolic links followed as far as they exist: a link inside the
// root that leads out of it does not count as inside.
func Within(p, root string) bool {
	below := func(a, r string) bool {
		rel, err := filepath.Rel(r, a)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	return below(filepath.Clean(p), filepath.Clean(root)) && below(resolveExisting(p), resolveExisting(root))
}
