package awsaccess

import (
	"context"
	"fmt"
	"time"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clients"
)

// MFAPrompt asks the person for the current code of an MFA device. The CLI
// reads it from the terminal; the TUI asks in a form before switching.
type MFAPrompt func(ctx context.Context, client, serial string) (string, error)

// Session describes the temporary credentials a switch or command got
// (never the credentials themselves).
type Session struct {
	Mode    string    `json:"mode"`    // session, role, sso
	Expires time.Time `json:"expires"` // zero in a preview with nothing cached: the switch makes them
	Cached  bool      `json:"cached"`  // no AWS call was made
}

// Config is the client's credential setup, its session name filled in:
// the one configured, else the engineer's email or name (`stint config`),
// which CloudTrail then shows the client.
func (a *Access) Config(ctx context.Context, prof *store.Profile) awscreds.Config {
	cfg := profiles.AWSCredentialConfig(prof.Client.Slug, prof.Settings)
	if cfg.Mode == awscreds.ModeRole && cfg.SessionName == "" && a.settings != nil {
		if name, email, err := a.settings.Person(ctx); err == nil {
			cfg.SessionName = awscreds.SessionNameFrom(email)
			if cfg.SessionName == "" {
				cfg.SessionName = awscreds.SessionNameFrom(name)
			}
		}
	}
	if cfg.SessionName == "" && cfg.Mode != awscreds.ModeSSO {
		cfg.SessionName = "stint-" + prof.Client.Slug
	}
	return cfg
}

// shellEnvironment is the environment a shell switched to the client
// has, without temporary credentials: what the AWS SDKs there would read
// endpoints from. in is the plan input without AWS credentials.
func shellEnvironment(in profiles.PlanInput, env map[string]string, st shell.State, session string) map[string]string {
	plan, err := profiles.BuildPlan(in)
	if err != nil {
		return env
	}
	change, err := shell.Compute(env, st, profiles.ShellPlan(plan), session)
	if err != nil {
		return env
	}
	return change.Apply(env)
}

// temporary makes (or takes from the cache) the client's temporary
// credentials for a switch, an exec or `stint aws creds`.
// cache is the client's cache item when the caller read it already (nil:
// the provider reads it). A preview takes only what is cached (ok false when nothing is): it calls
// no AWS service and asks for no code.
func (a *Access) temporary(ctx context.Context, prof *store.Profile, in profiles.PlanInput, env map[string]string, st shell.State, session string, ask MFAPrompt, preview bool, cache map[string]string) (_ awscreds.Result, ok bool, _ error) {
	p, err := a.clients.AWSProvider()
	if err != nil {
		return awscreds.Result{}, false, err
	}
	if preview {
		return p.Cached(awscreds.Request{Config: a.Config(ctx, prof), Secrets: in.Secrets, Cache: cache})
	}
	req := awscreds.Request{Config: a.Config(ctx, prof), Env: shellEnvironment(in, env, st, session), Secrets: in.Secrets, Cache: cache}
	if ask != nil {
		slug := prof.Client.Slug
		req.MFACode = func(ctx context.Context, serial string) (string, error) { return ask(ctx, slug, serial) }
	}
	res, err := p.Credentials(ctx, req)
	return res, err == nil, err
}

// ReadCache starts reading the cache item of a client with temporary
// AWS credentials — a second keyring item, read at the same time as its
// secrets — and returns what waits for it (nil: nothing read, or an error
// the provider meets again and reports when it reads the item itself).
func (a *Access) ReadCache(prof *store.Profile) func() map[string]string {
	p, err := a.clients.AWSProvider()
	if !profiles.UsesTemporaryAWS(prof.Settings) || err != nil {
		return func() map[string]string { return nil }
	}
	ch := make(chan map[string]string, 1)
	go func() {
		values, err := p.Keyring.Load(awscreds.CacheItem(prof.Client.Slug))
		if err != nil {
			values = nil
		}
		ch <- values
	}()
	return func() map[string]string { return <-ch }
}

// AddTemporary puts the temporary credentials of a client that uses
// them into the plan input (a preview: only when cached), and describes
// them for the front ends; nil for other clients.
func (a *Access) AddTemporary(ctx context.Context, prof *store.Profile, in *profiles.PlanInput, env map[string]string, st shell.State, session string, ask MFAPrompt, preview bool, cache func() map[string]string) (*Session, error) {
	if !profiles.UsesTemporaryAWS(prof.Settings) {
		return nil, nil
	}
	res, ok, err := a.temporary(ctx, prof, *in, env, st, session, ask, preview, cache())
	if err != nil {
		return nil, err
	}
	if ok {
		in.AWS = &res.Credentials
	}
	mode := profiles.AWSCredentialConfig(prof.Client.Slug, prof.Settings).Mode
	return &Session{Mode: string(mode), Expires: res.Expires, Cached: res.Cached}, nil
}

// Request asks for a client's temporary credentials outside a switch.
type Request struct {
	Client  string
	Environ []string // the calling process's environment: endpoints, STINT_STATE
	MFA     MFAPrompt
	Detail  string // for the access log: creds, console, login
}

// request gathers what a `stint aws` command needs: the profile, its
// secrets and the environment a shell in the client would have.
func (a *Access) request(ctx context.Context, r Request) (*store.Profile, awscreds.Request, error) {
	prof, err := a.clients.StoredProfile(ctx, r.Client)
	if err != nil {
		return nil, awscreds.Request{}, err
	}
	if prof.Client.Archived {
		return nil, awscreds.Request{}, clients.ArchivedError(r.Client)
	}
	if prof.Client.ReviewPending {
		// An imported SSO start URL or role is not used before it is allowed.
		return nil, awscreds.Request{}, clients.PendingError(r.Client)
	}
	cfg := a.Config(ctx, prof)
	if cfg.Mode == awscreds.ModeNone {
		return nil, awscreds.Request{}, notTemporary(r.Client)
	}
	values, err := a.clients.LoadSecrets(r.Client, prof.SecretNames)
	if err != nil {
		return nil, awscreds.Request{}, err
	}
	env := shell.EnvironMap(r.Environ)
	for _, name := range shell.HookOnly {
		delete(env, name)
	}
	st, err := shell.DecodeState(env)
	if err != nil {
		st = shell.State{} // a damaged record does not change endpoints
	}
	in := profiles.PlanInput{Profile: prof, Secrets: values}
	req := awscreds.Request{Config: cfg, Env: shellEnvironment(in, env, st, ""), Secrets: values}
	if r.MFA != nil {
		req.MFACode = func(ctx context.Context, serial string) (string, error) { return r.MFA(ctx, r.Client, serial) }
	}
	return prof, req, nil
}

func notTemporary(slug string) error {
	return badinput.Errorf("%s has no temporary AWS credentials set up: use `stint aws %s --temporary` (its long-lived keys as secrets), `--role-arn ARN` or `--sso-start-url URL --sso-region R --sso-account ID --sso-role NAME`", slug, slug)
}

// Credentials is `stint aws creds NAME`: the client's temporary
// credentials, from the cache or made anew, for a credential_process. The
// access log records it as an exec of "aws creds".
func (a *Access) Credentials(ctx context.Context, r Request) (awscreds.Credentials, error) {
	prof, req, err := a.request(ctx, r)
	if err != nil {
		return awscreds.Credentials{}, err
	}
	p, err := a.clients.AWSProvider()
	if err != nil {
		return awscreds.Credentials{}, err
	}
	res, err := p.Credentials(ctx, req)
	if err != nil {
		return awscreds.Credentials{}, err
	}
	if err := a.log(ctx, prof, r.Detail, []string{awscreds.VarAccessKeyID, awscreds.VarSecretKey, awscreds.VarSessionToken}); err != nil {
		return awscreds.Credentials{}, err
	}
	return res.Credentials, nil
}

// ConsoleURL is `stint aws console NAME`: a sign-in URL for the AWS
// console as the client's credentials.
func (a *Access) ConsoleURL(ctx context.Context, r Request) (string, error) {
	prof, req, err := a.request(ctx, r)
	if err != nil {
		return "", err
	}
	p, err := a.clients.AWSProvider()
	if err != nil {
		return "", err
	}
	u, err := p.ConsoleURL(ctx, req)
	if err != nil {
		return "", err
	}
	return u, a.log(ctx, prof, r.Detail, nil)
}

// Login is `stint aws login NAME`: the SSO device authorization. show
// tells the person where to approve it; the token goes to the keyring.
func (a *Access) Login(ctx context.Context, r Request, show func(awscreds.DeviceAuth) error) (time.Time, error) {
	prof, req, err := a.request(ctx, r)
	if err != nil {
		return time.Time{}, err
	}
	p, err := a.clients.AWSProvider()
	if err != nil {
		return time.Time{}, err
	}
	exp, err := p.Login(ctx, req.Config, req.Env, show)
	if err != nil {
		return time.Time{}, err
	}
	return exp, a.log(ctx, prof, r.Detail, nil)
}

// log records a `stint aws` command that used the client's AWS access
// as what it is to the client: an exec, of "aws creds", "aws console" or
// "aws login", with the names of the credentials it handed out.
func (a *Access) log(ctx context.Context, prof *store.Profile, detail string, names []string) error {
	err := a.db.LogAccess(ctx, store.Access{At: a.clock.Now(), ClientID: prof.Client.ID, Action: actionExec, Detail: "aws " + detail, SecretNames: names})
	if err != nil {
		return fmt.Errorf("cannot log the access to %s: %w", prof.Client.Slug, err)
	}
	return nil
}

// Status is what status, doctor and the TUI show of a client's
// temporary AWS credentials: the mode and when what is cached ends.
type Status struct {
	Client             string    `json:"client"`
	Mode               string    `json:"mode"`
	CredentialsExpire  time.Time `json:"credentials_expire,omitzero"`
	SSOExpires         time.Time `json:"sso_expires,omitzero"`
	SSORenewable       bool      `json:"sso_renewable,omitempty"`
	SSORenewableExpire time.Time `json:"sso_renewable_expire,omitzero"`
	Problem            string    `json:"problem,omitempty"`
}

// Status reads a client's cache (one keyring read, no AWS call). A
// client without temporary credentials has an empty Mode.
func (a *Access) Status(ctx context.Context, slug string) (Status, error) {
	prof, err := a.clients.StoredProfile(ctx, slug)
	if err != nil {
		return Status{}, err
	}
	cfg := a.Config(ctx, prof)
	out := Status{Client: slug, Mode: string(cfg.Mode)}
	if cfg.Mode == awscreds.ModeNone {
		return out, nil
	}
	p, err := a.clients.AWSProvider()
	if err != nil {
		return out, err
	}
	st, err := p.Status(cfg)
	if err != nil {
		return out, err
	}
	out.CredentialsExpire, out.SSOExpires, out.SSORenewable, out.SSORenewableExpire = st.CredentialsExpire, st.SSOExpires, st.SSORenewable, st.SSORenewableExpire
	return out, nil
}

// Needs says what a switch to the client would ask of the person now:
// an MFA code or an SSO login. The TUI asks for the code in a form first.
func (a *Access) Needs(ctx context.Context, slug string) (awscreds.Needs, string, error) {
	prof, err := a.clients.StoredProfile(ctx, slug)
	if err != nil || !profiles.UsesTemporaryAWS(prof.Settings) {
		return awscreds.Needs{}, "", err
	}
	cfg := a.Config(ctx, prof)
	values, err := a.clients.LoadSecrets(slug, prof.SecretNames)
	if err != nil {
		return awscreds.Needs{}, "", err
	}
	p, err := a.clients.AWSProvider()
	if err != nil {
		return awscreds.Needs{}, "", err
	}
	n, err := p.Needs(awscreds.Request{Config: cfg, Secrets: values})
	return n, cfg.MFASerial, err
}

// ShellCredentials is the temporary AWS credentials the calling shell holds: the
// client it is in and when AWS_CREDENTIAL_EXPIRATION says they end. It
// reads the environment only (no keyring, no AWS call), so `stint status`
// stays fast.
type ShellCredentials struct {
	Client      string    `json:"client"`
	Expires     time.Time `json:"expires"`
	SecondsLeft int64     `json:"seconds_left"` // negative once expired
}

// InShell reads environ; nil when the shell holds no stint-made AWS
// credentials.
func InShell(environ []string, now time.Time) *ShellCredentials {
	env := shell.EnvironMap(environ)
	client, exp := env[shell.VarClient], env[awscreds.VarExpiration]
	if client == "" || exp == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, exp)
	if err != nil {
		return nil
	}
	return &ShellCredentials{Client: client, Expires: t, SecondsLeft: int64(t.Sub(now) / time.Second)}
}
