package shell

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"
)

// Auto-switch (docs/prompt.md): the hook keeps the directories bound to
// clients — workdirs and repositories — and, when the shell's directory
// changes, matches it against them with builtins only (a read loop over
// the roots file, a prefix test), so a prompt outside them runs no
// process. stint rewrites the file when the bindings change.

// Root is a directory bound to a client.
type Root struct {
	Client string
	Path   string
}

// RootsFile is the roots file's content: for each root, a line with the
// client's slug, then a line with the path. Most specific first (a
// repository inside a workdir wins), so the hook takes the first match.
// Paths the hook could not match safely are left out: relative ones, the
// file system root (every directory is below it) and those holding a
// newline or NUL.
func RootsFile(roots []Root) []byte {
	kept := make([]Root, 0, len(roots))
	for _, r := range roots {
		p := filepath.Clean(r.Path)
		if !filepath.IsAbs(p) || p == "/" || strings.ContainsAny(p, "\n\x00") || strings.ContainsAny(r.Client, "\n\x00") || r.Client == "" {
			continue
		}
		kept = append(kept, Root{Client: r.Client, Path: p})
	}
	slices.SortFunc(kept, func(a, b Root) int {
		return cmp.Or(cmp.Compare(len(b.Path), len(a.Path)), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Client, b.Client))
	})
	kept = slices.Compact(kept)
	var b strings.Builder
	for _, r := range kept {
		b.WriteString(r.Client + "\n" + r.Path + "\n")
	}
	return []byte(b.String())
}
