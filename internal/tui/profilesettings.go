package tui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

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
// fields given into settings, and a tool whose logins may be kept per
// client (gcloud for GCP; "" for none).
type settingsForm struct {
	slug, title string
	fields      []*settingField
	build       func(given func(i int) *string) (profiles.Settings, error)
	tool        string
	isolated    bool // as typed
	wasIsolated bool
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
func (f *settingsForm) field(err error) int {
	words := make([][]string, len(f.fields))
	for i, fl := range f.fields {
		words[i] = fl.words
	}
	if f.tool != "" {
		words = append(words, []string{"isolat"})
	}
	return fieldNamed(err, words)
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
					_, err := f.build(only(i, s))
					return err
				})
			}
			out = append(out, in)
		}
		if f.tool != "" {
			out = append(out, huh.NewConfirm().Title(fmt.Sprintf("Keep %s's logins per client?", f.tool)).
				Description("a directory of "+f.slug+"'s own, as stint isolate does").Value(&f.isolated))
		}
		return out
	}
	return m.openForm(&formSpec{
		title:  f.title,
		fields: huhFields,
		check: func() (int, error) {
			if _, err := f.build(f.given(false)); err != nil {
				return f.field(err), err
			}
			return 0, nil
		},
		focus: f.field,
		submit: func() tea.Cmd {
			var on, off []string
			switch {
			case f.tool != "" && f.isolated && !f.wasIsolated:
				on = []string{f.tool}
			case f.tool != "" && !f.isolated && f.wasIsolated:
				off = []string{f.tool}
			}
			changed := slices.ContainsFunc(f.fields, func(fl *settingField) bool { return fl.value != fl.orig })
			if !changed && on == nil && off == nil {
				m.note("Nothing changed")
				return nil
			}
			return m.sh.fx.applySettings(f.slug, func() (profiles.Settings, error) { return f.build(f.given(true)) }, on, off)
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
		build: func(g func(int) *string) (profiles.Settings, error) {
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
		build: func(get func(int) *string) (profiles.Settings, error) {
			return profiles.GCP(profiles.GCPSpec{Project: get(0), Region: get(1), Account: get(2)})
		},
		tool: "gcloud", isolated: isolated, wasIsolated: isolated,
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
		build: func(get func(int) *string) (profiles.Settings, error) {
			return profiles.Git(profiles.GitSpec{Name: get(0), Email: get(1), SSHKey: get(2), SigningKey: get(3), GitHubLogin: get(4)})
		},
	})
}
