package session

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/awsaccess"
)

// newSessionID is "<pid>-<random>", the form kube.SessionAlive reads.
func newSessionID(pid int) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%d-%s", pid, hex.EncodeToString(b))
}

// ChildRequest asks for the environment of a command run in a client's
// environment beside the calling shell: `stint exec` and `stint shell`.
type ChildRequest struct {
	Client  string              // slug, or "-" for the calling shell's previous client
	Environ []string            // the calling process's environment
	Action  string              // exec or shell, for the access log
	Detail  string              // what runs (the command's name; never its arguments)
	MFA     awsaccess.MFAPrompt // asks for an MFA code when temporary AWS credentials need one
	// ArgvBytes is the size of the command's arguments (each plus its
	// NUL), so its environment leaves room for them; 0 keeps a margin.
	ArgvBytes int
}

// Child is a prepared environment for one child process. Close it when the
// child has exited: that removes the kubeconfig written for it.
type Child struct {
	Client     string
	Name       string // the client's display name
	Production bool
	Env        []string // KEY=VALUE, sorted: the calling environment, switched
	// Dir is the client's workdir ("" when it has none): where `stint shell`
	// starts. `stint exec` runs in the caller's directory instead, so a
	// command such as `terraform plan` acts on the module the user is in.
	Dir            string
	SecretNames    []string
	MissingSecrets []string // secret names with no value in the keyring
	Kubeconfig     string
	AWS            *awsaccess.Session // temporary AWS credentials the child got
	close          func()
}

// Close removes what was written for the child. It is safe to call twice.
func (c *Child) Close() {
	if c != nil && c.close != nil {
		c.close()
		c.close = nil
	}
}

// PrepareChild is Switch for a child process: the child's environment looks
// like a shell switched to the client (STINT_CLIENT set, so prompts and a
// nested `stint off` work), with its own session and session kubeconfig, so
// that `kubectl config use-context` in the child moves nothing else. Secrets
// reach the child only through its environment. The access log records the
// action and req.Detail; the timer is left alone.
func (s *Sessions) PrepareChild(ctx context.Context, req ChildRequest) (*Child, error) {
	env := shell.EnvironMap(req.Environ)
	for _, name := range shell.HookOnly {
		delete(env, name)
	}
	st, err := shell.DecodeState(env)
	if err != nil {
		return nil, err
	}
	slug, err := resolveTarget(req.Client, st)
	if err != nil {
		return nil, err
	}
	if slug == "" {
		return nil, badinput.Errorf("no client named: give one, e.g. `stint %s acme`", actionOr(req.Action, ActionExec))
	}
	// The child's own session, owned by this process: it lives exactly as
	// long as the child, and a hooked child shell starts a session of its
	// own anyway.
	session := newSessionID(os.Getpid())
	argv := req.ArgvBytes
	if argv == 0 {
		argv = shell.ArgvMargin
	}
	p, err := s.prepare(ctx, slug, env, st, session, req.MFA, false, argv)
	if err != nil {
		return nil, err
	}
	kubeDir := s.layout.ClientKubeDir(slug)
	removeKube := func() { dropSessionKube(kubeDir, session) }
	err = s.db.LogAccess(ctx, store.Access{
		At: s.clock.Now(), ClientID: p.client.ID, Session: session,
		Action: actionOr(req.Action, ActionExec), Detail: req.Detail, SecretNames: p.plan.SecretNames(),
	})
	if err != nil {
		removeKube()
		return nil, fmt.Errorf("cannot run in %s: %w", slug, err)
	}
	return &Child{
		Client: slug, Name: p.client.Name, Production: p.client.Production,
		Env: environList(p.change.Apply(env)), Dir: p.client.Workdir,
		SecretNames: p.plan.SecretNames(), MissingSecrets: p.missing, Kubeconfig: p.plan.Kube.Path,
		AWS: p.aws, close: removeKube,
	}, nil
}
