package awsstandin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// jsonError answers the way AWS's REST-JSON services do: the exception in
// X-Amzn-ErrorType, and for OIDC the OAuth error in the body as well.
func jsonError(w http.ResponseWriter, status int, code, oauth, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Errortype", code+":http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/")
	w.WriteHeader(status)
	body := map[string]string{"message": msg}
	if oauth != "" {
		body = map[string]string{"error": oauth, "error_description": msg}
	}
	_ = json.NewEncoder(w).Encode(body)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) serveRoleCredentials(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	tok := r.Header.Get("X-Amz-Sso_bearer_token")
	call := Call{Service: "SSO", Action: "GetRoleCredentials", Params: flatten(q), Bearer: tok}
	s.mu.Lock()
	exp, ok := s.tokens[tok]
	s.mu.Unlock()
	if !ok || !s.now().Before(exp) {
		call.Err = "UnauthorizedException"
		s.record(call)
		jsonError(w, 401, "UnauthorizedException", "", "Session token not found or invalid")
		return
	}
	account, role := q.Get("account_id"), q.Get("role_name")
	if !slices.Contains(s.SSO.Assignments[account], role) {
		call.Err = "ForbiddenException"
		s.record(call)
		jsonError(w, 403, "ForbiddenException", "", "No access")
		return
	}
	s.record(call)
	d := s.SSO.RoleLifetime
	if d == 0 {
		d = time.Hour
	}
	arn := fmt.Sprintf("arn:aws:sts::%s:assumed-role/AWSReservedSSO_%s_%s/%s", account, role, randomHex(8), s.SSO.Email)
	id, is := s.issue(d, arn, account, "AROA"+randomHex(8)+":"+s.SSO.Email, true)
	writeJSON(w, map[string]any{"roleCredentials": map[string]any{
		"accessKeyId": id, "secretAccessKey": is.secret, "sessionToken": is.token, "expiration": is.expires.UnixMilli(),
	}})
}

func (s *Server) serveRegister(w http.ResponseWriter, body []byte) {
	var in struct {
		ClientName string   `json:"clientName"`
		ClientType string   `json:"clientType"`
		Scopes     []string `json:"scopes"`
	}
	call := Call{Service: "SSO-OIDC", Action: "RegisterClient"}
	if json.Unmarshal(body, &in) != nil || in.ClientName == "" || in.ClientType != "public" {
		call.Err = "InvalidRequestException"
		s.record(call)
		jsonError(w, 400, "InvalidRequestException", "invalid_request", "clientName and clientType public are required")
		return
	}
	call.Params = map[string]string{"clientName": in.ClientName, "clientType": in.ClientType, "scopes": fmt.Sprint(in.Scopes)}
	s.record(call)
	id, secret := "client-"+randomHex(8), "secret-"+randomHex(32)
	s.mu.Lock()
	if s.clients == nil {
		s.clients = map[string]string{}
	}
	s.clients[id] = secret
	s.mu.Unlock()
	now := s.now()
	writeJSON(w, map[string]any{"clientId": id, "clientSecret": secret,
		"clientIdIssuedAt": now.Unix(), "clientSecretExpiresAt": now.Add(90 * 24 * time.Hour).Unix()})
}

// clientOK checks a registered client's secret.
func (s *Server) clientOK(id, secret string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	want, ok := s.clients[id]
	return ok && want == secret
}

func (s *Server) serveDeviceAuthorization(w http.ResponseWriter, body []byte) {
	var in struct{ ClientID, ClientSecret, StartURL string }
	_ = json.Unmarshal(body, &struct {
		ClientID     *string `json:"clientId"`
		ClientSecret *string `json:"clientSecret"`
		StartURL     *string `json:"startUrl"`
	}{&in.ClientID, &in.ClientSecret, &in.StartURL})
	call := Call{Service: "SSO-OIDC", Action: "StartDeviceAuthorization", Params: map[string]string{"clientId": in.ClientID, "startUrl": in.StartURL}}
	if !s.clientOK(in.ClientID, in.ClientSecret) {
		call.Err = "InvalidClientException"
		s.record(call)
		jsonError(w, 401, "InvalidClientException", "invalid_client", "Invalid client")
		return
	}
	if in.StartURL != s.SSO.StartURL {
		call.Err = "InvalidRequestException"
		s.record(call)
		jsonError(w, 400, "InvalidRequestException", "invalid_request", "Invalid start URL")
		return
	}
	s.record(call)
	code := "dc-" + randomHex(16)
	user := random(4, "BCDFGHJKLMNPQRSTVWXZ") + "-" + random(4, "BCDFGHJKLMNPQRSTVWXZ")
	s.mu.Lock()
	if s.devices == nil {
		s.devices = map[string]*device{}
	}
	s.devices[code] = &device{clientID: in.ClientID, userCode: user, expires: s.now().Add(10 * time.Minute)}
	s.mu.Unlock()
	verify := s.URL + "/start/#/device"
	writeJSON(w, map[string]any{"deviceCode": code, "userCode": user, "verificationUri": verify,
		"verificationUriComplete": verify + "?user_code=" + url.QueryEscape(user), "expiresIn": 600, "interval": 1})
}

func (s *Server) serveCreateToken(w http.ResponseWriter, body []byte) {
	var in struct {
		ClientID     string `json:"clientId"`
		ClientSecret string `json:"clientSecret"`
		GrantType    string `json:"grantType"`
		DeviceCode   string `json:"deviceCode"`
		RefreshToken string `json:"refreshToken"`
	}
	_ = json.Unmarshal(body, &in)
	call := Call{Service: "SSO-OIDC", Action: "CreateToken", Params: map[string]string{"clientId": in.ClientID, "grantType": in.GrantType}}
	fail := func(status int, code, oauth, msg string) {
		call.Err = code
		s.record(call)
		jsonError(w, status, code, oauth, msg)
	}
	if !s.clientOK(in.ClientID, in.ClientSecret) {
		fail(401, "InvalidClientException", "invalid_client", "Invalid client")
		return
	}
	s.mu.Lock()
	switch in.GrantType {
	case "urn:ietf:params:oauth:grant-type:device_code":
		d := s.devices[in.DeviceCode]
		switch {
		case d == nil || d.clientID != in.ClientID || d.redeemed:
			s.mu.Unlock()
			fail(400, "InvalidGrantException", "invalid_grant", "Invalid grant provided")
			return
		case !s.now().Before(d.expires):
			s.mu.Unlock()
			fail(400, "ExpiredTokenException", "expired_token", "Device code has expired")
			return
		case d.polls < s.SSO.PendingPolls:
			d.polls++
			s.mu.Unlock()
			fail(400, "AuthorizationPendingException", "authorization_pending", "Authorization is still pending")
			return
		}
		d.redeemed = true
	case "refresh_token":
		if !s.refresh[in.RefreshToken] {
			s.mu.Unlock()
			fail(400, "InvalidGrantException", "invalid_grant", "Invalid refresh token provided")
			return
		}
		delete(s.refresh, in.RefreshToken) // rotated, as IAM Identity Center does
	default:
		s.mu.Unlock()
		fail(400, "UnsupportedGrantTypeException", "unsupported_grant_type", "Unsupported grant type")
		return
	}
	life := s.SSO.TokenLifetime
	if life == 0 {
		life = 8 * time.Hour
	}
	access, refresh := "aoa"+random(120, base64ish), "aor"+random(120, base64ish)
	if s.tokens == nil {
		s.tokens, s.refresh = map[string]time.Time{}, map[string]bool{}
	}
	s.tokens[access] = s.now().Add(life)
	s.refresh[refresh] = true
	s.mu.Unlock()
	s.record(call)
	writeJSON(w, map[string]any{"accessToken": access, "tokenType": "Bearer", "expiresIn": int(life.Seconds()), "refreshToken": refresh})
}

// ExpireSSOTokens makes every access token the stand-in gave out invalid,
// as a sign-out or the end of the session in IAM Identity Center does.
func (s *Server) ExpireSSOTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for tok := range s.tokens {
		s.tokens[tok] = time.Time{}
	}
}

func (s *Server) serveFederation(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	call := Call{Service: "Signin", Action: q.Get("Action")}
	switch q.Get("Action") {
	case "getSigninToken":
		var session struct {
			ID    string `json:"sessionId"`
			Key   string `json:"sessionKey"`
			Token string `json:"sessionToken"`
		}
		_ = json.Unmarshal([]byte(q.Get("Session")), &session)
		call.AccessKeyID = session.ID
		s.mu.Lock()
		is, ok := s.issued[session.ID]
		s.mu.Unlock()
		if !ok || is.secret != session.Key || is.token != session.Token || !s.now().Before(is.expires) || !is.federable {
			// The real endpoint answers 400 with an HTML page.
			call.Err = "InvalidSession"
			s.record(call)
			http.Error(w, "<html><body>Bad Request</body></html>", http.StatusBadRequest)
			return
		}
		tok := "st-" + random(200, base64ish)
		s.mu.Lock()
		if s.signins == nil {
			s.signins = map[string]bool{}
		}
		s.signins[tok] = true
		s.mu.Unlock()
		s.record(call)
		writeJSON(w, map[string]string{"SigninToken": tok})
	case "login":
		s.mu.Lock()
		ok := s.signins[q.Get("SigninToken")]
		s.mu.Unlock()
		call.Params = map[string]string{"Issuer": q.Get("Issuer"), "Destination": q.Get("Destination")}
		if !ok {
			call.Err = "InvalidToken"
			s.record(call)
			http.Error(w, "invalid sign-in token", http.StatusBadRequest)
			return
		}
		s.record(call)
		http.Redirect(w, r, q.Get("Destination"), http.StatusFound)
	default:
		http.Error(w, "unknown action", http.StatusBadRequest)
	}
}
