package handoff

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/profiles"
)

// A bundle carries no absolute path of the sender's machine (docs/safety.md,
// "Files from elsewhere"): repository paths and the working directory are
// relative to a source root the sender chose, and import places them under
// a root the receiver chooses; files the profile names (kubeconfigs, AWS
// config and credentials files, the SSH key) travel as names only and
// become things to provide. A path taken as given would let a bundle write
// anywhere — a "repository" at ~/.config/git is the sender's git config,
// and its hooks run at the next git command.

// fileSettings are the settings that name a file: a bundle carries the
// file's name, import stores none of them.
var fileSettings = []string{profiles.AWSConfigFile, profiles.AWSCredentialsFile, profiles.GitSSHKey}

// kubeSettings go with the kubeconfig files: stored again by the
// `kube add` that provides one.
var kubeSettings = []string{profiles.KubeContext, profiles.KubeNamespace}

// maxPathBytes bounds a path or name in a bundle.
const maxPathBytes = 4096

// Portable turns a bundle built from a profile (absolute paths) into what a
// bundle file carries: repository paths and the working directory relative
// to src, files by name only. src "" is the deepest directory holding every
// repository and the working directory. It returns the root used.
func Portable(b Bundle, src string) (Bundle, string, error) {
	var dirs []string
	for _, r := range b.Repos {
		dirs = append(dirs, filepath.Dir(r.Path))
	}
	if b.Client.Workdir != "" {
		dirs = append(dirs, b.Client.Workdir)
	}
	if src == "" {
		src = CommonRoot(dirs)
	} else {
		abs, err := filepath.Abs(src)
		if err != nil {
			return Bundle{}, "", badinput.Errorf("source root %q is not usable: %w", src, err)
		}
		src = abs
	}
	rel := func(what, p string) (string, error) {
		r, err := filepath.Rel(src, p)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return "", badinput.Errorf("%s %s is not under the source root %s: give --src a directory that holds every repository and the working directory", what, p, src)
		}
		return filepath.ToSlash(r), nil
	}
	out := b
	out.Repos = make([]Repo, 0, len(b.Repos))
	for _, r := range b.Repos {
		p, err := rel("repository", r.Path)
		if err != nil {
			return Bundle{}, "", err
		}
		if err := checkRelPath("repository", p); err != nil {
			return Bundle{}, "", badinput.Errorf("%w: remove it from the client with `stint repo rm %s %s`, or give --src", err, b.Client.Slug, r.Path)
		}
		out.Repos = append(out.Repos, Repo{Path: p, URL: r.URL})
	}
	if w := b.Client.Workdir; w != "" {
		p, err := rel("working directory", w)
		if err != nil {
			return Bundle{}, "", err
		}
		if p != "." {
			if err := checkRelPath("working directory", p); err != nil {
				return Bundle{}, "", err
			}
		}
		out.Client.Workdir = p
	}
	out.Kube.Sources = make([]string, 0, len(b.Kube.Sources))
	for _, s := range b.Kube.Sources {
		out.Kube.Sources = append(out.Kube.Sources, filepath.Base(s))
	}
	out.Settings = fileNamesOnly(b.Settings)
	return out, src, nil
}

func fileNamesOnly(s map[string]string) map[string]string {
	out := make(map[string]string, len(s))
	for k, v := range s {
		if slices.Contains(fileSettings, k) {
			v = filepath.Base(v)
		}
		out[k] = v
	}
	return out
}

// CommonRoot is the deepest directory holding every one of dirs (absolute
// paths); "" when there are none.
func CommonRoot(dirs []string) string {
	if len(dirs) == 0 {
		return ""
	}
	root := filepath.Clean(dirs[0])
	for _, d := range dirs[1:] {
		d = filepath.Clean(d)
		for root != d && !strings.HasPrefix(d, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator)) {
			parent := filepath.Dir(root)
			if parent == root {
				break
			}
			root = parent
		}
	}
	return root
}

// Place puts a decoded bundle's repositories and working directory under
// src, the receiver's root (absolute, checked by the caller).
func Place(b Bundle, src string) Bundle {
	out := b
	out.Repos = make([]Repo, 0, len(b.Repos))
	for _, r := range b.Repos {
		out.Repos = append(out.Repos, Repo{Path: filepath.Join(src, filepath.FromSlash(r.Path)), URL: r.URL})
	}
	if w := b.Client.Workdir; w != "" {
		out.Client.Workdir = filepath.Join(src, filepath.FromSlash(w))
	}
	return out
}

// ImportedSettings are the settings import stores: all but the files (to
// provide) and the Kubernetes defaults (stored by the `kube add` that
// provides a kubeconfig).
func ImportedSettings(s map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range s {
		if !slices.Contains(fileSettings, k) && !slices.Contains(kubeSettings, k) {
			out[k] = v
		}
	}
	return out
}

// checkRelPath refuses a bundle path that could leave the receiver's root or
// reach a hidden directory: absolute, with . or .. or an empty component,
// with a component starting with a dot (.git, .ssh, .config …), or with a
// control character.
func checkRelPath(what, p string) error {
	if p == "" {
		return badinput.Errorf("bundle %s path is empty", what)
	}
	if len(p) > maxPathBytes {
		return badinput.Errorf("bundle %s path is longer than %d bytes", what, maxPathBytes)
	}
	if strings.IndexFunc(p, unicode.IsControl) >= 0 {
		return badinput.Errorf("bundle %s path %q contains a control character", what, p)
	}
	if path.IsAbs(p) || filepath.IsAbs(p) || strings.HasPrefix(p, `\`) || filepath.VolumeName(p) != "" {
		return badinput.Errorf("bundle %s path %q is absolute: a bundle carries paths relative to its source root", what, p)
	}
	for _, part := range strings.Split(p, "/") {
		switch {
		case part == "" || part == "." || part == "..":
			return badinput.Errorf("bundle %s path %q has an empty, . or .. component: it must stay under the root it is placed in", what, p)
		case strings.HasPrefix(part, "."):
			return badinput.Errorf("bundle %s path %q goes through the hidden directory %s: a bundle cannot place anything in one", what, p, part)
		case strings.ContainsRune(part, '\\'):
			return badinput.Errorf("bundle %s path %q contains a backslash", what, p)
		}
	}
	return nil
}

// checkFileName refuses a file a bundle names unless it is a plain name.
func checkFileName(what, name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return badinput.Errorf("bundle %s file name %q is not a file name", what, name)
	case len(name) > 255:
		return badinput.Errorf("bundle %s file name is longer than 255 bytes", what)
	case strings.ContainsAny(name, `/\`):
		return badinput.Errorf("bundle %s file %q is a path: a bundle names files by their name only", what, name)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return badinput.Errorf("bundle %s file name %q contains a control character", what, name)
	}
	return nil
}

// upgradeV1 turns a version-1 bundle, which carried the sender's absolute
// paths, into the version-2 form: repositories by their base name, files by
// name, the working directory dropped. Each change is a notice.
func upgradeV1(b Bundle) (Bundle, error) {
	out := b
	out.Repos = make([]Repo, 0, len(b.Repos))
	seen := map[string]string{}
	for _, r := range b.Repos {
		base := filepath.Base(r.Path)
		if prev, ok := seen[base]; ok {
			return Bundle{}, badinput.Errorf("bundle version 1 lists repositories %s and %s, which share the name %s: export it again with a newer stint", prev, r.Path, base)
		}
		seen[base] = r.Path
		out.Repos = append(out.Repos, Repo{Path: base, URL: r.URL})
	}
	if len(b.Repos) > 0 {
		out.Notices = append(out.Notices, "the bundle is version 1, with the sender's absolute paths: each repository is placed under the source root by its base name")
	}
	if b.Client.Workdir != "" {
		out.Notices = append(out.Notices, fmt.Sprintf("the sender's working directory %s is not used: set yours with `stint client edit %s --workdir DIR`", b.Client.Workdir, b.Client.Slug))
		out.Client.Workdir = ""
	}
	out.Kube.Sources = make([]string, 0, len(b.Kube.Sources))
	for _, s := range b.Kube.Sources {
		out.Kube.Sources = append(out.Kube.Sources, filepath.Base(s))
	}
	out.Settings = fileNamesOnly(b.Settings)
	return out, nil
}
