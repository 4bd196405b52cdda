package awscreds

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// stsVersion is the STS query API version every SDK speaks.
const stsVersion = "2011-06-15"

// longLived is an IAM user's access key: what STS calls are signed with.
// token is set only for temporary credentials (GetCallerIdentity).
type longLived struct{ id, secret, token string }

// stsClient calls STS's query API: a form POST signed with SigV4 (service
// "sts"), answered with XML.
type stsClient struct {
	http     *http.Client
	endpoint string
	region   string // signing region
	key      longLived
	now      func() time.Time
}

// stsCredentialsXML is the Credentials element of an STS answer.
type stsCredentialsXML struct {
	AccessKeyID     string    `xml:"AccessKeyId"`
	SecretAccessKey string    `xml:"SecretAccessKey"`
	SessionToken    string    `xml:"SessionToken"`
	Expiration      time.Time `xml:"Expiration"`
}

func (c stsCredentialsXML) credentials() Credentials {
	return Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, Expires: c.Expiration.UTC()}
}

// mfa is an MFA device and the code typed for it.
type mfa struct{ serial, code string }

func (m mfa) add(form url.Values) {
	if m.serial != "" {
		form.Set("SerialNumber", m.serial)
		form.Set("TokenCode", m.code)
	}
}

func addDuration(form url.Values, d time.Duration) {
	if d > 0 {
		form.Set("DurationSeconds", strconv.FormatInt(int64(d/time.Second), 10))
	}
}

// GetSessionToken: a session of the IAM user itself, MFA-authenticated
// when m names a device.
func (c stsClient) getSessionToken(ctx context.Context, d time.Duration, m mfa) (Credentials, error) {
	form := url.Values{}
	addDuration(form, d)
	m.add(form)
	var out struct {
		Credentials stsCredentialsXML `xml:"GetSessionTokenResult>Credentials"`
	}
	if err := c.call(ctx, "GetSessionToken", form, &out); err != nil {
		return Credentials{}, err
	}
	return out.Credentials.credentials(), nil
}

// assumeRole: credentials of roleARN for a session named sessionName.
func (c stsClient) assumeRole(ctx context.Context, roleARN, externalID, sessionName string, d time.Duration, m mfa) (Credentials, error) {
	form := url.Values{"RoleArn": {roleARN}, "RoleSessionName": {sessionName}}
	if externalID != "" {
		form.Set("ExternalId", externalID)
	}
	addDuration(form, d)
	m.add(form)
	var out struct {
		Credentials stsCredentialsXML `xml:"AssumeRoleResult>Credentials"`
	}
	if err := c.call(ctx, "AssumeRole", form, &out); err != nil {
		return Credentials{}, err
	}
	return out.Credentials.credentials(), nil
}

// allowAll is the session policy of a console federation token: the
// token's rights are the intersection with the user's own, so this leaves
// them as they are (aws-vault does the same).
const allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

// getFederationToken: credentials the console's federation endpoint
// accepts, made from an IAM user's long-lived key (it refuses
// GetSessionToken's).
func (c stsClient) getFederationToken(ctx context.Context, name string, d time.Duration) (Credentials, error) {
	form := url.Values{"Name": {name}, "Policy": {allowAll}}
	addDuration(form, d)
	var out struct {
		Credentials stsCredentialsXML `xml:"GetFederationTokenResult>Credentials"`
	}
	if err := c.call(ctx, "GetFederationToken", form, &out); err != nil {
		return Credentials{}, err
	}
	return out.Credentials.credentials(), nil
}

// call POSTs one action and decodes its XML answer into out.
func (c stsClient) call(ctx context.Context, action string, form url.Values, out any) error {
	form.Set("Action", action)
	form.Set("Version", stsVersion)
	body := form.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint+"/", strings.NewReader(body))
	if err != nil {
		return fmt.Errorf("STS endpoint %s: %w", c.endpoint, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: c.key.id, SecretAccessKey: c.key.secret, SessionToken: c.key.token}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "sts", c.region, c.now()); err != nil {
		return fmt.Errorf("cannot sign the STS request: %w", err)
	}
	status, _, data, err := send(c.http, req)
	if err != nil {
		return &APIError{Service: "STS", Op: action, Message: err.Error()}
	}
	if status != http.StatusOK {
		return stsError(action, status, data)
	}
	if err := xml.Unmarshal(data, out); err != nil {
		return &APIError{Service: "STS", Op: action, Status: status, Message: "the answer is not STS's XML"}
	}
	return nil
}

// stsError reads STS's XML error document.
func stsError(action string, status int, data []byte) error {
	var doc struct {
		Code    string `xml:"Error>Code"`
		Message string `xml:"Error>Message"`
	}
	e := &APIError{Service: "STS", Op: action, Status: status}
	if xml.Unmarshal(data, &doc) == nil && doc.Code != "" {
		e.Code, e.Message = doc.Code, doc.Message
	} else {
		e.Message = http.StatusText(status)
	}
	return e
}

// Identity is who STS says a caller is.
type Identity struct {
	Account string `json:"account" xml:"Account"`
	ARN     string `json:"arn" xml:"Arn"`
	UserID  string `json:"user_id" xml:"UserId"`
}

// ErrNoKeys: the environment holds no access key to sign with (a profile
// in ~/.aws/config, SSO or a credential_process is the aws CLI's to read).
var ErrNoKeys = errors.New("no AWS access key in the environment")

// CallerIdentity asks STS (GetCallerIdentity) whom the access key in env
// belongs to — AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, for temporary
// credentials, AWS_SESSION_TOKEN — at the endpoint an SDK would call there:
// AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL, else the region's
// (AWS_REGION, AWS_DEFAULT_REGION). hc nil: a client with a 30 s timeout.
func CallerIdentity(ctx context.Context, env map[string]string, hc *http.Client, now func() time.Time) (Identity, error) {
	id, secret := env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]
	if id == "" || secret == "" {
		return Identity{}, ErrNoKeys
	}
	region := env["AWS_REGION"]
	if region == "" {
		region = env["AWS_DEFAULT_REGION"]
	}
	endpoint, err := Endpoint(env, serviceSTS, region)
	if err != nil {
		return Identity{}, err
	}
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	if now == nil {
		now = time.Now
	}
	client := stsClient{http: hc, endpoint: endpoint, region: signingRegion(region),
		key: longLived{id: id, secret: secret, token: env["AWS_SESSION_TOKEN"]}, now: now}
	var out struct {
		Identity Identity `xml:"GetCallerIdentityResult"`
	}
	if err := client.call(ctx, "GetCallerIdentity", url.Values{}, &out); err != nil {
		return Identity{}, err
	}
	return out.Identity, nil
}
