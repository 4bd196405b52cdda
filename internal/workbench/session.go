package workbench

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/awscreds"
)

// Shells: the session component.

// Switch moves the calling shell to req.Client ("" leaves, "-" goes back):
// the script goes to deliver, and the switch is recorded only once it is
// delivered.
func (w *Workbench) Switch(ctx context.Context, req SwitchRequest, deliver Deliver) (SwitchResult, error) {
	return w.session.Switch(ctx, req, deliver)
}

// Forget is `stint off --force`: it drops stint's record of the shell; no database needed.
func (w *Workbench) Forget(req SwitchRequest, deliver Deliver) (SwitchResult, error) {
	return w.session.Forget(req, deliver)
}

// Adopt gives a shell that inherited a client a session kubeconfig of its own.
func (w *Workbench) Adopt(ctx context.Context, req SwitchRequest, deliver Deliver) (SwitchResult, error) {
	return w.session.Adopt(ctx, req, deliver)
}

// PrepareChild is the environment of a command run in a client's environment.
func (w *Workbench) PrepareChild(ctx context.Context, req ChildRequest) (*Child, error) {
	return w.session.PrepareChild(ctx, req)
}

// PreviewPlan is what a switch to slug would set, secrets by name and size only.
func (w *Workbench) PreviewPlan(ctx context.Context, slug string) (PlanPreview, error) {
	return w.session.PreviewPlan(ctx, slug)
}

// AWSCredentials is `stint aws creds NAME`: the client's temporary
// credentials, from the cache or made anew.
func (w *Workbench) AWSCredentials(ctx context.Context, r AWSRequest) (awscreds.Credentials, error) {
	return w.aws.Credentials(ctx, r)
}

// AWSConsoleURL is `stint aws console NAME`: a sign-in URL for the console.
func (w *Workbench) AWSConsoleURL(ctx context.Context, r AWSRequest) (string, error) {
	return w.aws.ConsoleURL(ctx, r)
}

// AWSLogin is `stint aws login NAME`: the SSO device authorization.
func (w *Workbench) AWSLogin(ctx context.Context, r AWSRequest, show func(awscreds.DeviceAuth) error) (time.Time, error) {
	return w.aws.Login(ctx, r, show)
}

// AWSStatus reads a client's cached temporary AWS credentials (no AWS call).
func (w *Workbench) AWSStatus(ctx context.Context, slug string) (AWSStatus, error) {
	return w.aws.Status(ctx, slug)
}

// AWSNeeds says what a switch to the client would ask of the person now:
// an MFA code or an SSO login.
func (w *Workbench) AWSNeeds(ctx context.Context, slug string) (awscreds.Needs, string, error) {
	return w.aws.Needs(ctx, slug)
}

// PreviewChange is what a switch of the shell with environ to slug would
// change in it, worked out without reading a secret or writing anything.
func (w *Workbench) PreviewChange(ctx context.Context, slug string, environ []string) (ChangePreview, error) {
	return w.session.PreviewChange(ctx, slug, environ)
}
