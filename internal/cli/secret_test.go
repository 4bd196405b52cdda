package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/secrets"
	"github.com/stint-sh/stint/internal/workbench"
)

const marker = "MARKER-d41d8cd98f00b204"

func TestSecretSetListRemove(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.stdin = marker + "-gh\n"
	out := h.ok("secret", "set", "acme", "GH_TOKEN")
	assert.NotContains(t, out, marker)

	h.tty, h.typed = true, marker+"-vault"
	r := h.run("secret", "set", "acme", "VAULT_TOKEN")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "input hidden")
	h.tty = false

	big := strings.Repeat("x", 64<<10)
	h.stdin = big
	h.ok("secret", "set", "acme", "SA_JSON")

	var ss []workbench.SecretInfo
	require.NoError(t, json.Unmarshal([]byte(h.ok("secret", "list", "acme", "--json")), &ss))
	assert.Equal(t, []workbench.SecretInfo{
		{Name: "GH_TOKEN", Size: len(marker) + 3}, {Name: "SA_JSON", Size: 64 << 10}, {Name: "VAULT_TOKEN", Size: len(marker) + 6},
	}, ss)

	h.ok("secret", "rm", "acme", "SA_JSON")
	ss = nil
	require.NoError(t, json.Unmarshal([]byte(h.ok("secret", "list", "acme", "--json")), &ss))
	assert.Len(t, ss, 2)
	assert.NotEmpty(t, h.keyring.Users("stint"))

	// Removing the client removes its keyring items too.
	h.ok("client", "rm", "acme")
	assert.Empty(t, h.keyring.Users("stint"))
}

func TestSecretBadInput(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("set", "acme", "PLAIN=1")
	h.stdin = "v"
	h.ok("secret", "set", "acme", "TOKEN")
	h.stdin = "https://internal.example"
	h.ok("secret", "set", "acme", "ENDPOINT")
	cases := []struct {
		stdin string
		want  string
		args  []string
	}{
		{"", "never given on the command line", []string{"secret", "set", "acme", "TOKEN", marker}},
		{"", "never given on the command line", []string{"secret", "set", "acme", "TOKEN=" + marker}},
		{"", "nothing came on stdin for EMPTY (was the variable piped in empty or unset?): run `stint secret set acme EMPTY` on a terminal", []string{"secret", "set", "acme", "EMPTY"}},
		{"\n", "the value of EMPTY is empty, so nothing was stored: run `stint secret set acme EMPTY` on a terminal", []string{"secret", "set", "acme", "EMPTY"}},
		{"x", "is a plain variable of acme", []string{"secret", "set", "acme", "PLAIN"}},
		{"x", "is reserved", []string{"secret", "set", "acme", "STINT_X"}},
		{"x", "is reserved", []string{"secret", "set", "acme", "__stint_eval"}},
		{"x", "not a valid environment variable name", []string{"secret", "set", "acme", "9X"}},
		{"x", "no client named", []string{"secret", "set", "nobody", "X"}},
		{"", "has no secret named NOPE", []string{"secret", "rm", "acme", "NOPE"}},
		{"", "is a secret of acme", []string{"set", "acme", "ENDPOINT=plain"}},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			h.stdin = c.stdin
			h.fails(2, c.want, c.args...)
		})
	}
	// The refused values never echo back.
	r := h.run("secret", "set", "acme", "TOKEN="+marker)
	assert.NotContains(t, r.stderr, marker)
}

// The marker of every secret set must appear in no file under STINT_HOME and
// in no output.
func TestSecretsNeverReachDiskOrOutput(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	var outputs []string
	for _, k := range []string{"A_TOKEN", "B_TOKEN"} {
		h.stdin = marker + k
		r := h.run("secret", "set", "acme", k)
		require.Equal(t, 0, r.code)
		outputs = append(outputs, r.stdout, r.stderr)
	}
	for _, args := range [][]string{{"secret", "list", "acme"}, {"secret", "list", "acme", "--json"}, {"client", "show", "acme"}, {"client", "show", "acme", "--json"}} {
		r := h.run(args...)
		outputs = append(outputs, r.stdout, r.stderr)
	}
	for _, o := range outputs {
		assert.NotContains(t, o, marker)
	}
	h.wb.DB().Close()
	h.wb = nil
	assertNoMarkerUnder(t, h.home)
}

func assertNoMarkerUnder(t *testing.T, root string) {
	t.Helper()
	n := 0
	require.NoError(t, filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		assert.NotContains(t, string(b), marker, "secret marker found in %s", p)
		return nil
	}))
	require.Positive(t, n, "the walk must have read the database at least")
}

func TestSecretNameCheckedBeforeTheValueIsAskedFor(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.tty, h.typed = true, "typed-for-nothing"
	r := h.run("secret", "set", "acme", "9BAD")
	assert.Equal(t, 2, r.code)
	assert.NotContains(t, r.stderr, "input hidden", "no prompt for a name that cannot be stored")
}

// A set that fails after the keyring write puts the previous value back.
func TestFailedSecretSetKeepsTheOldValue(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.stdin = "old-value"
	h.ok("secret", "set", "acme", "TOK")
	for _, when := range []string{"INSERT", "UPDATE"} {
		_, err := h.wb.DB().SQL().Exec("CREATE TRIGGER fail_" + when + " BEFORE " + when + " ON secret_names BEGIN SELECT RAISE(FAIL, 'disk full'); END")
		require.NoError(t, err)
	}
	h.stdin = "new-value"
	r := h.run("secret", "set", "acme", "TOK")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "keeps its previous value")
	got, err := secrets.New(h.keyring, filepath.Join(h.home, "data")).Load("acme")
	require.NoError(t, err)
	assert.Equal(t, "old-value", got["TOK"])
}

// Values in the keyring item that the database does not list are never
// exported by a switch.
func TestUnlistedKeyringValuesAreNotExported(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.stdin = "listed"
	h.ok("secret", "set", "acme", "LISTED")
	require.NoError(t, secrets.New(h.keyring, filepath.Join(h.home, "data")).Put("acme", "STRAY", marker))
	out := h.ok("env", "acme", "--shell", "bash")
	assert.Contains(t, out, "LISTED")
	assert.NotContains(t, out, marker)
}

// A damaged keyring item can always be removed, and then set afresh.
func TestSecretRmAllRecoversFromADamagedItem(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.stdin = "v"
	h.ok("secret", "set", "acme", "TOK")
	require.NoError(t, h.keyring.Set(secrets.Service, "acme", "not a stint secret set"))
	h.stdin = "x"
	r := h.run("secret", "set", "acme", "OTHER")
	require.NotEqual(t, 0, r.code)
	assert.Contains(t, r.stderr, "stint secret rm CLIENT --all")

	assert.Contains(t, h.ok("secret", "rm", "acme", "--all"), "Removed every secret of acme")
	h.stdin = "fresh"
	h.ok("secret", "set", "acme", "TOK")
	var ss []workbench.SecretInfo
	require.NoError(t, json.Unmarshal([]byte(h.ok("secret", "list", "acme", "--json")), &ss))
	assert.Equal(t, []workbench.SecretInfo{{Name: "TOK", Size: 5}}, ss)
	h.fails(2, "usage: stint secret rm", "secret", "rm", "acme")
}
