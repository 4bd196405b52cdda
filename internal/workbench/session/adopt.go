package session

import (
	"context"
	"errors"
	"io/fs"
	"os"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/profiles/kube"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/workbench/clients"
)

// Adopt gives a shell that inherited a client from its parent — a child
// shell, a new tmux pane — a session kubeconfig of its own. The hook runs it
// when it starts a new session in a shell whose environment is already in
// a client. Without it the new shell would share its parent's session
// file, and `kubectl config use-context` in one would move the other.
//
// The new file is a copy of the parent's, so the shell starts at the
// context and namespace its parent is at now. If the parent's file is gone
// (its shell exited and the file was swept), it is built again from the
// profile. Nothing else changes: the variables, secrets included, were
// inherited with the environment, so the keyring is not read, the access
// log not written and the timer not touched. A KUBECONFIG that is not one
// of this client's session files was set by hand and is left alone, as is
// a shell in no client. The script only moves KUBECONFIG. It needs the
// database only to build a file again (ErrAdoptNeedsDatabase without one).
// A script that cannot be delivered leaves no new file behind.
func (s *Sessions) Adopt(ctx context.Context, req SwitchRequest, deliver Deliver) (SwitchResult, error) {
	if _, err := renderChange(req.Shell, shell.Change{}); err != nil {
		return SwitchResult{}, err
	}
	env := shell.EnvironMap(req.Environ)
	st, err := shell.DecodeState(env)
	if err != nil {
		return SwitchResult{}, err
	}
	slug, session, inherited := st.Client, st.Session, env["KUBECONFIG"]
	if slug == "" || session == "" || inherited == "" || profiles.ValidateSlug(slug) != nil {
		return resultOf(shell.Change{}, ""), nil
	}
	kubeDir := s.layout.ClientKubeDir(slug)
	own, err := kube.SessionPath(kubeDir, session)
	if err != nil {
		return SwitchResult{}, err
	}
	_, statErr := os.Stat(own)
	existed := statErr == nil
	path, err := kube.AdoptSession(kubeDir, inherited, session)
	switch {
	case errors.Is(err, kube.ErrNotSessionFile):
		return resultOf(shell.Change{}, ""), nil
	case errors.Is(err, fs.ErrNotExist):
		path, err = s.rebuildSessionKube(ctx, slug, session)
	}
	if err != nil {
		return SwitchResult{}, err
	}
	change := shell.Change{From: slug, To: slug}
	if path != inherited {
		change.Ops = []shell.Op{{Name: "KUBECONFIG", Value: path}}
	}
	script, err := renderChange(req.Shell, change)
	if err != nil {
		return SwitchResult{}, err
	}
	res := resultOf(change, script)
	res.Kubeconfig = path
	if err := handOver(deliver, res, s.clock.Now()); err != nil {
		if !existed && path != inherited {
			_ = os.Remove(path)
		}
		return SwitchResult{}, err
	}
	return res, nil
}

// ErrAdoptNeedsDatabase: Adopt on a workbench without a database (which a
// shell's start-up can afford) found the parent's kubeconfig gone, and
// building it again needs the profile. Call it again on an opened one.
var ErrAdoptNeedsDatabase = errors.New("adopting this session needs the database")

// rebuildSessionKube writes session's kubeconfig from the client's profile,
// as a switch would, without reading the keyring.
func (s *Sessions) rebuildSessionKube(ctx context.Context, slug, session string) (string, error) {
	if s.clients == nil {
		return "", ErrAdoptNeedsDatabase
	}
	prof, err := s.clients.StoredProfile(ctx, slug)
	if err != nil {
		return "", err
	}
	if prof.Client.Archived {
		return "", badinput.Errorf("client %s is archived (offboarded), so this shell gets no kubeconfig: leave it with `stint off`", slug)
	}
	if prof.Client.ReviewPending {
		return "", clients.PendingError(slug)
	}
	kubeDir := s.layout.ClientKubeDir(slug)
	in := profiles.PlanInput{
		Profile:  prof,
		ToolHome: func(tool string) string { return s.layout.ToolHome(slug, tool) },
	}
	if in.KubeconfigPath, err = kube.SessionPath(kubeDir, session); err != nil {
		return "", err
	}
	if _, err := s.writeFiles(slug, kubeDir, session, in); err != nil {
		return "", err
	}
	return in.KubeconfigPath, nil
}
