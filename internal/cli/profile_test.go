package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/workbench"
)

func TestVarsAndSettings(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	key := filepath.Join(h.home, "id_acme")
	require.NoError(t, os.WriteFile(key, []byte("k"), 0o600))
	h.ok("set", "acme", "AWS_REGION=eu-west-1", "WEIRD=a b=c $x")
	h.ok("aws", "acme", "--profile", "acme-admin", "--region", "eu-central-1")
	h.ok("gcp", "acme", "--project", "acme-prod-123", "--isolate")
	h.ok("azure", "acme", "--subscription", "0B1F2A3C-0000-4000-8000-000000000001", "--tenant", "acme.onmicrosoft.com")
	h.ok("git", "acme", "--name", "Ada Lovelace", "--email", "ada@acme.io", "--ssh-key", key)
	h.ok("isolate", "acme", "gh", "docker")
	h.ok("unset", "acme", "AWS_REGION")

	var p workbench.ProfileView
	require.NoError(t, json.Unmarshal([]byte(h.ok("client", "show", "acme", "--json")), &p))
	assert.Equal(t, map[string]string{"WEIRD": "a b=c $x"}, p.Vars)
	assert.Equal(t, map[string]string{"profile": "acme-admin", "region": "eu-central-1"}, p.AWS)
	assert.Equal(t, "acme-prod-123", p.GCP["project"])
	assert.Equal(t, "0b1f2a3c-0000-4000-8000-000000000001", p.Azure["subscription"])
	assert.Equal(t, key, p.Git["ssh_key"])
	assert.Equal(t, []string{"docker", "gcloud", "gh"}, p.Isolated)

	h.ok("aws", "acme", "--region", "")
	h.ok("gcp", "acme", "--no-isolate")
	p = workbench.ProfileView{}
	require.NoError(t, json.Unmarshal([]byte(h.ok("client", "show", "acme", "--json")), &p))
	assert.Equal(t, map[string]string{"profile": "acme-admin"}, p.AWS)
	assert.Equal(t, []string{"docker", "gh"}, p.Isolated)
}

func TestVarsAndSettingsBadInput(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	cases := []struct {
		want string
		args []string
	}{
		{"not a valid environment variable name", []string{"set", "acme", "1BAD=x"}},
		{"not a valid environment variable name", []string{"set", "acme", "GOOD=1", "BAD-NAME=x"}},
		{"is reserved", []string{"set", "acme", "STINT_CLIENT=x"}},
		{"is reserved", []string{"set", "acme", "stint_home=x"}},
		{"is reserved", []string{"set", "acme", "__stint_saved=x"}},
		{"is reserved", []string{"set", "acme", "__STINT_X=x"}},
		{"not KEY=VALUE", []string{"set", "acme", "JUSTNAME"}},
		{"given twice", []string{"set", "acme", "A=1", "A=2"}},
		{"no client named", []string{"set", "nobody", "A=1"}},
		{"is not a variable of acme", []string{"unset", "acme", "NOPE"}},
		{"AWS region \"mars\" is invalid", []string{"aws", "acme", "--region", "mars"}},
		{"does not exist", []string{"aws", "acme", "--config-file", "/nonexistent/aws.cfg"}},
		{"GCP project", []string{"gcp", "acme", "--project", "X"}},
		{"Azure subscription", []string{"azure", "acme", "--subscription", "nope"}},
		{"git email", []string{"git", "acme", "--email", "not an email"}},
		{"SSH key /nonexistent/key does not exist", []string{"git", "acme", "--ssh-key", "/nonexistent/key"}},
		{"unknown tool \"vim\"", []string{"isolate", "acme", "gh", "vim"}},
		{"nothing to change", []string{"aws", "acme"}},
		{"if any flags in the group", []string{"gcp", "acme", "--isolate", "--no-isolate"}},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) { h.fails(2, c.want, c.args...) })
	}
}

// TestShellNamesAreRefusedEverywhere: every name bash, zsh or fish keep
// for themselves — the whole lists — is refused by set, secret set and
// handoff import as a usage error that changes nothing, and a client that
// holds one anyway (stored by an older stint) cannot be switched to: the
// switch fails before anything changes, naming the way out.
func TestShellNamesAreRefusedEverywhere(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("set", "acme", "REGION=eu")
	bundle := filepath.Join(t.TempDir(), "acme.json")
	h.ok("handoff", "export", "acme", "--bundle", bundle)
	data, err := os.ReadFile(bundle)
	require.NoError(t, err)

	names := append(shell.SpecialNames(), "fish_color_normal", "__fish_x", "__stint_file", "STINT_X")
	for _, name := range names {
		want := name + " belongs to the shell"
		switch {
		case name == "HOME":
			want = "HOME cannot be set per client"
		case shell.Reserved(name):
			want = name + " is reserved"
		}
		h.fails(2, want, "set", "acme", name+"=x")
		h.stdin = "value\n"
		h.fails(2, want, "secret", "set", "acme", name)
		asVar := filepath.Join(t.TempDir(), "b.json")
		require.NoError(t, os.WriteFile(asVar, []byte(withField(t, data, "vars", map[string]any{name: "x"})), 0o600))
		h.fails(2, want, "handoff", "import", asVar, "--as", "acme-2", "--trust")
	}

	// Stored anyway: the switch refuses, exit 1, and writes no script.
	eval := hooked(t, h)
	db := h.wb.DB().SQL()
	for _, name := range names {
		_, err := db.Exec(`INSERT INTO client_vars (client_id, name, value) SELECT id, ?, 'x' FROM clients WHERE slug = 'acme'`, name)
		require.NoError(t, err)
		h.fails(1, "acme's variable "+name+" cannot be set", "switch", "acme")
		assert.Empty(t, readEval(t, eval))
		_, err = db.Exec(`DELETE FROM client_vars WHERE name = ?`, name)
		require.NoError(t, err)
	}
	_, err = db.Exec(`INSERT INTO secret_names (client_id, name, size, updated_at) SELECT id, 'PATH', 1, 0 FROM clients WHERE slug = 'acme'`)
	require.NoError(t, err)
	h.fails(1, "acme's secret PATH cannot be set: PATH belongs to the shell", "switch", "acme")
	h.fails(1, "remove it with `stint secret rm acme PATH`", "switch", "acme")
	_, err = db.Exec(`DELETE FROM secret_names`)
	require.NoError(t, err)

	// Names that merely look alike are fine, and the client still switches.
	h.ok("set", "acme", "PATH_EXTRA=/opt/bin", "Status=ok", "Fish_x=1")
	r := h.run("switch", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, readEval(t, eval), "PATH_EXTRA")
}

// Plain variables live in SQLite and in handoffs: credentials and the
// variables stint manages itself are refused, with the way to do it right.
func TestPlainVariablesRefuseCredentialsAndKubeconfig(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.fails(2, "looks like a credential: store it with `stint secret set acme GITHUB_TOKEN`", "set", "acme", "GITHUB_TOKEN=ghp_x")
	h.fails(2, "looks like a credential", "set", "acme", "DB_PASSWORD=hunter2")
	h.fails(2, "looks like a credential", "set", "acme", "AWS_SECRET_ACCESS_KEY=x")
	h.fails(2, "stint sets KUBECONFIG itself", "set", "acme", "KUBECONFIG=/root/.kube/config")
	h.stdin = "/root/.kube/config"
	h.fails(2, "stint sets KUBECONFIG itself", "secret", "set", "acme", "KUBECONFIG")
	h.ok("set", "acme", "AWS_REGION=eu-west-1", "TF_WORKSPACE=prod")
	h.stdin = "ghp_x"
	h.ok("secret", "set", "acme", "GITHUB_TOKEN")
}

// A value no program could start with (NAME=value over 128 KiB) is refused
// when it is stored, as a plain variable, a secret or from a handoff.
func TestValuesThatCannotBeExportedAreRefused(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	limit := 131072 - len("BIG") - 2
	h.ok("set", "acme", "BIG="+strings.Repeat("x", limit))
	h.fails(2, "the value of BIG is 131068 bytes; a variable (NAME=value) may hold at most 131067", "set", "acme", "BIG="+strings.Repeat("x", limit+1))
	h.stdin = strings.Repeat("s", 131100)
	h.fails(2, "the value of API_TOKEN is 131100 bytes", "secret", "set", "acme", "API_TOKEN")
	bundle := filepath.Join(t.TempDir(), "acme.json")
	h.ok("handoff", "export", "acme", "--bundle", bundle)
	data, err := os.ReadFile(bundle)
	require.NoError(t, err)
	huge := filepath.Join(t.TempDir(), "huge.json")
	require.NoError(t, os.WriteFile(huge, []byte(withField(t, data, "vars", map[string]any{"BIG": strings.Repeat("x", limit+1)})), 0o600))
	h.fails(2, "the value of BIG is 131068 bytes", "handoff", "import", huge, "--as", "acme-2")
}

// `stint set acme FOO=` stores an empty value, shows it, and a switch
// exports it empty (as `env FOO=` does) — never stored and dropped.
func TestEmptyValuesAreExportedAndShown(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("set", "acme", "FOO=", "BAR=x")
	assert.Contains(t, h.ok("client", "show", "acme"), `var FOO   "" (set, empty)`)
	f := hooked(t, h)
	r := h.run("switch", "acme")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, readEval(t, f), "builtin export FOO=''\n")
	for sh, want := range map[string]string{"bash": "export FOO=''", "zsh": "export FOO=''", "fish": "set -g -x FOO ''"} {
		assert.Contains(t, h.ok("env", "acme", "--shell", sh), "builtin "+want+"\n", sh)
	}
}

// stint set notes the names a handoff review marks as running code, and
// only those; the variables are set either way (the profile is the user's).
func TestSetNotesVariablesThatRunCode(t *testing.T) {
	for _, tc := range []struct {
		assignments []string
		noted       string // "" when nothing is noted
	}{
		{[]string{"AWS_REGION=eu-west-1"}, ""},
		{[]string{"LD_PRELOAD=/tmp/x.so"}, "LD_PRELOAD"},
		{[]string{"TF_WORKSPACE=prod", "PYTHONSTARTUP=/tmp/x.py"}, "PYTHONSTARTUP"},
		{[]string{"NODE_OPTIONS=--require=/tmp/x.js", "GIT_CONFIG_COUNT=1"}, "NODE_OPTIONS, GIT_CONFIG_COUNT"},
		{[]string{"LDAP_URI=ldap://x"}, ""}, // a prefix of a family name, not the family
	} {
		t.Run(strings.Join(tc.assignments, " "), func(t *testing.T) {
			h := newHarness(t)
			h.ok("client", "add", "acme")
			r := h.run(append([]string{"set", "acme"}, tc.assignments...)...)
			require.Equal(t, 0, r.code, r.stderr)
			if tc.noted == "" {
				assert.Empty(t, r.stderr)
				return
			}
			assert.Contains(t, r.stderr, "note: "+tc.noted+" can make programs run code")
			assert.Contains(t, r.stderr, "`stint unset acme "+strings.ReplaceAll(tc.noted, ", ", " ")+"`")
			assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line")
		})
	}
}
