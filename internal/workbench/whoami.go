package workbench

import (
	"context"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/workbench/identity"
	"github.com/stint-sh/stint/internal/workbench/session"
)

// IdentityReport is `stint whoami`'s answer.
type IdentityReport = identity.Report

// WhoamiRequest asks who a client's environment is signed in as.
type WhoamiRequest struct {
	Client  string   // "" for the calling shell's client
	Environ []string // the calling process's environment
	MFA     MFAPrompt
	Prober  identity.Prober
}

// Whoami probes each cloud the client's profile configures, in the
// client's environment: the calling shell's own when it is in that client,
// else the environment `stint exec` would give (logged as an exec of
// "stint whoami"), and compares with what the profile expects.
func (w *Workbench) Whoami(ctx context.Context, req WhoamiRequest) (IdentityReport, error) {
	env := shell.EnvironMap(req.Environ)
	slug := req.Client
	if slug == "" {
		slug = env[shell.VarClient]
		if slug == "" {
			return IdentityReport{}, badinput.Errorf("this shell is in no client: name one, e.g. `stint whoami acme`")
		}
	}
	prof, err := w.clients.StoredProfile(ctx, slug)
	if err != nil {
		return IdentityReport{}, err
	}
	childEnv := env
	if env[shell.VarClient] != slug {
		child, err := w.session.PrepareChild(ctx, session.ChildRequest{Client: slug, Environ: req.Environ,
			Action: session.ActionExec, Detail: "stint whoami", MFA: req.MFA})
		if err != nil {
			return IdentityReport{}, err
		}
		defer child.Close()
		childEnv = shell.EnvironMap(child.Env)
	}
	if req.Prober.Now == nil {
		req.Prober.Now = w.clock.Now // STS checks the signature's time against its own clock
	}
	checks := req.Prober.Probe(ctx, childEnv, identity.ExpectOf(prof))
	return IdentityReport{Client: slug, At: w.clock.Now(), Checks: checks}, nil
}

// RecordIdentity keeps what a background check found for a shell session
// (`stint whoami --record`), for status, the TUI and $STINT_WARN.
func (w *Workbench) RecordIdentity(session string, rep IdentityReport) error {
	return identity.Record(w.layout.WhoamiDir(), session, rep)
}

// ClearIdentity forgets a session's warning for client.
func (w *Workbench) ClearIdentity(session, client string) error {
	return identity.Clear(w.layout.WhoamiDir(), session, client)
}

// IdentityWarning is the identity mismatch the background check found for
// the calling shell's session and client; "" for none.
func (w *Workbench) IdentityWarning(environ []string) string {
	env := shell.EnvironMap(environ)
	return identity.WarningFor(w.layout.WhoamiDir(), env[shell.VarSession], env[shell.VarClient])
}
