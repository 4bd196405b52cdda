package awscreds

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The SSO portal (GetRoleCredentials) and SSO-OIDC (the device
// authorization grant) are REST-JSON services: no SigV4; the portal takes
// the access token in a header, OIDC the registered client in the body.

// deviceGrant and refreshGrant are OAuth grant types OIDC's CreateToken takes.
const (
	deviceGrant  = "urn:ietf:params:oauth:grant-type:device_code"
	refreshGrant = "refresh_token"
)

// ssoScopes: the scope that lets a token fetch role credentials; asking
// for a scope is what makes OIDC hand out a refresh token.
var ssoScopes = []string{"sso:account:access"}

type ssoClient struct {
	http   *http.Client
	portal string // SSO portal endpoint
	oidc   string // SSO-OIDC endpoint
}

// getRoleCredentials: the credentials of role in account for the holder
// of an access token.
func (c ssoClient) getRoleCredentials(ctx context.Context, token, account, role string) (Credentials, error) {
	q := url.Values{"account_id": {account}, "role_name": {role}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.portal+"/federation/credentials?"+q.Encode(), nil)
	if err != nil {
		return Credentials{}, fmt.Errorf("SSO endpoint %s: %w", c.portal, err)
	}
	req.Header.Set("x-amz-sso_bearer_token", token)
	var out struct {
		RoleCredentials struct {
			AccessKeyID     string `json:"accessKeyId"`
			SecretAccessKey string `json:"secretAccessKey"`
			SessionToken    string `json:"sessionToken"`
			Expiration      int64  `json:"expiration"` // Unix milliseconds
		} `json:"roleCredentials"`
	}
	if err := doJSON(c.http, req, "SSO", "GetRoleCredentials", &out); err != nil {
		return Credentials{}, err
	}
	rc := out.RoleCredentials
	return Credentials{AccessKeyID: rc.AccessKeyID, SecretAccessKey: rc.SecretAccessKey, SessionToken: rc.SessionToken,
		Expires: time.UnixMilli(rc.Expiration).UTC()}, nil
}

// registration is an OIDC client registered for stint (valid ~90 days).
type registration struct {
	ClientID     string    `json:"client_id"`
	ClientSecret string    `json:"client_secret"`
	Expires      time.Time `json:"expires"`
}

func (c ssoClient) registerClient(ctx context.Context) (registration, error) {
	var out struct {
		ClientID              string `json:"clientId"`
		ClientSecret          string `json:"clientSecret"`
		ClientSecretExpiresAt int64  `json:"clientSecretExpiresAt"`
	}
	in := map[string]any{"clientName": "stint", "clientType": "public", "scopes": ssoScopes}
	if err := c.post(ctx, "/client/register", "RegisterClient", in, &out); err != nil {
		return registration{}, err
	}
	return registration{ClientID: out.ClientID, ClientSecret: out.ClientSecret, Expires: time.Unix(out.ClientSecretExpiresAt, 0).UTC()}, nil
}

// DeviceAuth is what the person signing in needs: the page to open and
// the code to check there.
type DeviceAuth struct {
	UserCode                string
	VerificationURI         string
	VerificationURIComplete string // the page with the code filled in
	Expires                 time.Time
	deviceCode              string
	interval                time.Duration
}

func (c ssoClient) startDeviceAuthorization(ctx context.Context, reg registration, startURL string, now time.Time) (DeviceAuth, error) {
	var out struct {
		DeviceCode              string `json:"deviceCode"`
		UserCode                string `json:"userCode"`
		VerificationURI         string `json:"verificationUri"`
		VerificationURIComplete string `json:"verificationUriComplete"`
		ExpiresIn               int64  `json:"expiresIn"`
		Interval                int64  `json:"interval"`
	}
	in := map[string]any{"clientId": reg.ClientID, "clientSecret": reg.ClientSecret, "startUrl": startURL}
	if err := c.post(ctx, "/device_authorization", "StartDeviceAuthorization", in, &out); err != nil {
		return DeviceAuth{}, err
	}
	interval := time.Duration(out.Interval) * time.Second
	if interval <= 0 {
		interval = 5 * time.Second // RFC 8628's default
	}
	return DeviceAuth{UserCode: out.UserCode, VerificationURI: out.VerificationURI, VerificationURIComplete: out.VerificationURIComplete,
		Expires: now.Add(time.Duration(out.ExpiresIn) * time.Second), deviceCode: out.DeviceCode, interval: interval}, nil
}

// token is an SSO access token and what renews it.
type token struct {
	AccessToken  string
	RefreshToken string
	Expires      time.Time
}

// createToken redeems a device code (grant deviceGrant) or a refresh token.
func (c ssoClient) createToken(ctx context.Context, reg registration, grant, code string, now time.Time) (token, error) {
	in := map[string]any{"clientId": reg.ClientID, "clientSecret": reg.ClientSecret, "grantType": grant}
	if grant == deviceGrant {
		in["deviceCode"] = code
	} else {
		in["refreshToken"] = code
	}
	var out struct {
		AccessToken  string `json:"accessToken"`
		RefreshToken string `json:"refreshToken"`
		ExpiresIn    int64  `json:"expiresIn"`
	}
	if err := c.post(ctx, "/token", "CreateToken", in, &out); err != nil {
		return token{}, err
	}
	return token{AccessToken: out.AccessToken, RefreshToken: out.RefreshToken, Expires: now.Add(time.Duration(out.ExpiresIn) * time.Second).UTC()}, nil
}

func (c ssoClient) post(ctx context.Context, path, op string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.oidc+path, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("SSO-OIDC endpoint %s: %w", c.oidc, err)
	}
	req.Header.Set("Content-Type", "application/json")
	return doJSON(c.http, req, "SSO-OIDC", op, out)
}

// doJSON sends req and decodes a JSON answer, or the service's error.
func doJSON(client *http.Client, req *http.Request, service, op string, out any) error {
	status, header, data, err := send(client, req)
	if err != nil {
		return &APIError{Service: service, Op: op, Message: err.Error()}
	}
	if status/100 != 2 {
		return jsonError(service, op, status, header, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &APIError{Service: service, Op: op, Status: status, Message: "the answer is not " + service + "'s JSON"}
	}
	return nil
}

// jsonError reads a REST-JSON error the way the SDKs do: the code from the
// X-Amzn-ErrorType header, else the body's __type or code (without a
// namespace before '#'); OIDC also says it the OAuth way, in "error".
func jsonError(service, op string, status int, header http.Header, data []byte) error {
	var doc struct {
		Type        string `json:"__type"`
		Code        string `json:"code"`
		Message     string `json:"message"`
		MessageCap  string `json:"Message"`
		OAuthError  string `json:"error"`
		Description string `json:"error_description"`
	}
	_ = json.Unmarshal(data, &doc)
	code := header.Get("X-Amzn-Errortype")
	for _, c := range []string{doc.Type, doc.Code} {
		if code == "" {
			code = c
		}
	}
	code, _, _ = strings.Cut(code, ":")
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	if code == "" {
		code = oauthCodes[doc.OAuthError]
	}
	msg := doc.Message + doc.MessageCap
	if msg == "" {
		msg = doc.Description
	}
	if msg == "" && code == "" {
		msg = http.StatusText(status)
	}
	return &APIError{Service: service, Op: op, Status: status, Code: code, Message: msg}
}

// oauthCodes map OIDC's OAuth error names to its exception names.
var oauthCodes = map[string]string{
	"authorization_pending": "AuthorizationPendingException",
	"slow_down":             "SlowDownException",
	"expired_token":         "ExpiredTokenException",
	"access_denied":         "AccessDeniedException",
	"invalid_grant":         "InvalidGrantException",
	"invalid_client":        "InvalidClientException",
}

// maxAnswer bounds what stint reads of an answer; real ones are a few KB.
const maxAnswer = 1 << 20

// send does one round trip and reads the whole answer.
func send(client *http.Client, req *http.Request) (int, http.Header, []byte, error) {
	resp, err := client.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err // the URL is said by the caller
		}
		return 0, nil, nil, fmt.Errorf("cannot reach %s: %w", req.URL.Host, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return 0, nil, nil, fmt.Errorf("reading the answer of %s: %w", req.URL.Host, err)
	}
	return resp.StatusCode, resp.Header, data, nil
}
