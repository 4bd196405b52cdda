package kube

import (
	"os"
	"slices"
	"strings"

	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Spec says which part of a client's kubeconfig files a session gets.
type Spec struct {
	// Sources are the kubeconfig files, in KUBECONFIG precedence order.
	Sources []string
	// Contexts are the contexts that belong to the client.
	Contexts []string
	// Current is the context the session starts in; empty means Contexts[0].
	Current string
	// Namespace overrides the current context's namespace; empty keeps it.
	Namespace string
}

// Build loads spec.Sources and returns a kubeconfig holding only the named
// contexts and the clusters and users they refer to: no other cluster, user,
// context, preference or extension of the source files comes along. Relative
// certificate, key, token-file and exec-command paths are absolute in the
// result, so the file works wherever it is written.
func Build(spec Spec) (*clientcmdapi.Config, error) {
	cfg, err := Inspect(spec.Sources...)
	if err != nil {
		return nil, err
	}
	return cfg.Extract(spec.Contexts, spec.Current, spec.Namespace)
}

// Extract is Build on files already loaded: it copies the named contexts,
// with their clusters and users, into a new kubeconfig whose current context
// is current (empty: the first of contexts) and whose current context's
// namespace is namespace (empty: unchanged).
func (c *Config) Extract(contexts []string, current, namespace string) (*clientcmdapi.Config, error) {
	contexts = uniqueNonEmpty(contexts)
	if len(contexts) == 0 {
		return nil, newError(ErrInvalidSpec, "no Kubernetes context chosen — run `stint kube use NAME CONTEXT`")
	}
	if current == "" {
		current = contexts[0]
	}
	if !slices.Contains(contexts, current) {
		return nil, newError(ErrInvalidSpec, "current context %s is not one of the client's contexts (%s) — run `stint kube use NAME CONTEXT`", current, joinList(contexts))
	}

	out := clientcmdapi.NewConfig()
	for _, name := range contexts {
		if err := c.copyContext(out, name); err != nil {
			return nil, err
		}
	}
	out.CurrentContext = current
	if namespace != "" {
		out.Contexts[current].Namespace = namespace
	}
	return out, nil
}

// copyContext deep-copies one context and what it refers to from c into out.
func (c *Config) copyContext(out *clientcmdapi.Config, name string) error {
	ctx, ok := c.merged.Contexts[name]
	if !ok {
		return newError(ErrContextMissing, "context %s is not in %s — run `%s` to see what is there, then `stint kube use NAME CONTEXT`", name, joinList(c.Sources), getContextsCommand(c.Sources))
	}
	if ctx.Cluster == "" {
		return newError(ErrDanglingRef, "context %s in %s names no cluster — fix it with `kubectl config set-context %s --cluster CLUSTER`", name, ctx.LocationOfOrigin, name)
	}
	cluster, ok := c.merged.Clusters[ctx.Cluster]
	if !ok {
		return newError(ErrDanglingRef, "context %s refers to cluster %s, which is not in %s — fix the context with `kubectl config set-context %s --cluster CLUSTER`", name, ctx.Cluster, joinList(c.Sources), name)
	}
	out.Contexts[name] = ctx.DeepCopy()
	out.Clusters[ctx.Cluster] = cluster.DeepCopy()

	// A context without a user is valid (e.g. a cluster that needs no auth).
	if ctx.AuthInfo == "" {
		return nil
	}
	user, ok := c.merged.AuthInfos[ctx.AuthInfo]
	if !ok {
		return newError(ErrDanglingRef, "context %s refers to user %s, which is not in %s — fix the context with `kubectl config set-context %s --user USER`", name, ctx.AuthInfo, joinList(c.Sources), name)
	}
	out.AuthInfos[ctx.AuthInfo] = user.DeepCopy()
	return nil
}

// getContextsCommand is the kubectl command that lists what sources hold.
func getContextsCommand(sources []string) string {
	if len(sources) == 1 {
		return "kubectl config get-contexts --kubeconfig " + sources[0]
	}
	return "KUBECONFIG=" + strings.Join(sources, string(os.PathListSeparator)) + " kubectl config get-contexts"
}
