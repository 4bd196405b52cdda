package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/handoff"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/secrets"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench"
)

// handoffMarker is in every secret value these tests set; it must appear in
// no document, bundle or output.
const handoffMarker = "HANDOFF-SECRET-5e1f0c"

// keyringHas reports whether the harness's keyring (the real secrets.Store
// over an in-memory backend) holds an item for client.
func keyringHas(h *harness, client string) bool {
	return slices.Contains(h.keyring.Users(secrets.Service), client)
}

// fullClient gives acme every kind of setting, two secrets, repos, notes,
// time and access-log rows.
func fullClient(t *testing.T, h *harness) {
	t.Helper()
	dir := t.TempDir()
	h.ok("client", "add", "acme", "--name", "Acme Corp", "--rate", "150.00", "--currency", "EUR", "--round", "15m",
		"--round-mode", "nearest", "--tz", "Europe/Berlin", "--color", "#ff8800", "--prod", "--workdir", dir)
	h.ok("set", "acme", "TF_WORKSPACE=prod", "WEIRD=a|b`c d")
	for _, k := range []string{"GITHUB_TOKEN", "VAULT_TOKEN"} {
		h.stdin = handoffMarker + "-" + k
		h.ok("secret", "set", "acme", k)
	}
	key := filepath.Join(dir, "id_acme")
	awsCfg := filepath.Join(dir, "aws-config")
	for _, f := range []string{key, awsCfg} {
		require.NoError(t, os.WriteFile(f, []byte("x"), 0o600))
	}
	h.ok("aws", "acme", "--profile", "acme-admin", "--region", "eu-central-1", "--config-file", awsCfg)
	h.ok("gcp", "acme", "--project", "acme-prod-123", "--region", "europe-west1", "--isolate")
	h.ok("azure", "acme", "--subscription", "0b1f2a3c-0000-4000-8000-000000000001", "--tenant", "acme.onmicrosoft.com")
	h.ok("git", "acme", "--name", "Ada Lovelace", "--email", "ada@acme.io", "--ssh-key", key, "--signing-key", "ABCDEF12")
	h.ok("isolate", "acme", "gh")
	kc := writeKubeconfig(t, dir, "kubeconfig", "prod", "staging")
	h.ok("kube", "add", "acme", "--kubeconfig", kc, "--namespace", "payments")
	h.ok("kube", "prod", "acme", "prod", "on")
	h.ok("repo", "add", "acme", dir)
	h.ok("repo", "add", "acme", filepath.Join(dir, "not-cloned"), "--url", "git@github.com:acme/api.git")
	h.env["EDITOR"] = fakeEditor(t, "# Deploys\\nArgo syncs main.\\n")
	h.ok("note", "edit", "acme")
	delete(h.env, "EDITOR")
	h.ok("note", "add", "acme", "rotated the deploy key")
	yesterday := time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02")
	h.ok("add", "acme", "--from", yesterday+" 09:00", "--to", yesterday+" 11:30", "-m", "on-call handover")

	ctx := context.Background()
	c, err := h.wb.DB().Client(ctx, "acme")
	require.NoError(t, err)
	require.NoError(t, h.wb.DB().LogAccess(ctx, store.Access{At: time.Now().Add(-time.Hour), ClientID: c.ID, Session: "1234",
		Action: "switch", SecretNames: []string{"GITHUB_TOKEN", "VAULT_TOKEN"}}))
	require.NoError(t, h.wb.DB().LogAccess(ctx, store.Access{At: time.Now().Add(-time.Minute), ClientID: c.ID, Session: "5678",
		Action: "exec", Detail: "terraform plan", SecretNames: []string{"VAULT_TOKEN"}}))
}

func TestHandoffRoundTrip(t *testing.T) {
	h := newHarness(t)
	fullClient(t, h)

	out := filepath.Join(t.TempDir(), "handoff")
	require.NoError(t, os.MkdirAll(out, 0o700))
	mdPath, bundlePath := filepath.Join(out, "acme.md"), filepath.Join(out, "acme.json")
	r := h.run("handoff", "export", "acme", "-o", mdPath, "--bundle", bundlePath)
	require.Equal(t, 0, r.code, r.stderr)
	stdoutMD := h.ok("handoff", "export", "acme")

	md, err := os.ReadFile(mdPath)
	require.NoError(t, err)
	bundle, err := os.ReadFile(bundlePath)
	require.NoError(t, err)
	for _, p := range []string{mdPath, bundlePath} {
		info, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), p)
	}
	for name, text := range map[string]string{"markdown": string(md), "bundle": string(bundle), "stdout": r.stdout + stdoutMD, "stderr": r.stderr} {
		assert.NotContains(t, text, handoffMarker, "a secret value leaked into the %s", name)
		assert.NotContains(t, text, "token-of-prod", "a kubeconfig credential leaked into the %s", name)
	}
	assert.Equal(t, string(md), stdoutMD)
	for _, want := range []string{
		"# Handoff: Acme Corp (`acme`)", "EUR 150.00 per hour", "nearest to 15 minutes per entry",
		"| `TF_WORKSPACE` | `prod` |", "`stint secret set acme GITHUB_TOKEN`",
		"profile `acme-admin`", "project `acme-prod-123`", "subscription `0b1f2a3c-0000-4000-8000-000000000001`",
		"`https://prod.example.com:6443`", "`git@github.com:acme/api.git`", "### Deploys", "rotated the deploy key",
		"| **Total** | **2:30** | **2:30** |", "**secret** `VAULT_TOKEN`", "**kube** `staging`", "**tool** `gcloud`",
		"**ssh-key**", "**git-host** `github.com`", "1 exec, 1 switch in 2 sessions",
		"Production contexts (mutating commands through them ask first): `prod`",
	} {
		assert.Contains(t, string(md), want)
	}
	assert.True(t, strings.HasPrefix(string(bundle), "{\n  \"stint_bundle\": 2,"))
	assert.NotContains(t, string(bundle), "on-call handover", "time entries stay with the engineer")
	var before workbench.ProfileView
	require.NoError(t, json.Unmarshal([]byte(h.ok("client", "show", "acme", "--json")), &before))
	sender := filepath.Dir(before.Client.Workdir)
	assert.NotContains(t, string(bundle), sender, "no absolute path of the sender's machine travels")
	assert.Contains(t, r.stdout, "Repository paths are relative to "+sender+".")

	// A fresh STINT_HOME on "another machine", repositories under a root of
	// the receiver's choosing.
	h2 := newHarness(t)
	recv := filepath.Join(h2.home, "work", "acme")
	imported := h2.ok("handoff", "import", bundlePath, "--src", recv)
	base := filepath.Base(before.Client.Workdir)
	for _, want := range []string{
		"Imported acme.\n", "Repositories and working directory go under " + recv + ".",
		"stint secret set acme GITHUB_TOKEN", "stint secret set acme VAULT_TOKEN",
		"kubeconfig: provide your kubeconfig (the sender's was named kubeconfig); the default context was prod (stint kube use acme prod): stint kube add acme --kubeconfig PATH --context prod --context staging --namespace payments",
		"id_acme: provide your own SSH key for the client (the sender's was named id_acme): stint git acme --ssh-key PATH",
		"aws-config: provide your AWS config file (the sender's was named aws-config): stint aws acme --config-file PATH",
		"prod: the sender had this context marked production: mark it again once it is bound, so the guard asks before changes reach it: stint kube prod acme prod on",
		filepath.Join(recv, base, "not-cloned") + ": not cloned on this machine",
	} {
		assert.Contains(t, imported, want)
	}

	var after workbench.ProfileView
	require.NoError(t, json.Unmarshal([]byte(h2.ok("client", "show", "acme", "--json")), &after))
	assert.Equal(t, filepath.Join(recv, base), after.Client.Workdir)
	assert.Equal(t, []workbench.RepoInfo{{Path: filepath.Join(recv, base)}, {Path: filepath.Join(recv, base, "not-cloned"), URL: "git@github.com:acme/api.git"}}, after.Repos)
	assert.Empty(t, after.Kube.Sources, "files are provided here, never taken from a bundle")
	assert.Empty(t, after.Git["ssh_key"])
	assert.Empty(t, after.AWS["config_file"])

	// Provided as the import said, the profile is the sender's.
	h2.ok("kube", "add", "acme", "--kubeconfig", before.Kube.Sources[0], "--context", "prod", "--context", "staging", "--namespace", "payments")
	h2.ok("kube", "prod", "acme", "prod", "on")
	h2.ok("git", "acme", "--ssh-key", before.Git["ssh_key"])
	h2.ok("aws", "acme", "--config-file", before.AWS["config_file"])
	require.NoError(t, json.Unmarshal([]byte(h2.ok("client", "show", "acme", "--json")), &after))
	require.Len(t, before.Secrets, 2)
	for i := range before.Secrets {
		assert.Positive(t, before.Secrets[i].Size)
		before.Secrets[i].Size = 0 // values (and so sizes) do not travel
	}
	before.Client.CreatedAt, before.Client.UpdatedAt = time.Time{}, time.Time{}
	after.Client.CreatedAt, after.Client.UpdatedAt = time.Time{}, time.Time{}
	assert.True(t, after.Client.ReviewPending, "imported content waits for a review")
	after.Client.ReviewPending = false
	before.Client.Workdir, before.Repos = after.Client.Workdir, after.Repos // placed under the receiver's root
	assert.Equal(t, before, after)

	var n1, n2 noteListing
	require.NoError(t, json.Unmarshal([]byte(h.ok("note", "list", "acme", "--json")), &n1))
	require.NoError(t, json.Unmarshal([]byte(h2.ok("note", "list", "acme", "--json")), &n2))
	assert.Equal(t, n1.Runbook, n2.Runbook)
	require.Len(t, n2.Log, 1)
	assert.Equal(t, n1.Log[0].Text, n2.Log[0].Text)
	assert.Equal(t, n1.Log[0].At, n2.Log[0].At)

	var entries []workbench.Entry
	require.NoError(t, json.Unmarshal([]byte(h2.ok("log", "--client", "acme", "--from", "2000-01-01", "--json")), &entries))
	assert.Empty(t, entries)

	// The imported client is a working client: it exports again.
	assert.Contains(t, h2.ok("handoff", "export", "acme"), "# Handoff: Acme Corp")

	// Same name again is refused; --as imports a second copy.
	h2.fails(2, `client "acme" already exists: import it under another name with --as NAME, or into it again with --update`, "handoff", "import", bundlePath)
	assert.Contains(t, h2.ok("handoff", "import", bundlePath, "--as", "acme-old"), "stint secret set acme-old VAULT_TOKEN")

	// Allowed, then imported again unchanged: still allowed, and what was
	// provided here stays. Changed in any way: pending again.
	h2.ok("client", "allow", "acme")
	again := h2.ok("handoff", "import", bundlePath, "--update")
	assert.Contains(t, again, "Updated acme.\n")
	assert.NotContains(t, again, "Pending review")
	var updated workbench.ProfileView
	require.NoError(t, json.Unmarshal([]byte(h2.ok("client", "show", "acme", "--json")), &updated))
	updated.Client.CreatedAt, updated.Client.UpdatedAt = time.Time{}, time.Time{}
	assert.Equal(t, after, updated)
	h2.ok("env", "acme")

	changed := filepath.Join(t.TempDir(), "changed.json")
	require.NoError(t, os.WriteFile(changed, bytes.Replace(bundle, []byte(`"prod"`), []byte(`"staging"`), 1), 0o600))
	require.Contains(t, string(bundle), `"TF_WORKSPACE": "prod"`)
	assert.Contains(t, h2.ok("handoff", "import", changed, "--update"), "Pending review")
	h2.fails(1, "client acme holds imported settings not yet allowed", "env", "acme")
	assert.Contains(t, h2.ok("client", "review", "acme"), "variable TF_WORKSPACE=staging")
	h2.ok("client", "allow", "acme")
	h2.ok("env", "acme")
}

func TestHandoffImportRefusesBadBundles(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme", "--rate", "100")
	h.ok("note", "add", "acme", "hello")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	h.ok("handoff", "export", "acme", "--bundle", good)
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	text := string(data)
	cases := []struct {
		want string
		file string
	}{
		{"bundle is truncated", write("truncated.json", text[:len(text)*2/3])},
		{"bundle version 3 was written by a newer stint", write("newer.json", strings.Replace(text, `"stint_bundle": 2`, `"stint_bundle": 3`, 1))},
		{"unknown bundle version 0", write("zero.json", strings.Replace(text, `"stint_bundle": 2`, `"stint_bundle": 0`, 1))},
		{"not a stint bundle", write("other.json", `{"name": "something else"}`)},
		{`"client.rate_minor" has the wrong type`, write("types.json", strings.Replace(text, `"rate_minor": 10000`, `"rate_minor": "100.00"`, 1))},
		{`"log" has the wrong type`, write("types2.json", withField(t, data, "log", "yesterday"))},
		{`"client.production" has the wrong type`, write("types3.json", withField(t, data, "client", map[string]any{"slug": "x", "production": "yes"}))},
		{"bundle is empty", write("empty.json", "")},
		// A bundle's rate is checked as a typed one: the overflowing
		// rate is refused, not imported.
		{"above the limit of USD 1,000,000,000.00 per hour", write("rate.json", strings.Replace(text, `"rate_minor": 10000`, `"rate_minor": 9223372036854775807`, 1))},
		{"rate -0.01 is negative", write("negative.json", strings.Replace(text, `"rate_minor": 10000`, `"rate_minor": -1`, 1))},
		{"minimum per entry of 100000 minutes is out of range", write("minimum.json", strings.Replace(text, `"minimum_minutes": 0`, `"minimum_minutes": 100000`, 1))},
		{"does not exist", filepath.Join(dir, "missing.json")},
		{`client "acme" already exists`, good},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			h.fails(2, c.want, "handoff", "import", c.file)
		})
	}
	h.fails(2, "client name \"Not Valid\" is invalid", "handoff", "import", good, "--as", "Not Valid")
	h.fails(2, "usage: stint handoff import FILE.json", "handoff", "import")
	h.fails(2, "no client named \"nobody\"", "handoff", "export", "nobody")
}

// withField is a bundle with one top-level field replaced.
func withField(t *testing.T, bundle []byte, key string, value any) string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(bundle, &m))
	m[key] = value
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return string(out)
}

func TestOffboard(t *testing.T) {
	h := newHarness(t)
	fullClient(t, h)
	h.ok("client", "add", "globex")
	h.stdin = "g"
	h.ok("secret", "set", "globex", "TOKEN")

	l, err := paths.Resolve(func(k string) string { return h.env[k] })
	require.NoError(t, err)
	gh, gcloud, kubeDir := l.ToolHome("acme", "gh"), l.ToolHome("acme", "gcloud"), l.ClientKubeDir("acme")
	otherHome := l.ToolHome("globex", "gh")
	for _, d := range []string{gh, gcloud, kubeDir, otherHome} {
		require.NoError(t, os.MkdirAll(d, 0o700))
	}
	require.NoError(t, os.WriteFile(filepath.Join(gh, "hosts.yml"), []byte("oauth_token: x"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(kubeDir, "kube-1234.yaml"), []byte("x"), 0o600))

	// No terminal and no --yes: refused, nothing touched.
	h.fails(2, "confirm in a terminal, or pass --yes", "offboard", "acme")
	assert.DirExists(t, gh)
	assert.True(t, keyringHas(h, "acme"))
	// Answering no changes nothing either.
	h.tty, h.stdin = true, "n\n"
	r := h.run("offboard", "acme")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "Offboarding acme will:")
	assert.Contains(t, r.stderr, "stint: offboarding acme cancelled; nothing was changed")
	assert.DirExists(t, gh)
	assert.True(t, keyringHas(h, "acme"), "nothing removed from the keyring")

	h.stdin = "y\n"
	r = h.run("offboard", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	h.tty = false
	assert.Contains(t, r.stdout, "Offboarded acme: 2 secrets removed from the keyring")
	for _, want := range []string{"[ ] secret GITHUB_TOKEN", "[ ] aws acme-admin", "[ ] kube prod (https://prod.example.com:6443)", "[ ] tool gh", "[ ] git-host github.com"} {
		assert.Contains(t, r.stdout, want)
	}
	assert.NotContains(t, r.stdout, handoffMarker)
	assert.False(t, keyringHas(h, "acme"), "acme's keyring item is gone")
	assert.True(t, keyringHas(h, "globex"), "other clients' items stay")
	assert.NoDirExists(t, l.ClientDir("acme"))
	assert.NoDirExists(t, kubeDir)
	assert.DirExists(t, otherHome)

	var cs []workbench.ClientInfo
	require.NoError(t, json.Unmarshal([]byte(h.ok("client", "list", "--all", "--json")), &cs))
	require.Len(t, cs, 2)
	assert.True(t, cs[0].Archived)
	var ss []workbench.SecretInfo
	require.NoError(t, json.Unmarshal([]byte(h.ok("secret", "list", "acme", "--json")), &ss))
	assert.Empty(t, ss)
	var entries []workbench.Entry
	require.NoError(t, json.Unmarshal([]byte(h.ok("log", "--client", "acme", "--from", "2000-01-01", "--json")), &entries))
	assert.Len(t, entries, 1, "time entries stay for billing")

	// --yes needs no terminal; JSON output.
	var o workbench.Offboarding
	require.NoError(t, json.Unmarshal([]byte(h.ok("offboard", "globex", "--yes", "--json")), &o))
	assert.Equal(t, []string{"TOKEN"}, o.Secrets)
	assert.True(t, o.Archived)
	h.fails(2, "no client named \"nobody\"", "offboard", "nobody", "--yes")
}

func TestAccessLog(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	assert.Contains(t, h.ok("access", "acme"), "No access to acme recorded.")
	ctx := context.Background()
	c, err := h.wb.DB().Client(ctx, "acme")
	require.NoError(t, err)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, a := range []store.Access{
		{At: t0, ClientID: c.ID, Session: "4242", Action: "switch", SecretNames: []string{"GH_TOKEN", "VAULT_TOKEN"}},
		{At: t0.Add(time.Hour), ClientID: c.ID, Session: "4243", Action: "exec", Detail: "kubectl get pods", SecretNames: []string{"VAULT_TOKEN"}},
	} {
		require.NoError(t, h.wb.DB().LogAccess(ctx, a))
	}
	out := h.ok("access", "acme")
	for _, want := range []string{"SESSION", "4242", "1 switch", "GH_TOKEN VAULT_TOKEN", "2026-03-02 10:00", "kubectl get pods"} {
		assert.Contains(t, out, want)
	}
	var rep workbench.AccessReport
	require.NoError(t, json.Unmarshal([]byte(h.ok("access", "acme", "--json")), &rep))
	assert.Len(t, rep.Events, 2)
	require.Len(t, rep.Sessions, 2)
	assert.Equal(t, "4242", rep.Sessions[0].Session)
	rep = workbench.AccessReport{}
	require.NoError(t, json.Unmarshal([]byte(h.ok("access", "acme", "--since", "2026-03-02 09:30", "--json")), &rep))
	assert.Len(t, rep.Events, 1)
	h.fails(2, "no client named \"nobody\"", "access", "nobody")
}

// TestHandoffImportHoldsEverythingPendingUntilAllowed: whatever a bundle
// sets — names on the runs-code list or not — waits for a review; switch,
// env, exec and shell are refused with one line naming the two commands,
// and nothing is written by the refusal. The list is a louder warning.
func TestHandoffImportHoldsEverythingPendingUntilAllowed(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("set", "acme", "REGION=eu-west-1")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	h.ok("handoff", "export", "acme", "--bundle", good)
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	evil := write("evil.json", withField(t, data, "vars", map[string]any{
		"REGION": "eu-west-1", "ZDOTDIR": "/tmp/evil-zsh", "LD_PRELOAD": "/tmp/evil.so", "HTTPS_PROXY": "http://evil.example:3128",
	}))

	h2 := newHarness(t)
	out := h2.ok("handoff", "import", evil)
	assert.Contains(t, out, "Imported acme.")
	assert.Contains(t, out, "WARNING: the bundle sets LD_PRELOAD, ZDOTDIR, which make shells or programs run code.")
	assert.Contains(t, out, "Pending review: nothing of it applies until you have seen it: `stint client review acme`, then `stint client allow acme`.")
	assert.Contains(t, h2.ok("client", "list"), "pending-review")
	doc := h2.run("doctor")
	assert.Contains(t, doc.stdout, "review acme")
	assert.Contains(t, doc.stdout, "`stint client review acme`, then `stint client allow acme`")

	const want = "client acme holds imported settings not yet allowed: see them with `stint client review acme`, then `stint client allow acme`"
	f := hooked(t, h2)
	for _, args := range [][]string{{"switch", "acme"}, {"env", "acme"}, {"exec", "acme", "--", "true"}, {"shell", "acme"}} {
		h2.env["SHELL"] = "/bin/sh"
		h2.fails(1, want, args...) // exit 1: the shell commands' failure, as for an archived client
	}
	assert.Empty(t, readEval(t, f))
	h2.fails(2, want, "aws", "creds", "acme") // an imported SSO start URL or role is not used either
	h2.fails(2, want, "repo", "clone", "acme")
	kube, _ := filepath.Glob(filepath.Join(h2.home, "*", "kube", "acme", "*"))
	assert.Empty(t, kube)

	// The review shows every value, the risky ones marked; HTTPS_PROXY is not on
	// the list and is held all the same.
	review := h2.ok("client", "review", "acme")
	assert.Contains(t, review, "variable HTTPS_PROXY=http://evil.example:3128\n")
	assert.Contains(t, review, "variable LD_PRELOAD=/tmp/evil.so   <- RUNS CODE")
	assert.Contains(t, review, "Pending review: allow it with `stint client allow acme`.")
	var r workbench.Review
	require.NoError(t, json.Unmarshal([]byte(h2.ok("client", "review", "acme", "--json")), &r))
	assert.True(t, r.Pending)
	h2.fails(2, "the content of acme changed since it was shown: review it again with `stint client review acme`", "client", "allow", "acme", "--hash", "0000")

	assert.Equal(t, "Allowed acme: switch to it with `stint switch acme`.\n", h2.ok("client", "allow", "acme", "--hash", r.Hash))
	assert.NotContains(t, h2.ok("client", "list"), "pending-review")
	assert.Contains(t, h2.ok("env", "acme"), "/tmp/evil.so")

	// Names the shells keep for themselves (PATH, PROMPT_COMMAND …) are
	// refused whatever --trust says: no switch could set them.
	for _, name := range []string{"PATH", "PS1", "PROMPT_COMMAND"} {
		asVar := write(name+"-shell.json", withField(t, data, "vars", map[string]any{name: "x"}))
		h2.fails(2, name+" belongs to the shell", "handoff", "import", asVar, "--trust", "--as", "other")
	}

	// Each kind of listed name is warned about, as a variable or a secret name.
	for _, name := range []string{"LD_LIBRARY_PATH", "DYLD_INSERT_LIBRARIES", "GIT_SSH_COMMAND",
		"GIT_CONFIG_KEY_0", "GIT_CONFIG_GLOBAL", "GIT_EXEC_PATH", "PAGER", "EDITOR", "PYTHONSTARTUP", "NODE_OPTIONS", "PERL5OPT", "RUBYOPT"} {
		t.Run(name, func(t *testing.T) {
			h3 := newHarness(t)
			asVar := write(name+"-var.json", withField(t, data, "vars", map[string]any{name: "x"}))
			assert.Contains(t, h3.ok("handoff", "import", asVar), "the bundle sets "+name+", which")
			asSecret := write(name+"-secret.json", withField(t, data, "secrets", []string{name}))
			assert.Contains(t, h3.ok("handoff", "import", asSecret, "--as", "two"), "the bundle sets "+name+", which")
		})
	}

	// --trust allows at once.
	out = h2.ok("handoff", "import", good, "--as", "acme-2", "--trust")
	assert.Contains(t, out, "Variables: REGION\n")
	assert.NotContains(t, out, "Pending")
	h2.ok("env", "acme-2")
	var res workbench.ImportResult
	require.NoError(t, json.Unmarshal([]byte(h2.ok("handoff", "import", good, "--as", "acme-3", "--json")), &res))
	assert.Equal(t, []string{"REGION"}, res.Vars)
	assert.True(t, res.Pending)

	// On a terminal import shows it all and asks: yes allows, anything else
	// leaves it pending.
	h2.tty = true
	h2.stdin = "y\n"
	r2 := h2.run("handoff", "import", good, "--as", "acme-4")
	require.Equal(t, 0, r2.code, r2.stderr)
	assert.Contains(t, r2.stderr, "variable REGION=eu-west-1")
	assert.Contains(t, r2.stderr, "Allow this for acme-4 now?")
	h2.ok("env", "acme-4")
	h2.stdin = "n\n"
	assert.Contains(t, h2.ok("handoff", "import", good, "--as", "acme-5"), "Pending review")
	h2.tty = false
	h2.fails(1, "client acme-5 holds imported settings not yet allowed", "env", "acme-5")
}

func TestAccessTimesNameTheClientsZone(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := workbench.AccessReport{Client: "kaisha",
		Events:   []handoff.Event{{At: at, Session: "1-a", Action: "switch"}},
		Sessions: []workbench.SessionAccess{{Session: "1-a", First: at, Last: at, Actions: map[string]int{"switch": 1}}}}
	var b strings.Builder
	require.NoError(t, printAccess(&b, r, tokyo, time.UTC))
	assert.Contains(t, b.String(), "2026-03-02 18:00 JST")
	b.Reset()
	require.NoError(t, printAccess(&b, r, time.UTC, time.UTC))
	assert.Contains(t, b.String(), "2026-03-02 09:00  ")
	assert.NotContains(t, b.String(), "UTC")
}

// TestImportedPathsStayUnderTheReceiversRoot: a bundle cannot place a
// repository outside the root the receiver chose, nor in a hidden directory
// of the home, and `repo clone` writes nowhere else.
func TestImportedPathsStayUnderTheReceiversRoot(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	h.ok("handoff", "export", "acme", "--bundle", good)
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	repo := func(path string) string {
		return write(strings.NewReplacer("/", "_", ".", "_").Replace(path)+".json",
			withField(t, data, "repos", []map[string]string{{"path": path, "url": "https://git.example/x.git"}}))
	}

	h2 := newHarness(t)
	h2.ok("client", "list")
	for path, want := range map[string]string{
		"/home/ada/.config/git": "is absolute: a bundle carries paths relative to its source root",
		"../.config/git":        "has an empty, . or .. component",
		".config/git":           "goes through the hidden directory .config",
		"api/.git/hooks":        "goes through the hidden directory .git",
		"a/../../b":             "has an empty, . or .. component",
	} {
		h2.fails(2, want, "handoff", "import", repo(path), "--trust")
	}
	// The receiver's root itself may not be a hidden directory of home.
	h2.fails(2, "is in the hidden directory "+filepath.Join(h2.home, ".config"), "handoff", "import", repo("api"), "--src", filepath.Join(h2.home, ".config", "acme"))
	require.NoError(t, os.Symlink(filepath.Join(h2.home, ".ssh"), filepath.Join(h2.home, "keys")))
	h2.fails(2, "is in the hidden directory", "handoff", "import", repo("api"), "--src", filepath.Join(h2.home, "keys"))

	// The default root is ~/src/NAME.
	out := h2.ok("handoff", "import", repo("api"), "--trust")
	assert.Contains(t, out, "Repositories and working directory go under "+filepath.Join(h2.home, "src", "acme")+".")
	var r workbench.Review
	require.NoError(t, json.Unmarshal([]byte(h2.ok("client", "review", "acme", "--json")), &r))
	assert.Equal(t, []workbench.RepoInfo{{Path: filepath.Join(h2.home, "src", "acme", "api"), URL: "https://git.example/x.git"}}, r.Repos)

	// repo clone refuses a target outside the client's roots, or one that
	// exists and is neither empty nor a clone, before cloning anything.
	outside := filepath.Join(t.TempDir(), "elsewhere")
	h2.ok("repo", "add", "acme", outside, "--url", "https://git.example/y.git")
	h2.fails(2, "repository path "+outside+" is outside acme's roots ("+filepath.Join(h2.home, "src", "acme")+"): remove it with `stint repo rm acme "+outside+"`", "repo", "clone", "acme")
	h2.ok("repo", "rm", "acme", outside)
	target := filepath.Join(h2.home, "src", "acme", "api")
	require.NoError(t, os.MkdirAll(target, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(target, "notes.txt"), []byte("mine"), 0o600))
	h2.fails(2, "repository path "+target+" exists, is not empty and is not a git repository", "repo", "clone", "acme")
}

// TestVersion1BundleIsReadWithNotices: a bundle from an older stint, with
// the sender's absolute paths, still imports: repositories by base name
// under the receiver's root, files to provide, each change said once.
func TestVersion1BundleIsReadWithNotices(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	h.ok("handoff", "export", "acme", "--bundle", good)
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	m["stint_bundle"] = 1
	m["repos"] = []map[string]string{{"path": "/home/ada/.config/git", "url": "https://git.example/cfg.git"}}
	m["kube"] = map[string]any{"sources": []string{"/home/ada/.kube/acme.yaml"}, "contexts": []string{"prod"}}
	m["settings"] = map[string]string{"git.ssh_key": "/home/ada/.ssh/id_acme"}
	m["client"].(map[string]any)["workdir"] = "/home/ada/src/acme"
	v1, err := json.Marshal(m)
	require.NoError(t, err)
	old := filepath.Join(dir, "v1.json")
	require.NoError(t, os.WriteFile(old, v1, 0o600))

	h2 := newHarness(t)
	out := h2.ok("handoff", "import", old)
	root := filepath.Join(h2.home, "src", "acme")
	for _, want := range []string{
		"Note: the bundle is version 1, with the sender's absolute paths: each repository is placed under the source root by its base name.",
		"Note: the sender's working directory /home/ada/src/acme is not used: set yours with `stint client edit acme --workdir DIR`.",
		"acme.yaml: provide your kubeconfig",
		"id_acme: provide your own SSH key",
		filepath.Join(root, "git") + ": not cloned on this machine",
	} {
		assert.Contains(t, out, want)
	}
	var p workbench.ProfileView
	require.NoError(t, json.Unmarshal([]byte(h2.ok("client", "show", "acme", "--json")), &p))
	assert.Equal(t, []workbench.RepoInfo{{Path: filepath.Join(root, "git"), URL: "https://git.example/cfg.git"}}, p.Repos)
	assert.Empty(t, p.Kube.Sources)
	assert.Empty(t, p.Client.Workdir)
}
