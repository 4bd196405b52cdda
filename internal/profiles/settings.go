package profiles

import (
	"net/mail"
	"os"
	"path/filepath"
	"strings"

	"github.com/stint-sh/stint/internal/badinput"
)

// Setting keys stored per client in store.Profile.Settings.
const (
	AWSProfile         = "aws.profile"
	AWSRegion          = "aws.region"
	AWSConfigFile      = "aws.config_file"
	AWSCredentialsFile = "aws.credentials_file"
	GCPProject         = "gcp.project"
	GCPRegion          = "gcp.region"
	AzureSubscription  = "azure.subscription"
	AzureTenant        = "azure.tenant"
	GitName            = "git.name"
	GitEmail           = "git.email"
	GitSSHKey          = "git.ssh_key"
	GitSigningKey      = "git.signing_key"
	KubeContext        = "kube.context"
	KubeNamespace      = "kube.namespace"
	// The identities `stint whoami` expects in the client's environment.
	AWSAccount  = "aws.account"  // 12 digits
	GCPAccount  = "gcp.account"  // the active gcloud account, an email
	GitHubLogin = "github.login" // `gh api user`'s login
)

var (
	awsRegionRE  = lazyPattern(`^[a-z]{2}(-[a-z]+)+-\d+$`)
	gcpProjectRE = lazyPattern(`^[a-z][a-z0-9-]{4,28}[a-z0-9]$`)
	gcpRegionRE  = lazyPattern(`^[a-z]+-[a-z]+\d+$`)
	uuidRE       = lazyPattern(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	k8sNameRE    = lazyPattern(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)
	awsAccountRE = lazyPattern(`^\d{12}$`)
	ghLoginRE    = lazyPattern(`^[A-Za-z0-9](-?[A-Za-z0-9]){0,38}$`)
)

// Settings is a validated batch of setting changes; "" deletes a key.
type Settings map[string]string

// AWSSpec is `stint aws NAME` as typed; nil leaves a field alone, "" clears it.
type AWSSpec struct{ Profile, Region, ConfigFile, CredentialsFile, Account *string }

// AWS validates an AWS spec.
func AWS(s AWSSpec) (Settings, error) {
	out := Settings{}
	if s.Profile != nil {
		if strings.ContainsAny(*s.Profile, " \t\n[]") {
			return nil, badinput.Errorf("AWS profile %q is invalid: profile names have no spaces or brackets", *s.Profile)
		}
		out[AWSProfile] = *s.Profile
	}
	if s.Region != nil {
		if *s.Region != "" && !awsRegionRE().MatchString(*s.Region) {
			return nil, badinput.Errorf("AWS region %q is invalid: use a region code such as eu-west-1", *s.Region)
		}
		out[AWSRegion] = *s.Region
	}
	if s.Account != nil {
		if *s.Account != "" && !awsAccountRE().MatchString(*s.Account) {
			return nil, badinput.Errorf("AWS account %q is invalid: give the 12-digit account ID, like 123456789012", *s.Account)
		}
		out[AWSAccount] = *s.Account
	}
	for key, p := range map[string]*string{AWSConfigFile: s.ConfigFile, AWSCredentialsFile: s.CredentialsFile} {
		if p == nil {
			continue
		}
		abs, err := existingFile(*p, "AWS "+strings.TrimPrefix(key, "aws."))
		if err != nil {
			return nil, err
		}
		out[key] = abs
	}
	return out, nil
}

// GCPSpec is `stint gcp NAME` as typed.
type GCPSpec struct{ Project, Region, Account *string }

// GCP validates a GCP spec.
func GCP(s GCPSpec) (Settings, error) {
	out := Settings{}
	if s.Project != nil {
		if *s.Project != "" && !gcpProjectRE().MatchString(*s.Project) {
			return nil, badinput.Errorf("GCP project %q is invalid: project IDs are 6–30 lower-case letters, digits and dashes", *s.Project)
		}
		out[GCPProject] = *s.Project
	}
	if s.Region != nil {
		if *s.Region != "" && !gcpRegionRE().MatchString(*s.Region) {
			return nil, badinput.Errorf("GCP region %q is invalid: use a region such as europe-west1", *s.Region)
		}
		out[GCPRegion] = *s.Region
	}
	if s.Account != nil {
		if *s.Account != "" {
			addr, err := mail.ParseAddress(*s.Account)
			if err != nil || addr.Address != *s.Account {
				return nil, badinput.Errorf("GCP account %q is invalid: give the email gcloud shows, like ada@acme.io or deploy@acme.iam.gserviceaccount.com", *s.Account)
			}
		}
		out[GCPAccount] = *s.Account
	}
	return out, nil
}

// AzureSpec is `stint azure NAME` as typed.
type AzureSpec struct{ Subscription, Tenant *string }

// Azure validates an Azure spec. Subscriptions are GUIDs; tenants are GUIDs
// or a domain such as contoso.onmicrosoft.com.
func Azure(s AzureSpec) (Settings, error) {
	out := Settings{}
	if s.Subscription != nil {
		if *s.Subscription != "" && !uuidRE().MatchString(*s.Subscription) {
			return nil, badinput.Errorf("Azure subscription %q is invalid: give its ID, a GUID like 00000000-0000-0000-0000-000000000000", *s.Subscription)
		}
		out[AzureSubscription] = strings.ToLower(*s.Subscription)
	}
	if s.Tenant != nil {
		t := *s.Tenant
		if t != "" && !uuidRE().MatchString(t) && !strings.Contains(t, ".") {
			return nil, badinput.Errorf("Azure tenant %q is invalid: give its ID (a GUID) or its domain, like contoso.onmicrosoft.com", t)
		}
		out[AzureTenant] = t
	}
	return out, nil
}

// GitSpec is `stint git NAME` as typed.
type GitSpec struct{ Name, Email, SSHKey, SigningKey, GitHubLogin *string }

// Git validates a git identity.
func Git(s GitSpec) (Settings, error) {
	out := Settings{}
	if s.Name != nil {
		if strings.ContainsAny(*s.Name, "<>\n") {
			return nil, badinput.Errorf("git name %q is invalid: it cannot contain <, > or a newline", *s.Name)
		}
		out[GitName] = strings.TrimSpace(*s.Name)
	}
	if s.Email != nil {
		if *s.Email != "" {
			addr, err := mail.ParseAddress(*s.Email)
			if err != nil || addr.Address != *s.Email {
				return nil, badinput.Errorf("git email %q is invalid: give a bare address like you@acme.io", *s.Email)
			}
		}
		out[GitEmail] = *s.Email
	}
	if s.SSHKey != nil {
		abs, err := existingFile(*s.SSHKey, "SSH key")
		if err != nil {
			return nil, err
		}
		out[GitSSHKey] = abs
	}
	if s.SigningKey != nil {
		if strings.ContainsAny(*s.SigningKey, "\n") {
			return nil, badinput.Errorf("signing key must be one line: a GPG key ID or the path of an SSH public key")
		}
		out[GitSigningKey] = *s.SigningKey
	}
	if s.GitHubLogin != nil {
		if *s.GitHubLogin != "" && !ghLoginRE().MatchString(*s.GitHubLogin) {
			return nil, badinput.Errorf("GitHub login %q is invalid: letters, digits and single dashes, at most 39", *s.GitHubLogin)
		}
		out[GitHubLogin] = *s.GitHubLogin
	}
	return out, nil
}

// ValidateNamespace checks a Kubernetes namespace name.
func ValidateNamespace(ns string) error {
	if ns != "" && !k8sNameRE().MatchString(ns) {
		return badinput.Errorf("namespace %q is invalid: use lower-case letters, digits and dashes (at most 63)", ns)
	}
	return nil
}

// existingFile resolves p to an absolute path of a regular file (symlinks
// followed); "" passes
// through (it clears the setting).
func existingFile(p, what string) (string, error) {
	if p == "" {
		return "", nil
	}
	if strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, p[2:])
		}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", badinput.Errorf("%s path %q is not usable: %w", what, p, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return "", badinput.Errorf("%s %s does not exist: check the path", what, abs)
	}
	if info.IsDir() {
		return "", badinput.Errorf("%s %s is a directory, not a file", what, abs)
	}
	if !info.Mode().IsRegular() {
		// A FIFO or a device would hang or flood the tool that reads it.
		return "", badinput.Errorf("%s %s is not a regular file: give the path of the file itself", what, abs)
	}
	return abs, nil
}
