package kube

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"go.yaml.in/yaml/v3"
)

// entry is one named cluster, context or user of a kubeconfig file.
type entry struct {
	name   string
	body   *yaml.Node // the mapping under cluster/context/user; nil when empty
	source string     // the file it was read from, as given
	orig   string     // the name in that file, when a session renamed it
}

// origName is the entry's name in the file it came from.
func (e entry) origName() string {
	if e.orig != "" {
		return e.orig
	}
	return e.name
}

// kubeconfigFile is what one kubeconfig file defines.
type kubeconfigFile struct {
	path           string
	currentContext string
	clusters       []entry
	contexts       []entry
	users          []entry
}

// The three lists of a kubeconfig and the key of each item's body.
var lists = []struct{ list, body, what string }{
	{"clusters", "cluster", "cluster"},
	{"contexts", "context", "context"},
	{"users", "user", "user"},
}

// MaxSourceBytes is the largest kubeconfig file stint reads (documented in
// docs/safety.md). Real ones hold a few clusters with their certificates,
// kilobytes each; a bigger file is a mistake (a log, a disk image) or a
// trap, and reading it whole on every switch would stall the shell.
const MaxSourceBytes = 16 << 20

// loadFile reads and checks one kubeconfig file. An empty file defines
// nothing, as for kubectl. Errors are one line, with the kind set.
func loadFile(path string) (*kubeconfigFile, error) {
	data, err := readSource(path)
	if err != nil {
		return nil, err
	}
	f, err := parseFile(path, data)
	if err != nil {
		return nil, newError(ErrFileUnparsable, "kubeconfig %s does not parse: %s", path, err).about(path)
	}
	return f, nil
}

// readSource reads a kubeconfig that someone else may have named (a
// bundle, a profile edited elsewhere): only a regular file, found by
// following symlinks, and at most MaxSourceBytes of it. The open cannot
// block (openFlags) and the type is checked on the open file, so a FIFO,
// a device such as /dev/zero or a directory is refused at once instead of
// hanging stint or eating its memory.
func readSource(path string) ([]byte, error) {
	f, err := openSource(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSourceBytes+1))
	if err != nil {
		return nil, newError(ErrFileUnreadable, "cannot read kubeconfig %s: %s", path, readProblem(err)).about(path)
	}
	if len(data) > MaxSourceBytes {
		return nil, newError(ErrFileRefused, "kubeconfig %s is larger than %d MiB, which no kubeconfig is — give the path of the right file", path, MaxSourceBytes>>20).about(path)
	}
	return data, nil
}

// openSource opens a kubeconfig for reading after the checks that need no
// read: it exists, this user may open it, it is a regular file of a sane
// size. The open cannot block (openFlags) and the type is checked on the
// open file.
func openSource(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, newError(ErrFileMissing, "kubeconfig %s does not exist", path).about(path)
	case err != nil:
		return nil, newError(ErrFileUnreadable, "cannot read kubeconfig %s: %s", path, readProblem(err)).about(path)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, newError(ErrFileUnreadable, "cannot read kubeconfig %s: %s", path, readProblem(err)).about(path)
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, newError(ErrFileRefused, "kubeconfig %s is %s, not a regular file", path, fileKind(info.Mode())).about(path)
	}
	if info.Size() > MaxSourceBytes {
		f.Close()
		return nil, newError(ErrFileRefused, "kubeconfig %s is larger than %d MiB, which no kubeconfig is — give the path of the right file", path, MaxSourceBytes>>20).about(path)
	}
	return f, nil
}

// CheckSource is what a switch would find wrong with the kubeconfig at
// path before parsing it — gone, not this user's to open, not a regular
// file, too large — by the same checks, without reading a byte of it: a
// list of every client can ask it on each refresh. A file that passes may
// still fail to parse; only a read tells.
func CheckSource(path string) error {
	f, err := openSource(path)
	if err != nil {
		return err
	}
	return f.Close()
}

// fileKind names a file type for a message: "a directory", "a FIFO" …
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a plain file"
}

// parseFile turns the bytes of a kubeconfig into its entries.
func parseFile(path string, data []byte) (*kubeconfigFile, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, errors.New(withoutValues(err))
	}
	f := &kubeconfigFile{path: path}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return f, nil // empty file, or only comments
	}
	root, err := plainTree(doc.Content[0])
	if err != nil {
		return nil, err
	}
	if isNull(root) {
		return f, nil
	}
	if err := checkMapping(root, configSchema, ""); err != nil {
		return nil, err
	}
	if v := stringAt(root, "apiVersion"); v != "" && v != "v1" {
		return nil, fmt.Errorf("apiVersion %s is not a kubeconfig version kubectl reads (v1)", v)
	}
	if k := stringAt(root, "kind"); k != "" && k != "Config" {
		return nil, fmt.Errorf("kind %s is not a kubeconfig (kind: Config)", k)
	}
	f.currentContext = stringAt(root, "current-context")
	for _, l := range lists {
		entries, err := namedEntries(root, l.list, l.body, l.what, path)
		if err != nil {
			return nil, err
		}
		switch l.list {
		case "clusters":
			f.clusters = entries
		case "contexts":
			f.contexts = entries
		case "users":
			f.users = entries
		}
	}
	return f, nil
}

// namedEntries reads one list (clusters, contexts or users). A name defined
// twice in one file is refused, as kubectl refuses it.
func namedEntries(root *yaml.Node, list, bodyKey, what, path string) ([]entry, error) {
	seq := lookup(root, list)
	if isNull(seq) {
		return nil, nil
	}
	var out []entry
	seen := map[string]bool{}
	for _, item := range seq.Content {
		// A null item is an entry named "" with nothing in it, as kubectl
		// reads it (and a second one is a duplicate name).
		name := stringAt(item, "name")
		if seen[name] {
			return nil, fmt.Errorf("%s %q is defined twice", what, name)
		}
		seen[name] = true
		body := lookup(item, bodyKey)
		if isNull(body) {
			body = nil
		}
		out = append(out, entry{name: name, body: body, source: path})
	}
	return out, nil
}
