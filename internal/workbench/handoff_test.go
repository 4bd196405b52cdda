package workbench

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/handoff"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
)

const secretMarker = "SECRET-VALUE-7f3a9c"

const testKubeconfig = `apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod-cluster
  cluster:
    server: https://prod.k8s.acme.io:6443
users:
- name: prod-user
  user:
    token: kube-token
contexts:
- name: prod
  context:
    cluster: prod-cluster
    user: prod-user
`

// addFullClient gives acme one of every kind of setting.
func addFullClient(t *testing.T, w *fixture, dir string) {
	t.Helper()
	ctx := context.Background()
	_, err := w.AddClient(ctx, "acme", profiles.ClientSpec{Name: ptr("Acme Corp"), Rate: ptr("150.00"), Currency: ptr("EUR"),
		Round: ptr("15m"), RoundMode: ptr("nearest"), Timezone: ptr("Europe/Berlin"), Color: ptr("#ff8800"), Prod: ptr(true)})
	require.NoError(t, err)
	require.NoError(t, w.SetVars(ctx, "acme", []string{"TF_WORKSPACE=prod", "REGION=eu"}))
	require.NoError(t, w.SetSecret(ctx, "acme", "GITHUB_TOKEN", secretMarker+"-gh"))
	require.NoError(t, w.SetSecret(ctx, "acme", "VAULT_TOKEN", secretMarker+"-vault"))
	key := filepath.Join(dir, "id_acme")
	require.NoError(t, os.WriteFile(key, []byte("k"), 0o600))
	for _, s := range []func() (profiles.Settings, error){
		func() (profiles.Settings, error) {
			return profiles.AWS(profiles.AWSSpec{Profile: ptr("acme-admin"), Region: ptr("eu-central-1")})
		},
		func() (profiles.Settings, error) {
			return profiles.GCP(profiles.GCPSpec{Project: ptr("acme-prod-123")})
		},
		func() (profiles.Settings, error) {
			return profiles.Azure(profiles.AzureSpec{Subscription: ptr("0b1f2a3c-0000-4000-8000-000000000001")})
		},
		func() (profiles.Settings, error) {
			return profiles.Git(profiles.GitSpec{Name: ptr("Ada"), Email: ptr("ada@acme.io"), SSHKey: &key})
		},
	} {
		settings, err := s()
		require.NoError(t, err)
		require.NoError(t, w.ApplySettings(ctx, "acme", settings, nil, nil))
	}
	require.NoError(t, w.Isolate(ctx, "acme", []string{"gh", "gcloud"}, false))
	kc := filepath.Join(dir, "kubeconfig")
	require.NoError(t, os.WriteFile(kc, []byte(testKubeconfig), 0o600))
	_, err = w.KubeAdd(ctx, "acme", kc, nil, ptr("payments"))
	require.NoError(t, err)
	_, err = w.AddRepo(ctx, "acme", filepath.Join(dir, "src", "api"), "git@github.com:acme/api.git")
	require.NoError(t, err)
	require.NoError(t, w.SetRunbook(ctx, "acme", "# Deploys\nArgo syncs main.\n"))
	_, err = w.AddNote(ctx, "acme", "rotated the deploy key")
	require.NoError(t, err)
}

func TestHandoffDocumentAndBundle(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t)
	clock := w.clk
	dir := t.TempDir()
	addFullClient(t, w, dir)
	p, err := w.clients.StoredProfile(ctx, "acme")
	require.NoError(t, err)

	// 2h30 billable last week, 1h non-billable, and an entry older than 30 days.
	day := clock.t.AddDate(0, 0, -6)
	for _, e := range []NewEntry{
		{Client: "acme", From: day, To: day.Add(150 * time.Minute)},
		{Client: "acme", From: day.Add(3 * time.Hour), To: day.Add(4 * time.Hour), NonBillable: true},
		{Client: "acme", From: clock.t.AddDate(0, 0, -40), To: clock.t.AddDate(0, 0, -40).Add(time.Hour)},
	} {
		_, err := w.AddEntry(ctx, e)
		require.NoError(t, err)
	}
	require.NoError(t, w.db.LogAccess(ctx, store.Access{At: day, ClientID: p.Client.ID, Session: "s1", Action: "switch", SecretNames: []string{"GITHUB_TOKEN", "VAULT_TOKEN"}}))
	require.NoError(t, w.db.LogAccess(ctx, store.Access{At: day.Add(time.Hour), ClientID: p.Client.ID, Session: "s2", Action: "exec", Detail: "terraform plan", SecretNames: []string{"VAULT_TOKEN"}}))

	doc, err := w.Handoff(ctx, "acme")
	require.NoError(t, err)
	var tracked, billable int64
	for _, wk := range doc.Weeks {
		tracked += wk.Seconds
		billable += wk.BillableSeconds
	}
	assert.Equal(t, int64(210*60), tracked, "the entry older than 30 days is left out")
	assert.Equal(t, int64(150*60), billable)
	require.Len(t, doc.Contexts, 1)
	assert.Equal(t, "https://prod.k8s.acme.io:6443", doc.Contexts[0].Server)
	assert.Equal(t, 2, doc.Usage.Sessions)
	assert.Equal(t, []string{"GITHUB_TOKEN", "VAULT_TOKEN"}, doc.Bundle.Secrets)
	assert.Equal(t, "payments", doc.Bundle.Settings["kube.namespace"])
	kinds := map[string]bool{}
	for _, a := range doc.HandBack {
		kinds[a.Kind] = true
	}
	for _, k := range []string{"secret", "aws", "gcp", "azure", "kube", "tool", "ssh-key", "git-host"} {
		assert.True(t, kinds[k], "checklist has %s", k)
	}

	md := handoff.Markdown(doc)
	portable, _, err := handoff.Portable(doc.Bundle, "")
	require.NoError(t, err)
	data, err := handoff.Encode(portable)
	require.NoError(t, err)
	for _, out := range []string{md, string(data)} {
		assert.NotContains(t, out, secretMarker)
		assert.NotContains(t, out, "kube-token", "kubeconfig credentials stay out too")
	}
	assert.Contains(t, md, "https://prod.k8s.acme.io:6443")
	assert.Contains(t, md, "| **Total** | **3:30** | **2:30** |")
	assert.Contains(t, md, "`stint secret set acme VAULT_TOKEN`")

	// Import on "another machine".
	w2 := newFixture(t)
	res, err := w2.ImportBundle(ctx, data, ImportOptions{Src: "/srv/src"})
	require.NoError(t, err)
	assert.Equal(t, "acme", res.Client)
	assert.Equal(t, []string{"REGION", "TF_WORKSPACE"}, res.Vars)
	var secretFixes []string
	for _, f := range res.Fixes {
		if f.What == "secret" {
			secretFixes = append(secretFixes, f.Command)
		}
	}
	assert.Equal(t, []string{"stint secret set acme GITHUB_TOKEN", "stint secret set acme VAULT_TOKEN"}, secretFixes)

	before, err := w.Profile(ctx, "acme")
	require.NoError(t, err)
	after, err := w2.Profile(ctx, "acme")
	require.NoError(t, err)
	for i := range before.Secrets {
		before.Secrets[i].Size = 0 // values (and so sizes) do not travel
	}
	before.Client.CreatedAt, before.Client.UpdatedAt = time.Time{}, time.Time{}
	after.Client.CreatedAt, after.Client.UpdatedAt = time.Time{}, time.Time{}
	assert.True(t, after.Client.ReviewPending, "imported content waits for a review")
	after.Client.ReviewPending = false
	// Placed under the receiver's root; files are provided there, not taken.
	assert.Equal(t, []RepoInfo{{Path: "/srv/src/api", URL: "git@github.com:acme/api.git"}}, after.Repos)
	assert.Empty(t, after.Kube.Sources)
	before.Repos, before.Kube = after.Repos, after.Kube
	delete(before.Git, "ssh_key")
	assert.Equal(t, before, after)
	rb, _ := w2.Runbook(ctx, "acme")
	assert.Equal(t, "# Deploys\nArgo syncs main.\n", rb)
	notes, _ := w2.Notes(ctx, "acme", 0)
	require.Len(t, notes, 1)
	assert.Equal(t, "rotated the deploy key", notes[0].Text)
	entries, err := w2.Entries(ctx, time.Time{}, time.Time{}, "acme")
	require.NoError(t, err)
	assert.Empty(t, entries, "time entries stay with the engineer")

	// Same name again: refused; --as gives it a new name.
	_, err = w2.ImportBundle(ctx, data, ImportOptions{Src: "/srv/src"})
	assert.True(t, badinput.Is(err))
	assert.ErrorContains(t, err, "already exists: import it under another name with --as NAME")
	res, err = w2.ImportBundle(ctx, data, ImportOptions{Src: "/srv/src", As: "acme-old"})
	require.NoError(t, err)
	assert.Equal(t, "acme-old", res.Client)
	_, err = w2.ImportBundle(ctx, data, ImportOptions{Src: "/srv/src", As: "Bad Name"})
	assert.True(t, badinput.Is(err))
}

func TestImportBundleRefusesNewerVersion(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, withoutKeyring())
	_, err := w.ImportBundle(ctx, []byte(`{"stint_bundle": 9, "client": {"slug": "x"}}`), ImportOptions{Src: "/srv/src"})
	require.Error(t, err)
	assert.True(t, badinput.Is(err))
	assert.True(t, strings.Contains(err.Error(), "newer stint"), err.Error())
	cs, err := w.Clients(ctx, true)
	require.NoError(t, err)
	assert.Empty(t, cs)
}

// bundleWith is an exported bundle of a plain client, changed by edit.
func bundleWith(t testing.TB, edit func(*handoff.Bundle)) []byte {
	t.Helper()
	w := newFixture(t, withoutKeyring())
	w.addClient("acme")
	require.NoError(t, w.SetVars(context.Background(), "acme", []string{"REGION=eu"}))
	doc, err := w.Handoff(context.Background(), "acme")
	require.NoError(t, err)
	edit(&doc.Bundle)
	portable, _, err := handoff.Portable(doc.Bundle, "")
	require.NoError(t, err)
	data, err := handoff.Encode(portable)
	require.NoError(t, err)
	return data
}

func TestImportBundleHoldsContentPendingUntilAllowed(t *testing.T) {
	ctx := context.Background()
	evil := bundleWith(t, func(b *handoff.Bundle) {
		b.Vars["ZDOTDIR"] = "/tmp/evil-zsh"
		b.Vars["LD_PRELOAD"] = "/tmp/evil.so"
		b.Secrets = append(b.Secrets, "GIT_SSH_COMMAND")
	})
	w := newFixture(t)
	var shown Review
	res, err := w.ImportBundle(ctx, evil, ImportOptions{Src: "/srv/src", Confirm: func(r Review) bool { shown = r; return false }})
	require.NoError(t, err)
	assert.True(t, res.Pending)
	assert.Equal(t, shown.Hash, res.Review.Hash, "the review shown is the content written")
	assert.Equal(t, []string{"GIT_SSH_COMMAND", "LD_PRELOAD", "ZDOTDIR"}, res.Review.RunsCode())
	stored, err := w.Review(ctx, "acme")
	require.NoError(t, err)
	assert.True(t, stored.Pending)
	assert.Equal(t, res.Review.Hash, stored.Hash, "the hash of what is imported is the hash of what is read back")

	_, err = w.Allow(ctx, "acme", "not-the-hash")
	require.Error(t, err)
	assert.True(t, badinput.Is(err))
	allowed, err := w.Allow(ctx, "acme", stored.Hash)
	require.NoError(t, err)
	assert.False(t, allowed.Pending)

	res, err = w.ImportBundle(ctx, evil, ImportOptions{Src: "/srv/src", As: "acme-2", Trust: true})
	require.NoError(t, err)
	assert.False(t, res.Pending)
	assert.Equal(t, []string{"LD_PRELOAD", "REGION", "ZDOTDIR"}, res.Vars)
	res, err = w.ImportBundle(ctx, evil, ImportOptions{Src: "/srv/src", As: "acme-3", Confirm: func(Review) bool { return true }})
	require.NoError(t, err)
	assert.False(t, res.Pending)
}

func TestHandoffCarriesNoURLCredentials(t *testing.T) {
	ctx := context.Background()
	const token = "ghp_NotARealToken0123456789"
	w := newFixture(t, withoutKeyring())
	w.addClient("acme")
	// A database written before AddRepo stripped credentials.
	p, err := w.clients.StoredProfile(ctx, "acme")
	require.NoError(t, err)
	require.NoError(t, w.db.ApplyProfileChange(ctx, p.Client.ID, store.ProfileChange{AddRepos: []store.Repo{
		{Path: "/src/acme/api", URL: "https://x-access-token:" + token + "@github.com/acme/api.git", AddedAt: w.Now()},
	}}))
	doc, err := w.Handoff(ctx, "acme")
	require.NoError(t, err)
	data, err := handoff.Encode(doc.Bundle)
	require.NoError(t, err)
	for name, text := range map[string]string{"markdown": handoff.Markdown(doc), "bundle": string(data)} {
		assert.NotContains(t, text, token, name)
		assert.Contains(t, text, "https://github.com/acme/api.git", name)
	}

	// A bundle that carries one (another stint, or edited by hand) is
	// imported without it.
	withToken := bundleWith(t, func(b *handoff.Bundle) {
		b.Repos = []handoff.Repo{{Path: "/src/acme/web", URL: "https://oauth2:" + token + "@gitlab.acme.io/acme/web.git"}}
	})
	w2 := newFixture(t, withoutKeyring())
	_, err = w2.ImportBundle(ctx, withToken, ImportOptions{Src: "/srv/src"})
	require.NoError(t, err)
	repos, err := w2.Repos(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, []RepoInfo{{Path: "/srv/src/web", URL: "https://gitlab.acme.io/acme/web.git"}}, repos)
}
