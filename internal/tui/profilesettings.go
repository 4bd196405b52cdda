package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/workbench"
)

// The AWS, GCP and git forms: `stint aws`, `stint gcp` and `stint git` with
// every flag filled in with what the client has. A field changed is a flag
// given (empty clears the setting, as `--flag ""` does); a field left as it
// was is a flag not given. The settings are built by the CLI's builders
// (profiles.AWS, GCP, Git) and saved by the workbench's ApplySettings.

// settingField is one field of a settings form: what it shows and what
// was typed.
type settingField struct {
	title, desc, placeholder string
	orig, value              string
	// file: the setting names a file that must exist, which is checked on
	// save (a stat is I/O, and Update does none), not while typing.
	file bool
	// words name the field in the builders' errors.
	words []string
}

// settingsForm is a settings form: its fields, the builder that turns the
// fields given into settings, and a yes/no after them.
type settingsForm struct {
	slug, title string
	fields      []*settingField
	// build turns the fields given (and the toggle, when it changed) into
	// settings, as the CLI's builders turn its flags.
	build func(given func(i int) *string, toggled *bool) (profiles.Settings, error)
	// toggle is a yes/no after the fields: --isolate/--no-isolate of
	// tool, or when tool is "" a flag pair build takes (--temporary).
	toggle *settingToggle
}

// settingToggle is the yes/no of a settings form.
type settingToggle struct {
	title, desc string
	tool        string // the tool it isolates; "" when build takes it
	words       []string
	orig, value bool
}

// toggled is the toggle for build: nil when it is unchanged or isolates
// a tool.
func (f *settingsForm) toggled() *bool {
	t := f.toggle
	if t == nil || t.tool != "" || t.value == t.orig {
		return nil
	}
	v := t.value
	return &v
}

// given is the builder's view of the fields: a pointer to what was typed
// for a changed field (files only when withFiles), nil for the rest.
func (f *settingsForm) given(withFiles bool) func(i int) *string {
	return func(i int) *string {
		fl := f.fields[i]
		if fl.value == fl.orig || (fl.file && !withFiles) {
			return nil
		}
		v := fl.value
		return &v
	}
}

// only is the builder's view with field i alone given as s.
func only(i int, s string) func(j int) *string {
	return func(j int) *string {
		if j == i {
			return &s
		}
		return nil
	}
}

// field is the form field an error of the builder or the workbench is
// about.
//
// An error about how settings fit together names several (`drop
// --temporary/--role-arn`): a field changed in this form is the one to
// look at first, so only changed fields are searched when one of them is
// named.
func (f *settingsForm) field(err error) int {
	words := make([][]string, len(f.fields))
	changed := make([][]string, len(f.fields))
	for i, fl := range f.fields {
		words[i] = fl.words
		if fl.value != fl.orig {
			changed[i] = fl.words
		}
	}
	if t := f.toggle; t != nil {
		words = append(words, t.words)
		changed = append(changed, nil)
		if t.value != t.orig {
			changed[len(changed)-1] = t.words
		}
	}
	if i := fieldNamed(err, changed); i > 0 || named(err, changed[0]) {
		return i
	}
	return fieldNamed(err, words)
}

// named reports whether err names one of words.
func named(err error, words []string) bool {
	msg := strings.ToLower(err.Error())
	for _, w := range words {
		if strings.Contains(msg, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

func (m *Model) openSettingsForm(f *settingsForm) tea.Cmd {
	huhFields := func() []huh.Field {
		out := make([]huh.Field, 0, len(f.fields)+1)
		for i, fl := range f.fields {
			in := huh.NewInput().Title(fl.title).Placeholder(fl.placeholder).Value(&fl.value)
			if fl.desc != "" {
				in = in.Description(fl.desc)
			}
			if !fl.file {
				in = in.Validate(func(s string) error {
					_, err := f.build(only(i, s), nil)
					return err
				})
			}
			out = append(out, in)
		}
		if t := f.toggle; t != nil {
			out = append(out, huh.NewConfirm().Title(t.title).Description(t.desc).Value(&t.value))
		}
		return out
	}
	return m.openForm(&formSpec{
		title:  f.title,
		fields: huhFields,
		check: func() (int, error) {
			if _, err := f.build(f.given(false), f.toggled()); err != nil {
				return f.field(err), err
			}
			return 0, nil
		},
		focus: f.field,
		submit: func() tea.Cmd {
			var on, off []string
			if t := f.toggle; t != nil && t.tool != "" && t.value != t.orig {
				if t.value {
					on = []string{t.tool}
				} else {
					off = []string{t.tool}
				}
			}
			changed := slices.ContainsFunc(f.fields, func(fl *settingField) bool { return fl.value != fl.orig }) ||
				f.toggle != nil && f.toggle.value != f.toggle.orig
			if !changed {
				m.note("Nothing changed")
				return nil
			}
			return m.sh.fx.applySettings(f.slug, func() (profiles.Settings, error) { return f.build(f.given(true), f.toggled()) }, on, off)
		},
	})
}

func field(title, desc, placeholder, orig string, words ...string) *settingField {
	return &settingField{title: title, desc: desc, placeholder: placeholder, orig: orig, value: orig, words: words}
}

func fileField(title, desc, placeholder, orig string, words ...string) *settingField {
	f := field(title, desc, placeholder, orig, words...)
	f.file = true
	return f
}

// openAWSForm is `stint aws SLUG --profile --region --account
// --config-file --credentials-file`.
func (m *Model) openAWSForm(slug string, p workbench.ProfileView) tea.Cmd {
	a := p.AWS
	return m.openSettingsForm(&settingsForm{
		slug: slug, title: "AWS of " + slug,
		fields: []*settingField{
			field("Profile", "AWS_PROFILE", "e.g. "+slug+"-admin", a["profile"], "aws profile", "--profile"),
			field("Region", "AWS_REGION and AWS_DEFAULT_REGION", "e.g. eu-west-1", a["region"], "region"),
			field("Account", "the 12-digit ID stint whoami expects", "e.g. 123456789012", a["account"], "account"),
			fileField("Config file", "a per-client AWS_CONFIG_FILE; must exist", "e.g. ~/.aws/"+slug+".config", a["config_file"], "config_file", "config file"),
			fileField("Credentials file", "a per-client AWS_SHARED_CREDENTIALS_FILE; must exist", "e.g. ~/.aws/"+slug+".credentials", a["credentials_file"], "credentials_file", "credentials file"),
		},
		build: func(g func(int) *string, _ *bool) (profiles.Settings, error) {
			return profiles.AWS(profiles.AWSSpec{Profile: g(0), Region: g(1), Account: g(2), ConfigFile: g(3), CredentialsFile: g(4)})
		},
	})
}

// openGCPForm is `stint gcp SLUG --project --region --account
// --isolate/--no-isolate`.
func (m *Model) openGCPForm(slug string, p workbench.ProfileView) tea.Cmd {
	g := p.GCP
	isolated := slices.Contains(p.Isolated, "gcloud")
	return m.openSettingsForm(&settingsForm{
		slug: slug, title: "GCP of " + slug,
		fields: []*settingField{
			field("Project", "CLOUDSDK_CORE_PROJECT and GOOGLE_CLOUD_PROJECT", "e.g. "+slug+"-prod-123", g["project"], "project"),
			field("Region", "CLOUDSDK_COMPUTE_REGION", "e.g. europe-west1", g["region"], "region"),
			field("Account", "the gcloud account stint whoami expects", "e.g. ada@"+slug+".io", g["account"], "account"),
		},
		build: func(get func(int) *string, _ *bool) (profiles.Settings, error) {
			return profiles.GCP(profiles.GCPSpec{Project: get(0), Region: get(1), Account: get(2)})
		},
		toggle: isolateToggle(slug, "gcloud", isolated),
	})
}

// openGitForm is `stint git SLUG --name --email --ssh-key --signing-key
// --github-login`.
func (m *Model) openGitForm(slug string, p workbench.ProfileView) tea.Cmd {
	g := p.Git
	return m.openSettingsForm(&settingsForm{
		slug: slug, title: "Git of " + slug,
		fields: []*settingField{
			field("Name", "author and committer name", "e.g. Ada Lovelace", g["name"], "git name"),
			field("Email", "author and committer email", "e.g. ada@"+slug+".io", g["email"], "email"),
			fileField("SSH key", "private key for GIT_SSH_COMMAND; must exist", "e.g. ~/.ssh/id_"+slug, g["ssh_key"], "ssh key"),
			field("Signing key", "user.signingkey: a GPG key ID or an SSH public key; commits are signed", "e.g. ~/.ssh/id_"+slug+".pub", g["signing_key"], "signing key"),
			field("GitHub login", "the login stint whoami expects of gh", "e.g. ada-"+strings.ToLower(slug), p.GitHub["login"], "github login"),
		},
		build: func(get func(int) *string, _ *bool) (profiles.Settings, error) {
			return profiles.Git(profiles.GitSpec{Name: get(0), Email: get(1), SSHKey: get(2), SigningKey: get(3), GitHubLogin: get(4)})
		},
	})
}

// isolateToggle is --isolate/--no-isolate of tool.
func isolateToggle(slug, tool string, isolated bool) *settingToggle {
	return &settingToggle{title: fmt.Sprintf("Keep %s's logins per client?", tool),
		desc: "a directory of " + slug + "'s own, as stint isolate does", tool: tool,
		words: []string{"isolat"}, orig: isolated, value: isolated}
}

// openAzureForm is `stint azure SLUG --subscription --tenant
// --isolate/--no-isolate`.
func (m *Model) openAzureForm(slug string, p workbench.ProfileView) tea.Cmd {
	a := p.Azure
	return m.openSettingsForm(&settingsForm{
		slug: slug, title: "Azure of " + slug,
		fields: []*settingField{
			field("Subscription", "ARM_SUBSCRIPTION_ID, a GUID", "e.g. 00000000-0000-0000-0000-000000000000", a["subscription"], "subscription"),
			field("Tenant", "ARM_TENANT_ID: a GUID or a domain", "e.g. "+slug+".onmicrosoft.com", a["tenant"], "tenant"),
		},
		build: func(get func(int) *string, _ *bool) (profiles.Settings, error) {
			return profiles.Azure(profiles.AzureSpec{Subscription: get(0), Tenant: get(1)})
		},
		toggle: isolateToggle(slug, "az", slices.Contains(p.Isolated, "az")),
	})
}

// openAWSCredentialsForm is the temporary-credential flags of `stint aws`:
// --role-arn, --external-id, --session-name, --mfa-serial, --duration, the
// four --sso-… and --temporary/--no-temporary. How they fit together
// (SSO or STS, not with a profile) is the workbench's check on save, as
// for the CLI.
func (m *Model) openAWSCredentialsForm(slug string, p workbench.ProfileView) tea.Cmd {
	a := p.AWS
	duration := a["duration"]
	if n, err := strconv.ParseInt(duration, 10, 64); err == nil && n > 0 {
		duration = display.Setting(time.Duration(n) * time.Second)
	}
	return m.openSettingsForm(&settingsForm{
		slug: slug, title: "Temporary AWS credentials of " + slug,
		fields: []*settingField{
			field("Role ARN", "AssumeRole with the client's long-lived keys", "e.g. arn:aws:iam::123456789012:role/Deploy", a["role_arn"], "role arn", "role-arn"),
			field("External ID", "the role's external ID", "e.g. "+slug+"-7", a["external_id"], "external id", "external-id"),
			field("Session name", "the role session name", "e.g. ada", a["session_name"], "session name", "session-name"),
			field("MFA serial", "ask for this device's code when credentials are made", "e.g. arn:aws:iam::123456789012:mfa/ada", a["mfa_serial"], "mfa serial", "mfa-serial", "mfa"),
			field("Duration", "how long credentials last, 15m–36h; empty for AWS's default", "e.g. 12h", duration, "duration"),
			field("SSO start URL", "IAM Identity Center: all four SSO fields, or none", "e.g. https://"+slug+".awsapps.com/start", a["sso_start_url"], "sso start url", "sso-start-url"),
			field("SSO region", "IAM Identity Center's region", "e.g. eu-west-1", a["sso_region"], "sso region", "sso-region"),
			field("SSO account", "the account ID to get role credentials in", "e.g. 123456789012", a["sso_account"], "sso account", "sso-account"),
			field("SSO role", "the permission set's name", "e.g. AdministratorAccess", a["sso_role"], "sso role", "sso-role"),
		},
		build: func(g func(int) *string, temporary *bool) (profiles.Settings, error) {
			return profiles.AWSCredentials(profiles.AWSCredentialSpec{Temporary: temporary,
				RoleARN: g(0), ExternalID: g(1), SessionName: g(2), MFASerial: g(3), Duration: g(4),
				SSOStartURL: g(5), SSORegion: g(6), SSOAccount: g(7), SSORole: g(8)})
		},
		toggle: &settingToggle{title: "STS session credentials?", words: []string{"temporary", "sts"},
			desc: "GetSessionToken with the client's secrets AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (set them with s)",
			orig: a["temporary"] == "true", value: a["temporary"] == "true"},
	})
}
