package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// The profile menu's entries, by the start of their labels.
const (
	menuSetVar   = "Set a variable"
	menuUnsetVar = "Remove a variable"
	menuUnsetSec = "Remove a secret"
	menuKubeUse  = "Kubernetes: default context"
	menuKubeProd = "Kubernetes: production"
	menuKubeAdd  = "Kubernetes: add"
	menuKubeRm   = "Kubernetes: remove"
	menuIsolate  = "Tools whose logins"
	menuAWS      = "AWS: profile"
	menuAWSCreds = "AWS: temporary"
	menuGCP      = "GCP:"
	menuAzure    = "Azure:"
	menuGit      = "Git:"
)

// openMenu presses p and picks the entry whose label starts with label.
func (h *harness) openMenu(label string) {
	h.t.Helper()
	h.press("p")
	require.True(h.t, h.m.form.Active(), "p opens the profile menu")
	for range 20 {
		if strings.Contains(h.screen(), "> "+label) {
			h.press("enter")
			return
		}
		h.press("down")
	}
	h.t.Fatalf("no entry %q in the profile menu:\n%s", label, h.screen())
}

// moveTo presses key until the screen shows line.
func (h *harness) moveTo(key, line string) {
	h.t.Helper()
	for range 20 {
		if strings.Contains(h.screen(), line) {
			return
		}
		h.press(key)
	}
	h.t.Fatalf("%q never shows:\n%s", line, h.screen())
}

// clearField empties the focused input.
func (h *harness) clearField() {
	h.t.Helper()
	for range 80 {
		h.press("backspace")
	}
}

func TestProfileMenuOffersWhatTheProfileHas(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.press("p")
	s := h.screen()
	for _, want := range []string{"Edit the profile of acme", "Set a variable", "Remove a variable",
		"Kubernetes: default context and namespace", "Kubernetes: add a kubeconfig", "Kubernetes: remove a context or kubeconfig",
		"AWS: profile", "GCP: project", "Git: name, email"} {
		assert.Contains(t, s, want)
	}
	h.press("esc")
	assert.False(t, h.m.form.Active())
	assert.Equal(t, "Cancelled", h.m.flash.text)

	// initech has no variables and no contexts: nothing to remove or choose.
	h.press("G", "p")
	s = h.screen()
	assert.Contains(t, s, "Set a variable")
	assert.NotContains(t, s, "Remove a variable")
	assert.NotContains(t, s, "default context")
	assert.NotContains(t, s, "remove a context")
	assert.Empty(t, b.calls)
}

func TestProfileSetsANewVariableAndChangesOne(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuSetVar)
	h.press("enter") // a new variable
	h.paste("TF_VAR_region")
	h.press("enter")
	h.paste("eu-west-1")
	h.press("enter")
	assert.Equal(t, []string{"set acme TF_VAR_region=eu-west-1"}, b.calls)
	assert.Equal(t, "Set TF_VAR_region of acme", h.m.flash.text)
	assert.Regexp(t, `TF_VAR_region +eu-west-1`, h.screen(), "the Environment pane shows it at once")

	// Changing one starts from its value.
	b.calls = nil
	h.openMenu(menuSetVar)
	h.press("down", "enter") // LOG_LEVEL = debug
	assert.Contains(t, h.screen(), "> LOG_LEVEL")
	h.press("enter")
	assert.Contains(t, h.screen(), "> debug")
	h.clearField()
	h.paste("info")
	h.press("enter")
	assert.Equal(t, []string{"set acme LOG_LEVEL=info"}, b.calls)
}

// The CLI's own checks while the form is open: a name that looks like a
// credential is refused on its field, pointing at s.
func TestProfileVariableFormRefusesWhatSetRefuses(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "initech"}, 120, 40)
	h.openMenu(menuSetVar) // no variables yet: straight to the form
	for _, bad := range []struct{ name, says string }{
		{"VAULT_TOKEN", "looks like a credential"},
		{"1BAD", "not a valid environment variable name"},
		{"STINT_CLIENT", "STINT_"},
		{"KUBECONFIG", "kube add"},
	} {
		h.paste(bad.name)
		h.press("enter")
		assert.Contains(t, h.screen(), bad.says, bad.name)
		assert.Contains(t, h.screen(), "> "+bad.name, "the form stays on the name")
		h.clearField()
	}
	assert.Empty(t, b.calls)
}

// A save the workbench refuses (the name is a secret of the client)
// reopens the form as typed, on the name, the error in TUI words.
func TestProfileRefusedSaveKeepsTheVariableForm(t *testing.T) {
	b := fixture()
	p := b.profiles["acme"]
	p.Secrets = append(p.Secrets, workbench.SecretInfo{Name: "DB_HOST", Size: 9})
	b.profiles["acme"] = p
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuSetVar)
	h.press("enter")
	h.paste("DB_HOST")
	h.press("enter")
	h.paste("db.internal")
	h.press("enter")
	assert.Empty(t, b.calls)
	require.True(t, h.m.errBox.Open())
	assert.Contains(t, h.screen(), "DB_HOST is a secret of acme: change it by selecting acme, pressing s and setting DB_HOST")
	h.press("enter") // closes the error, and nothing else
	require.True(t, h.m.form.Active(), "the form is back")
	s := h.screen()
	assert.Contains(t, s, "┃ Name", "on the name, the field at fault")
	assert.Contains(t, s, "> DB_HOST")
	assert.Contains(t, s, "db.internal", "the value typed is kept")
}

func TestProfileRemovesAVariableOnlyAfterAYes(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuUnsetVar)
	h.press("enter") // LOG_LEVEL, the first
	require.True(t, h.m.dialog.Open())
	assert.Contains(t, h.screen(), "Remove LOG_LEVEL from acme? A switch no longer sets it. [y/n]")
	h.press("n")
	assert.Empty(t, b.calls)
	assert.Equal(t, "Cancelled", h.m.flash.text)

	h.openMenu(menuUnsetVar)
	h.press("down", "enter", "y")
	assert.Equal(t, []string{"unset acme TF_WORKSPACE"}, b.calls)
	assert.Equal(t, "Removed TF_WORKSPACE of acme", h.m.flash.text)
	assert.NotRegexp(t, `TF_WORKSPACE +acme-prod`, h.screen(), "gone from the Environment pane")
}

func TestProfileChoosesTheDefaultContextAndNamespace(t *testing.T) {
	b := fixture()
	p := b.profiles["acme"]
	p.Kube.Production = []string{"acme-prod"}
	b.profiles["acme"] = p
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuKubeUse)
	assert.Contains(t, h.screen(), "acme-prod  (production)", "a production context says so")
	h.press("down", "enter") // acme-staging
	assert.Contains(t, h.screen(), "> web")
	h.clearField()
	h.paste("Not_A_Namespace")
	h.press("enter")
	assert.Contains(t, h.screen(), `namespace "Not_A_Namespace" is invalid`)
	assert.Empty(t, b.calls)
	h.clearField()
	h.paste("api")
	h.press("enter")
	assert.Equal(t, []string{"kube use acme acme-staging ns=api"}, b.calls)
	assert.Equal(t, "acme now switches to context acme-staging", h.m.flash.text)
	assert.Contains(t, h.screen(), "kube acme-staging/api", "the header follows")

	// The namespace left alone is not given.
	b.calls = nil
	h.openMenu(menuKubeUse)
	h.press("up", "enter", "enter")
	assert.Equal(t, []string{"kube use acme acme-prod ns=<unchanged>"}, b.calls)
}

func TestProfileAddsAKubeconfigAndARefusedAddKeepsIt(t *testing.T) {
	b := fixture()
	home := t.TempDir()
	kc := filepath.Join(home, ".kube", "acme-dev.yaml")
	h := newHarness(t, b, Options{CurrentClient: "acme", Environ: []string{"HOME=" + home}}, 120, 40)
	h.openMenu(menuKubeAdd)
	h.paste("~/.kube/acme-dev.yaml")
	h.press("enter")
	h.paste("acme-dev acme-qa")
	h.press("enter", "enter")
	assert.Empty(t, b.calls, "the file does not exist")
	require.True(t, h.m.errBox.Open())
	assert.Equal(t, "kubeconfig "+kc+" does not exist", h.m.errBox.text, "the screen wraps the path where its length says")
	h.press("enter")
	require.True(t, h.m.form.Active())
	assert.Contains(t, h.screen(), "┃ Kubeconfig file", "on the path")
	assert.Contains(t, h.screen(), "acme-dev acme-qa", "the contexts typed are kept")

	require.NoError(t, os.MkdirAll(filepath.Dir(kc), 0o700))
	require.NoError(t, os.WriteFile(kc, []byte("apiVersion: v1\n"), 0o600))
	h.press("enter", "enter", "enter")
	assert.Equal(t, []string{"kube add acme " + kc + " [acme-dev acme-qa]"}, b.calls)
	assert.Equal(t, "acme: contexts acme-dev, acme-qa", h.m.flash.text)
}

func TestProfileRemovesAContextOrAFileOnlyAfterAYes(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme", Environ: []string{"HOME=/home/ada"}}, 120, 40)
	h.openMenu(menuKubeRm)
	s := h.screen()
	assert.Contains(t, s, "context acme-prod  (default)")
	assert.Contains(t, s, "kubeconfig ~/.kube/acme.yaml")
	h.press("enter")
	assert.Contains(t, h.screen(), "Remove context acme-prod from acme? [y/n]")
	h.press("esc")
	assert.Empty(t, b.calls)

	h.openMenu(menuKubeRm)
	h.press("enter", "y")
	assert.Equal(t, []string{"kube rm acme source= contexts=[acme-prod]"}, b.calls)
	assert.Equal(t, "acme: removed contexts acme-prod; default context now acme-staging", h.m.flash.text)

	b.calls = nil
	h.openMenu(menuKubeRm)
	h.press("down", "enter")
	assert.Contains(t, h.screen(), "Stop using kubeconfig ~/.kube/acme.yaml for acme, and drop the contexts only it has? [y/n]")
	h.press("y")
	assert.Equal(t, []string{"kube rm acme source=/home/ada/.kube/acme.yaml contexts=[]"}, b.calls)
}

// AWS: the fields start from the profile; only a changed one is given;
// the CLI's checks refuse a bad region while open and a missing config
// file on save, which reopens the form on that field.
func TestProfileAWSFormSendsWhatChanged(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuAWS)
	assert.Contains(t, h.screen(), "> acme", "the profile as it is")
	h.press("enter") // profile unchanged
	h.clearField()
	h.paste("moon-1")
	h.press("enter")
	assert.Contains(t, h.screen(), `AWS region "moon-1" is invalid: use a region code such as eu-west-1`)
	h.clearField()
	h.paste("eu-central-1")
	h.press("enter", "enter")
	h.paste(filepath.Join(t.TempDir(), "gone.config"))
	h.press("enter", "enter")
	assert.Empty(t, b.calls)
	require.True(t, h.m.errBox.Open())
	assert.Contains(t, h.m.errBox.text, "AWS config_file")
	h.press("enter")
	require.True(t, h.m.form.Active())
	s := h.screen()
	assert.Contains(t, s, "┃ Config file", "on the file")
	assert.Contains(t, s, "eu-central-1", "the region typed is kept")
	h.clearField()
	h.press("enter", "enter")
	assert.Equal(t, []string{"setting acme aws.region=eu-central-1"}, b.calls)
	assert.Equal(t, "Updated acme", h.m.flash.text)
	assert.Equal(t, "eu-central-1", b.profiles["acme"].AWS["region"])
	assert.Equal(t, "acme", b.profiles["acme"].AWS["profile"])
}

func TestProfileGCPFormIsolatesGcloud(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "globex"}, 120, 40)
	h.openMenu(menuGCP)
	assert.Contains(t, h.screen(), "> globex-prod-1")
	h.press("enter", "enter")
	h.paste("ada at globex")
	h.press("enter")
	assert.Contains(t, h.screen(), `GCP account "ada at globex" is invalid`)
	h.clearField()
	h.press("enter", "left", "enter")
	assert.Equal(t, []string{"isolate globex gcloud"}, b.calls)

	// Nothing changed: nothing is saved.
	b.calls = nil
	h.openMenu(menuGCP)
	h.press("enter", "enter", "enter", "enter")
	assert.Empty(t, b.calls)
	assert.Equal(t, "Nothing changed", h.m.flash.text)
}

func TestProfileGitFormChecksTheEmailAndClearsWithEmpty(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuGit)
	h.press("enter") // name as it is
	h.clearField()
	h.paste("Ada <ada@acme.io>")
	h.press("enter")
	assert.Contains(t, h.screen(), "git email")
	h.clearField()
	h.press("enter", "enter", "enter")
	h.paste("ada-acme")
	h.press("enter")
	assert.Equal(t, []string{"setting acme git.email=", "setting acme github.login=ada-acme"}, b.calls, "an emptied field clears, as --email \"\" does")
	_, has := b.profiles["acme"].Git["email"]
	assert.False(t, has)
}

// A client waiting for review is edited as the CLI edits it, and says it
// stays pending.
func TestProfileEditOfAPendingClientKeepsItPending(t *testing.T) {
	b := fixture()
	b.clients[1].ReviewPending = true
	h := newHarness(t, b, Options{CurrentClient: "globex"}, 120, 40)
	h.press("p")
	assert.Contains(t, h.screen(), "Edit the profile of globex (pending review: stays so until A allows it)")
	h.press("enter")
	h.paste("REGION")
	h.press("enter")
	h.paste("eu")
	h.press("enter")
	assert.Equal(t, []string{"set globex REGION=eu"}, b.calls)
	assert.True(t, strings.Contains(h.screen(), "PENDING REVIEW"))
}

func TestProfileRemovesASecretOnlyAfterAYes(t *testing.T) {
	b := fixture()
	b.secrets["acme"] = map[string]string{"DATADOG_API_KEY": "dd", "GITHUB_TOKEN": "ghp"}
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuUnsetSec)
	assert.Contains(t, h.screen(), "DATADOG_API_KEY  (32 B)")
	assert.NotContains(t, h.screen(), "ghp", "never a value")
	h.press("down", "enter")
	assert.Contains(t, h.screen(), "Delete secret GITHUB_TOKEN of acme from the keyring? Its value cannot be brought back. [y/n]")
	h.press("n")
	assert.Empty(t, b.calls)
	h.openMenu(menuUnsetSec)
	h.press("down", "enter", "y")
	assert.Equal(t, []string{"secret rm acme GITHUB_TOKEN"}, b.calls)
	assert.Equal(t, "Secret GITHUB_TOKEN of acme deleted from the keyring", h.m.flash.text)
	assert.NotContains(t, b.secrets["acme"], "GITHUB_TOKEN")
}

// Marking a context production goes at once; taking the mark off asks.
func TestProfileProductionContextsAskBeforeUnguarding(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuKubeProd)
	h.press("space", "enter") // acme-prod
	assert.Equal(t, []string{"kube prod acme acme-prod true"}, b.calls)
	assert.Equal(t, "acme: acme-prod production", h.m.flash.text)

	b.calls = nil
	h.openMenu(menuKubeProd)
	assert.Contains(t, h.screen(), "✓ acme-prod", "marked as it is")
	h.press("space", "enter")
	assert.Contains(t, h.screen(), "Stop guarding acme-prod of acme? Commands that change it will no longer ask first. [y/n]")
	h.press("n")
	assert.Empty(t, b.calls)
	h.openMenu(menuKubeProd)
	h.press("space", "enter", "y")
	assert.Equal(t, []string{"kube prod acme acme-prod false"}, b.calls)
}

func TestProfileIsolatesToolsAndSharesThemAgain(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuIsolate)
	s := h.screen()
	assert.Contains(t, s, "✓ gcloud")
	assert.Contains(t, s, "✓ gh")
	// az isolated, gh shared again.
	h.moveTo("up", "> • az")
	h.press("space")
	h.moveTo("down", "> ✓ gh")
	h.press("space", "enter")
	assert.Equal(t, []string{"isolate acme az", "unisolate acme gh"}, b.calls)
	assert.ElementsMatch(t, []string{"gcloud", "az"}, b.profiles["acme"].Isolated)
}

// The temporary-credential flags of stint aws: each checked while typing,
// how they fit together (not with a profile) on save, which reopens the
// form on the field the error names.
func TestProfileAWSCredentialsFormRefusesAProfileWithARole(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuAWSCreds)
	h.paste("not-an-arn")
	h.press("enter")
	assert.Contains(t, h.screen(), `role arn "not-an-arn" is invalid`)
	h.clearField()
	h.paste("arn:aws:iam::123456789012:role/Deploy")
	for range 10 {
		h.press("enter")
	}
	assert.Empty(t, b.calls)
	require.True(t, h.m.errBox.Open())
	assert.Contains(t, h.m.errBox.text, "do not mix")
	h.press("enter")
	require.True(t, h.m.form.Active())
	assert.Contains(t, h.screen(), "┃ Role ARN")
	assert.Contains(t, h.screen(), "arn:aws:iam::123456789012:role/Deploy", "kept")
	h.press("esc")

	// With the profile cleared, the role goes in.
	h.openMenu(menuAWS)
	h.clearField()
	for range 5 {
		h.press("enter")
	}
	h.openMenu(menuAWSCreds)
	h.paste("arn:aws:iam::123456789012:role/Deploy")
	h.press("enter")
	h.paste("acme-7")
	for range 9 {
		h.press("enter")
	}
	assert.Equal(t, []string{"setting acme aws.profile=", "setting acme aws.external_id=acme-7", "setting acme aws.role_arn=arn:aws:iam::123456789012:role/Deploy"}, b.calls)
}

func TestProfileAzureFormChecksTheSubscription(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuAzure)
	h.paste("not-a-guid")
	h.press("enter")
	assert.Contains(t, h.screen(), `Azure subscription "not-a-guid" is invalid`)
	h.clearField()
	h.paste("0B1F0000-0000-0000-0000-000000000000")
	h.press("enter", "enter", "left", "enter")
	assert.Equal(t, []string{"setting acme azure.subscription=0b1f0000-0000-0000-0000-000000000000", "isolate acme az"}, b.calls)
}

// A resize while a profile form is open keeps it open with what was
// typed, drawn at the new width.
func TestProfileFormFollowsAResize(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuGit)
	h.clearField()
	h.paste("Ada King")
	h.send(tea.WindowSizeMsg{Width: 60, Height: 15})
	require.True(t, h.m.form.Active())
	s := h.screen()
	assert.Contains(t, s, "> Ada King")
	for _, line := range strings.Split(s, "\n") {
		assert.LessOrEqual(t, ansi.StringWidth(line), 60, line)
	}
	h.press("enter", "enter", "enter", "enter", "enter")
	assert.Equal(t, []string{"setting acme git.name=Ada King"}, b.calls)
}

// A long value is cut in the list of variables, whole in its field.
func TestProfileVariableListCutsALongValue(t *testing.T) {
	b := fixture()
	long := strings.Repeat("abcdefghij", 20)
	p := b.profiles["acme"]
	p.Vars = map[string]string{"LONG": long}
	b.profiles["acme"] = p
	h := newHarness(t, b, Options{CurrentClient: "acme"}, 120, 40)
	h.openMenu(menuSetVar)
	assert.Contains(t, h.screen(), "LONG = "+long[:39]+"…")
	h.press("down", "enter", "enter", "enter") // LONG, its name and value as they are
	assert.Equal(t, []string{"set acme LONG=" + long}, b.calls, "the value whole")
}
