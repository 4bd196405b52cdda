package awsstandin

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Signature is what a verified SigV4 Authorization header says.
type Signature struct {
	AccessKeyID string
	Date        string // YYYYMMDD of the credential scope
	Region      string
	Service     string
	Signed      []string // the signed header names
}

// verifySigV4 checks a request's Authorization header the way AWS does,
// written from the Signature Version 4 specification (not with the SDK's
// signer, which would only check the signer against itself): it rebuilds
// the canonical request from the headers the client says it signed,
// derives the signing key from the secret of the key the client names, and
// compares signatures. secretOf looks a key up; now bounds the clock skew.
func verifySigV4(r *http.Request, body []byte, secretOf func(id string) (string, bool), now time.Time) (Signature, error) {
	auth := r.Header.Get("Authorization")
	rest, ok := strings.CutPrefix(auth, "AWS4-HMAC-SHA256 ")
	if !ok {
		return Signature{}, fmt.Errorf("MissingAuthenticationToken: Request is missing Authentication Token")
	}
	fields := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		fields[k] = v
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 5 || scope[4] != "aws4_request" {
		return Signature{}, fmt.Errorf("IncompleteSignature: the credential scope %q is malformed", fields["Credential"])
	}
	sig := Signature{AccessKeyID: scope[0], Date: scope[1], Region: scope[2], Service: scope[3], Signed: strings.Split(fields["SignedHeaders"], ";")}
	secret, ok := secretOf(sig.AccessKeyID)
	if !ok {
		return sig, fmt.Errorf("InvalidClientTokenId: The security token included in the request is invalid.")
	}
	amzDate := r.Header.Get("X-Amz-Date")
	at, err := time.Parse("20060102T150405Z", amzDate)
	if err != nil || !strings.HasPrefix(amzDate, sig.Date) {
		return sig, fmt.Errorf("IncompleteSignature: X-Amz-Date %q does not match the credential scope", amzDate)
	}
	if d := now.Sub(at); d > 15*time.Minute || d < -15*time.Minute {
		return sig, fmt.Errorf("SignatureDoesNotMatch: Signature expired: %s is now earlier than %s", amzDate, now.Add(-15*time.Minute).UTC().Format("20060102T150405Z"))
	}
	if !contains(sig.Signed, "host") || !contains(sig.Signed, "x-amz-date") {
		return sig, fmt.Errorf("SignatureDoesNotMatch: host and x-amz-date must be signed")
	}

	var canon strings.Builder
	canon.WriteString(r.Method + "\n")
	canon.WriteString(canonicalPath(r.URL.EscapedPath()) + "\n")
	canon.WriteString(canonicalQuery(r.URL.Query()) + "\n")
	for _, name := range sig.Signed {
		canon.WriteString(name + ":" + headerValue(r, name) + "\n")
	}
	canon.WriteString("\n" + strings.Join(sig.Signed, ";") + "\n")
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload == "" {
		sum := sha256.Sum256(body)
		payload = hex.EncodeToString(sum[:])
	}
	canon.WriteString(payload)

	canonSum := sha256.Sum256([]byte(canon.String()))
	scopeText := strings.Join(scope[1:], "/")
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scopeText + "\n" + hex.EncodeToString(canonSum[:])
	key := hmacSHA256([]byte("AWS4"+secret), sig.Date)
	for _, part := range []string{sig.Region, sig.Service, "aws4_request"} {
		key = hmacSHA256(key, part)
	}
	want := hex.EncodeToString(hmacSHA256(key, toSign))
	if !hmac.Equal([]byte(want), []byte(fields["Signature"])) {
		return sig, fmt.Errorf("SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.")
	}
	return sig, nil
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// headerValue is a signed header's canonical value: host from the request
// line, content-length from the body, others trimmed with inner runs of
// spaces collapsed and repeated headers joined by commas.
func headerValue(r *http.Request, name string) string {
	switch name {
	case "host":
		return r.Host
	case "content-length":
		return strconv.FormatInt(r.ContentLength, 10)
	}
	vals := r.Header.Values(name)
	for i, v := range vals {
		vals[i] = strings.Join(strings.Fields(v), " ")
	}
	return strings.Join(vals, ",")
}

func canonicalPath(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// canonicalQuery sorts parameters by name, then value, each encoded as
// RFC 3986 says (spaces as %20, never +).
func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return uriEncode(keys[i]) < uriEncode(keys[j]) })
	var pairs []string
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			pairs = append(pairs, uriEncode(k)+"="+uriEncode(v))
		}
	}
	return strings.Join(pairs, "&")
}

func uriEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
