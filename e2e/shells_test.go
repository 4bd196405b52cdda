package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/shell"
)

// A value no shell may mangle: quotes, $, backticks, backslashes, a
// newline, a tab, UTF-8, invalid UTF-8, a leading dash, glob characters.
const weirdValue = "-it's \"quoted\" $HOME `id` \\ back\nnew line\ttab é ü * ? [a] ~ !x %s \xff\xfe end"

// shellClients sets up client A (AWS, git, plain and secret variables, one
// of them GITHUB_TOKEN) and client B (git, a plain variable, no secrets).
type shellClients struct {
	a, b               string
	aSecret, aGHToken  string
	aPlain, aUserAlias string
}

func setUpShellClients(t *testing.T, h *home) shellClients {
	t.Helper()
	c := shellClients{a: uniqueSlug("acme"), b: uniqueSlug("globex")}
	c.aSecret = "s3cret-" + uniqueSlug("marker") + "\nsecond line 'and' $quotes"
	c.aGHToken = "ghp_" + uniqueSlug("token")
	h.client(c.a, "--name", "Acme Corp")
	h.ok("aws", c.a, "--profile", "acme-admin", "--region", "eu-west-1")
	h.ok("git", c.a, "--name", "Ada Lovelace", "--email", "ada@acme.io")
	h.ok("set", c.a, "A_PLAIN="+weirdValue, "USER_SET_TOO=from-acme")
	h.secret(c.a, "A_SECRET", c.aSecret)
	h.secret(c.a, "GITHUB_TOKEN", c.aGHToken)
	h.client(c.b)
	h.ok("git", c.b, "--name", "Bob Builder", "--email", "bob@globex.io")
	h.ok("set", c.b, "B_PLAIN=plain-b")
	return c
}

// handToken is a token the user exports by hand while in client A (after
// the dump of step 1): it is A's, so B must clear it without recording it,
// and off must not bring it back.
const handToken = "hand-pasted-vault-token"

// switchScript loads the hook, sets the user's own variables, and dumps
// the environment before and after each step into dir/0 … dir/3.
func switchScript(sh, dir string, c shellClients) string {
	var b strings.Builder
	b.WriteString(hookLine(sh))
	steps := []string{"switch " + c.a, "switch " + c.b, "off"}
	if sh == "fish" {
		b.WriteString("set -gx AWS_PROFILE user-profile\nset -gx GITHUB_TOKEN user-token\n")
		b.WriteString("set -gx TF_TOKEN_app_terraform_io user-tf\nset -gx USER_SET_TOO users\n")
		fmt.Fprintf(&b, "env -0 > %s/0\n", dir)
		for i, s := range steps {
			fmt.Fprintf(&b, "stint %s; or exit %d\nenv -0 > %s/%d\n", s, 10+i, dir, i+1)
			if i == 0 {
				fmt.Fprintf(&b, "set -gx VAULT_TOKEN %s\n", handToken)
			}
		}
		return b.String()
	}
	if sh == "bash" {
		b.WriteString("set -u\n")
	} else {
		b.WriteString("setopt nounset\n")
	}
	b.WriteString("export AWS_PROFILE=user-profile GITHUB_TOKEN=user-token TF_TOKEN_app_terraform_io=user-tf USER_SET_TOO=users\n")
	fmt.Fprintf(&b, "env -0 > %s/0\n", dir)
	for i, s := range steps {
		fmt.Fprintf(&b, "stint %s || exit %d\nenv -0 > %s/%d\n", s, 10+i, dir, i+1)
		if i == 0 {
			fmt.Fprintf(&b, "export VAULT_TOKEN=%s\n", handToken)
		}
	}
	return b.String()
}

// TestSwitchInRealShells: in bash, zsh and fish with the hook loaded,
// switch to A, then B, then off, and compare the whole environment byte for
// byte with what it must be at each step.
func TestSwitchInRealShells(t *testing.T) {
	needKeyring(t)
	h := newHome(t)
	c := setUpShellClients(t, h)

	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			h.t = t
			dir := t.TempDir()
			out, err := h.runShell(sh, switchScript(sh, dir, c))
			require.NoError(t, err, "shell output:\n%s", out)

			base := parseEnv0(t, filepath.Join(dir, "0"))
			session := base["STINT_SESSION"]
			require.NotEmpty(t, session, "the hook sets STINT_SESSION")
			require.NotContains(t, base, "STINT_CLIENT")

			inA := parseEnv0(t, filepath.Join(dir, "1"))
			require.True(t, strings.HasPrefix(inA["STINT_STATE"], "v1."), "state recorded")
			// The production guard's shims come first on PATH in a client
			// (docs/safety.md); off puts PATH back byte for byte (below).
			guarded := filepath.Join(h.dir, "data", "guard", "bin") + ":" + base["PATH"]
			requireSameEnv(t, with(base, map[string]string{
				"PATH":        guarded,
				"AWS_PROFILE": "acme-admin", "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1",
				"GIT_AUTHOR_NAME": "Ada Lovelace", "GIT_COMMITTER_NAME": "Ada Lovelace",
				"GIT_AUTHOR_EMAIL": "ada@acme.io", "GIT_COMMITTER_EMAIL": "ada@acme.io",
				"KUBECONFIG":   h.sessionKubeconfig(c.a, session),
				"A_PLAIN":      weirdValue,
				"USER_SET_TOO": "from-acme",
				"A_SECRET":     c.aSecret,
				"GITHUB_TOKEN": c.aGHToken,
				"STINT_CLIENT": c.a,
				"STINT_STATE":  inA["STINT_STATE"],
			}, "TF_TOKEN_app_terraform_io"), inA, "switch "+c.a)

			inB := parseEnv0(t, filepath.Join(dir, "2"))
			require.True(t, strings.HasPrefix(inB["STINT_STATE"], "v1."))
			requireSameEnv(t, with(base, map[string]string{
				"PATH":            guarded,
				"GIT_AUTHOR_NAME": "Bob Builder", "GIT_COMMITTER_NAME": "Bob Builder",
				"GIT_AUTHOR_EMAIL": "bob@globex.io", "GIT_COMMITTER_EMAIL": "bob@globex.io",
				"KUBECONFIG":   h.sessionKubeconfig(c.b, session),
				"B_PLAIN":      "plain-b",
				"STINT_CLIENT": c.b,
				"STINT_PREV":   c.a,
				"STINT_STATE":  inB["STINT_STATE"],
				// The user's leak-prone variables are cleared in B, A's
				// values are gone, and USER_SET_TOO is the user's again.
			}, "AWS_PROFILE", "GITHUB_TOKEN", "TF_TOKEN_app_terraform_io"), inB, "switch "+c.b)
			// The token pasted in A is cleared (above) and not kept in B's
			// state, which every process in B's shell can read.
			st, err := shell.DecodeState(inB)
			require.NoError(t, err)
			require.Contains(t, st.Saved, shell.Saved{Name: "VAULT_TOKEN"}, "recorded as previously unset")
			for _, s := range st.Saved {
				require.NotEqual(t, handToken, s.Prior, "%s keeps A's pasted token", s.Name)
			}

			off := parseEnv0(t, filepath.Join(dir, "3"))
			requireSameEnv(t, with(base, map[string]string{"STINT_PREV": c.b}), off, "off")

			// Leaving A removed A's session kubeconfig; off removed B's.
			require.NoFileExists(t, h.sessionKubeconfig(c.a, session))
			require.NoFileExists(t, h.sessionKubeconfig(c.b, session))
			leftovers, _ := filepath.Glob(filepath.Join(h.tmp, "stint-eval.*"))
			require.Empty(t, leftovers, "the hook removes its eval files")
		})
	}
}

// TestBadInputLeavesTheShellAsItWas: an unknown client, a client whose
// kubeconfig is gone, one whose kubeconfig lost the context, and a client
// with secrets while the keyring is unreachable: each fails with one line
// and exit 1, and the shell (already in a client) is exactly as it was.
func TestBadInputLeavesTheShellAsItWas(t *testing.T) {
	needKeyring(t)
	h := newHome(t)
	good, gone, lost, locked := uniqueSlug("good"), uniqueSlug("gone"), uniqueSlug("lost"), uniqueSlug("locked")
	h.client(good)
	h.ok("set", good, "GOOD=1")
	kdir := t.TempDir()
	h.client(gone)
	h.ok("kube", "add", gone, "--kubeconfig", writeKubeconfig(t, kdir, "gone.yaml", "gone-ctx"))
	require.NoError(t, os.Remove(filepath.Join(kdir, "gone.yaml")))
	h.client(lost)
	lostFile := writeKubeconfig(t, kdir, "lost.yaml", "lost-ctx", "other-ctx")
	h.ok("kube", "add", lost, "--kubeconfig", lostFile, "--context", "lost-ctx")
	writeKubeconfig(t, kdir, "lost.yaml", "other-ctx")
	h.client(locked)
	h.secret(locked, "LOCKED_TOKEN", "value-"+uniqueSlug("x"))
	deadBus := "unix:path=" + filepath.Join(t.TempDir(), "no-bus-here")

	cases := []struct{ name, cmd, want string }{
		{"unknown", "stint switch " + uniqueSlug("nobody"), "no client named"},
		{"kubeconfig gone", "stint switch " + gone, "does not exist"},
		{"context gone", "stint switch " + lost, "lost-ctx"},
		{"keyring unreachable", "DBUS_SESSION_BUS_ADDRESS=" + deadBus + " stint switch " + locked, "keyring"},
	}
	dir := t.TempDir()
	var script strings.Builder
	script.WriteString(hookLine("bash"))
	fmt.Fprintf(&script, "stint switch %s || exit 9\nenv -0 > %s/before\n", good, dir)
	for i, c := range cases {
		fmt.Fprintf(&script, "%s 2> %s/err%d; echo $? > %s/rc%d\nenv -0 > %s/after%d\n", c.cmd, dir, i, dir, i, dir, i)
	}
	out, err := h.runShell("bash", script.String())
	require.NoError(t, err, out)

	before := parseEnv0(t, filepath.Join(dir, "before"))
	require.Equal(t, good, before["STINT_CLIENT"])
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rc, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("rc%d", i)))
			require.Equal(t, "1\n", string(rc))
			stderr, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("err%d", i)))
			failsCleanly(t, result{code: 1, stderr: string(stderr)}, c.want)
			requireSameEnv(t, before, parseEnv0(t, filepath.Join(dir, fmt.Sprintf("after%d", i))), c.name)
		})
	}
	leftovers, _ := filepath.Glob(filepath.Join(h.dir, "run", "eval", "eval.*"))
	require.Empty(t, leftovers)

	// The same through `stint env`: exit 1, one line, nothing on stdout,
	// and no session kubeconfig written for the failed switch.
	failsCleanly(t, h.run("", nil, "env", uniqueSlug("nobody")), "no client named")
	failsCleanly(t, h.run("", nil, "env", gone), "does not exist")
	failsCleanly(t, h.run("", nil, "env", lost), "lost-ctx")
	failsCleanly(t, h.run("", []string{"DBUS_SESSION_BUS_ADDRESS=" + deadBus}, "env", locked), "keyring")
	for _, slug := range []string{gone, lost, locked} {
		files, _ := filepath.Glob(filepath.Join(h.dir, "run", "kube", slug, "*"))
		require.Empty(t, files, "a failed switch to %s leaves no kubeconfig", slug)
	}
}

// TestSwitchWithoutHook: `stint switch` in a shell without the hook says in
// one line how to install it (exit 2); `eval "$(stint env …)"` works there.
func TestSwitchWithoutHook(t *testing.T) {
	h := newHome(t)
	slug := uniqueSlug("plain")
	h.client(slug)
	h.ok("set", slug, "PLAIN=yes")
	r := h.run("", nil, "switch", slug)
	require.Equal(t, 2, r.code)
	require.Equal(t, 1, strings.Count(r.stderr, "\n"))
	require.Contains(t, r.stderr, "stint hook bash")
	require.Contains(t, r.stderr, "stint env "+slug)

	out, err := h.runShell("bash", fmt.Sprintf(`set -u
eval "$(%[1]s env %[2]s)"
printf '%%s|%%s\n' "$PLAIN" "$STINT_CLIENT"
eval "$(%[1]s env --off)"
printf '%%s|%%s|%%s\n' "${PLAIN-unset}" "${STINT_CLIENT-unset}" "$STINT_PREV"
`, stintBin, slug))
	require.NoError(t, err, out)
	require.Equal(t, "yes|"+slug+"\nunset|unset|"+slug+"\n", out)
}
