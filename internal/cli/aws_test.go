package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/awscreds/awsstandin"
)

const (
	testKeyID  = "AKIAACMECLITEST00001"
	testSecret = "acme/cli/long-lived/secret/000000000000"
	testMFA    = "arn:aws:iam::111111111111:mfa/ada"
	testRole   = "arn:aws:iam::222222222222:role/Deploy"
)

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// awsHarness is a harness whose process environment points AWS at a
// stand-in sharing the harness's clock, with client acme holding an IAM
// user's long-lived key as its secrets.
func awsHarness(t *testing.T) (*harness, *awsstandin.Server, *testClock) {
	h := newHarness(t)
	clock := &testClock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	h.now = clock.Now
	srv := awsstandin.Start(t)
	srv.Now = clock.Now
	srv.Users = []awsstandin.User{{Account: "111111111111", Name: "ada", AccessKeyID: testKeyID, SecretAccessKey: testSecret, MFASerial: testMFA}}
	srv.Roles = []awsstandin.Role{{ARN: testRole, RequireMFA: true}}
	h.env["AWS_ENDPOINT_URL"] = srv.URL
	h.ok("client", "add", "acme")
	h.stdin = testKeyID
	h.ok("secret", "set", "acme", "AWS_ACCESS_KEY_ID")
	h.stdin = testSecret
	h.ok("secret", "set", "acme", "AWS_SECRET_ACCESS_KEY")
	return h, srv, clock
}

type envJSON struct {
	Set   map[string]string `json:"set"`
	Unset []string          `json:"unset"`
}

func envOf(t *testing.T, h *harness, client string) envJSON {
	t.Helper()
	var doc envJSON
	require.NoError(t, json.Unmarshal([]byte(h.ok("env", client, "--shell", "json")), &doc))
	return doc
}

func TestAWSTemporarySwitchExportsOnlyTemporaryCredentials(t *testing.T) {
	h, srv, clock := awsHarness(t)
	h.ok("aws", "acme", "--temporary", "--region", "eu-west-1")

	doc := envOf(t, h, "acme")
	assert.True(t, strings.HasPrefix(doc.Set["AWS_ACCESS_KEY_ID"], "ASIA"), "a temporary key: %q", doc.Set["AWS_ACCESS_KEY_ID"])
	assert.NotEqual(t, testSecret, doc.Set["AWS_SECRET_ACCESS_KEY"])
	assert.NotEmpty(t, doc.Set["AWS_SESSION_TOKEN"])
	assert.Equal(t, "2026-11-26T21:00:00Z", doc.Set["AWS_CREDENTIAL_EXPIRATION"])
	for _, v := range doc.Set {
		assert.NotContains(t, v, testSecret)
		assert.NotEqual(t, testKeyID, v)
	}
	calls := srv.CallsOf("GetSessionToken")
	require.Len(t, calls, 1)
	assert.Equal(t, testKeyID, calls[0].AccessKeyID)
	assert.Equal(t, "eu-west-1", calls[0].Region)

	// Cached: the next switch makes no STS call, even with STS down.
	srv.SetUnavailable(true)
	clock.Advance(11 * time.Hour)
	again := envOf(t, h, "acme")
	assert.Equal(t, doc.Set["AWS_ACCESS_KEY_ID"], again.Set["AWS_ACCESS_KEY_ID"])
	// Within five minutes of the end: a refresh, which fails while STS is down…
	clock.Advance(56 * time.Minute)
	h.fails(1, "STS GetSessionToken", "env", "acme", "--shell", "json")
	// …and works once it is back.
	srv.SetUnavailable(false)
	fresh := envOf(t, h, "acme")
	assert.NotEqual(t, doc.Set["AWS_ACCESS_KEY_ID"], fresh.Set["AWS_ACCESS_KEY_ID"])

	// The access log names the temporary variables, never values.
	access := h.ok("access", "acme")
	assert.Contains(t, access, "AWS_SESSION_TOKEN")
	assert.NotContains(t, access, fresh.Set["AWS_SESSION_TOKEN"])
}

func TestAWSRoleWithMFAAsksOnceAndCarriesTheCode(t *testing.T) {
	h, srv, _ := awsHarness(t)
	h.ok("config", "set", "email", "ada@example.com")
	h.ok("aws", "acme", "--role-arn", testRole, "--mfa-serial", testMFA, "--duration", "2h")
	asked := 0
	h.mfa = func(_ context.Context, client, serial string) (string, error) {
		asked++
		assert.Equal(t, "acme", client)
		assert.Equal(t, testMFA, serial)
		return "123456", nil
	}
	doc := envOf(t, h, "acme")
	assert.Equal(t, "2026-11-26T11:00:00Z", doc.Set["AWS_CREDENTIAL_EXPIRATION"])
	call := srv.CallsOf("AssumeRole")[0]
	assert.Equal(t, testKeyID, call.AccessKeyID)
	assert.Equal(t, testRole, call.Params["RoleArn"])
	assert.Equal(t, "ada@example.com", call.Params["RoleSessionName"], "the session name is the configured email")
	assert.Equal(t, "123456", call.Params["TokenCode"])
	envOf(t, h, "acme")
	assert.Equal(t, 1, asked, "the cached role needs no second code")
}

func TestAWSCredsPrintsCredentialProcessJSON(t *testing.T) {
	h, _, _ := awsHarness(t)
	h.ok("aws", "acme", "--temporary")
	var out struct {
		Version                                                int
		AccessKeyId, SecretAccessKey, SessionToken, Expiration string
	}
	require.NoError(t, json.Unmarshal([]byte(h.ok("aws", "creds", "acme")), &out))
	assert.Equal(t, 1, out.Version)
	assert.True(t, strings.HasPrefix(out.AccessKeyId, "ASIA"))
	assert.Equal(t, "2026-11-26T21:00:00Z", out.Expiration)
	doc := envOf(t, h, "acme")
	assert.Equal(t, out.AccessKeyId, doc.Set["AWS_ACCESS_KEY_ID"], "the switch and credential_process share the cache")
}

func TestAWSEndpointFromTheClientsVariables(t *testing.T) {
	h, srv, _ := awsHarness(t)
	delete(h.env, "AWS_ENDPOINT_URL")
	h.ok("set", "acme", "AWS_ENDPOINT_URL_STS="+srv.URL)
	h.ok("aws", "acme", "--temporary")
	doc := envOf(t, h, "acme")
	assert.True(t, strings.HasPrefix(doc.Set["AWS_ACCESS_KEY_ID"], "ASIA"))
}

func TestAWSConsolePrintsASignInURL(t *testing.T) {
	h, srv, _ := awsHarness(t)
	h.ok("aws", "acme", "--temporary", "--region", "eu-west-1")
	u := strings.TrimSpace(h.ok("aws", "console", "acme"))
	assert.True(t, strings.HasPrefix(u, srv.URL+"/federation?Action=login&"), u)
	assert.Len(t, srv.CallsOf("GetFederationToken"), 1)
}

func TestAWSRefusals(t *testing.T) {
	h, _, _ := awsHarness(t)
	h.ok("client", "add", "globex")
	cases := []struct {
		want string
		args []string
	}{
		{"role arn \"arn:aws:s3:::bucket\" is invalid", []string{"aws", "acme", "--role-arn", "arn:aws:s3:::bucket"}},
		{"needs all four of --sso-start-url", []string{"aws", "acme", "--sso-start-url", "https://acme.awsapps.com/start"}},
		{"sso start url \"http://acme\" is invalid", []string{"aws", "acme", "--sso-start-url", "http://acme"}},
		{"sso account \"12345\" is invalid", []string{"aws", "acme", "--sso-account", "12345"}},
		{"mfa serial \"x\" is invalid", []string{"aws", "acme", "--temporary", "--mfa-serial", "x"}},
		{"--duration 5m is out of range", []string{"aws", "acme", "--temporary", "--duration", "5m"}},
		{"go with --temporary or --role-arn", []string{"aws", "acme", "--mfa-serial", testMFA}},
		{"AWS_PROFILE acme and temporary AWS credentials do not mix", []string{"aws", "acme", "--temporary", "--profile", "acme"}},
		{"cannot use AWS SSO and STS credentials at once", []string{"aws", "acme", "--temporary", "--sso-start-url", "https://acme.awsapps.com/start", "--sso-region", "eu-west-1", "--sso-account", "123456789012", "--sso-role", "Admin"}},
		{"globex has no temporary AWS credentials set up", []string{"aws", "creds", "globex"}},
		{"no client named \"nope\"", []string{"aws", "creds", "nope"}},
		{"usage: stint aws creds NAME", []string{"aws", "creds"}},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			h.t = t
			h.fails(2, c.want, c.args...)
		})
	}
}

func TestAWSOffboardRemovesTheCacheAndHandoffNamesTheRoleNotACredential(t *testing.T) {
	h, _, _ := awsHarness(t)
	h.ok("aws", "acme", "--role-arn", testRole, "--mfa-serial", testMFA, "--external-id", "acme-ext-secretish")
	h.mfa = func(context.Context, string, string) (string, error) { return "123456", nil }
	doc := envOf(t, h, "acme")
	assert.Contains(t, h.keyring.Users("stint"), "acme/aws")

	md := h.ok("handoff", "export", "acme")
	assert.Contains(t, md, "`sts:AssumeRole` on `"+testRole+"`")
	for _, secret := range []string{doc.Set["AWS_SECRET_ACCESS_KEY"], doc.Set["AWS_SESSION_TOKEN"], doc.Set["AWS_ACCESS_KEY_ID"], testSecret, "acme-ext-secretish"} {
		assert.NotContains(t, md, secret)
	}
	bundle := h.home + "/acme.json"
	h.ok("handoff", "export", "acme", "--bundle", bundle)
	h.ok("offboard", "acme", "--yes")
	assert.NotContains(t, h.keyring.Users("stint"), "acme/aws", "offboarding removed the cache")

	// The bundle carries the role, not the leaving engineer's MFA device;
	// the import says to name one's own.
	out := h.ok("handoff", "import", bundle, "--as", "acme2")
	assert.Contains(t, out, "stint aws acme2 --mfa-serial ARN")
	show := h.ok("client", "show", "acme2", "--json")
	assert.Contains(t, show, testRole)
	assert.NotContains(t, show, testMFA)
}

func TestAWSStatusAndDoctorShowTimeLeft(t *testing.T) {
	h, _, clock := awsHarness(t)
	h.ok("aws", "acme", "--temporary")
	doc := envOf(t, h, "acme")
	h.env["STINT_CLIENT"] = "acme"
	h.env["AWS_CREDENTIAL_EXPIRATION"] = doc.Set["AWS_CREDENTIAL_EXPIRATION"]
	clock.Advance(11*time.Hour + 30*time.Minute)

	assert.Contains(t, h.ok("status"), "AWS: acme's temporary credentials in this shell, 30m left (until 21:00)")
	var st struct {
		AWS struct {
			Client      string `json:"client"`
			SecondsLeft int64  `json:"seconds_left"`
		} `json:"aws"`
	}
	require.NoError(t, json.Unmarshal([]byte(h.ok("status", "--json")), &st))
	assert.Equal(t, int64(1800), st.AWS.SecondsLeft)

	r := h.run("doctor")
	assert.Contains(t, r.stdout, "session credentials cached, credentials 30m left")

	clock.Advance(time.Hour)
	assert.Contains(t, h.ok("status"), "expired 30m ago: `stint switch acme` makes new ones")
	r = h.run("doctor")
	assert.Contains(t, r.stdout, "this shell's AWS credentials for acme have expired")

	h.ok("client", "add", "globex")
	h.ok("aws", "globex", "--temporary")
	r = h.run("doctor")
	assert.Contains(t, r.stdout, "session credentials need the secret AWS_ACCESS_KEY_ID")
	assert.Contains(t, r.stdout, "stint secret set globex AWS_ACCESS_KEY_ID")
}

// A preview on a terminal calls no AWS service and asks for no MFA code: it
// shows cached credentials (masked), or says the switch makes them.
func TestAWSPreviewMakesNoAWSCall(t *testing.T) {
	h, srv, _ := awsHarness(t)
	h.ok("aws", "acme", "--temporary", "--mfa-serial", testMFA)
	h.ttyOut = true
	r := h.run("env", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Regexp(t, `(?m)^AWS_SESSION_TOKEN\s+\(unset\)\s+temporary AWS credentials \(cached, or made by the switch\)$`, r.stdout)
	assert.Empty(t, srv.Calls())

	h.ttyOut = false
	h.mfa = func(context.Context, string, string) (string, error) { return "123456", nil }
	envOf(t, h, "acme")
	h.ttyOut = true
	h.mfa = nil
	r = h.run("env", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "AWS_SESSION_TOKEN")
	assert.Len(t, srv.Calls(), 1, "the preview made no call of its own")
}

func TestAWSSSOLoginThenSwitch(t *testing.T) {
	h, srv, _ := awsHarness(t)
	srv.SSO = awsstandin.SSO{StartURL: "https://acme.awsapps.com/start", Email: "ada@acme.io",
		Assignments: map[string][]string{"444444444444": {"ReadOnly"}}}
	h.ok("client", "add", "globex")
	h.ok("aws", "globex", "--sso-start-url", "https://acme.awsapps.com/start", "--sso-region", "eu-west-1",
		"--sso-account", "444444444444", "--sso-role", "ReadOnly")
	h.fails(1, "globex's AWS SSO has not signed in to https://acme.awsapps.com/start: run `stint aws login globex`", "env", "globex", "--shell", "json")

	r := h.run("aws", "login", "globex")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "/start/#/device?user_code=")
	assert.Contains(t, r.stdout, "Signed globex in to AWS SSO")

	doc := envOf(t, h, "globex")
	assert.True(t, strings.HasPrefix(doc.Set["AWS_ACCESS_KEY_ID"], "ASIA"))
	call := srv.CallsOf("GetRoleCredentials")[0]
	assert.Equal(t, "444444444444", call.Params["account_id"])
	assert.Equal(t, "ReadOnly", call.Params["role_name"])
	assert.NotContains(t, h.ok("access", "globex"), call.Bearer, "the SSO token is never logged")
}

// --open never puts the sign-in URL (a credential) on a command line: the
// browser is sent to a one-time loopback address that redirects to it.
func TestAWSConsoleOpenKeepsTheURLOffCommandLines(t *testing.T) {
	h, srv, _ := awsHarness(t)
	h.ok("aws", "acme", "--temporary", "--region", "eu-west-1")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var opened, location string
	var again int
	h.openURL = func(u string) error {
		opened = u
		resp, err := noFollow.Get(u)
		require.NoError(t, err)
		location = resp.Header.Get("Location")
		resp.Body.Close()
		resp, err = noFollow.Get(u)
		if err == nil {
			again = resp.StatusCode
			resp.Body.Close()
		}
		return nil
	}
	r := h.run("aws", "console", "acme", "--open")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	assert.True(t, strings.HasPrefix(opened, "http://127.0.0.1:"), opened)
	assert.NotContains(t, opened, "SigninToken")
	assert.True(t, strings.HasPrefix(location, srv.URL+"/federation?Action=login&"), location)
	assert.Contains(t, location, "SigninToken=")
	assert.Equal(t, http.StatusNotFound, again, "the address works once")
}
