package awscreds

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/awscreds/awsstandin"
	"github.com/stint-sh/stint/internal/secrets"
)

// fakeClock is the one clock of a test: the provider's and AWS's.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Sleep advances the clock instead of waiting.
func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.Advance(d)
	return nil
}

const (
	acmeKeyID  = "AKIAACMEEXAMPLE00001"
	acmeSecret = "acme/long-lived/secret/key/0000000000000"
	acmeMFA    = "arn:aws:iam::111111111111:mfa/ada"
	globexKey  = "AKIAGLOBEXEXAMPLE002"
	globexSec  = "globex/long-lived/secret/key/00000000000"
	deployRole = "arn:aws:iam::222222222222:role/Deploy"
)

type fixture struct {
	aws      *awsstandin.Server
	clock    *fakeClock
	keyring  *secrets.MemoryBackend
	provider *Provider
	env      map[string]string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clock := &fakeClock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	srv := awsstandin.Start(t)
	srv.Now = clock.Now
	srv.Users = []awsstandin.User{
		{Account: "111111111111", Name: "ada", AccessKeyID: acmeKeyID, SecretAccessKey: acmeSecret, MFASerial: acmeMFA},
		{Account: "333333333333", Name: "ada", AccessKeyID: globexKey, SecretAccessKey: globexSec},
	}
	srv.Roles = []awsstandin.Role{{ARN: deployRole, ExternalID: "acme-ext-7", RequireMFA: true}}
	srv.SSO = awsstandin.SSO{StartURL: "https://acme.awsapps.com/start", Email: "ada@acme.io",
		Assignments: map[string][]string{"444444444444": {"AdministratorAccess"}}, PendingPolls: 2}
	kb := secrets.NewMemoryBackend()
	p := &Provider{Keyring: secrets.New(kb, t.TempDir()), Now: clock.Now, Sleep: clock.Sleep}
	return &fixture{aws: srv, clock: clock, keyring: kb, provider: p, env: map[string]string{"AWS_ENDPOINT_URL": srv.URL}}
}

func acmeKeys() map[string]string {
	return map[string]string{SecretAccessKeyID: acmeKeyID, SecretSecretAccessKey: acmeSecret}
}

func code(c string) func(context.Context, string) (string, error) {
	return func(context.Context, string) (string, error) { return c, nil }
}

func TestSessionTokenIsSignedWithTheClientsOwnKeyAndCached(t *testing.T) {
	f := newFixture(t)
	req := Request{Config: Config{Client: "acme", Mode: ModeSession, Region: "eu-west-1"}, Env: f.env, Secrets: acmeKeys()}

	res, err := f.provider.Credentials(context.Background(), req)
	require.NoError(t, err)
	assert.False(t, res.Cached)
	assert.True(t, strings.HasPrefix(res.AccessKeyID, "ASIA"), "temporary key: %s", res.AccessKeyID)
	assert.NotEqual(t, acmeSecret, res.SecretAccessKey)
	assert.NotEmpty(t, res.SessionToken)
	assert.Equal(t, f.clock.Now().Add(12*time.Hour), res.Expires, "STS's default session length")

	calls := f.aws.CallsOf("GetSessionToken")
	require.Len(t, calls, 1)
	assert.Equal(t, acmeKeyID, calls[0].AccessKeyID, "signed with acme's own key")
	assert.Equal(t, "eu-west-1", calls[0].Region, "credential scope region")
	assert.Equal(t, "sts", calls[0].SigService, "credential scope service")
	assert.Empty(t, calls[0].Err)

	// Within the lifetime less five minutes: no STS call at all.
	f.aws.SetUnavailable(true)
	f.clock.Advance(12*time.Hour - RefreshMargin - time.Second)
	again, err := f.provider.Credentials(context.Background(), req)
	require.NoError(t, err)
	assert.True(t, again.Cached)
	assert.Equal(t, res.Credentials, again.Credentials)

	// Five minutes before expiry they are made anew.
	f.aws.SetUnavailable(false)
	f.clock.Advance(time.Second)
	fresh, err := f.provider.Credentials(context.Background(), req)
	require.NoError(t, err)
	assert.False(t, fresh.Cached)
	assert.NotEqual(t, res.AccessKeyID, fresh.AccessKeyID)
	assert.Len(t, f.aws.CallsOf("GetSessionToken"), 2)
}

func TestAssumeRoleCarriesRoleExternalIDSessionNameMFAAndDuration(t *testing.T) {
	f := newFixture(t)
	req := Request{
		Config: Config{Client: "acme", Mode: ModeRole, RoleARN: deployRole, ExternalID: "acme-ext-7",
			SessionName: "ada@example.com", MFASerial: acmeMFA, Duration: 2 * time.Hour},
		Env: f.env, Secrets: acmeKeys(), MFACode: code("123456"),
	}
	res, err := f.provider.Credentials(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, f.clock.Now().Add(2*time.Hour), res.Expires)

	calls := f.aws.CallsOf("AssumeRole")
	require.Len(t, calls, 1)
	c := calls[0]
	assert.Equal(t, acmeKeyID, c.AccessKeyID)
	assert.Equal(t, "us-east-1", c.Region, "no region: the global signing region")
	assert.Equal(t, deployRole, c.Params["RoleArn"])
	assert.Equal(t, "acme-ext-7", c.Params["ExternalId"])
	assert.Equal(t, "ada@example.com", c.Params["RoleSessionName"])
	assert.Equal(t, acmeMFA, c.Params["SerialNumber"])
	assert.Equal(t, "123456", c.Params["TokenCode"])
	assert.Equal(t, "7200", c.Params["DurationSeconds"])

	// The cached role needs no code: nobody is asked.
	req.MFACode = func(context.Context, string) (string, error) { t.Fatal("asked for a code"); return "", nil }
	again, err := f.provider.Credentials(context.Background(), req)
	require.NoError(t, err)
	assert.True(t, again.Cached)
}

func TestMFARefusalsSayWhatToDo(t *testing.T) {
	f := newFixture(t)
	cfg := Config{Client: "acme", Mode: ModeSession, MFASerial: acmeMFA}

	_, err := f.provider.Credentials(context.Background(), Request{Config: cfg, Env: f.env, Secrets: acmeKeys()})
	var mfaErr *MFAError
	require.ErrorAs(t, err, &mfaErr, "no one to ask")
	assert.ErrorIs(t, err, ErrMFANeeded)
	assert.Empty(t, f.aws.Calls(), "nothing sent without a code")

	_, err = f.provider.Credentials(context.Background(), Request{Config: cfg, Env: f.env, Secrets: acmeKeys(), MFACode: code("12345")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "6 digits")
	assert.Empty(t, f.aws.Calls(), "a malformed code is not sent")

	_, err = f.provider.Credentials(context.Background(), Request{Config: cfg, Env: f.env, Secrets: acmeKeys(), MFACode: code("654321")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AccessDenied")
	assert.Contains(t, err.Error(), "check the code of "+acmeMFA)
	assert.Equal(t, "654321", f.aws.CallsOf("GetSessionToken")[0].Params["TokenCode"])

	// A role that requires MFA, asked without a device configured: AWS refuses.
	role := Config{Client: "acme", Mode: ModeRole, RoleARN: deployRole, ExternalID: "acme-ext-7"}
	_, err = f.provider.Credentials(context.Background(), Request{Config: role, Env: f.env, Secrets: acmeKeys()})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not authorized to perform: sts:AssumeRole")
}

func TestTheCacheMissesWhenTheSetupOrTheKeyChanges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	base := Request{Config: Config{Client: "acme", Mode: ModeSession}, Env: f.env, Secrets: acmeKeys()}
	first, err := f.provider.Credentials(ctx, base)
	require.NoError(t, err)

	cases := map[string]func(r *Request){
		"duration": func(r *Request) { r.Config.Duration = time.Hour },
		"region":   func(r *Request) { r.Config.Region = "eu-central-1" },
		"rotated key": func(r *Request) {
			r.Secrets = map[string]string{SecretAccessKeyID: globexKey, SecretSecretAccessKey: globexSec}
		},
	}
	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			r := base
			change(&r)
			res, err := f.provider.Credentials(ctx, r)
			require.NoError(t, err)
			assert.False(t, res.Cached)
			assert.NotEqual(t, first.AccessKeyID, res.AccessKeyID)
		})
	}
}

func TestClientsShareNoCache(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	acme, err := f.provider.Credentials(ctx, Request{Config: Config{Client: "acme", Mode: ModeSession}, Env: f.env, Secrets: acmeKeys()})
	require.NoError(t, err)
	globex, err := f.provider.Credentials(ctx, Request{Config: Config{Client: "globex", Mode: ModeSession}, Env: f.env,
		Secrets: map[string]string{SecretAccessKeyID: globexKey, SecretSecretAccessKey: globexSec}})
	require.NoError(t, err)
	assert.False(t, globex.Cached)
	assert.NotEqual(t, acme.AccessKeyID, globex.AccessKeyID)
	calls := f.aws.CallsOf("GetSessionToken")
	require.Len(t, calls, 2)
	assert.Equal(t, globexKey, calls[1].AccessKeyID, "globex's call signed with globex's key")
	assert.Equal(t, []string{"acme/aws", "globex/aws"}, f.keyring.Users(secrets.Service))

	require.NoError(t, f.provider.Forget("acme"))
	assert.Equal(t, []string{"globex/aws"}, f.keyring.Users(secrets.Service))
}

func TestMissingLongLivedKeysNameTheFix(t *testing.T) {
	f := newFixture(t)
	_, err := f.provider.Credentials(context.Background(), Request{Config: Config{Client: "acme", Mode: ModeRole, RoleARN: deployRole},
		Env: f.env, Secrets: map[string]string{SecretAccessKeyID: acmeKeyID}})
	require.Error(t, err)
	assert.Equal(t, "acme has no AWS_SECRET_ACCESS_KEY in the keyring to make AWS credentials from: store the IAM user's key with `stint secret set acme AWS_SECRET_ACCESS_KEY`", err.Error())
}

func TestAWSErrorsNeverHoldTheSecretKey(t *testing.T) {
	f := newFixture(t)
	keys := map[string]string{SecretAccessKeyID: acmeKeyID, SecretSecretAccessKey: "wrong/secret/key/000000000000000000000000"}
	_, err := f.provider.Credentials(context.Background(), Request{Config: Config{Client: "acme", Mode: ModeSession}, Env: f.env, Secrets: keys})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "SignatureDoesNotMatch")
	assert.Contains(t, err.Error(), "stint secret set acme AWS_ACCESS_KEY_ID")
	assert.NotContains(t, err.Error(), keys[SecretSecretAccessKey])
}

func ssoConfig() Config {
	return Config{Client: "acme", Mode: ModeSSO, SSOStartURL: "https://acme.awsapps.com/start", SSORegion: "eu-west-1",
		SSOAccount: "444444444444", SSORole: "AdministratorAccess"}
}

func TestSSODeviceLoginThenRoleCredentialsFromTheCachedToken(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cfg := ssoConfig()

	_, err := f.provider.Credentials(ctx, Request{Config: cfg, Env: f.env})
	require.ErrorIs(t, err, ErrLoginNeeded)
	assert.Equal(t, "acme's AWS SSO has not signed in to https://acme.awsapps.com/start: run `stint aws login acme`", err.Error())
	needs, err := f.provider.Needs(Request{Config: cfg})
	require.NoError(t, err)
	assert.Equal(t, Needs{Login: true}, needs)

	var shown DeviceAuth
	start := f.clock.Now()
	expires, err := f.provider.Login(ctx, cfg, f.env, func(a DeviceAuth) error { shown = a; return nil })
	require.NoError(t, err)
	assert.NotEmpty(t, shown.UserCode)
	assert.Contains(t, shown.VerificationURIComplete, "user_code=")
	assert.Len(t, f.aws.CallsOf("CreateToken"), 3, "two authorization_pending, then the token")
	assert.Equal(t, 3*time.Second, f.clock.Now().Sub(start), "polled at the interval the service asked for")
	assert.Equal(t, f.clock.Now().Add(8*time.Hour), expires)
	assert.Equal(t, "https://acme.awsapps.com/start", f.aws.CallsOf("StartDeviceAuthorization")[0].Params["startUrl"])

	res, err := f.provider.Credentials(ctx, Request{Config: cfg, Env: f.env})
	require.NoError(t, err)
	calls := f.aws.CallsOf("GetRoleCredentials")
	require.Len(t, calls, 1)
	assert.Equal(t, "444444444444", calls[0].Params["account_id"])
	assert.Equal(t, "AdministratorAccess", calls[0].Params["role_name"])
	assert.NotEmpty(t, calls[0].Bearer)
	assert.Equal(t, f.clock.Now().Add(time.Hour), res.Expires)

	// The role's credentials are cached like any others.
	again, err := f.provider.Credentials(ctx, Request{Config: cfg, Env: f.env})
	require.NoError(t, err)
	assert.True(t, again.Cached)

	// Past the token's life, its refresh token renews it without a login.
	f.clock.Advance(9 * time.Hour)
	st, err := f.provider.Status(cfg)
	require.NoError(t, err)
	assert.True(t, st.SSORenewable)
	renewed, err := f.provider.Credentials(ctx, Request{Config: cfg, Env: f.env})
	require.NoError(t, err)
	assert.False(t, renewed.Cached)
	tokenCalls := f.aws.CallsOf("CreateToken")
	assert.Equal(t, "refresh_token", tokenCalls[len(tokenCalls)-1].Params["grantType"])

	// A token revoked at AWS: the next miss asks for a login again.
	f.aws.ExpireSSOTokens()
	f.clock.Advance(2 * time.Hour)
	_, err = f.provider.Credentials(ctx, Request{Config: cfg, Env: f.env})
	require.ErrorIs(t, err, ErrLoginNeeded)
}

func TestSSOLoginIsRegisteredOnceAndRefusesAnotherMode(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cfg := ssoConfig()
	for range 2 {
		_, err := f.provider.Login(ctx, cfg, f.env, func(DeviceAuth) error { return nil })
		require.NoError(t, err)
	}
	assert.Len(t, f.aws.CallsOf("RegisterClient"), 1, "the registration is cached")
	assert.Equal(t, "[sso:account:access]", f.aws.CallsOf("RegisterClient")[0].Params["scopes"])

	_, err := f.provider.Login(ctx, Config{Client: "acme", Mode: ModeSession}, f.env, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "does not use AWS SSO")
}

func TestConsoleURLThroughTheFederationEndpoint(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	// A role's credentials go to the federation endpoint as they are.
	role := Request{Config: Config{Client: "acme", Mode: ModeRole, RoleARN: deployRole, ExternalID: "acme-ext-7", MFASerial: acmeMFA, Region: "eu-west-1"},
		Env: f.env, Secrets: acmeKeys(), MFACode: code("123456")}
	u, err := f.provider.ConsoleURL(ctx, role)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(u, f.aws.URL+"/federation?Action=login&"), u)
	assert.Contains(t, u, "Issuer=stint")
	assert.Contains(t, u, "Destination=https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Deu-west-1")
	assert.Len(t, f.aws.CallsOf("getSigninToken"), 1)
	assert.Empty(t, f.aws.CallsOf("getSigninToken")[0].Err)

	// A session client gets a federation token from its long-lived key:
	// the console refuses GetSessionToken's credentials.
	session := Request{Config: Config{Client: "acme", Mode: ModeSession, SessionName: "ada@example.com"}, Env: f.env, Secrets: acmeKeys()}
	_, err = f.provider.ConsoleURL(ctx, session)
	require.NoError(t, err)
	fed := f.aws.CallsOf("GetFederationToken")
	require.Len(t, fed, 1)
	assert.Equal(t, acmeKeyID, fed[0].AccessKeyID)
	assert.Equal(t, "ada@example.com", fed[0].Params["Name"])
	assert.Contains(t, fed[0].Params["Policy"], `"Action":"*"`)
	assert.Empty(t, f.aws.CallsOf("GetSessionToken"))
}

func TestProcessJSONIsVersion1(t *testing.T) {
	exp := time.Date(2026, 11, 26, 21, 0, 0, 0, time.FixedZone("CET", 3600))
	b, err := ProcessJSON(Credentials{AccessKeyID: "ASIAX", SecretAccessKey: "s", SessionToken: "t", Expires: exp})
	require.NoError(t, err)
	assert.JSONEq(t, `{"Version":1,"AccessKeyId":"ASIAX","SecretAccessKey":"s","SessionToken":"t","Expiration":"2026-11-26T20:00:00Z"}`, string(b))
}

func TestEndpointsAsTheSDKsResolveThem(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		service string
		region  string
		want    string
	}{
		{"default regional STS", nil, serviceSTS, "eu-west-1", "https://sts.eu-west-1.amazonaws.com"},
		{"no region", nil, serviceSTS, "", "https://sts.us-east-1.amazonaws.com"},
		{"China", nil, serviceSTS, "cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn"},
		{"SSO portal", nil, serviceSSO, "eu-west-1", "https://portal.sso.eu-west-1.amazonaws.com"},
		{"SSO OIDC", nil, serviceSSOOIDC, "eu-west-1", "https://oidc.eu-west-1.amazonaws.com"},
		{"sign-in", nil, serviceSignin, "eu-west-1", "https://signin.aws.amazon.com"},
		{"sign-in GovCloud", nil, serviceSignin, "us-gov-west-1", "https://signin.amazonaws-us-gov.com"},
		{"global override", map[string]string{"AWS_ENDPOINT_URL": "http://127.0.0.1:4566/"}, serviceSTS, "eu-west-1", "http://127.0.0.1:4566"},
		{"service override wins", map[string]string{"AWS_ENDPOINT_URL": "http://a", "AWS_ENDPOINT_URL_STS": "http://b"}, serviceSTS, "", "http://b"},
		{"SSO_OIDC override", map[string]string{"AWS_ENDPOINT_URL_SSO_OIDC": "http://oidc"}, serviceSSOOIDC, "", "http://oidc"},
		{"override of another service", map[string]string{"AWS_ENDPOINT_URL_SSO": "http://sso"}, serviceSTS, "eu-west-1", "https://sts.eu-west-1.amazonaws.com"},
		{"ignored", map[string]string{"AWS_ENDPOINT_URL": "http://a", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, serviceSTS, "eu-west-1", "https://sts.eu-west-1.amazonaws.com"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Endpoint(c.env, c.service, c.region)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
	_, err := Endpoint(map[string]string{"AWS_ENDPOINT_URL_STS": "localhost"}, serviceSTS, "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "AWS_ENDPOINT_URL_STS")
}

func TestAnUnreachableSTSSaysSo(t *testing.T) {
	f := newFixture(t)
	f.aws.SetUnavailable(true)
	_, err := f.provider.Credentials(context.Background(), Request{Config: Config{Client: "acme", Mode: ModeSession}, Env: f.env, Secrets: acmeKeys()})
	require.Error(t, err)
	var api *APIError
	require.True(t, errors.As(err, &api))
	assert.Equal(t, 503, api.Status)
}

func TestSessionNameFrom(t *testing.T) {
	for in, want := range map[string]string{
		"ada@acme.io":           "ada@acme.io",
		"Ada Lovelace":          "Ada-Lovelace",
		"Zoë":                   "Zo-",
		"x":                     "",
		"":                      "",
		strings.Repeat("a", 70): strings.Repeat("a", 64),
	} {
		assert.Equal(t, want, SessionNameFrom(in), in)
	}
}
