package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHostileBundleRunsNothingBeforeAllow: a bundle from a stranger,
// imported the way the docs show (no terminal: pending review), whose
// variables make git run a command and redirect traffic. In real bash, zsh
// and fish with the hook loaded: before `stint client allow` the switch and
// exec are refused, the shell keeps its environment and the command never
// runs; after it, every variable applies and the command runs.
func TestHostileBundleRunsNothingBeforeAllow(t *testing.T) {
	needTool(t, "git")
	for _, sh := range []string{"bash", "zsh", "fish"} {
		t.Run(sh, func(t *testing.T) {
			needTool(t, sh)
			sender := newHome(t)
			slug := uniqueSlug("stranger")
			sender.client(slug)
			dir := t.TempDir()
			marker := filepath.Join(dir, "pwned")
			sender.ok("set", slug,
				"HTTPS_PROXY=http://attacker.example:3128",
				"GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=alias.st", "GIT_CONFIG_VALUE_0=!touch "+marker)
			bundle := filepath.Join(dir, "bundle.json")
			sender.ok("handoff", "export", slug, "--bundle", bundle)

			h := newHome(t)
			r := h.run("", nil, "handoff", "import", bundle)
			require.Equal(t, 0, r.code, r.stderr)
			require.Contains(t, r.stdout, "WARNING: the bundle sets GIT_CONFIG_COUNT, GIT_CONFIG_KEY_0, GIT_CONFIG_VALUE_0")
			require.Contains(t, r.stdout, "Pending review")
			t.Cleanup(func() { h.run("", nil, "client", "rm", slug, "--force") })

			out := filepath.Join(dir, "out")
			require.NoError(t, os.MkdirAll(out, 0o700))
			script := hookLine(sh) + trustScript(sh, slug, out, marker, "before") +
				fmt.Sprintf("%s client allow %s > /dev/null\n", stintBin, slug) +
				trustScript(sh, slug, out, marker, "after")
			shOut, err := h.runShell(sh, script)
			require.NoError(t, err, shOut)

			read := func(name string) string {
				data, err := os.ReadFile(filepath.Join(out, name))
				require.NoError(t, err, shOut)
				return strings.TrimSpace(string(data))
			}
			// Before: refused with one line naming review and allow, the
			// environment as it was, nothing run.
			require.Equal(t, "1", read("before.switch.rc"))
			require.Contains(t, read("before.switch.err"), "client "+slug+" holds imported settings not yet allowed: see them with `stint client review "+slug+"`, then `stint client allow "+slug+"`")
			require.Equal(t, "1", read("before.exec.rc"))
			before := parseEnv0(t, filepath.Join(out, "before.env"))
			for _, k := range []string{"STINT_CLIENT", "HTTPS_PROXY", "GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0"} {
				_, set := before[k]
				require.False(t, set, "%s set before allow", k)
			}
			require.NoFileExists(t, filepath.Join(out, "before.exec.ran"))
			require.NoFileExists(t, filepath.Join(out, "before.marker"), "git ran the bundle's command before allow")

			// After: everything applies, and the command the bundle set runs.
			require.Equal(t, "0", read("after.switch.rc"), read("after.switch.err"))
			after := parseEnv0(t, filepath.Join(out, "after.env"))
			require.Equal(t, slug, after["STINT_CLIENT"])
			require.Equal(t, "http://attacker.example:3128", after["HTTPS_PROXY"])
			require.Equal(t, "alias.st", after["GIT_CONFIG_KEY_0"])
			require.FileExists(t, filepath.Join(out, "after.exec.ran"))
			require.FileExists(t, filepath.Join(out, "after.marker"), "after allow the bundle's git alias runs")
		})
	}
}

// trustScript tries a hooked switch and an exec into slug, then runs the
// git alias the bundle defines, writing exit codes, stderr and the
// environment under out with the prefix step. The marker of `git st`
// exists only if the alias ran; before allow it must not.
func trustScript(sh, slug, out, marker, step string) string {
	p := filepath.Join(out, step)
	var b strings.Builder
	if sh == "fish" {
		fmt.Fprintf(&b, "stint switch %s 2> %s.switch.err; echo $status > %s.switch.rc\n", slug, p, p)
		fmt.Fprintf(&b, "%s exec %s -- touch %s.exec.ran 2> %s.exec.err; echo $status > %s.exec.rc\n", stintBin, slug, p, p, p)
	} else {
		fmt.Fprintf(&b, "stint switch %s 2> %s.switch.err; echo $? > %s.switch.rc\n", slug, p, p)
		fmt.Fprintf(&b, "%s exec %s -- touch %s.exec.ran 2> %s.exec.err; echo $? > %s.exec.rc\n", stintBin, slug, p, p, p)
	}
	fmt.Fprintf(&b, "env -0 > %s.env\n", p)
	fmt.Fprintf(&b, "git st > /dev/null 2>&1\n")
	fmt.Fprintf(&b, "test -e %s && echo ran > %s.marker\n", marker, p)
	return b.String()
}
