package shell

import (
	"math/rand/v2"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The lists in names.go are the shells' manuals, typed in. These tests ask
// the shells installed here which names they set up or treat as special on
// their own, so that a newer shell adding a name fails a test instead of
// silently letting a client set it.

var validName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// shellOutput runs script in a shell started with an environment of HOME
// alone (env -i: every other variable it shows, the shell made itself).
func shellOutput(t *testing.T, sh Kind, args []string, script string) []string {
	t.Helper()
	path := requireShell(t, sh)
	home := t.TempDir()
	argv := append([]string{"-i", "HOME=" + home, path}, args...)
	out, err := exec.Command("env", append(argv, "-c", script)...).Output()
	require.NoError(t, err, "%s: %s", sh, script)
	var names []string
	for _, line := range strings.Split(string(out), "\n") {
		if name := strings.TrimSpace(line); validName.MatchString(name) {
			names = append(names, name)
		}
	}
	require.NotEmpty(t, names, "%s printed no names", sh)
	return names
}

func assertAllKnown(t *testing.T, sh Kind, names []string) {
	t.Helper()
	for _, name := range names {
		if !Reserved(name) {
			assert.Contains(t, Shells(name), sh, "%s sets or treats %s as special, but names.go does not list it for %s", sh, name, sh)
		}
	}
}

// Every variable bash defines for itself, interactive or not, and every
// read-only one, is on bash's list.
func TestBashNamesCoverWhatBashDefines(t *testing.T) {
	for _, args := range [][]string{{"--norc", "--noprofile"}, {"--norc", "--noprofile", "-i"}} {
		assertAllKnown(t, Bash, shellOutput(t, Bash, args, `compgen -v; readonly -p | sed 's/^declare -[a-zA-Z]* \([A-Za-z_0-9]*\).*/\1/'`))
	}
}

// Every special or read-only parameter of zsh, with every module installed
// here loaded (a user's .zshrc may load any of them), is on zsh's list.
func TestZshNamesCoverZshSpecials(t *testing.T) {
	script := `setopt extendedglob
for dir in $module_path; do
  for m in $dir/zsh/**/*.so(N); do
    m=${${m#$dir/}%.so}
    [[ $m == zsh/example ]] && continue
    zmodload $m 2>/dev/null
  done
done
for k in ${(k)parameters}; do
  [[ ${parameters[$k]} == *(special|readonly)* ]] && print -r -- $k
done`
	names := shellOutput(t, Zsh, []string{"-f"}, script)
	assert.Contains(t, names, "EPOCHREALTIME", "zsh/datetime was loaded")
	assertAllKnown(t, Zsh, names)
}

// Every variable fish sets up on its own, and every one it refuses to let
// a script set globally, is on fish's list (or in its fish_/__fish family).
func TestFishNamesCoverWhatFishDefines(t *testing.T) {
	defined := shellOutput(t, Fish, []string{"--no-config"}, `set -n`)
	assertAllKnown(t, Fish, defined)
	// Which names can a script not set? Ask fish about every name it
	// defines and every name of the three lists.
	candidates := append(append([]string{}, defined...), SpecialNames()...)
	var probe strings.Builder
	for _, name := range candidates {
		probe.WriteString("set -g " + name + " x 2>/dev/null; or echo " + name + "\n")
	}
	assertAllKnown(t, Fish, shellOutput(t, Fish, []string{"--no-config"}, probe.String()))
}

// The read-only names really are read-only in their shell: the lists are
// about real refusals, not just documentation.
func TestListedReadOnlyNamesRefuseAssignment(t *testing.T) {
	cases := map[Kind][]string{
		Bash: {"PPID", "UID", "EUID", "BASHOPTS", "SHELLOPTS"},
		Zsh:  {"ARGC", "TTYIDLE", "PPID", "LINENO", "ZSH_SUBSHELL"},
		Fish: {"status", "PWD", "version", "fish_pid", "hostname"},
	}
	for sh, names := range cases {
		for _, name := range names {
			require.Contains(t, Shells(name), sh, name)
			script := "builtin export " + name + "=1 2>/dev/null && echo assigned"
			if sh == Fish {
				script = "set -gx " + name + " 1 2>/dev/null; and echo assigned"
			}
			args := shellArgv[sh][1:]
			got := strings.TrimSpace(string(mustOutput(t, sh, args, script)))
			assert.Empty(t, got, "%s let a script assign %s", sh, name)
		}
	}
}

func mustOutput(t *testing.T, sh Kind, args []string, script string) []byte {
	t.Helper()
	out, _ := exec.Command(requireShell(t, sh), append(args, "-c", script)...).Output()
	return out
}

// checkSyntax is exactly ^[A-Za-z_][A-Za-z0-9_]*$.
func TestCheckSyntaxMatchesThePattern(t *testing.T) {
	const alphabet = "az09_AZ-.$ \n\xff"
	rng := rand.New(rand.NewPCG(1, 2))
	inputs := []string{"", "a", "_", "0", "_0", "0_", "A", "AWS_PROFILE", "9LIVES", "a$b", "é", "a\n"}
	for range 20000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	for _, in := range inputs {
		if got, want := checkSyntax(in) == nil, validName.MatchString(in); got != want {
			t.Fatalf("%q: checkSyntax says %v, the pattern %v", in, got, want)
		}
	}
}
