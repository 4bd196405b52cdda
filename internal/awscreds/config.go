package awscreds

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Mode is where a client's shell credentials come from.
type Mode string

const (
	// ModeNone: stint makes no credentials (AWS_PROFILE, or secrets
	// exported as they are).
	ModeNone Mode = ""
	// ModeSession: STS GetSessionToken with the client's long-lived keys.
	ModeSession Mode = "session"
	// ModeRole: STS AssumeRole with the client's long-lived keys.
	ModeRole Mode = "role"
	// ModeSSO: IAM Identity Center role credentials.
	ModeSSO Mode = "sso"
)

// Long-lived key names: the client's secrets a session or role is made
// from. In a credential mode they are read from the keyring and never
// exported.
const (
	SecretAccessKeyID     = "AWS_ACCESS_KEY_ID"
	SecretSecretAccessKey = "AWS_SECRET_ACCESS_KEY"
)

// Exported variables of temporary credentials.
const (
	VarAccessKeyID  = "AWS_ACCESS_KEY_ID"
	VarSecretKey    = "AWS_SECRET_ACCESS_KEY"
	VarSessionToken = "AWS_SESSION_TOKEN"
	VarExpiration   = "AWS_CREDENTIAL_EXPIRATION"
)

// Config is a client's AWS credential setup, as stored in its settings.
type Config struct {
	Client      string
	Mode        Mode
	Region      string // the client's region; STS is called there
	RoleARN     string
	ExternalID  string
	SessionName string // AssumeRole's RoleSessionName; see SessionNameFrom
	MFASerial   string
	Duration    time.Duration // 0: the service's default

	SSOStartURL string
	SSORegion   string
	SSOAccount  string
	SSORole     string
}

// NeedsLongLivedKeys says whether the mode is made from the client's
// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY secrets.
func (c Config) NeedsLongLivedKeys() bool { return c.Mode == ModeSession || c.Mode == ModeRole }

// fingerprint identifies the setup cached credentials were made for: a
// change of role, MFA device, duration or SSO account makes the cache miss
// instead of handing out credentials of the old setup. It holds
// no secret.
func (c Config) fingerprint() string {
	h := sha256.New()
	for _, part := range []string{
		string(c.Mode), c.Region, c.RoleARN, c.ExternalID, c.SessionName, c.MFASerial,
		strconv.FormatInt(int64(c.Duration/time.Second), 10),
		c.SSOStartURL, c.SSORegion, c.SSOAccount, c.SSORole,
	} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// SessionNameFrom makes an AssumeRole session name from what identifies
// the engineer (an email, a name): AWS allows 2–64 of [A-Za-z0-9+=,.@_-],
// and CloudTrail shows it, so the client sees who did what. Other
// characters become '-'; "" stays "".
func SessionNameFrom(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for _, r := range s {
		if ValidSessionNameRune(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	out := b.String()
	if len(out) > 64 {
		out = out[:64]
	}
	if len(out) < 2 {
		return ""
	}
	return out
}

// ValidSessionNameRune: the characters AWS allows in a role session name.
func ValidSessionNameRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("+=,.@_-", r)
}

// Credentials are temporary AWS credentials.
type Credentials struct {
	AccessKeyID     string    `json:"access_key_id"`
	SecretAccessKey string    `json:"secret_access_key"`
	SessionToken    string    `json:"session_token"`
	Expires         time.Time `json:"expires"`
}

// Vars are the environment variables a shell gets for c, in a fixed order.
// AWS_CREDENTIAL_EXPIRATION is what the AWS SDKs and CLI read to refresh
// environment credentials before they lapse.
func (c Credentials) Vars() [][2]string {
	return [][2]string{
		{VarAccessKeyID, c.AccessKeyID},
		{VarSecretKey, c.SecretAccessKey},
		{VarSessionToken, c.SessionToken},
		{VarExpiration, c.Expires.UTC().Format(time.RFC3339)},
	}
}

// Values lists the secret parts, for redacting them from error text.
func (c Credentials) values() []string {
	return []string{c.SecretAccessKey, c.SessionToken}
}

// RefreshMargin: cached credentials and tokens are used until this long
// before they expire, so a command started just after a switch never runs
// with credentials that lapse under it.
const RefreshMargin = 5 * time.Minute

// usable says whether something that expires at exp may still be handed out.
func usable(exp, now time.Time) bool {
	return !exp.IsZero() && now.Add(RefreshMargin).Before(exp)
}
