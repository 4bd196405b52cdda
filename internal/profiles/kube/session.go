package kube

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/stint-sh/stint/internal/atomicfile"
	"github.com/stint-sh/stint/internal/display"
)

// Session kubeconfigs are named kube-<session>.yaml; while being written they
// are kube-<session>.yaml.tmp<random> (atomicfile's naming), so a crash
// leaves something CleanStale still recognises.
const (
	sessionFilePrefix = "kube-"
	sessionFileSuffix = ".yaml"
	tempFileMarker    = atomicfile.TempMarker
)

// SessionPath is where WriteSession puts the kubeconfig of a session. Bytes of
// the session id outside [A-Za-z0-9._-] become '_', so the id can never name a
// file outside dir.
func SessionPath(dir, session string) (string, error) {
	safe := sanitizeSession(session)
	if safe == "" {
		return "", newError(ErrInvalidSessionID, "empty session id — is STINT_SESSION set? load the hook with `eval \"$(stint hook bash)\"`")
	}
	return filepath.Join(dir, sessionFilePrefix+safe+sessionFileSuffix), nil
}

// WriteSession writes cfg as the kubeconfig of one shell session and returns
// its path, for KUBECONFIG. The file is mode 0600 inside dir, which is created
// 0700 (or tightened to 0700) because the file may hold tokens and keys. The
// write is atomic: a shell reading the file sees the old or the new config,
// never half of one. Writing again for the same session replaces the file.
func WriteSession(dir, session string, cfg *Session) (string, error) {
	path, err := SessionPath(dir, session)
	if err != nil {
		return "", err
	}
	if cfg == nil {
		return "", newError(ErrInvalidSpec, "no kubeconfig to write for session %s", session)
	}
	content, err := cfg.Encode()
	if err != nil {
		return "", fmt.Errorf("cannot encode the session kubeconfig: %s", display.OneLine(withoutValues(err)))
	}
	if err := ensurePrivateDir(dir); err != nil {
		return "", err
	}
	if err := writeFileAtomic(path, content); err != nil {
		return "", err
	}
	return path, nil
}

// Encode is the session kubeconfig as YAML, laid out as kubectl writes one:
// apiVersion, clusters, contexts, current-context, kind, preferences,
// users, each list sorted by name.
func (s *Session) Encode() ([]byte, error) {
	doc := mappingNode(
		"apiVersion", "v1",
		"clusters", namedList(s.clusters, "cluster"),
		"contexts", namedList(s.contexts, "context"),
		"current-context", s.CurrentContext,
		"kind", "Config",
		"preferences", &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle},
		"users", namedList(s.users, "user"),
	)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// namedList is a kubeconfig list: items {name: …, <bodyKey>: …} by name.
func namedList(entries []entry, bodyKey string) *yaml.Node {
	sorted := slices.Clone(entries)
	slices.SortFunc(sorted, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	items := make([]*yaml.Node, 0, len(sorted))
	for _, e := range sorted {
		items = append(items, mappingNode("name", e.name, bodyKey, e.body))
	}
	return sequenceNode(items)
}

// ensurePrivateDir makes dir exist with no access for group or others.
func ensurePrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create runtime directory %s: %w", dir, err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("cannot use runtime directory %s: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("runtime directory %s is not a directory — remove it or set STINT_HOME", dir)
	}
	if info.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("runtime directory %s is open to other users and cannot be made private: %w", dir, err)
		}
	}
	return nil
}

// writeFileAtomic writes a session kubeconfig so that a shell reading it
// sees the old or the new config, never half of one. No fsync: it costs
// milliseconds on every switch, and a session file needs no durability —
// it lives in the runtime dir (tmpfs on most systems) and the next switch
// writes it again.
func writeFileAtomic(path string, content []byte) error {
	if err := atomicfile.WriteBytes(path, content, atomicfile.NoSync()); err != nil {
		return fmt.Errorf("cannot write the session kubeconfig: %w", err)
	}
	return nil
}

// sanitizeSession keeps [A-Za-z0-9._-] and turns every other byte into '_'.
func sanitizeSession(session string) string {
	var b strings.Builder
	for i := 0; i < len(session); i++ {
		c := session[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '_', c == '-':
			b.WriteByte(c)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// sessionOfFile returns the (sanitized) session id a file in the runtime dir
// belongs to, and false for files that are not session kubeconfigs.
func sessionOfFile(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, sessionFilePrefix)
	if !ok {
		return "", false
	}
	i := strings.LastIndex(rest, sessionFileSuffix)
	if i <= 0 {
		return "", false
	}
	tail := rest[i+len(sessionFileSuffix):]
	if tail != "" && !strings.HasPrefix(tail, tempFileMarker) {
		return "", false
	}
	return rest[:i], true
}

// AdoptSession gives session a copy of another session's kubeconfig in the
// same dir, for a shell that inherited from another: a child shell or a new
// tmux pane starts where its parent is (same current context and
// namespace) but from then on changes only its own file. from must be a
// session kubeconfig in dir, else ErrNotSessionFile. A from that no longer
// exists (its shell has exited and the file was swept) is fs.ErrNotExist.
func AdoptSession(dir, from, session string) (string, error) {
	if filepath.Dir(from) != filepath.Clean(dir) {
		return "", ErrNotSessionFile
	}
	if _, ok := sessionOfFile(filepath.Base(from)); !ok || strings.Contains(filepath.Base(from), tempFileMarker) {
		return "", ErrNotSessionFile
	}
	path, err := SessionPath(dir, session)
	if err != nil {
		return "", err
	}
	if path == from {
		return path, nil
	}
	content, err := os.ReadFile(from)
	if err != nil {
		return "", err
	}
	if err := ensurePrivateDir(dir); err != nil {
		return "", err
	}
	if err := writeFileAtomic(path, content); err != nil {
		return "", err
	}
	return path, nil
}
