package session

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/profiles/kube"
)

// Session kubeconfigs live in Layout.ClientKubeDir(client), one file per
// shell session (kube-<session>.yaml): offboarding removes a client's whole
// directory, and a switch from A to B removes A's file for that session.

// buildSessionKube checks a plan's Kubernetes part against the kubeconfig
// files as they are now and returns what the session file will hold: the
// client's contexts only, or nothing at all for a client without contexts,
// so that ~/.kube/config's clusters are out of reach in that shell too.
// It writes nothing; a vanished file or context is an error here, before
// the switch has changed anything.
func buildSessionKube(slug string, k profiles.KubePlan) (*kube.Session, error) {
	if len(k.Contexts) == 0 {
		return kube.EmptySession(), nil
	}
	cfg, err := kube.Build(kube.Spec{Sources: k.Sources, Contexts: k.Contexts, Current: k.Current, Namespace: k.Namespace})
	if err != nil {
		return nil, fmt.Errorf("cannot switch to %s: %w", slug, kube.ForClient(err, slug))
	}
	return cfg, nil
}

// writeSessionKube writes cfg as the session's kubeconfig and returns undo,
// which removes the file again if this call created it (a file that existed
// before was only replaced by the same client's contexts, so it stays).
func writeSessionKube(dir, session string, cfg *kube.Session) (undo func(), err error) {
	path, err := kube.SessionPath(dir, session)
	if err != nil {
		return nil, err
	}
	_, statErr := os.Stat(path)
	existed := statErr == nil
	if _, err := kube.WriteSession(dir, session, cfg); err != nil {
		return nil, err
	}
	return func() {
		if !existed {
			_ = os.Remove(path)
		}
	}, nil
}

// dropSessionKube removes a client's kubeconfig of one session (when the
// shell leaves that client). A file that is already gone is fine.
func dropSessionKube(dir, session string) {
	// A file that cannot be removed is left for sweepStaleKube.
	if path, err := kube.SessionPath(dir, session); err == nil {
		_ = os.Remove(path)
	}
}

// sweepStaleKube removes session kubeconfigs of shells that are gone, in
// every client's directory. It costs one directory listing per client that
// has session files, and one kill(pid, 0) per file, so it runs only at
// moments that are rare per shell (leaving a client, a session's first
// switch). Failures are ignored: a stale file harms nobody until the next
// sweep.
func sweepStaleKube(runtimeDir string) {
	root := filepath.Join(runtimeDir, "kube")
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() {
			_, _ = kube.CleanStale(filepath.Join(root, e.Name()), kube.SessionAlive)
		}
	}
}
