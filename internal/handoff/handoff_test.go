package handoff

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
)

func sampleBundle() Bundle {
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	return Bundle{
		Version: Version, ExportedAt: at,
		Client: Client{Slug: "acme", Name: "Acme | Corp", RateMinor: 15000, Currency: "USD", RoundMinutes: 15,
			RoundMode: "up", RoundPer: "entry", Timezone: "Europe/Berlin", Production: true, AutoTrack: true},
		Vars:     map[string]string{"TF_WORKSPACE": "prod", "WEIRD": "a|b`c"},
		Secrets:  []string{"GITHUB_TOKEN", "VAULT_TOKEN"},
		Settings: map[string]string{"aws.profile": "acme-admin", "aws.region": "eu-west-1", "git.email": "ada@acme.io", "git.ssh_key": "/home/ada/.ssh/id_acme", "kube.context": "prod"},
		Kube:     Kube{Sources: []string{"/home/ada/.kube/acme"}, Contexts: []string{"prod", "staging"}},
		Isolated: []string{"gh"},
		Repos:    []Repo{{Path: "/src/acme/api", URL: "git@github.com:acme/api.git"}, {Path: "/src/acme/infra", URL: "https://gitlab.acme.io/infra.git"}},
		Runbook:  "# Deploys\n\n```sh\n# not a heading\n```\n\n## Rollback\nUse argo.",
		Log:      []LogLine{{At: at.Add(-time.Hour), Text: "older"}, {At: at, Text: "newer\nsecond line"}},
	}
}

// portableSample is sampleBundle as a bundle file carries it.
func portableSample(t *testing.T) Bundle {
	t.Helper()
	b, root, err := Portable(sampleBundle(), "")
	require.NoError(t, err)
	require.Equal(t, "/src/acme", root, "the deepest directory holding every repository")
	return b
}

func TestPortableCarriesNoAbsolutePath(t *testing.T) {
	b := portableSample(t)
	assert.Equal(t, []Repo{{Path: "api", URL: "git@github.com:acme/api.git"}, {Path: "infra", URL: "https://gitlab.acme.io/infra.git"}}, b.Repos)
	assert.Equal(t, []string{"acme"}, b.Kube.Sources)
	assert.Equal(t, "id_acme", b.Settings["git.ssh_key"])

	withWorkdir := sampleBundle()
	withWorkdir.Client.Workdir = "/src/acme"
	b, root, err := Portable(withWorkdir, "/src")
	require.NoError(t, err)
	assert.Equal(t, "/src", root)
	assert.Equal(t, "acme", b.Client.Workdir)
	assert.Equal(t, "acme/api", b.Repos[0].Path)

	_, _, err = Portable(withWorkdir, "/elsewhere")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "repository /src/acme/api is not under the source root /elsewhere")
	hidden := sampleBundle()
	hidden.Repos = append(hidden.Repos, Repo{Path: "/src/acme/.config/git"})
	_, _, err = Portable(hidden, "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hidden directory .config")

	placed := Place(portableSample(t), "/home/bo/src/acme")
	assert.Equal(t, "/home/bo/src/acme/api", placed.Repos[0].Path)
}

func TestCommonRoot(t *testing.T) {
	assert.Equal(t, "", CommonRoot(nil))
	assert.Equal(t, "/a/b", CommonRoot([]string{"/a/b"}))
	assert.Equal(t, "/a", CommonRoot([]string{"/a/b", "/a/c/d"}))
	assert.Equal(t, "/a/b", CommonRoot([]string{"/a/b/c", "/a/b"}))
	assert.Equal(t, "/", CommonRoot([]string{"/ab", "/a"}), "a common prefix of names is not a common directory")
}

func TestVersion1BundlesAreReadByBaseName(t *testing.T) {
	b := sampleBundle()
	b.Client.Workdir = "/home/ada/src/acme"
	data, err := Encode(b)
	require.NoError(t, err)
	v1 := strings.Replace(string(data), `"stint_bundle": 2`, `"stint_bundle": 1`, 1)
	got, err := Decode([]byte(v1))
	require.NoError(t, err)
	assert.Equal(t, []Repo{{Path: "api", URL: "git@github.com:acme/api.git"}, {Path: "infra", URL: "https://gitlab.acme.io/infra.git"}}, got.Repos)
	assert.Equal(t, []string{"acme"}, got.Kube.Sources)
	assert.Equal(t, "id_acme", got.Settings["git.ssh_key"])
	assert.Empty(t, got.Client.Workdir)
	require.Len(t, got.Notices, 2)
	assert.Contains(t, got.Notices[0], "version 1")

	// A version-1 "repository" at ~/.config/git becomes a directory named git.
	evil := strings.Replace(v1, `"/src/acme/api"`, `"/home/ada/.config/git"`, 1)
	got, err = Decode([]byte(evil))
	require.NoError(t, err)
	assert.Equal(t, "git", got.Repos[0].Path)
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	b := portableSample(t)
	data, err := Encode(b)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), "{\n  \"stint_bundle\": 2,"), "the version comes first: %s", data[:40])
	got, err := Decode(data)
	require.NoError(t, err)
	assert.Equal(t, b, got)
}

func TestDecodeRefusesBadBundles(t *testing.T) {
	good, err := Encode(portableSample(t))
	require.NoError(t, err)
	replace := func(old, new string) []byte {
		require.Contains(t, string(good), old)
		return []byte(strings.Replace(string(good), old, new, 1))
	}
	cases := map[string]struct {
		data []byte
		want string
	}{
		"truncated":       {good[:len(good)/2], "truncated"},
		"empty":           {[]byte(" \n"), "bundle is empty"},
		"not json":        {[]byte("hello"), "not valid JSON"},
		"array":           {[]byte("[1,2]"), "not an object"},
		"no version":      {[]byte(`{"client": {}}`), "no \"stint_bundle\" version field"},
		"newer":           {replace(`"stint_bundle": 2`, `"stint_bundle": 3`), "newer stint"},
		"zero":            {replace(`"stint_bundle": 2`, `"stint_bundle": 0`), "unknown bundle version 0"},
		"version string":  {replace(`"stint_bundle": 2`, `"stint_bundle": "2"`), "must be a whole number"},
		"rate as string":  {replace(`"rate_minor": 15000`, `"rate_minor": "150.00"`), `"client.rate_minor" has the wrong type`},
		"vars as list":    {replace(`"vars": {`, `"vars": ["x"], "ignored": {`), `"vars" has the wrong type`},
		"unknown field":   {replace(`"isolated"`, `"isolatd"`), "unknown field"},
		"trailing data":   {append(append([]byte{}, good...), []byte("{}")...), "after its closing brace"},
		"bad slug":        {replace(`"slug": "acme"`, `"slug": "Acme Corp"`), "client name \"Acme Corp\" is invalid"},
		"bad currency":    {replace(`"currency": "USD"`, `"currency": "DOLLARS"`), "currency"},
		"absolute repo":   {replace(`"path": "api"`, `"path": "/home/ada/.config/git"`), "is absolute"},
		"dotdot repo":     {replace(`"path": "api"`, `"path": "../../.ssh"`), ".. component"},
		"hidden repo":     {replace(`"path": "api"`, `"path": "x/.git/hooks"`), "hidden directory .git"},
		"dot repo":        {replace(`"path": "api"`, `"path": "."`), ". or .. component"},
		"empty part":      {replace(`"path": "api"`, `"path": "a//b"`), "empty"},
		"backslash repo":  {replace(`"path": "api"`, `"path": "a\\..\\b"`), "backslash"},
		"control in repo": {replace(`"path": "api"`, `"path": "a\u001b[2Jb"`), "control character"},
		"dash url":        {replace(`"git@github.com:acme/api.git"`, `"--upload-pack=touch /tmp/x"`), "starts with a dash"},
		"kube path":       {replace("\"sources\": [\n      \"acme\"", "\"sources\": [\n      \"/home/ada/.kube/acme\""), "is a path"},
		"key path":        {replace(`"id_acme"`, `"../.ssh/id_rsa"`), "is a path"},
		"v1 relative":     {replace(`"stint_bundle": 2`, `"stint_bundle": 1`), "not absolute"},
		"unknown setting": {replace(`"aws.profile"`, `"aws.profle"`), "unknown setting"},
		"bad region":      {replace(`"eu-west-1"`, `"mars"`), "AWS region"},
		"var is secret":   {replace(`"TF_WORKSPACE"`, `"VAULT_TOKEN"`), "both as a variable and as a secret"},
		"bad tool":        {replace(`"gh"`, `"vim"`), "unknown tool"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Decode(c.data)
			require.Error(t, err)
			assert.True(t, badinput.Is(err), "an input error: %v", err)
			assert.Contains(t, err.Error(), c.want)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
}

func TestMarkdown(t *testing.T) {
	b := sampleBundle()
	from := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	to := b.ExportedAt
	doc := Document{
		Bundle:   b,
		Contexts: []Context{{Name: "prod", Server: "https://prod.k8s.acme.io", Default: true}, {Name: "staging", Problem: "kubeconfig gone"}},
		From:     from, To: to,
		Weeks: Weeks([]Span{{Start: time.Date(2026, 2, 24, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 2, 24, 11, 30, 0, 0, time.UTC), Billable: true}},
			from, to, location("Europe/Berlin")),
		HandBack: Checklist(Facts{Secrets: b.Secrets, Settings: b.Settings, Contexts: []Context{{Name: "prod", Server: "https://prod.k8s.acme.io"}}, Isolated: b.Isolated, Repos: b.Repos}, nil),
	}
	md := Markdown(doc)
	for _, want := range []string{
		"# Handoff: Acme | Corp (`acme`)",
		"| Name | Acme \\| Corp |",
		"**Production client.**",
		"USD 150.00 per hour",
		"up to 15 minutes per entry",
		"| `WEIRD` | ``a\\|b`c`` |",
		"| `VAULT_TOKEN` | `stint secret set acme VAULT_TOKEN` |",
		"profile `acme-admin`, region `eu-west-1`",
		"| `prod` | `https://prod.k8s.acme.io` | — | yes |",
		"unknown: kubeconfig gone",
		"Email: `ada@acme.io`",
		"| `/src/acme/api` | `git@github.com:acme/api.git` |",
		"### Deploys",
		"# not a heading",
		"#### Rollback",
		"  second line",
		"| **Total** | **2:30** | **2:30** |",
		"- [ ] **secret** `GITHUB_TOKEN`",
		"- [ ] **kube** `prod` (https://prod.k8s.acme.io)",
		"- [ ] **tool** `gh`",
		"- [ ] **git-host** `github.com`",
		"- [ ] **git-host** `gitlab.acme.io`",
	} {
		assert.Contains(t, md, want)
	}
	assert.Less(t, strings.Index(md, "newer"), strings.Index(md, "older"), "recent log is newest first")
}

func TestWeeksTakeWholeSpansByTheirStart(t *testing.T) {
	loc := time.UTC
	from := time.Date(2026, 3, 4, 12, 0, 0, 0, loc) // a Wednesday
	to := time.Date(2026, 3, 17, 0, 0, 0, 0, loc)   // the Tuesday two weeks on
	spans := []Span{
		// Across Sunday→Monday midnight: 2h in the week it starts in.
		{Start: time.Date(2026, 3, 8, 23, 0, 0, 0, loc), End: time.Date(2026, 3, 9, 1, 0, 0, 0, loc), Billable: true},
		// Starts before the window: not counted, as in `stint report`.
		{Start: time.Date(2026, 3, 4, 10, 0, 0, 0, loc), End: time.Date(2026, 3, 4, 14, 0, 0, 0, loc)},
		// Starts inside: counted whole (3h).
		{Start: time.Date(2026, 3, 10, 10, 0, 0, 0, loc), End: time.Date(2026, 3, 10, 13, 0, 0, 0, loc)},
	}
	ws := Weeks(spans, from, to, loc)
	require.Len(t, ws, 3)
	assert.Equal(t, time.Date(2026, 3, 2, 0, 0, 0, 0, loc), ws[0].Start)
	assert.Equal(t, int64(2*3600), ws[0].Seconds)
	assert.Equal(t, int64(2*3600), ws[0].BillableSeconds)
	assert.Equal(t, int64(3*3600), ws[1].Seconds)
	assert.Zero(t, ws[1].BillableSeconds)
	assert.Zero(t, ws[2].Seconds)

	// Weeks across a DST change still start at local midnight on Monday.
	berlin := location("Europe/Berlin")
	ws = Weeks(nil, time.Date(2026, 3, 20, 0, 0, 0, 0, berlin), time.Date(2026, 4, 3, 0, 0, 0, 0, berlin), berlin)
	for _, w := range ws {
		assert.Equal(t, time.Monday, w.Start.Weekday())
		assert.Equal(t, 0, w.Start.Hour())
	}
}

func TestChecklistFromProfileAndLog(t *testing.T) {
	t1 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	t2 := t1.Add(time.Hour)
	events := []Event{
		{At: t1, Session: "s1", Action: "switch", SecretNames: []string{"VAULT_TOKEN", "OLD_TOKEN"}},
		{At: t2, Session: "s2", Action: "exec", SecretNames: []string{"VAULT_TOKEN"}},
	}
	items := Checklist(Facts{Secrets: []string{"GITHUB_TOKEN", "VAULT_TOKEN"}, Settings: map[string]string{"gcp.project": "acme-prod", "azure.subscription": "0b1f2a3c-0000-4000-8000-000000000001"}}, events)
	var names []string
	for _, it := range items {
		names = append(names, it.Kind+":"+it.Name)
	}
	assert.Equal(t, []string{"secret:GITHUB_TOKEN", "secret:VAULT_TOKEN", "secret:OLD_TOKEN", "gcp:acme-prod", "azure:0b1f2a3c-0000-4000-8000-000000000001"}, names)
	assert.Nil(t, items[0].LastUsed, "never read")
	assert.Equal(t, t2, *items[1].LastUsed)
	assert.Equal(t, t1, *items[2].LastUsed)
	assert.Contains(t, items[2].Detail, "no longer in the profile")
	assert.Equal(t, t2, *items[3].LastUsed)

	u := Summarize(events)
	assert.Equal(t, 2, u.Sessions)
	assert.Equal(t, map[string]int{"switch": 1, "exec": 1}, u.Actions)
	assert.Equal(t, []string{"OLD_TOKEN", "VAULT_TOKEN"}, u.SecretNames)
	assert.Equal(t, t1, u.First)
	assert.Equal(t, t2, u.Last)
}

func TestURLHost(t *testing.T) {
	for raw, want := range map[string]string{
		"git@github.com:acme/api.git":         "github.com",
		"ssh://git@gitlab.acme.io:2222/x.git": "gitlab.acme.io",
		"https://user@bitbucket.org/a/b":      "bitbucket.org",
		"/srv/git/api.git":                    "",
		"file:///srv/git/api.git":             "",
		"":                                    "",
	} {
		assert.Equal(t, want, urlHost(raw), raw)
	}
}

func TestFixes(t *testing.T) {
	b := Place(portableSample(t), "/src/acme")
	b.Repos = append(b.Repos, Repo{Path: "/src/acme/nourl"})
	exists := func(p string) bool { return p == "/src/acme/api" }
	fixes := Fixes(b, "acme2", exists)
	var got []string
	for _, f := range fixes {
		got = append(got, f.What+" "+f.Path+f.Name+" "+f.Command)
	}
	assert.Equal(t, []string{
		"secret GITHUB_TOKEN stint secret set acme2 GITHUB_TOKEN",
		"secret VAULT_TOKEN stint secret set acme2 VAULT_TOKEN",
		"kubeconfig acme stint kube add acme2 --kubeconfig PATH --context prod --context staging",
		"ssh-key id_acme stint git acme2 --ssh-key PATH",
		"repo /src/acme/infra ",
		"repo /src/acme/nourl ",
		"repo  stint repo clone acme2",
	}, got)
}

func TestCodeRunningNamesVariablesAndSecrets(t *testing.T) {
	b := sampleBundle()
	assert.Empty(t, CodeRunning(b))
	b.Vars["PATH"] = "/tmp/evil:/usr/bin"
	b.Vars["LD_AUDIT"] = "/tmp/evil.so"
	b.Vars["GIT_CONFIG_PARAMETERS"] = "'core.sshCommand=sh /tmp/x'"
	b.Secrets = append(b.Secrets, "NODE_OPTIONS", "PATH")
	assert.Equal(t, []string{"GIT_CONFIG_PARAMETERS", "LD_AUDIT", "NODE_OPTIONS", "PATH"}, CodeRunning(b))
	for _, harmless := range []string{"TF_WORKSPACE", "GIT_AUTHOR_NAME", "AWS_REGION", "LDAP_URL", "PATHS"} {
		assert.False(t, RunsCode(harmless), harmless)
	}
}
