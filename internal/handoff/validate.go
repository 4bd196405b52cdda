package handoff

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/money"
	"github.com/stint-sh/stint/internal/profiles"
)

// knownSettings are the setting keys a version-1 bundle may carry.
var knownSettings = map[string]bool{
	profiles.AWSProfile: true, profiles.AWSRegion: true, profiles.AWSConfigFile: true,
	profiles.AWSCredentialsFile: true, profiles.GCPProject: true, profiles.GCPRegion: true,
	profiles.AzureSubscription: true, profiles.AzureTenant: true, profiles.GitName: true,
	profiles.GitEmail: true, profiles.GitSSHKey: true, profiles.GitSigningKey: true,
	profiles.KubeContext: true, profiles.KubeNamespace: true,
	profiles.AWSTemporary: true, profiles.AWSRoleARN: true, profiles.AWSExternalID: true, profiles.AWSDuration: true,
	profiles.AWSSSOStartURL: true, profiles.AWSSSORegion: true, profiles.AWSSSOAccount: true, profiles.AWSSSORole: true,
	profiles.AWSAccount: true,
}

// personalSettings are the leaving engineer's own, never the next one's:
// their MFA device, the session name CloudTrail shows for them, and the
// Google and GitHub identities whoami expects of them.
var personalSettings = []string{profiles.AWSMFASerial, profiles.AWSSessionName, profiles.GCPAccount, profiles.GitHubLogin}

// BundleSettings are the settings a bundle carries: all but the personal.
func BundleSettings(s map[string]string) map[string]string {
	out := maps.Clone(s)
	if out == nil {
		out = map[string]string{}
	}
	for _, k := range personalSettings {
		delete(out, k)
	}
	return out
}

// Validate checks a decoded (version 2) bundle with the same rules as the
// commands that build a profile by hand, except that files need not exist
// here, and with the rules of a portable bundle: relative paths that stay
// under their root and reach no hidden directory, files by name only.
func Validate(b Bundle) error {
	if err := validateClient(b.Client); err != nil {
		return err
	}
	secret := map[string]bool{}
	for _, n := range b.Secrets {
		if err := profiles.ValidateEnvName(n); err != nil {
			return badinput.Errorf("bundle secret name: %w", err)
		}
		if secret[n] {
			return badinput.Errorf("bundle names secret %s twice", n)
		}
		secret[n] = true
	}
	for name, value := range b.Vars {
		if secret[name] {
			return badinput.Errorf("bundle has %s both as a variable and as a secret", name)
		}
		if _, _, err := profiles.ParseAssignment(b.Client.Slug, name+"="+value); err != nil {
			return badinput.Errorf("bundle variable: %w", err)
		}
	}
	if err := validateSettings(b.Settings); err != nil {
		return err
	}
	for _, src := range b.Kube.Sources {
		if err := checkFileName("kubeconfig", src); err != nil {
			return err
		}
	}
	if w := b.Client.Workdir; w != "" && w != "." {
		if err := checkRelPath("working directory", w); err != nil {
			return err
		}
	}
	for _, c := range b.Kube.Contexts {
		if strings.TrimSpace(c) == "" {
			return badinput.Errorf("bundle has an empty Kubernetes context name")
		}
	}
	for _, c := range b.Kube.Production {
		if !slices.Contains(b.Kube.Contexts, c) {
			return badinput.Errorf("bundle marks %q production, but it is not one of its Kubernetes contexts", c)
		}
	}
	if len(b.Kube.Contexts) > 0 && len(b.Kube.Sources) == 0 {
		return badinput.Errorf("bundle has Kubernetes contexts but no kubeconfig they come from")
	}
	for _, t := range b.Isolated {
		if err := profiles.ValidateTool(t); err != nil {
			return badinput.Errorf("bundle: %w", err)
		}
	}
	seen := map[string]bool{}
	for _, r := range b.Repos {
		if err := checkRelPath("repository", r.Path); err != nil {
			return err
		}
		if err := checkURL(r.URL); err != nil {
			return err
		}
		if seen[r.Path] {
			return badinput.Errorf("bundle lists repository %s twice", r.Path)
		}
		seen[r.Path] = true
	}
	for _, l := range b.Log {
		if l.At.IsZero() {
			return badinput.Errorf("bundle has a log line without a date")
		}
	}
	return nil
}

func validateClient(c Client) error {
	if err := profiles.ValidateSlug(c.Slug); err != nil {
		return badinput.Errorf("bundle client: %w", err)
	}
	if strings.TrimSpace(c.Name) == "" {
		return badinput.Errorf("bundle client %s has no display name", c.Slug)
	}
	cur, err := money.ParseCurrency(c.Currency)
	if err != nil {
		return badinput.Errorf("bundle client currency: %w", err)
	}
	if err := money.CheckRate(c.RateMinor, cur); err != nil {
		return badinput.Errorf("bundle client %s: %w", c.Slug, err)
	}
	if c.RoundMinutes < 0 || c.RoundMinutes > 240 {
		return badinput.Errorf("bundle client round_minutes %d is out of range (0 to 240)", c.RoundMinutes)
	}
	if err := profiles.CheckMinimumMinutes(c.MinimumMinutes); err != nil {
		return badinput.Errorf("bundle client %s: %w", c.Slug, err)
	}
	if _, err := profiles.ParseRoundMode(c.RoundMode); err != nil {
		return badinput.Errorf("bundle client: %w", err)
	}
	if _, err := profiles.ParseRoundPer(c.RoundPer); err != nil {
		return badinput.Errorf("bundle client: %w", err)
	}
	if _, err := profiles.ParseTimezone(c.Timezone); err != nil {
		return badinput.Errorf("bundle client: %w", err)
	}
	if _, err := profiles.ParseColor(c.Color); err != nil {
		return badinput.Errorf("bundle client: %w", err)
	}
	return nil
}

func validateSettings(s map[string]string) error {
	for k, v := range s {
		if !knownSettings[k] {
			return badinput.Errorf("bundle has an unknown setting %q: it was not written by this version of stint", k)
		}
		if v == "" {
			return badinput.Errorf("bundle setting %s is empty", k)
		}
	}
	for _, k := range fileSettings {
		if v, ok := s[k]; ok {
			if err := checkFileName(k, v); err != nil {
				return err
			}
		}
	}
	// The non-path settings go through the same validators as the commands.
	opt := func(k string) *string {
		if v, ok := s[k]; ok {
			return &v
		}
		return nil
	}
	checks := []func() error{
		func() error {
			_, err := profiles.AWS(profiles.AWSSpec{Profile: opt(profiles.AWSProfile), Region: opt(profiles.AWSRegion)})
			return err
		},
		func() error {
			_, err := profiles.GCP(profiles.GCPSpec{Project: opt(profiles.GCPProject), Region: opt(profiles.GCPRegion)})
			return err
		},
		func() error {
			_, err := profiles.Azure(profiles.AzureSpec{Subscription: opt(profiles.AzureSubscription), Tenant: opt(profiles.AzureTenant)})
			return err
		},
		func() error {
			_, err := profiles.Git(profiles.GitSpec{Name: opt(profiles.GitName), Email: opt(profiles.GitEmail), SigningKey: opt(profiles.GitSigningKey)})
			return err
		},
		func() error { return profiles.ValidateNamespace(s[profiles.KubeNamespace]) },
		func() error {
			var temporary *bool
			if v, ok := s[profiles.AWSTemporary]; ok {
				on := v == "true"
				temporary = &on
			}
			if _, err := profiles.AWSCredentials(profiles.AWSCredentialSpec{Temporary: temporary,
				RoleARN: opt(profiles.AWSRoleARN), ExternalID: opt(profiles.AWSExternalID),
				SSOStartURL: opt(profiles.AWSSSOStartURL), SSORegion: opt(profiles.AWSSSORegion),
				SSOAccount: opt(profiles.AWSSSOAccount), SSORole: opt(profiles.AWSSSORole)}); err != nil {
				return err
			}
			if d := s[profiles.AWSDuration]; d != "" && strings.Trim(d, "0123456789") != "" {
				return fmt.Errorf("aws.duration %q is not a number of seconds", d)
			}
			return profiles.AWSSetup("the client", s)
		},
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return badinput.Errorf("bundle setting: %w", err)
		}
	}
	return nil
}

// validateV1Paths checks a version-1 bundle's paths, which were absolute,
// before they are turned into names (upgradeV1).
func validateV1Paths(b Bundle) error {
	if err := validatePaths("kubeconfig", b.Kube.Sources); err != nil {
		return err
	}
	for _, k := range fileSettings {
		if v, ok := b.Settings[k]; ok {
			if err := validatePaths(k, []string{v}); err != nil {
				return err
			}
		}
	}
	for _, r := range b.Repos {
		if err := validatePaths("repository", []string{r.Path}); err != nil {
			return err
		}
	}
	if w := b.Client.Workdir; w != "" {
		return validatePaths("working directory", []string{w})
	}
	return nil
}

// checkURL refuses a repository URL git would take for an option or that
// holds a control character.
func checkURL(u string) error {
	switch {
	case len(u) > maxPathBytes:
		return badinput.Errorf("bundle repository URL is longer than %d bytes", maxPathBytes)
	case strings.HasPrefix(u, "-"):
		return badinput.Errorf("bundle repository URL %q starts with a dash", u)
	case strings.IndexFunc(u, unicode.IsControl) >= 0:
		return badinput.Errorf("bundle repository URL %q contains a control character", u)
	}
	return nil
}

// validatePaths insists on absolute paths (version 1).
func validatePaths(what string, ps []string) error {
	for _, p := range ps {
		if p == "" || !filepath.IsAbs(p) {
			return badinput.Errorf("bundle %s path %q is not absolute", what, p)
		}
		if strings.ContainsRune(p, 0) || strings.ContainsRune(p, '\n') {
			return badinput.Errorf("bundle %s path %q contains a control character", what, p)
		}
	}
	return nil
}
