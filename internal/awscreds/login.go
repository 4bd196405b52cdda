package awscreds

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Login signs a client in to its SSO start URL with the device
// authorization grant (RFC 8628): it registers stint with SSO-OIDC (once,
// the registration is cached), calls show with the page and code for the
// person, and polls until they approve, the code expires or ctx ends. The
// token (and its refresh token) go to the client's cache item only. It
// returns when the sign-in ends.
func (p *Provider) Login(ctx context.Context, cfg Config, env map[string]string, show func(DeviceAuth) error) (time.Time, error) {
	if cfg.Mode != ModeSSO {
		return time.Time{}, fmt.Errorf("%s does not use AWS SSO: set it up with `stint aws %s --sso-start-url URL --sso-region R --sso-account ID --sso-role NAME`", cfg.Client, cfg.Client)
	}
	c, err := p.ssoClientFor(env, cfg.SSORegion)
	if err != nil {
		return time.Time{}, err
	}
	cached, err := p.loadCache(cfg.Client)
	if err != nil {
		return time.Time{}, err
	}
	// The registration is per region; reuse it while it lasts.
	var reg registration
	if s := cached.sso; s != nil && s.Region == cfg.SSORegion && s.Client.ClientID != "" && usable(s.Client.Expires, p.now().Add(time.Hour)) {
		reg = s.Client
	} else if reg, err = c.registerClient(ctx); err != nil {
		return time.Time{}, fmt.Errorf("cannot register stint with AWS SSO in %s: %w", cfg.SSORegion, err)
	}
	auth, err := c.startDeviceAuthorization(ctx, reg, cfg.SSOStartURL, p.now())
	if IsCode(err, "InvalidClientException", "UnauthorizedClientException") {
		// The cached registration was revoked: register once more.
		if reg, err = c.registerClient(ctx); err == nil {
			auth, err = c.startDeviceAuthorization(ctx, reg, cfg.SSOStartURL, p.now())
		}
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("cannot start the AWS SSO sign-in of %s at %s: %w", cfg.Client, cfg.SSOStartURL, err)
	}
	if err := show(auth); err != nil {
		return time.Time{}, err
	}
	tok, err := p.poll(ctx, c, reg, auth)
	if err != nil {
		return time.Time{}, fmt.Errorf("the AWS SSO sign-in of %s did not complete: %w", cfg.Client, err)
	}
	s := ssoSession{StartURL: cfg.SSOStartURL, Region: cfg.SSORegion, Client: reg,
		AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken, Expires: tok.Expires}
	if err := p.store(cfg.Client, cacheSSO, s); err != nil {
		return time.Time{}, err
	}
	return tok.Expires, nil
}

// poll redeems the device code once the person has approved it, waiting
// the interval the service asked for (five seconds more after each
// slow_down, as RFC 8628 says).
func (p *Provider) poll(ctx context.Context, c ssoClient, reg registration, auth DeviceAuth) (token, error) {
	interval := auth.interval
	for {
		if err := p.sleep(ctx, interval); err != nil {
			return token{}, err
		}
		tok, err := c.createToken(ctx, reg, deviceGrant, auth.deviceCode, p.now())
		switch {
		case err == nil:
			return tok, nil
		case IsCode(err, "AuthorizationPendingException"):
		case IsCode(err, "SlowDownException"):
			interval += 5 * time.Second
		case IsCode(err, "ExpiredTokenException"):
			return token{}, fmt.Errorf("the code %s expired before it was approved: run `stint aws login` again", auth.UserCode)
		case IsCode(err, "AccessDeniedException"):
			return token{}, fmt.Errorf("the sign-in was denied in the browser")
		default:
			return token{}, err
		}
		if !p.now().Before(auth.Expires) {
			return token{}, fmt.Errorf("the code %s expired before it was approved: run `stint aws login` again", auth.UserCode)
		}
	}
}

// ConsoleURL makes a URL that signs the browser in to the AWS console as
// the client's credentials (the federation endpoint's getSigninToken).
// The console does not take GetSessionToken's credentials, so a session
// client gets a federation token made from its long-lived key instead:
// same rights, but without the MFA context. The URL is a credential for
// 15 minutes.
func (p *Provider) ConsoleURL(ctx context.Context, r Request) (string, error) {
	cfg := r.Config
	var creds Credentials
	if cfg.Mode == ModeSession {
		key, err := longLivedOf(cfg.Client, r.Secrets)
		if err != nil {
			return "", err
		}
		endpoint, err := Endpoint(r.Env, serviceSTS, cfg.Region)
		if err != nil {
			return "", err
		}
		client := stsClient{http: p.httpClient(), endpoint: endpoint, region: signingRegion(cfg.Region), key: key, now: p.now}
		name := cfg.SessionName
		if len(name) > 32 { // GetFederationToken's limit
			name = name[:32]
		}
		if len(name) < 2 {
			name = "stint-" + cfg.Client
		}
		if creds, err = client.getFederationToken(ctx, name, 0); err != nil {
			return "", redactIn(fmt.Errorf("cannot make a console session for %s: %w", cfg.Client, err), key.secret)
		}
	} else {
		res, err := p.Credentials(ctx, r)
		if err != nil {
			return "", err
		}
		creds = res.Credentials
	}
	signin, err := Endpoint(r.Env, serviceSignin, cfg.Region)
	if err != nil {
		return "", err
	}
	tok, err := p.signinToken(ctx, signin+"/federation", creds)
	if err != nil {
		return "", redactIn(fmt.Errorf("cannot make a console sign-in for %s: %w", cfg.Client, err), creds.values()...)
	}
	q := url.Values{"Action": {"login"}, "Issuer": {"stint"}, "Destination": {consoleHome(cfg.Region)}, "SigninToken": {tok}}
	return signin + "/federation?" + q.Encode(), nil
}

// signinToken exchanges credentials for a sign-in token.
func (p *Provider) signinToken(ctx context.Context, federation string, c Credentials) (string, error) {
	session, err := json.Marshal(map[string]string{"sessionId": c.AccessKeyID, "sessionKey": c.SecretAccessKey, "sessionToken": c.SessionToken})
	if err != nil {
		return "", err
	}
	q := url.Values{"Action": {"getSigninToken"}, "Session": {string(session)}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, federation+"?"+q.Encode(), nil)
	if err != nil {
		return "", err
	}
	status, _, data, err := send(p.httpClient(), req)
	if err != nil {
		return "", &APIError{Service: "Signin", Op: "getSigninToken", Message: err.Error()}
	}
	var out struct {
		SigninToken string `json:"SigninToken"`
	}
	if status != http.StatusOK || json.Unmarshal(data, &out) != nil || out.SigninToken == "" {
		return "", &APIError{Service: "Signin", Op: "getSigninToken", Status: status, Message: "no sign-in token in the answer"}
	}
	return out.SigninToken, nil
}

// ProcessJSON is credentials as a credential_process prints them (Version
// 1), which every AWS SDK and the CLI read to refresh on their own.
func ProcessJSON(c Credentials) ([]byte, error) {
	return json.Marshal(struct {
		Version         int    `json:"Version"`
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string `json:"SecretAccessKey"`
		SessionToken    string `json:"SessionToken"`
		Expiration      string `json:"Expiration"`
	}{1, c.AccessKeyID, c.SecretAccessKey, c.SessionToken, c.Expires.UTC().Format(time.RFC3339)})
}
