package shell

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nastyValues is every kind of byte string that has broken shell quoting
// somewhere. Each must come back from a real shell unchanged.
var nastyValues = []string{
	"", " ", "  two  spaces  ", "plain", "with space", "-", "-n", "-e", "--help", "-rf /",
	"'", "''", `"`, `\`, `\\`, `\'`, `'\''`, "it's", `say "hi"`,
	"$HOME", "${HOME}", "$(id)", "`id`", "$'x'", `$"x"`, "$", "$$", "$!",
	"!", "!!", "!$", "!-1", "a!b", "^x^y", "%", "%1", "%%", "~", "~root", "~/x", "a:~/b", "=ls", "=",
	"a=b", "*", "?", "[a]", "{a,b}", "a{1..3}", "#c", "a #c", ";", "&", "|", "<", ">", "(x)",
	"\n", "\r", "\r\n", "\t", "a\nb", "\x01\x02\x1b[31m\x7f", "\nb", "\x01ff", "\x0aA", "trailing\n\n",
	"\\x41", `\n`, `\u00e9`, "\\\n", "\\'",
	"é", "ünïcödé", "日本語", "emoji 🙂", "\u00a0nbsp", "\u200bzero-width", "\u202eRTL override",
	"\u2028line sep", "\ufeffbom", "\u0085nel", "\uf600\uf6ff\uf8ff private use", "\ue000",
	"\xff", "\xfe\xff", "\xc3", "\xc3(", "a\x80b", "\xed\xa0\x80 surrogate", "\xf4\x90\x80\x80 >max",
	"\xc0\xaf overlong", "mixed é \xe9 latin1",
	"AKIA0123456789ABCDEF", "ssh -i '/k/id ed25519' -o IdentitiesOnly=yes",
	"/path/with space/and'quote", "x,y:z@host+1/2.3_4",
	strings.Repeat("long-", 2000),
}

func TestQuoteShapes(t *testing.T) {
	cases := []struct {
		sh         Kind
		in, quoted string
	}{
		{Bash, "", "''"},
		{Bash, "plain-word_1.2/x", "plain-word_1.2/x"},
		{Bash, "with space", "'with space'"},
		{Bash, "it's", `$'it\'s'`},
		{Bash, "a\nb", `$'a\x0ab'`},
		{Bash, "\xff", `$'\xff'`},
		{Bash, "é", "'é'"},
		{Zsh, "=ls", "'=ls'"},
		{Zsh, "~", "'~'"},
		{Fish, "", "''"},
		{Fish, "it's", `'it\'s'`},
		{Fish, `a\b`, `'a\\b'`},
		{Fish, "a\nb", `'a'\x0a'b'`},
		{Fish, "\xff\xfe", `\xff\xfe`},
		{Fish, "-e", "-e"},
	}
	for _, c := range cases {
		assert.Equal(t, c.quoted, Quote(c.sh, c.in), "%s %q", c.sh, c.in)
	}
}

// A quoted word never spans lines, so scripts stay one command per line.
func TestQuoteIsOneLine(t *testing.T) {
	for _, sh := range Kinds {
		for _, v := range nastyValues {
			q := Quote(sh, v)
			assert.NotContains(t, q, "\n", "%s %q", sh, v)
			assert.NotContains(t, q, "\r", "%s %q", sh, v)
		}
	}
}

func TestParseKind(t *testing.T) {
	for _, sh := range Kinds {
		got, err := ParseKind(strings.ToUpper(sh.String()))
		require.NoError(t, err)
		assert.Equal(t, sh, got)
	}
	_, err := ParseKind("tcsh")
	assert.ErrorContains(t, err, "use bash, zsh or fish")
}

// TestQuoteRoundTrip puts every nasty value through each real shell twice
// — as an exported variable (read back with env -0) and as a command
// argument (read back with printf) — under a UTF-8 and a C locale.
func TestQuoteRoundTrip(t *testing.T) {
	for _, sh := range Kinds {
		for _, locale := range testLocales {
			t.Run(sh.String()+"/"+locale, func(t *testing.T) {
				requireShell(t, sh)
				assertRoundTrip(t, sh, locale, nastyValues)
			})
		}
	}
}

// assertRoundTrip evaluates all values in one shell process and checks that
// each comes back byte for byte.
func assertRoundTrip(t testing.TB, sh Kind, locale string, values []string) {
	t.Helper()
	dir := t.TempDir()
	envFile, argFile := filepath.Join(dir, "env"), filepath.Join(dir, "args")
	var script strings.Builder
	for i, v := range values {
		script.WriteString(Render(sh, Change{Ops: []Op{{Name: fmt.Sprintf("STINTTEST_V%d", i), Value: v}}}))
	}
	script.WriteString(dumpEnvCmd(sh, envFile))
	script.WriteString("command printf '%s\\0'")
	for _, v := range values {
		script.WriteString(" " + Quote(sh, v))
	}
	script.WriteString(" > " + Quote(sh, argFile) + "\n")
	runShell(t, sh, baseEnv(t, locale), script.String())

	dump, err := os.ReadFile(envFile)
	require.NoError(t, err)
	env := parseEnv0(t, dump)
	args, err := os.ReadFile(argFile)
	require.NoError(t, err)
	gotArgs := bytes.Split(args, []byte{0})
	require.Len(t, gotArgs, len(values)+1, "printf printed a different number of arguments")
	for i, want := range values {
		got, ok := env[fmt.Sprintf("STINTTEST_V%d", i)]
		if assert.True(t, ok, "variable for %q missing", want) {
			assert.Equal(t, []byte(want), []byte(got), "%s: exported value changed; quoted as %s", sh, Quote(sh, want))
		}
		assert.Equal(t, []byte(want), gotArgs[i], "%s: argument changed; quoted as %s", sh, Quote(sh, want))
	}
}
