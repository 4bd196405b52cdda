// Package awsstandin is a local stand-in for the AWS services stint calls,
// speaking their real wire protocols so that real clients — stint's own,
// aws-sdk-go-v2's service clients and the aws CLI — can talk to it in
// tests: STS's query API (SigV4-signed form POSTs answered with XML), the
// SSO portal's GetRoleCredentials and SSO-OIDC's RegisterClient,
// StartDeviceAuthorization and CreateToken (JSON), and the console
// federation endpoint (getSigninToken, login). It checks what AWS checks
// — signatures, keys, session tokens, MFA codes, external IDs, role
// assignments, expiry by its own clock — and records every call.
//
// One server answers all of them, so a test points AWS_ENDPOINT_URL at it.
package awsstandin

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// User is an IAM user with one long-lived access key.
type User struct {
	Account         string
	Name            string
	AccessKeyID     string
	SecretAccessKey string
	MFASerial       string // "" : no MFA device
}

// Role is an IAM role users may assume.
type Role struct {
	ARN        string
	ExternalID string // required when set
	RequireMFA bool
}

// SSO is the IAM Identity Center side: the start URL, the assignments and
// how long tokens live.
type SSO struct {
	StartURL    string
	Assignments map[string][]string // account ID → role names
	Email       string              // who signs in; names the session
	// PendingPolls is how many CreateToken polls answer
	// authorization_pending before the person "approves" in the browser.
	PendingPolls  int
	TokenLifetime time.Duration // default 8h
	RoleLifetime  time.Duration // default 1h
}

// Call is one request the stand-in answered (or refused).
type Call struct {
	Service     string // STS, SSO, SSO-OIDC, Signin
	Action      string
	AccessKeyID string // the key that signed it (STS)
	Region      string // the signature's scope (STS)
	SigService  string // the signature's service (STS)
	Params      map[string]string
	Bearer      string // the SSO access token presented
	Err         string // the error code, when refused
}

// Server is the stand-in. Configure the exported fields before the first
// request; Now is its clock (AWS's clock: expirations and signature age).
type Server struct {
	URL string

	Users []User
	Roles []Role
	SSO   SSO
	// MFACode returns the code a device shows now; nil: "123456".
	MFACode func(serial string) string
	Now     func() time.Time

	srv *httptest.Server

	mu          sync.Mutex
	calls       []Call
	issued      map[string]issued // temporary access key ID → session
	clients     map[string]string // OIDC client ID → secret
	devices     map[string]*device
	tokens      map[string]time.Time // SSO access token → expiry
	refresh     map[string]bool      // live refresh tokens
	signins     map[string]bool      // sign-in tokens handed out
	usedMFA     map[string]bool      // serial+code already used (AWS refuses reuse)
	unavailable bool
}

type issued struct {
	secret, token string
	expires       time.Time
	arn, account  string
	userID        string
	federable     bool // the console federation endpoint takes it
}

type device struct {
	clientID string
	userCode string
	polls    int
	expires  time.Time
	redeemed bool
}

// Start runs the stand-in on a loopback port until t ends.
func Start(t interface{ Cleanup(func()) }) *Server {
	s := &Server{}
	s.srv = httptest.NewServer(s)
	s.URL = s.srv.URL
	t.Cleanup(s.srv.Close)
	return s
}

func (s *Server) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// Calls returns a copy of every call so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// CallsOf returns the calls of one action.
func (s *Server) CallsOf(action string) []Call {
	var out []Call
	for _, c := range s.Calls() {
		if c.Action == action {
			out = append(out, c)
		}
	}
	return out
}

// SetUnavailable makes every call fail with HTTP 503, as when AWS cannot be
// reached: a test of the cache proves no call was needed.
func (s *Server) SetUnavailable(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.unavailable = down
}

// Issued lists every secret the stand-in handed out (temporary secret keys,
// session tokens, SSO access and refresh tokens, sign-in tokens), so a test
// can look for them where they must never be.
func (s *Server) Issued() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, is := range s.issued {
		out = append(out, is.secret, is.token)
	}
	for tok := range s.tokens {
		out = append(out, tok)
	}
	for tok := range s.refresh {
		out = append(out, tok)
	}
	for tok := range s.signins {
		out = append(out, tok)
	}
	return out
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
}

// ServeHTTP routes by path as AWS's hosts do, all on one server.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	down := s.unavailable
	s.mu.Unlock()
	if down {
		http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/":
		s.serveSTS(w, r, body)
	case r.Method == http.MethodGet && r.URL.Path == "/federation/credentials":
		s.serveRoleCredentials(w, r)
	case r.Method == http.MethodPost && r.URL.Path == "/client/register":
		s.serveRegister(w, body)
	case r.Method == http.MethodPost && r.URL.Path == "/device_authorization":
		s.serveDeviceAuthorization(w, body)
	case r.Method == http.MethodPost && r.URL.Path == "/token":
		s.serveCreateToken(w, body)
	case r.Method == http.MethodGet && r.URL.Path == "/federation":
		s.serveFederation(w, r)
	default:
		http.NotFound(w, r)
	}
}

// random is n random characters of alphabet.
func random(n int, alphabet string) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

const (
	upperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	base64ish   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
)

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// issue makes temporary credentials that the stand-in will accept.
func (s *Server) issue(d time.Duration, arn, account, userID string, federable bool) (string, issued) {
	id := "ASIA" + random(16, upperDigits)
	is := issued{secret: random(40, base64ish), token: "IQoJb3JpZ2luX2Vj" + random(300, base64ish),
		expires: s.now().Add(d).Truncate(time.Second), arn: arn, account: account, userID: userID, federable: federable}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.issued == nil {
		s.issued = map[string]issued{}
	}
	s.issued[id] = is
	return id, is
}
