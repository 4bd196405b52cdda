package awscreds

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
)

// Provider makes, caches and hands out a client's temporary credentials.
type Provider struct {
	Keyring Keyring
	// HTTP is the client for AWS calls; nil is one with a 30-second
	// timeout (proxies from the environment, as net/http does).
	HTTP *http.Client
	// Now is the clock: cache lifetimes and SigV4 timestamps. nil: time.Now.
	Now func() time.Time
	// Sleep waits between polls of a device authorization; nil sleeps for
	// real (tests pass a fake clock's).
	Sleep func(ctx context.Context, d time.Duration) error
}

// Request asks for a client's credentials.
type Request struct {
	Config Config
	// Env is the environment the client's shell has (its variables over
	// the calling process's): it chooses the endpoints.
	Env map[string]string
	// Secrets are the client's keyring secrets, for session and role: the
	// long-lived key is read from them and goes nowhere else.
	Secrets map[string]string
	// MFACode asks the person for a code of the device Config.MFASerial,
	// only when new credentials have to be made. nil: an MFAError then.
	MFACode func(ctx context.Context, serial string) (string, error)
	// Cache is the client's cache item (CacheItem) as the caller already
	// read it — a switch reads it beside the client's secrets, saving a
	// keyring round trip; nil: read here.
	Cache map[string]string
}

// cacheOf is the request's preread cache, or the keyring's.
func (p *Provider) cacheOf(r Request) (cache, error) {
	if r.Cache != nil {
		return decodeCache(r.Cache), nil
	}
	return p.loadCache(r.Config.Client)
}

// Result is credentials, and whether they came from the cache.
type Result struct {
	Credentials
	Cached bool
}

func (p *Provider) now() time.Time {
	if p.Now == nil {
		return time.Now()
	}
	return p.Now()
}

func (p *Provider) httpClient() *http.Client {
	if p.HTTP == nil {
		return &http.Client{Timeout: 30 * time.Second}
	}
	return p.HTTP
}

func (p *Provider) sleep(ctx context.Context, d time.Duration) error {
	if p.Sleep != nil {
		return p.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Credentials returns the client's credentials: from the cache while they
// have more than RefreshMargin left and were made for the same setup and
// long-lived key; otherwise made anew (asking for an MFA code if the setup
// has a device) and cached.
func (p *Provider) Credentials(ctx context.Context, r Request) (Result, error) {
	cfg := r.Config
	if cfg.Mode == ModeNone {
		return Result{}, badinput.Errorf("%s has no AWS credentials to make: set them up with `stint aws %s --temporary`, `--role-arn ARN` or `--sso-start-url URL …`", cfg.Client, cfg.Client)
	}
	var key longLived
	if cfg.NeedsLongLivedKeys() {
		var err error
		if key, err = longLivedOf(cfg.Client, r.Secrets); err != nil {
			return Result{}, err
		}
	}
	c, err := p.cacheOf(r)
	if err != nil {
		return Result{}, err
	}
	if cc := c.creds; cc != nil && cc.Config == cfg.fingerprint() && cc.KeyID == key.id && usable(cc.Expires, p.now()) {
		return Result{Credentials: cc.Credentials, Cached: true}, nil
	}
	var creds Credentials
	switch cfg.Mode {
	case ModeSession, ModeRole:
		creds, err = p.fromSTS(ctx, r, key)
	case ModeSSO:
		creds, err = p.fromSSO(ctx, r, c.sso)
	default:
		err = fmt.Errorf("%s's AWS mode %q is unknown to this stint: upgrade stint", cfg.Client, cfg.Mode)
	}
	if err != nil {
		return Result{}, redactIn(err, key.secret)
	}
	if creds.AccessKeyID == "" || creds.SecretAccessKey == "" || creds.Expires.IsZero() {
		return Result{}, fmt.Errorf("AWS answered for %s without complete credentials", cfg.Client)
	}
	err = p.store(cfg.Client, cacheCredentials, cachedCredentials{Config: cfg.fingerprint(), KeyID: key.id, Credentials: creds})
	if err != nil {
		return Result{}, redactIn(err, creds.values()...)
	}
	return Result{Credentials: creds}, nil
}

// longLivedOf reads the IAM user's key from the client's secrets.
func longLivedOf(client string, secrets map[string]string) (longLived, error) {
	k := longLived{id: secrets[SecretAccessKeyID], secret: secrets[SecretSecretAccessKey]}
	switch {
	case k.id == "":
		return longLived{}, &MissingKeyError{Client: client, Name: SecretAccessKeyID}
	case k.secret == "":
		return longLived{}, &MissingKeyError{Client: client, Name: SecretSecretAccessKey}
	}
	return k, nil
}

// fromSTS makes session or role credentials with the long-lived key.
func (p *Provider) fromSTS(ctx context.Context, r Request, key longLived) (Credentials, error) {
	cfg := r.Config
	endpoint, err := Endpoint(r.Env, serviceSTS, cfg.Region)
	if err != nil {
		return Credentials{}, err
	}
	client := stsClient{http: p.httpClient(), endpoint: endpoint, region: signingRegion(cfg.Region), key: key, now: p.now}
	var m mfa
	if cfg.MFASerial != "" {
		code, err := askMFA(ctx, r)
		if err != nil {
			return Credentials{}, err
		}
		m = mfa{serial: cfg.MFASerial, code: code}
	}
	if cfg.Mode == ModeRole {
		name := cfg.SessionName
		if name == "" {
			name = "stint-" + cfg.Client
		}
		creds, err := client.assumeRole(ctx, cfg.RoleARN, cfg.ExternalID, name, cfg.Duration, m)
		return creds, explainSTS(cfg, err)
	}
	creds, err := client.getSessionToken(ctx, cfg.Duration, m)
	return creds, explainSTS(cfg, err)
}

// askMFA asks for a code and checks it looks like one, before STS counts
// a failed attempt.
func askMFA(ctx context.Context, r Request) (string, error) {
	if r.MFACode == nil {
		return "", &MFAError{Client: r.Config.Client, Serial: r.Config.MFASerial}
	}
	code, err := r.MFACode(ctx, r.Config.MFASerial)
	if err != nil {
		return "", err
	}
	if !validMFACode(code) {
		return "", badinput.Errorf("an MFA code is 6 digits, from the device %s: try again with the code it shows", r.Config.MFASerial)
	}
	return code, nil
}

func validMFACode(code string) bool {
	if len(code) != 6 {
		return false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// explainSTS adds what to do to STS's common refusals.
func explainSTS(cfg Config, err error) error {
	switch {
	case err == nil:
		return nil
	case IsCode(err, "InvalidClientTokenId", "SignatureDoesNotMatch"):
		return fmt.Errorf("%w — %s's long-lived key is not valid: store a current one with `stint secret set %s AWS_ACCESS_KEY_ID` and `… AWS_SECRET_ACCESS_KEY`", err, cfg.Client, cfg.Client)
	case IsCode(err, "AccessDenied") && cfg.MFASerial != "":
		return fmt.Errorf("%w — check the code of %s and try again", err, cfg.MFASerial)
	}
	return fmt.Errorf("cannot make %s's AWS credentials: %w", cfg.Client, err)
}

// fromSSO fetches role credentials with the client's SSO token, renewing
// the token with its refresh token when it has expired.
func (p *Provider) fromSSO(ctx context.Context, r Request, s *ssoSession) (Credentials, error) {
	cfg := r.Config
	c, err := p.ssoClientFor(r.Env, cfg.SSORegion)
	if err != nil {
		return Credentials{}, err
	}
	tok, err := p.ssoToken(ctx, cfg, c, s)
	if err != nil {
		return Credentials{}, err
	}
	creds, err := c.getRoleCredentials(ctx, tok, cfg.SSOAccount, cfg.SSORole)
	if IsCode(err, "UnauthorizedException") {
		// Revoked or signed out elsewhere: the token is of no more use.
		_ = p.drop(cfg.Client, cacheSSO)
		return Credentials{}, &LoginError{Client: cfg.Client, Why: "sign-in is no longer valid"}
	}
	if err != nil {
		return Credentials{}, fmt.Errorf("cannot get %s's AWS SSO role %s in account %s: %w", cfg.Client, cfg.SSORole, cfg.SSOAccount, err)
	}
	return creds, nil
}

func (p *Provider) ssoClientFor(env map[string]string, region string) (ssoClient, error) {
	portal, err := Endpoint(env, serviceSSO, region)
	if err != nil {
		return ssoClient{}, err
	}
	oidc, err := Endpoint(env, serviceSSOOIDC, region)
	if err != nil {
		return ssoClient{}, err
	}
	return ssoClient{http: p.httpClient(), portal: portal, oidc: oidc}, nil
}

// ssoToken is a usable access token of the client's sign-in to cfg's
// start URL: the cached one, or one renewed by its refresh token.
func (p *Provider) ssoToken(ctx context.Context, cfg Config, c ssoClient, s *ssoSession) (string, error) {
	if s == nil || s.StartURL != cfg.SSOStartURL || s.Region != cfg.SSORegion || s.AccessToken == "" {
		return "", &LoginError{Client: cfg.Client, Why: "has not signed in to " + cfg.SSOStartURL}
	}
	now := p.now()
	if usable(s.Expires, now) {
		return s.AccessToken, nil
	}
	if s.RefreshToken == "" || !usable(s.Client.Expires, now) {
		return "", &LoginError{Client: cfg.Client, Why: "sign-in has expired"}
	}
	tok, err := c.createToken(ctx, s.Client, refreshGrant, s.RefreshToken, now)
	if IsCode(err, "InvalidGrantException", "ExpiredTokenException", "AccessDeniedException", "UnauthorizedClientException", "InvalidClientException") {
		_ = p.drop(cfg.Client, cacheSSO)
		return "", &LoginError{Client: cfg.Client, Why: "sign-in has expired"}
	}
	if err != nil {
		return "", fmt.Errorf("cannot renew %s's AWS SSO sign-in: %w", cfg.Client, err)
	}
	next := *s
	next.AccessToken, next.Expires = tok.AccessToken, tok.Expires
	if tok.RefreshToken != "" {
		next.RefreshToken = tok.RefreshToken
	}
	if err := p.store(cfg.Client, cacheSSO, next); err != nil {
		return "", err
	}
	return next.AccessToken, nil
}

// Cached returns the client's credentials only when the cache holds
// usable ones for this setup; it calls no AWS service and asks nothing
// (a preview of a switch).
func (p *Provider) Cached(r Request) (Result, bool, error) {
	cfg := r.Config
	if cfg.Mode == ModeNone {
		return Result{}, false, nil
	}
	c, err := p.cacheOf(r)
	if err != nil {
		return Result{}, false, err
	}
	if cc := c.creds; cc != nil && cc.Config == cfg.fingerprint() && cc.KeyID == r.Secrets[SecretAccessKeyID] && usable(cc.Expires, p.now()) {
		return Result{Credentials: cc.Credentials, Cached: true}, true, nil
	}
	return Result{}, false, nil
}

// Needs says what making the client's credentials would ask of the
// person right now: an MFA code (the cache has none for this setup and the
// setup has a device) or an SSO sign-in. The TUI asks in a form first.
type Needs struct {
	MFA   bool
	Login bool
}

// Needs looks at the cache only; it calls no AWS service.
func (p *Provider) Needs(r Request) (Needs, error) {
	cfg := r.Config
	if cfg.Mode == ModeNone {
		return Needs{}, nil
	}
	c, err := p.loadCache(cfg.Client)
	if err != nil {
		return Needs{}, err
	}
	now := p.now()
	if cc := c.creds; cc != nil && cc.Config == cfg.fingerprint() && cc.KeyID == r.Secrets[SecretAccessKeyID] && usable(cc.Expires, now) {
		return Needs{}, nil
	}
	if cfg.Mode == ModeSSO {
		s := c.sso
		ok := s != nil && s.StartURL == cfg.SSOStartURL && s.Region == cfg.SSORegion && s.AccessToken != "" &&
			(usable(s.Expires, now) || s.RefreshToken != "" && usable(s.Client.Expires, now))
		return Needs{Login: !ok}, nil
	}
	return Needs{MFA: cfg.MFASerial != ""}, nil
}

// Status is what the cache holds for a client, for status, doctor and the
// TUI: when its credentials and its SSO sign-in end (zero: none).
type Status struct {
	Mode               Mode
	CredentialsExpire  time.Time // credentials of the current setup
	SSOExpires         time.Time // the access token
	SSORenewable       bool      // a refresh token can renew it
	SSORenewableExpire time.Time // when the OIDC registration (and so renewal) ends
}

// Status reads the client's cache; it calls no AWS service.
func (p *Provider) Status(cfg Config) (Status, error) {
	st := Status{Mode: cfg.Mode}
	if cfg.Mode == ModeNone {
		return st, nil
	}
	c, err := p.loadCache(cfg.Client)
	if err != nil {
		return st, err
	}
	if cc := c.creds; cc != nil && cc.Config == cfg.fingerprint() {
		st.CredentialsExpire = cc.Expires
	}
	if s := c.sso; s != nil && cfg.Mode == ModeSSO && s.StartURL == cfg.SSOStartURL && s.Region == cfg.SSORegion {
		st.SSOExpires = s.Expires
		st.SSORenewable = s.RefreshToken != ""
		st.SSORenewableExpire = s.Client.Expires
	}
	return st, nil
}
