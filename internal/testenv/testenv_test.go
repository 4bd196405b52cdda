package testenv

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a testing.TB that notes how the helper ended the test
// instead of ending it.
type recorder struct {
	testing.TB
	ended, msg string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Logf(f string, a ...any)   { r.ended, r.msg = "log", fmt.Sprintf(f, a...) }
func (r *recorder) Skipf(f string, a ...any)  { r.ended, r.msg = "skip", fmt.Sprintf(f, a...) }
func (r *recorder) Fatalf(f string, a ...any) { r.ended, r.msg = "fail", fmt.Sprintf(f, a...) }
func (r *recorder) outcome() (string, string) { return r.ended, r.msg }
func newRecorder(t *testing.T) *recorder      { return &recorder{TB: t} }
func setEnv(t *testing.T, real, keyring string) {
	t.Setenv(EnvRequireReal, real)
	t.Setenv(EnvRequireKeyring, keyring)
}

func TestMissingThingsSkipForADeveloperAndFailWhenPromised(t *testing.T) {
	missing := "stint-no-such-program"
	unusable := func() error { return errors.New("no bus") }
	cases := []struct {
		name, real, keyring string
		check               func(*recorder)
		want                string
	}{
		{"program, developer", "", "", func(r *recorder) { Program(r, missing) }, "skip"},
		{"program, CI", "1", "", func(r *recorder) { Program(r, missing) }, "fail"},
		{"program, keyring promised only", "", "1", func(r *recorder) { Program(r, missing) }, "skip"},
		{"optional program, developer", "", "", func(r *recorder) { Lookup(r, missing) }, "log"},
		{"optional program, CI", "1", "", func(r *recorder) { Lookup(r, missing) }, "fail"},
		{"keyring, developer", "", "", func(r *recorder) { Keyring(r, unusable, "scripts/with-keyring go test") }, "skip"},
		{"keyring, with-keyring", "", "1", func(r *recorder) { Keyring(r, unusable, "scripts/with-keyring go test") }, "fail"},
		{"keyring, CI", "1", "", func(r *recorder) { Keyring(r, unusable, "scripts/with-keyring go test") }, "fail"},
		{"usable keyring", "1", "1", func(r *recorder) { Keyring(r, func() error { return nil }, "") }, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			setEnv(t, c.real, c.keyring)
			r := newRecorder(t)
			c.check(r)
			ended, msg := r.outcome()
			assert.Equal(t, c.want, ended, msg)
			if ended == "skip" || ended == "fail" {
				assert.NotEmpty(t, msg)
			}
		})
	}
}

func TestAPresentProgramIsFound(t *testing.T) {
	setEnv(t, "1", "")
	sh, err := exec.LookPath("sh")
	require.NoError(t, err)
	r := newRecorder(t)
	assert.Equal(t, sh, Program(r, "sh"))
	path, ok := Lookup(r, "sh")
	assert.True(t, ok)
	assert.Equal(t, sh, path)
	ended, _ := r.outcome()
	assert.Empty(t, ended)
}

func TestSkipMessagesNameTheDebianPackage(t *testing.T) {
	setEnv(t, "", "")
	r := newRecorder(t)
	debianPackage["stint-test-tool"] = "stint-test-package"
	defer delete(debianPackage, "stint-test-tool")
	Program(r, "stint-test-tool")
	_, msg := r.outcome()
	assert.Contains(t, msg, "stint-test-tool is not installed")
	assert.Contains(t, msg, "Debian package stint-test-package")
}

// What a skip message tells to install is what scripts/install-test-deps
// installs, so CI has every program the tests drive.
func TestInstallTestDepsInstallsEveryProgram(t *testing.T) {
	script, err := os.ReadFile("../../scripts/install-test-deps")
	require.NoError(t, err)
	for prog, pkg := range debianPackage {
		line := regexp.MustCompile(`(?m)^have ` + regexp.QuoteMeta(prog) + ` +\|\| need\+=\(` + regexp.QuoteMeta(pkg) + `\)`)
		assert.True(t, line.Match(script), "scripts/install-test-deps must install %s: have %s || need+=(%s)", prog, prog, pkg)
	}
}

// lookPath is how a test would find a program behind this package's back.
var lookPath = regexp.MustCompile(`\bexec\.LookPath\(`)

// Every test that needs a real program asks this package, so no suite can
// skip in CI for a missing one: no test file calls exec.LookPath itself.
func TestNoTestLooksUpProgramsItself(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	require.FileExists(t, filepath.Join(root, "go.mod"))
	var offenders []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") || filepath.Dir(path) == filepath.Join(root, "internal", "testenv") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(src), "\n") {
			if lookPath.MatchString(line) {
				rel, _ := filepath.Rel(root, path)
				offenders = append(offenders, fmt.Sprintf("%s:%d", rel, i+1))
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Empty(t, offenders, "use testenv.Program or testenv.Lookup, which fail instead of skipping under scripts/test")
}
