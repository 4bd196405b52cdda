package kube

import (
	"cmp"
	"errors"
	"io/fs"
	"slices"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// ContextInfo describes one context of a kubeconfig as kubectl would use it.
type ContextInfo struct {
	Name      string
	Cluster   string // cluster name the context refers to
	Server    string // that cluster's API server URL; empty if the cluster is missing
	User      string // user (auth info) name; may be empty
	Namespace string // empty means the server default
	Source    string // the file the context was read from
}

// Config is the merged view of one or more kubeconfig files.
type Config struct {
	// Sources are the files read, in precedence order.
	Sources []string
	// CurrentContext is the current-context the merged files name, if any.
	CurrentContext string

	merged   *clientcmdapi.Config
	contexts []ContextInfo
}

// Inspect loads and merges kubeconfig files the way kubectl merges a
// KUBECONFIG list: the first file to define a name wins, and relative file
// paths inside each file are resolved against that file's directory.
//
// Unlike kubectl, a file that does not exist is an error rather than being
// skipped: a client's kubeconfig that has gone missing must be noticed.
func Inspect(paths ...string) (*Config, error) {
	sources := uniqueNonEmpty(paths)
	if len(sources) == 0 {
		return nil, newError(ErrInvalidSpec, "no kubeconfig file given — run `stint kube add NAME --kubeconfig PATH`")
	}
	for _, path := range sources {
		if err := checkLoadable(path); err != nil {
			return nil, err
		}
	}

	// No migration rules and no explicit path: just the given files, merged.
	rules := &clientcmd.ClientConfigLoadingRules{Precedence: sources}
	merged, err := rules.Load()
	if err != nil {
		// checkLoadable passed, so only a file changing underneath us gets here.
		return nil, newError(ErrFileUnparsable, "cannot load kubeconfig %s: %s", joinList(sources), withoutValues(err))
	}
	if len(merged.Contexts) == 0 {
		return nil, newError(ErrNoContexts, "no contexts in kubeconfig %s — add one with `kubectl config set-context`", joinList(sources))
	}

	return &Config{
		Sources:        sources,
		CurrentContext: merged.CurrentContext,
		merged:         merged,
		contexts:       describeContexts(merged),
	}, nil
}

// Has reports whether the merged files define the context.
func (c *Config) Has(context string) bool {
	_, ok := c.merged.Contexts[context]
	return ok
}

// Contexts returns every context, sorted by name.
func (c *Config) Contexts() []ContextInfo {
	return slices.Clone(c.contexts)
}

// uniqueNonEmpty drops empty entries and repeats, keeping the first of each;
// kubectl treats a KUBECONFIG list the same way.
func uniqueNonEmpty(paths []string) []string {
	var out []string
	for _, p := range paths {
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// checkLoadable turns the ways one file can fail into a message naming it.
func checkLoadable(path string) error {
	_, err := clientcmd.LoadFromFile(path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrNotExist):
		return newError(ErrFileMissing, "kubeconfig %s does not exist — point stint at the right file with `stint kube add NAME --kubeconfig PATH`, or drop it with `stint kube rm NAME --kubeconfig %s`", path, path)
	case isReadError(err):
		return newError(ErrFileUnreadable, "cannot read kubeconfig %s: %s", path, readProblem(err))
	default:
		return newError(ErrFileUnparsable, "kubeconfig %s does not parse: %s", path, withoutValues(err))
	}
}

// isReadError tells an I/O failure (permissions, a directory) from a decoding one.
func isReadError(err error) bool {
	var pathErr *fs.PathError
	return errors.As(err, &pathErr)
}

// readProblem is the cause of an I/O failure without the path, which the
// message already names.
func readProblem(err error) string {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err.Error()
	}
	return err.Error()
}

func describeContexts(cfg *clientcmdapi.Config) []ContextInfo {
	infos := make([]ContextInfo, 0, len(cfg.Contexts))
	for name, ctx := range cfg.Contexts {
		info := ContextInfo{
			Name:      name,
			Cluster:   ctx.Cluster,
			User:      ctx.AuthInfo,
			Namespace: ctx.Namespace,
			Source:    ctx.LocationOfOrigin,
		}
		if cluster, ok := cfg.Clusters[ctx.Cluster]; ok {
			info.Server = cluster.Server
		}
		infos = append(infos, info)
	}
	slices.SortFunc(infos, func(a, b ContextInfo) int { return cmp.Compare(a.Name, b.Name) })
	return infos
}
