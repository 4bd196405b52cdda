package shell

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A change as a switch makes one: restores, sets, clears, state.
var guardChange = Change{To: "acme", Ops: []Op{
	{Name: "OLD_ONE", Value: "back", Restore: true},
	{Name: "AWS_PROFILE", Value: "acme's"},
	{Name: "GH_TOKEN", Unset: true},
	{Name: "TARGET", Value: "set by stint"},
	{Name: VarClient, Value: "acme"},
}}

// Every command a script runs is a builtin, called as one: a function or
// alias the user named export, unset, set, printf or test never runs.
func TestRenderCallsBuiltinsOnly(t *testing.T) {
	commands := regexp.MustCompile(`(^|; |and |or |&& |\|\| |then |else )(export|unset|set|printf|test|true|false|eval|source)\b`)
	for _, sh := range Kinds {
		script := Render(sh, guardChange)
		for _, line := range strings.Split(script, "\n") {
			assert.NotRegexp(t, commands, line, "%s: a command without `builtin`", sh)
		}
		assert.Contains(t, script, "builtin ")
	}
	assert.Empty(t, Render(Bash, Change{}))
}

// spies are functions named like the commands a script could call, each
// recording its arguments — a value in a spy's file is a leak.
var spies = map[Kind]string{
	Bash: `export() { printf '%s\n' "$*" >> "$SPY"; }; unset() { printf '%s\n' "$*" >> "$SPY"; }
printf() { builtin printf '%s\n' "$*" >> "$SPY"; }; declare() { builtin printf '%s\n' "$*" >> "$SPY"; }
false() { builtin printf 'false\n' >> "$SPY"; }; set() { builtin printf 'set %s\n' "$*" >> "$SPY"; }
`,
	Zsh: `export() { print -r -- "$*" >> "$SPY"; }; unset() { print -r -- "$*" >> "$SPY"; }
printf() { print -r -- "$*" >> "$SPY"; }; typeset() { print -r -- "$*" >> "$SPY"; }
false() { print -r -- false >> "$SPY"; }
`,
	// fish reserves set and test; printf, true and false can be shadowed.
	Fish: `function printf; echo $argv >> $SPY; end
function true; echo true >> $SPY; end
function false; echo false >> $SPY; end
`,
}

// TestSpyFunctionsSeeNothing: with functions named export, unset, printf …
// defined, a switch script still applies every value — and none of them
// is ever called.
func TestSpyFunctionsSeeNothing(t *testing.T) {
	for _, sh := range Kinds {
		t.Run(sh.String(), func(t *testing.T) {
			requireShell(t, sh)
			env := baseEnv(t, "C.UTF-8")
			env["SPY"] = filepath.Join(t.TempDir(), "spy")
			env["GH_TOKEN"] = "mine"
			dump := filepath.Join(t.TempDir(), "env")
			runShell(t, sh, env, spies[sh]+Render(sh, guardChange)+dumpEnvCmd(sh, dump))
			got := readDump(t, dump)
			assert.Equal(t, "acme's", got["AWS_PROFILE"])
			assert.Equal(t, "back", got["OLD_ONE"])
			assert.NotContains(t, got, "GH_TOKEN")
			_, err := os.Stat(env["SPY"])
			assert.ErrorIs(t, err, os.ErrNotExist, "a spy function was called")
		})
	}
}

func readDump(t *testing.T, file string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(file)
	require.NoError(t, err)
	return parseEnv0(t, raw)
}

// TestScriptIsAllOrNothing: when the shell will not take one assignment
// (a variable the user made read-only or typed, a name fish keeps), the
// script changes nothing at all, says which variable in one line, and
// ends with a non-zero status — under nounset too, which it leaves set.
func TestScriptIsAllOrNothing(t *testing.T) {
	cases := []struct {
		sh      Kind
		prepare string // makes TARGET unassignable (or names a fish-owned variable)
		change  Change
	}{
		{Bash, "readonly TARGET=locked\n", guardChange},
		{Bash, "declare -r TARGET\n", guardChange},
		{Bash, "set -u\nreadonly TARGET\n", guardChange},
		{Bash, "declare -i TARGET=1\n", guardChange},
		{Bash, "declare -a TARGET=(a b)\n", guardChange},
		{Bash, "declare -l TARGET=x\n", guardChange},
		{Bash, "readonly GH_TOKEN\n", guardChange}, // an unset is refused too
		{Zsh, "typeset -r TARGET=locked\n", guardChange},
		{Zsh, "setopt nounset\ntypeset -r TARGET\n", guardChange},
		{Zsh, "typeset -i TARGET=1\n", guardChange},
		{Zsh, "typeset -a TARGET\n", guardChange},
		{Zsh, "typeset -u TARGET=x\n", guardChange},
		{Zsh, "typeset -L3 TARGET=x\n", guardChange},
		{Zsh, "", withOp(guardChange, Op{Name: "ARGC", Value: "1"})},
		{Fish, "", withOp(guardChange, Op{Name: "PWD", Value: "/"})},
		{Fish, "", withOp(guardChange, Op{Name: "status", Value: "0"})},
	}
	for _, c := range cases {
		t.Run(c.sh.String()+"/"+strings.TrimSpace(c.prepare), func(t *testing.T) {
			requireShell(t, c.sh)
			env := baseEnv(t, "C.UTF-8")
			env["GH_TOKEN"] = "mine"
			before := filepath.Join(t.TempDir(), "before")
			after := filepath.Join(t.TempDir(), "after")
			status := filepath.Join(t.TempDir(), "status")
			script := c.prepare + dumpEnvCmd(c.sh, before) + Render(c.sh, c.change) +
				"echo " + map[bool]string{true: "$status", false: "$?"}[c.sh == Fish] + " > " + Quote(c.sh, status) + "\n" + dumpEnvCmd(c.sh, after)
			switch c.sh {
			case Bash:
				script += "[[ $- == *u* ]] && echo nounset >> " + Quote(c.sh, status) + "\n"
			case Zsh:
				script += "[[ -o nounset ]] && echo nounset >> " + Quote(c.sh, status) + "\n"
			}
			_, err := runShellErr(t, c.sh, env, script+"true\n")
			require.NoError(t, err)
			assert.Equal(t, readDump(t, before), readDump(t, after), "nothing changed")
			st, _ := os.ReadFile(status)
			assert.NotEqual(t, "0", strings.Fields(string(st))[0], "the script fails")
			if strings.HasPrefix(c.prepare, "set -u\n") || strings.HasPrefix(c.prepare, "setopt nounset\n") {
				assert.Contains(t, string(st), "nounset", "nounset is back on")
			}
		})
	}
	// The refusal is one line on stderr, naming the variable.
	requireShell(t, Bash)
	_, err := runShellErr(t, Bash, baseEnv(t, "C"), "readonly TARGET=1\n"+Render(Bash, guardChange)+"exit $?\n")
	require.Error(t, err)
	stderr := err.(*shellError).stderr
	assert.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
	assert.Contains(t, stderr, "stint: this shell will not let stint change TARGET: it is read-only or has a type here (see `declare -p TARGET`")
}

func withOp(c Change, op Op) Change {
	c.Ops = append(append([]Op{}, c.Ops...), op)
	return c
}

// The summary line comes after the change, only when the shell took it.
func TestSummaryOnlyAfterSuccess(t *testing.T) {
	for _, sh := range Kinds {
		requireShell(t, sh)
		env := baseEnv(t, "C")
		script := WithSummary(sh, Render(sh, guardChange), "→ acme · it's done")
		_, err := runShellErr(t, sh, env, script+"exit 7\n")
		require.Error(t, err)
		assert.Equal(t, "→ acme · it's done\n", err.(*shellError).stderr, sh)
		if sh == Fish {
			continue
		}
		prepare := map[Kind]string{Bash: "readonly TARGET=1\n", Zsh: "typeset -r TARGET=1\n"}[sh]
		_, err = runShellErr(t, sh, env, prepare+script+"exit $?\n")
		require.Error(t, err)
		assert.NotContains(t, err.(*shellError).stderr, "→ acme", sh)
		assert.Contains(t, err.(*shellError).stderr, "will not let stint change TARGET", sh)
	}
	assert.Empty(t, WithSummary(Bash, "", "→ acme"))
}

// TestFishUniversalsStayOutOfClients: a token the user keeps as an exported
// universal (`set -Ux GH_TOKEN …`) reaches no program inside a client that
// does not set it, and `off` brings it back exactly: a universal again,
// not a global copy, so a later `set -Ux` in any fish shows through.
func TestFishUniversalsStayOutOfClients(t *testing.T) {
	requireShell(t, Fish)
	env := baseEnv(t, "C.UTF-8")
	// Universals live in the user's config dir; fish --no-config ignores
	// them, so this fish reads an empty config of its own.
	env["XDG_CONFIG_HOME"] = filepath.Join(env["HOME"], "config")
	env["XDG_DATA_HOME"] = filepath.Join(env["HOME"], "data")
	seen := map[string]string{"GH_TOKEN": "univ token", "AWS_PROFILE": "univ-profile"}
	plan := &Plan{Client: "acme", Set: []Var{{"AWS_PROFILE", "acme"}}, Clear: []string{"GH_TOKEN", "AWS_PROFILE"}}
	in, err := Compute(seen, State{}, plan, "1-1")
	require.NoError(t, err)
	st, err := DecodeState(in.Apply(seen))
	require.NoError(t, err)
	out, err := Compute(in.Apply(seen), st, nil, "")
	require.NoError(t, err)

	dir := t.TempDir()
	f := func(name string) string { return Quote(Fish, filepath.Join(dir, name)) }
	script := "set -Ux GH_TOKEN 'univ token'\nset -Ux AWS_PROFILE univ-profile\n" +
		Render(Fish, in) + "command env -0 > " + f("in") + "\n" +
		Render(Fish, out) + "command env -0 > " + f("out") + "\n" +
		"set -S GH_TOKEN > " + f("show") + "\nset -S AWS_PROFILE >> " + f("show") + "\n" +
		"set -Ux GH_TOKEN changed\ncommand env -0 > " + f("later") + "\n"
	// Not --no-config, which turns universals off: the config dir is empty.
	file := filepath.Join(dir, "script.fish")
	require.NoError(t, os.WriteFile(file, []byte(script), 0o600))
	cmd := exec.Command(requireShell(t, Fish), file)
	cmd.Env = envList(env)
	out2, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out2)

	inside := readDump(t, filepath.Join(dir, "in"))
	assert.Empty(t, inside["GH_TOKEN"], "the universal token reaches no program in the client")
	assert.Equal(t, "acme", inside["AWS_PROFILE"])
	after := readDump(t, filepath.Join(dir, "out"))
	assert.Equal(t, "univ token", after["GH_TOKEN"])
	assert.Equal(t, "univ-profile", after["AWS_PROFILE"])
	show, err := os.ReadFile(filepath.Join(dir, "show"))
	require.NoError(t, err)
	assert.NotContains(t, string(show), "global scope", "off leaves no global copy:\n%s", show)
	assert.Equal(t, "changed", readDump(t, filepath.Join(dir, "later"))["GH_TOKEN"])
}
