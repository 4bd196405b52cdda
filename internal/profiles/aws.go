package profiles

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/timesheet"
)

// Setting keys of a client's temporary AWS credentials (`stint aws NAME
// --temporary | --role-arn | --sso-…`).
const (
	AWSTemporary   = "aws.temporary" // "true": STS GetSessionToken
	AWSRoleARN     = "aws.role_arn"
	AWSExternalID  = "aws.external_id"
	AWSSessionName = "aws.session_name"
	AWSMFASerial   = "aws.mfa_serial"
	AWSDuration    = "aws.duration" // whole seconds
	AWSSSOStartURL = "aws.sso_start_url"
	AWSSSORegion   = "aws.sso_region"
	AWSSSOAccount  = "aws.sso_account"
	AWSSSORole     = "aws.sso_role"
)

// AWSAccessKeySecret names the secret that holds a session or role
// client's IAM access key ID (its secret key is AWS_SECRET_ACCESS_KEY).
const AWSAccessKeySecret = awscreds.SecretAccessKeyID

// AWSCredentialKeys are the settings of the temporary-credential setup.
var AWSCredentialKeys = []string{AWSTemporary, AWSRoleARN, AWSExternalID, AWSSessionName, AWSMFASerial,
	AWSDuration, AWSSSOStartURL, AWSSSORegion, AWSSSOAccount, AWSSSORole}

// AWSCredentialSpec is the credential part of `stint aws NAME` as typed;
// nil leaves a field alone, "" clears it.
type AWSCredentialSpec struct {
	Temporary                                   *bool
	RoleARN, ExternalID, SessionName, MFASerial *string
	Duration                                    *string
	SSOStartURL, SSORegion, SSOAccount, SSORole *string
}

// AWSCredentials validates the credential flags one by one; how they fit
// together with what the client already has is AWSSetup's job.
func AWSCredentials(s AWSCredentialSpec) (Settings, error) {
	out := Settings{}
	if s.Temporary != nil {
		out[AWSTemporary] = ""
		if *s.Temporary {
			out[AWSTemporary] = "true"
		}
	}
	checks := []struct {
		key   string
		value *string
		ok    func(string) bool
		help  string
	}{
		{AWSRoleARN, s.RoleARN, isRoleARN, "give a role ARN like arn:aws:iam::123456789012:role/Deploy"},
		{AWSExternalID, s.ExternalID, func(v string) bool { return len(v) >= 2 && len(v) <= 1224 && allRunes(v, "+=,.@:/-") }, "external IDs are 2–1224 letters, digits and +=,.@:/-_"},
		{AWSSessionName, s.SessionName, func(v string) bool { return len(v) >= 2 && len(v) <= 64 && allRunes(v, "+=,.@-") }, "session names are 2–64 letters, digits and +=,.@-_"},
		{AWSMFASerial, s.MFASerial, isMFASerial, "give the device's ARN (arn:aws:iam::123456789012:mfa/ada) or a hardware token's serial"},
		{AWSSSOStartURL, s.SSOStartURL, isHTTPSURL, "give the AWS access portal URL, like https://acme.awsapps.com/start"},
		{AWSSSORegion, s.SSORegion, func(v string) bool { return awsRegionRE().MatchString(v) }, "use the region code of IAM Identity Center, such as eu-west-1"},
		{AWSSSOAccount, s.SSOAccount, func(v string) bool { return len(v) == 12 && strings.Trim(v, "0123456789") == "" }, "an AWS account ID is 12 digits"},
		{AWSSSORole, s.SSORole, func(v string) bool { return len(v) >= 1 && len(v) <= 32 && allRunes(v, "+=,.@-") }, "give the permission set's name, like AdministratorAccess"},
	}
	for _, c := range checks {
		if c.value == nil {
			continue
		}
		v := strings.TrimSpace(*c.value)
		if v != "" && !c.ok(v) {
			return nil, badinput.Errorf("%s %q is invalid: %s", strings.ReplaceAll(strings.TrimPrefix(c.key, "aws."), "_", " "), v, c.help)
		}
		out[c.key] = v
	}
	if s.Duration != nil {
		out[AWSDuration] = ""
		if *s.Duration != "" {
			d, err := timesheet.ParseDuration(*s.Duration)
			if err != nil {
				return nil, badinput.Errorf("--duration: %v", err)
			}
			if d < 15*time.Minute || d > 36*time.Hour {
				return nil, badinput.Errorf("--duration %s is out of range: AWS issues credentials for 15m to 36h (roles up to their maximum, at most 12h)", display.Setting(d))
			}
			out[AWSDuration] = strconv.FormatInt(int64(d/time.Second), 10)
		}
	}
	return out, nil
}

// AWSSetup checks a client's AWS settings after a change (merged: the
// current ones with the change applied) for combinations that cannot
// work, naming the command that fixes each.
func AWSSetup(slug string, s map[string]string) error {
	sso := s[AWSSSOStartURL] != "" || s[AWSSSORegion] != "" || s[AWSSSOAccount] != "" || s[AWSSSORole] != ""
	sts := s[AWSTemporary] != "" || s[AWSRoleARN] != ""
	switch {
	case sso && (s[AWSSSOStartURL] == "" || s[AWSSSORegion] == "" || s[AWSSSOAccount] == "" || s[AWSSSORole] == ""):
		return badinput.Errorf("AWS SSO needs all four of --sso-start-url, --sso-region, --sso-account and --sso-role: e.g. `stint aws %s --sso-start-url https://acme.awsapps.com/start --sso-region eu-west-1 --sso-account 123456789012 --sso-role AdministratorAccess`", slug)
	case sso && sts:
		return badinput.Errorf("%s cannot use AWS SSO and STS credentials at once: clear one, e.g. `stint aws %s --role-arn \"\" --no-temporary`", slug, slug)
	case (sso || sts) && s[AWSProfile] != "":
		return badinput.Errorf("AWS_PROFILE %s and temporary AWS credentials do not mix (the profile would compete with the credentials in the environment): clear the profile with `stint aws %s --profile \"\"`, or leave it and drop --temporary/--role-arn/--sso-…", s[AWSProfile], slug)
	case !sts && (s[AWSExternalID] != "" || s[AWSSessionName] != "" || s[AWSMFASerial] != "" || s[AWSDuration] != "") && !sso:
		return badinput.Errorf("--external-id, --session-name, --mfa-serial and --duration go with --temporary or --role-arn: e.g. `stint aws %s --temporary --mfa-serial ARN`", slug)
	case s[AWSRoleARN] == "" && (s[AWSExternalID] != "" || s[AWSSessionName] != ""):
		return badinput.Errorf("--external-id and --session-name go with --role-arn: e.g. `stint aws %s --role-arn arn:aws:iam::123456789012:role/Deploy`", slug)
	case sso && (s[AWSMFASerial] != "" || s[AWSDuration] != ""):
		return badinput.Errorf("AWS SSO decides MFA and the session length itself: clear them with `stint aws %s --mfa-serial \"\" --duration \"\"`", slug)
	}
	return nil
}

// AWSCredentialConfig is the client's temporary-credential setup, for
// awscreds. Mode is none when the client exports AWS settings as they are.
func AWSCredentialConfig(slug string, s map[string]string) awscreds.Config {
	c := awscreds.Config{
		Client: slug, Region: s[AWSRegion], RoleARN: s[AWSRoleARN], ExternalID: s[AWSExternalID],
		SessionName: s[AWSSessionName], MFASerial: s[AWSMFASerial],
		SSOStartURL: s[AWSSSOStartURL], SSORegion: s[AWSSSORegion], SSOAccount: s[AWSSSOAccount], SSORole: s[AWSSSORole],
	}
	if n, err := strconv.ParseInt(s[AWSDuration], 10, 64); err == nil && n > 0 {
		c.Duration = time.Duration(n) * time.Second
	}
	switch {
	case c.SSOStartURL != "":
		c.Mode = awscreds.ModeSSO
	case c.RoleARN != "":
		c.Mode = awscreds.ModeRole
	case s[AWSTemporary] == "true":
		c.Mode = awscreds.ModeSession
	}
	return c
}

// UsesTemporaryAWS says whether a switch makes AWS credentials for the
// client: the cheap test the hot path asks before anything else.
func UsesTemporaryAWS(s map[string]string) bool {
	return s[AWSTemporary] == "true" || s[AWSRoleARN] != "" || s[AWSSSOStartURL] != ""
}

func isRoleARN(v string) bool {
	parts := strings.SplitN(v, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && strings.HasPrefix(parts[1], "aws") && parts[2] == "iam" &&
		len(parts[4]) == 12 && strings.HasPrefix(parts[5], "role/") && len(parts[5]) > len("role/")
}

func isMFASerial(v string) bool {
	if strings.HasPrefix(v, "arn:") {
		parts := strings.SplitN(v, ":", 6)
		return len(parts) == 6 && parts[2] == "iam" && strings.HasPrefix(parts[5], "mfa/") && len(parts[5]) > len("mfa/")
	}
	return len(v) >= 9 && len(v) <= 256 && allRunes(v, "+=/:,.@-")
}

func isHTTPSURL(v string) bool {
	u, err := url.Parse(v)
	return err == nil && u.Scheme == "https" && u.Host != ""
}

// allRunes: every rune is an ASCII letter, digit, '_' or one of extra.
func allRunes(v, extra string) bool {
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || strings.ContainsRune(extra, r)) {
			return false
		}
	}
	return true
}
