package kube

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Spec says which contexts a client owns and how its session starts.
type Spec struct {
	// Sources are the kubeconfig files the contexts live in, in precedence order.
	Sources []string
	// Contexts the client owns; the session kubeconfig holds exactly these.
	Contexts []string
	// Current is the context selected at switch time; empty means Contexts[0].
	Current string
	// Namespace, when set, overrides the current context's namespace.
	Namespace string
}

// Session is the kubeconfig of one shell session: a client's contexts with
// the clusters and users they name, every relative file path made absolute,
// ready to be written.
type Session struct {
	// CurrentContext is the context kubectl starts in.
	CurrentContext string

	clusters []entry
	contexts []entry
	users    []entry
}

// EmptySession is the kubeconfig of a client without contexts: kubectl
// finds nothing in it, rather than falling back to ~/.kube/config.
func EmptySession() *Session { return &Session{} }

// Build loads spec.Sources and extracts the client's contexts from them.
func Build(spec Spec) (*Session, error) {
	cfg, err := Inspect(spec.Sources...)
	if err != nil {
		return nil, err
	}
	return cfg.Extract(spec.Contexts, spec.Current, spec.Namespace)
}

// Extract builds the session kubeconfig for contexts out of c, with current
// selected (empty: the first) and namespace overriding the current
// context's namespace (empty: keep it). c is left as it is.
func (c *Config) Extract(contexts []string, current, namespace string) (*Session, error) {
	contexts = uniqueNonEmpty(contexts)
	if len(contexts) == 0 {
		return nil, newError(ErrInvalidSpec, "no Kubernetes context chosen")
	}
	if current == "" {
		current = contexts[0]
	}
	if !slices.Contains(contexts, current) {
		e := newError(ErrInvalidSpec, "current context %s is not one of the client's contexts (%s)", current, joinList(contexts))
		e.contexts = contexts
		return nil, e
	}

	out := &Session{CurrentContext: current}
	for _, name := range contexts {
		if err := c.copyContext(out, name); err != nil {
			return nil, err
		}
	}
	if namespace != "" {
		for i := range out.contexts {
			if out.contexts[i].name == current {
				setString(out.contexts[i].body, "namespace", namespace)
			}
		}
	}
	return out, nil
}

// copyContext adds a context with its cluster and user to out, once each.
// The cluster and user are its own file's (see resolve); when another
// context of the session already brought a different cluster or user of
// the same name (kubeadm's "kubernetes" and "kubernetes-admin" in two
// files), this one is renamed in the session file, NAME@CONTEXT, and the
// context refers to it by that name — so no context ever talks to another
// file's server with another file's credentials.
func (c *Config) copyContext(out *Session, name string) error {
	ctx, cluster, user, err := c.resolve(name)
	if err != nil {
		return err
	}
	copied := copyEntry(ctx, nil)
	var used string
	if out.clusters, used = addEntry(out.clusters, cluster, clusterFileRefs, name); used != cluster.name {
		setString(copied.body, "cluster", used)
	}
	if user != nil {
		if out.users, used = addEntry(out.users, *user, userFileRefs, name); used != user.name {
			setString(copied.body, "user", used)
		}
	}
	out.contexts = append(out.contexts, copied)
	return nil
}

// resolve finds a context and the cluster and user (nil when it names
// none) it refers to, in the context's own file first (Config.ownEntry). A
// context that names no cluster, or a cluster or user the files do not
// define, is an error of kind ErrDanglingRef: kubectl could not use it
// either.
func (c *Config) resolve(name string) (ctx, cluster entry, user *entry, err error) {
	ctx, ok := c.contexts[name]
	if !ok {
		e := newError(ErrContextMissing, "context %s is not in %s", name, joinList(c.Sources))
		e.context, e.sources = name, c.Sources
		return entry{}, entry{}, nil, e
	}
	clusterName := stringAt(ctx.body, "cluster")
	if clusterName == "" {
		return entry{}, entry{}, nil, newError(ErrDanglingRef, "context %s in %s names no cluster — fix it with `kubectl config set-context %s --cluster CLUSTER`", name, ctx.source, name)
	}
	cluster, ok = c.ownEntry(ctx, "clusters", clusterName)
	if !ok {
		return entry{}, entry{}, nil, newError(ErrDanglingRef, "context %s refers to cluster %s, which is not in %s — fix the context with `kubectl config set-context %s --cluster CLUSTER`", name, clusterName, joinList(c.Sources), name)
	}
	userName := stringAt(ctx.body, "user")
	if userName == "" {
		return ctx, cluster, nil, nil
	}
	u, ok := c.ownEntry(ctx, "users", userName)
	if !ok {
		return entry{}, entry{}, nil, newError(ErrDanglingRef, "context %s refers to user %s, which is not in %s — fix the context with `kubectl config set-context %s --user USER`", name, userName, joinList(c.Sources), name)
	}
	return ctx, cluster, &u, nil
}

// addEntry appends a copy of e unless it is there already (two contexts
// may share a cluster or user), and returns the name it has in list: its
// own, or NAME@CONTEXT (then NAME@CONTEXT-2 …) when another entry of that
// name, from another file, is there first.
func addEntry(list []entry, e entry, refs func(body *yaml.Node) []*yaml.Node, context string) ([]entry, string) {
	taken := func(name string) (same, found bool) {
		for _, have := range list {
			if have.name == name {
				return have.source == e.source && have.origName() == e.name, true
			}
		}
		return false, false
	}
	name := e.name
	for i := 1; ; i++ {
		same, found := taken(name)
		if same {
			return list, name
		}
		if !found {
			break
		}
		name = e.name + "@" + context
		if i > 1 {
			name += "-" + strconv.Itoa(i)
		}
	}
	c := copyEntry(e, refs)
	c.orig, c.name = e.name, name
	return append(list, c), name
}

// copyEntry deep-copies an entry and resolves the file paths refs picks
// out of it against the directory of the file it came from, as kubectl
// does: a session kubeconfig lives elsewhere, so relative paths would point
// at nothing.
func copyEntry(e entry, refs func(body *yaml.Node) []*yaml.Node) entry {
	body := cloneTree(e.body)
	if body == nil {
		body = mappingNode()
	}
	if refs != nil {
		base, err := filepath.Abs(filepath.Dir(e.source))
		if err != nil {
			base = filepath.Dir(e.source)
		}
		for _, ref := range refs(body) {
			if ref.Value != "" && !filepath.IsAbs(ref.Value) {
				*ref = *stringNode(filepath.Join(base, ref.Value))
			}
		}
	}
	return entry{name: e.name, body: body, source: e.source}
}

// clusterFileRefs are the path fields of a cluster (client-go's
// GetClusterFileReferences).
func clusterFileRefs(body *yaml.Node) []*yaml.Node {
	return present(lookup(body, "certificate-authority"))
}

// userFileRefs are the path fields of a user (client-go's
// GetAuthInfoFileReferences): certificate, key, token file, and an exec
// command given as a path rather than looked up in PATH.
func userFileRefs(body *yaml.Node) []*yaml.Node {
	refs := present(lookup(body, "client-certificate"), lookup(body, "client-key"), lookup(body, "tokenFile"))
	if cmd := lookup(lookup(body, "exec"), "command"); cmd != nil && strings.ContainsRune(cmd.Value, filepath.Separator) {
		refs = append(refs, present(cmd)...)
	}
	return refs
}

// present keeps the string scalars among nodes.
func present(nodes ...*yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	for _, n := range nodes {
		if n != nil && n.Kind == yaml.ScalarNode && !isNull(n) {
			out = append(out, n)
		}
	}
	return out
}

// getContextsCommand is the kubectl command that lists what sources hold.
func getContextsCommand(sources []string) string {
	if len(sources) == 1 {
		return "kubectl config get-contexts --kubeconfig " + shellWord(sources[0])
	}
	return "KUBECONFIG=" + shellWord(strings.Join(sources, string(os.PathListSeparator))) + " kubectl config get-contexts"
}
