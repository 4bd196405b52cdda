package doctor

import (
	"context"
	"fmt"
	"time"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/awsaccess"
)

// awsChecks are doctor's lines for clients with temporary AWS credentials:
// the long-lived key the setup needs, and how long what is cached lasts.
func (dr *Doctor) awsChecks(ctx context.Context, clients []store.Client) []Check {
	var out []Check
	now := dr.clock.Now()
	for _, c := range clients {
		if c.Archived {
			continue
		}
		p, err := dr.db.Profile(ctx, c.Slug)
		if err != nil || !profiles.UsesTemporaryAWS(p.Settings) {
			continue
		}
		name := "aws " + c.Slug
		cfg := dr.aws.Config(ctx, p)
		if cfg.NeedsLongLivedKeys() {
			have := map[string]bool{}
			for _, s := range p.SecretNames {
				have[s.Name] = true
			}
			missing := ""
			for _, n := range []string{awscreds.SecretAccessKeyID, awscreds.SecretSecretAccessKey} {
				if !have[n] && missing == "" {
					missing = n
				}
			}
			if missing != "" {
				out = append(out, Check{Name: name, Level: CheckFail, Detail: fmt.Sprintf("%s credentials need the secret %s", cfg.Mode, missing),
					Fix: fmt.Sprintf("`stint secret set %s %s`", c.Slug, missing)})
				continue
			}
		}
		st, err := dr.aws.Status(ctx, c.Slug)
		if err != nil {
			out = append(out, Check{Name: name, Level: CheckWarn, Detail: "cannot read the cached credentials: " + err.Error()})
			continue
		}
		out = append(out, awsCheck(name, c.Slug, st, now))
	}
	return out
}

// awsCheck words one client's cache state.
func awsCheck(name, slug string, st awsaccess.Status, now time.Time) Check {
	left := func(t time.Time) string { return display.Compact(int64(t.Sub(now) / time.Second)) }
	if st.Mode == string(awscreds.ModeSSO) {
		switch {
		case st.SSOExpires.IsZero():
			return Check{Name: name, Level: CheckWarn, Detail: "not signed in to AWS SSO", Fix: "`stint aws login " + slug + "`"}
		case st.SSOExpires.After(now):
			return Check{Name: name, Level: CheckOK, Detail: "SSO sign-in valid for " + left(st.SSOExpires) + credsLeft(st, now)}
		case st.SSORenewable && st.SSORenewableExpire.After(now):
			return Check{Name: name, Level: CheckOK, Detail: "SSO sign-in expired; it renews itself on the next switch" + credsLeft(st, now)}
		}
		return Check{Name: name, Level: CheckWarn, Detail: "AWS SSO sign-in has expired", Fix: "`stint aws login " + slug + "`"}
	}
	if st.CredentialsExpire.After(now) {
		return Check{Name: name, Level: CheckOK, Detail: st.Mode + " credentials cached" + credsLeft(st, now)}
	}
	return Check{Name: name, Level: CheckOK, Detail: st.Mode + " credentials are made on the next switch"}
}

func credsLeft(st awsaccess.Status, now time.Time) string {
	if !st.CredentialsExpire.After(now) {
		return ""
	}
	return ", credentials " + display.Compact(int64(st.CredentialsExpire.Sub(now)/time.Second)) + " left"
}
