package kube

import (
	"cmp"
	"errors"
	"io/fs"
	"slices"
)

// ContextInfo describes one context of a kubeconfig, for listings.
type ContextInfo struct {
	Name      string
	Cluster   string // cluster name the context refers to
	Server    string // that cluster's API server URL; empty if the cluster is missing
	User      string // user (auth info) name; may be empty
	Namespace string // empty means the server default
	Source    string // the file the context was read from
	// Problem says why kubectl could not use the context (it names no
	// cluster, or a cluster or user the files do not define); "" when it
	// can. Such a context may sit in a file unused; binding it is refused.
	Problem string
}

// Config is what a list of kubeconfig files holds once merged the way
// kubectl merges a KUBECONFIG list.
type Config struct {
	// Sources are the files, in precedence order.
	Sources []string
	// CurrentContext is the merged current-context (the first file's that
	// sets one).
	CurrentContext string

	clusters map[string]entry
	contexts map[string]entry
	users    map[string]entry
	infos    []ContextInfo
	// files are the sources as read, by path: a context's cluster and user
	// are looked up in its own file first (see ownEntry).
	files map[string]*kubeconfigFile
}

// Inspect loads and merges kubeconfig files as kubectl does with KUBECONFIG:
// for a name defined in several files the first file wins, whole. Empty and
// repeated paths are ignored. Every file must exist and parse, and together
// they must define at least one context. Unlike kubectl, a file that does
// not exist is an error rather than skipped: a client's kubeconfig that has
// gone missing must be noticed.
func Inspect(paths ...string) (*Config, error) {
	sources := uniqueNonEmpty(paths)
	if len(sources) == 0 {
		return nil, newError(ErrInvalidSpec, "no kubeconfig file given")
	}
	c := &Config{
		Sources:  sources,
		clusters: map[string]entry{},
		contexts: map[string]entry{},
		users:    map[string]entry{},
		files:    map[string]*kubeconfigFile{},
	}
	for _, path := range sources {
		f, err := loadFile(path)
		if err != nil {
			return nil, err
		}
		c.files[path] = f
		if c.CurrentContext == "" {
			c.CurrentContext = f.currentContext
		}
		addFirst(c.clusters, f.clusters)
		addFirst(c.contexts, f.contexts)
		addFirst(c.users, f.users)
	}
	if len(c.contexts) == 0 {
		return nil, newError(ErrNoContexts, "no contexts in kubeconfig %s — add one with `kubectl config set-context`", joinList(sources))
	}
	c.infos = c.describeContexts()
	return c, nil
}

// ownEntry finds the cluster or user (list "clusters" or "users") a
// context names: in the context's own file when that file defines it — two
// files made by kubeadm both call their cluster "kubernetes" and their user
// "kubernetes-admin", and each context must keep its own file's — else in
// the merged files, as kubectl does (a context may name a cluster that
// another file of the list defines).
func (c *Config) ownEntry(ctx entry, list, name string) (entry, bool) {
	if f := c.files[ctx.source]; f != nil {
		own := f.clusters
		if list == "users" {
			own = f.users
		}
		for _, e := range own {
			if e.name == name {
				return e, true
			}
		}
	}
	merged := c.clusters
	if list == "users" {
		merged = c.users
	}
	e, ok := merged[name]
	return e, ok
}

// addFirst adds the entries whose names are not defined yet.
func addFirst(dst map[string]entry, entries []entry) {
	for _, e := range entries {
		if _, taken := dst[e.name]; !taken {
			dst[e.name] = e
		}
	}
}

// Has reports whether the merged files define context.
func (c *Config) Has(context string) bool {
	_, ok := c.contexts[context]
	return ok
}

// Contexts lists every context, sorted by name.
func (c *Config) Contexts() []ContextInfo {
	return slices.Clone(c.infos)
}

func (c *Config) describeContexts() []ContextInfo {
	infos := make([]ContextInfo, 0, len(c.contexts))
	for name, ctx := range c.contexts {
		info := ContextInfo{
			Name:      name,
			Cluster:   stringAt(ctx.body, "cluster"),
			User:      stringAt(ctx.body, "user"),
			Namespace: stringAt(ctx.body, "namespace"),
			Source:    ctx.source,
		}
		if cluster, ok := c.ownEntry(ctx, "clusters", info.Cluster); ok {
			info.Server = stringAt(cluster.body, "server")
		}
		if _, _, _, err := c.resolve(name); err != nil {
			info.Problem = err.Error()
		}
		infos = append(infos, info)
	}
	slices.SortFunc(infos, func(a, b ContextInfo) int { return cmp.Compare(a.Name, b.Name) })
	return infos
}

// uniqueNonEmpty drops empty and repeated paths, keeping the first of each.
func uniqueNonEmpty(paths []string) []string {
	var out []string
	for _, p := range paths {
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// readProblem is the reason of a read error without the path, which the
// caller's message already names.
func readProblem(err error) string {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err.Error()
	}
	return err.Error()
}
