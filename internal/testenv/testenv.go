// Package testenv decides what a test does when a real program or service
// it drives is missing. stint's tests run real shells, tmux, git, kubectl,
// Timewarrior and a real Secret Service; a developer without one of them
// gets a skip that names what to install, while under scripts/test (what
// `make test` and CI run) the same test fails, so a suite cannot pass by
// silently skipping:
//
//   - STINT_TEST_REAL=1 (set by scripts/test) promises every program;
//   - STINT_TEST_KEYRING=1 (set by scripts/with-keyring) promises a usable
//     Secret Service (STINT_TEST_REAL=1 promises it too).
//
// Tests look programs up through Program or Lookup, never exec.LookPath
// (a test of this package holds every test file to that).
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// The environment variables that turn skips into failures.
const (
	EnvRequireReal    = "STINT_TEST_REAL"
	EnvRequireKeyring = "STINT_TEST_KEYRING"
)

// debianPackage names the Debian package that installs each program the
// tests drive, for the skip message; scripts/install-test-deps (which
// .ci/run and scripts/test call) installs every one of them.
var debianPackage = map[string]string{
	"bash":                 "bash",
	"zsh":                  "zsh",
	"fish":                 "fish",
	"tmux":                 "tmux",
	"git":                  "git",
	"ssh-keygen":           "openssh-client",
	"kubectl":              "kubernetes-client",
	"timew":                "timewarrior",
	"aws":                  "awscli",
	"dbus-run-session":     "dbus",
	"gnome-keyring-daemon": "gnome-keyring",
}

// RealRequired reports whether every real program must be present
// (STINT_TEST_REAL=1).
func RealRequired() bool { return os.Getenv(EnvRequireReal) == "1" }

// KeyringRequired reports whether a usable Secret Service was promised.
func KeyringRequired() bool { return os.Getenv(EnvRequireKeyring) == "1" || RealRequired() }

// Program returns the path of a program the test drives. Without it the
// test skips, saying what to install; with STINT_TEST_REAL=1 it fails.
func Program(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if RealRequired() {
		t.Fatalf("%s=1 but %s is not installed (%s)", EnvRequireReal, name, installHint(name))
	} else {
		t.Skipf("skipped: %s is not installed (%s)", name, installHint(name))
	}
	return ""
}

// Lookup is Program for a test that can go on without the program (one
// check of many needs it): it returns false and logs what was left out,
// or fails with STINT_TEST_REAL=1.
func Lookup(t testing.TB, name string) (string, bool) {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path, true
	}
	if RealRequired() {
		t.Fatalf("%s=1 but %s is not installed (%s)", EnvRequireReal, name, installHint(name))
	} else {
		t.Logf("leaving out what needs %s: it is not installed (%s)", name, installHint(name))
	}
	return "", false
}

// Keyring checks a usable Secret Service with probe: without one the test
// skips, saying how to get a throwaway one (run), or fails when one was
// promised.
func Keyring(t testing.TB, probe func() error, run string) {
	t.Helper()
	err := probe()
	if err == nil {
		return
	}
	if KeyringRequired() {
		t.Fatalf("a Secret Service was promised (%s=1 or %s=1) but it is not usable: %v", EnvRequireKeyring, EnvRequireReal, err)
	} else {
		t.Skipf("skipped: no usable Secret Service (%v); to run it: %s", err, run)
	}
}

func installHint(name string) string {
	if pkg, ok := debianPackage[name]; ok {
		return fmt.Sprintf("Debian package %s; scripts/install-test-deps installs it", pkg)
	}
	return "install it to run this test"
}
