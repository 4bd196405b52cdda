package awsstandin

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const stsNS = "https://sts.amazonaws.com/doc/2011-06-15/"

// caller is who signed an STS request.
type caller struct {
	user *User  // a long-lived key
	temp issued // or temporary credentials
	id   string
}

func (s *Server) serveSTS(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	call := Call{Service: "STS", Action: form.Get("Action"), Params: flatten(form)}
	fail := func(status int, code, msg string) {
		call.Err = code
		s.record(call)
		writeSTSError(w, status, code, msg)
	}
	if err != nil || form.Get("Version") != "2011-06-15" {
		fail(400, "InvalidAction", "Could not find operation "+form.Get("Action")+" for version "+form.Get("Version"))
		return
	}
	var who caller
	sig, err := verifySigV4(r, body, func(id string) (string, bool) {
		if u := s.user(id); u != nil {
			who = caller{user: u, id: id}
			return u.SecretAccessKey, true
		}
		s.mu.Lock()
		is, ok := s.issued[id]
		s.mu.Unlock()
		if ok {
			who = caller{temp: is, id: id}
		}
		return is.secret, ok
	}, s.now())
	call.AccessKeyID, call.Region, call.SigService = sig.AccessKeyID, sig.Region, sig.Service
	if err != nil {
		code, msg, _ := strings.Cut(err.Error(), ": ")
		fail(403, code, msg)
		return
	}
	if sig.Service != "sts" {
		fail(403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'sts'.")
		return
	}
	if who.user == nil {
		if r.Header.Get("X-Amz-Security-Token") != who.temp.token {
			fail(403, "InvalidClientTokenId", "The security token included in the request is invalid.")
			return
		}
		if !s.now().Before(who.temp.expires) {
			fail(403, "ExpiredToken", "The security token included in the request is expired")
			return
		}
	}

	var result string
	code, msg := "", ""
	switch call.Action {
	case "GetSessionToken":
		result, code, msg = s.getSessionToken(who, form)
	case "AssumeRole":
		result, code, msg = s.assumeRole(who, form)
	case "GetFederationToken":
		result, code, msg = s.getFederationToken(who, form)
	case "GetCallerIdentity":
		result = s.callerIdentity(who)
	default:
		code, msg = "InvalidAction", "Could not find operation "+call.Action
	}
	if code != "" {
		status := 403
		if code == "ValidationError" || code == "MissingParameter" || code == "InvalidAction" {
			status = 400
		}
		fail(status, code, msg)
		return
	}
	s.record(call)
	w.Header().Set("Content-Type", "text/xml")
	fmt.Fprintf(w, `<%sResponse xmlns="%s">`+"\n  <%sResult>%s</%sResult>\n  <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>\n</%sResponse>\n",
		call.Action, stsNS, call.Action, result, call.Action, requestID(), call.Action)
}

func (s *Server) user(id string) *User {
	for i := range s.Users {
		if s.Users[i].AccessKeyID == id {
			return &s.Users[i]
		}
	}
	return nil
}

func (s *Server) getSessionToken(who caller, form url.Values) (string, string, string) {
	if who.user == nil {
		return "", "AccessDenied", "Cannot call GetSessionToken with session credentials"
	}
	d, code, msg := duration(form, 12*time.Hour, 15*time.Minute, 36*time.Hour)
	if code != "" {
		return "", code, msg
	}
	if serial := form.Get("SerialNumber"); serial != "" || form.Get("TokenCode") != "" {
		if serial != who.user.MFASerial {
			return "", "AccessDenied", "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user."
		}
		if code, msg := s.checkMFA(serial, form.Get("TokenCode")); code != "" {
			return "", code, msg
		}
	}
	id, is := s.issue(d, userARN(who.user), who.user.Account, "AIDA"+strings.ToUpper(randomHex(8)), false)
	return credentialsXML(id, is), "", ""
}

func (s *Server) assumeRole(who caller, form url.Values) (string, string, string) {
	arn := form.Get("RoleArn")
	var role *Role
	for i := range s.Roles {
		if s.Roles[i].ARN == arn {
			role = &s.Roles[i]
		}
	}
	caller := who.temp.arn
	if who.user != nil {
		caller = userARN(who.user)
	}
	denied := fmt.Sprintf("User: %s is not authorized to perform: sts:AssumeRole on resource: %s", caller, arn)
	name := form.Get("RoleSessionName")
	switch {
	case arn == "" || name == "":
		return "", "MissingParameter", "RoleArn and RoleSessionName are required"
	case !validSessionName(name, 64):
		return "", "ValidationError", "1 validation error detected: Value '" + name + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
	case role == nil:
		return "", "AccessDenied", denied
	case role.ExternalID != "" && form.Get("ExternalId") != role.ExternalID:
		return "", "AccessDenied", denied
	}
	if serial := form.Get("SerialNumber"); serial != "" {
		if who.user == nil || serial != who.user.MFASerial {
			return "", "AccessDenied", "MultiFactorAuthentication failed, unable to validate MFA code."
		}
		if code, msg := s.checkMFA(serial, form.Get("TokenCode")); code != "" {
			return "", code, msg
		}
	} else if role.RequireMFA {
		return "", "AccessDenied", denied
	}
	d, code, msg := duration(form, time.Hour, 15*time.Minute, 12*time.Hour)
	if code != "" {
		return "", code, msg
	}
	parts := strings.Split(arn, ":")
	account := parts[4]
	roleName := arn[strings.LastIndexByte(arn, '/')+1:]
	roleID := "AROA" + strings.ToUpper(randomHex(8))
	assumed := fmt.Sprintf("arn:aws:sts::%s:assumed-role/%s/%s", account, roleName, name)
	id, is := s.issue(d, assumed, account, roleID+":"+name, true)
	return credentialsXML(id, is) + fmt.Sprintf("<AssumedRoleUser><AssumedRoleId>%s:%s</AssumedRoleId><Arn>%s</Arn></AssumedRoleUser>", roleID, esc(name), esc(assumed)), "", ""
}

func (s *Server) getFederationToken(who caller, form url.Values) (string, string, string) {
	if who.user == nil {
		return "", "AccessDenied", "Cannot call GetFederationToken with session credentials"
	}
	name := form.Get("Name")
	if !validSessionName(name, 32) {
		return "", "ValidationError", "1 validation error detected: Value at 'name' failed to satisfy constraint"
	}
	d, code, msg := duration(form, 12*time.Hour, 15*time.Minute, 36*time.Hour)
	if code != "" {
		return "", code, msg
	}
	fed := fmt.Sprintf("arn:aws:sts::%s:federated-user/%s", who.user.Account, name)
	id, is := s.issue(d, fed, who.user.Account, who.user.Account+":"+name, true)
	return credentialsXML(id, is) + fmt.Sprintf("<FederatedUser><FederatedUserId>%s:%s</FederatedUserId><Arn>%s</Arn></FederatedUser>", who.user.Account, esc(name), esc(fed)), "", ""
}

func (s *Server) callerIdentity(who caller) string {
	arn, userID, account := who.temp.arn, who.temp.userID, who.temp.account
	if who.user != nil {
		arn, userID, account = userARN(who.user), "AIDA"+strings.ToUpper(who.user.Name), who.user.Account
	}
	return fmt.Sprintf("<Arn>%s</Arn><UserId>%s</UserId><Account>%s</Account>", esc(arn), esc(userID), esc(account))
}

// checkMFA: the code the device shows now, each code used once.
func (s *Server) checkMFA(serial, code string) (string, string) {
	want := "123456"
	if s.MFACode != nil {
		want = s.MFACode(serial)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.usedMFA == nil {
		s.usedMFA = map[string]bool{}
	}
	if code != want || s.usedMFA[serial+"\x00"+code] {
		return "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code."
	}
	s.usedMFA[serial+"\x00"+code] = true
	return "", ""
}

func duration(form url.Values, def, lo, hi time.Duration) (time.Duration, string, string) {
	v := form.Get("DurationSeconds")
	if v == "" {
		return def, "", ""
	}
	n, err := strconv.Atoi(v)
	d := time.Duration(n) * time.Second
	if err != nil || d < lo || d > hi {
		return 0, "ValidationError", fmt.Sprintf("1 validation error detected: Value '%s' at 'durationSeconds' failed to satisfy constraint: Member must have value between %d and %d", v, int(lo.Seconds()), int(hi.Seconds()))
	}
	return d, "", ""
}

func validSessionName(name string, max int) bool {
	if len(name) < 2 || len(name) > max {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("+=,.@_-", r)) {
			return false
		}
	}
	return true
}

func userARN(u *User) string { return fmt.Sprintf("arn:aws:iam::%s:user/%s", u.Account, u.Name) }

func credentialsXML(id string, is issued) string {
	return fmt.Sprintf("<Credentials><AccessKeyId>%s</AccessKeyId><SecretAccessKey>%s</SecretAccessKey><SessionToken>%s</SessionToken><Expiration>%s</Expiration></Credentials>",
		id, esc(is.secret), esc(is.token), is.expires.UTC().Format("2006-01-02T15:04:05Z"))
}

func writeSTSError(w http.ResponseWriter, status int, code, msg string) {
	kind := "Sender"
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<ErrorResponse xmlns="%s">`+"\n  <Error>\n    <Type>%s</Type>\n    <Code>%s</Code>\n    <Message>%s</Message>\n  </Error>\n  <RequestId>%s</RequestId>\n</ErrorResponse>\n",
		stsNS, kind, esc(code), esc(msg), requestID())
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func requestID() string {
	h := randomHex(16)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func flatten(v url.Values) map[string]string {
	m := map[string]string{}
	for k, vs := range v {
		m[k] = strings.Join(vs, ",")
	}
	return m
}
