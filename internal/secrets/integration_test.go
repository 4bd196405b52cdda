package secrets

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/testenv"
)

// Integration tests against the real OS keyring. On Linux they need a
// reachable, unlocked Secret Service — `scripts/with-keyring go test
// ./internal/secrets/` provides a throwaway one — and are skipped, saying
// why, without it; where one was promised (STINT_TEST_KEYRING=1 from
// scripts/with-keyring, STINT_TEST_REAL=1 from scripts/test) they fail
// instead, so CI cannot pass by silently skipping them.

// systemKeyring returns the real keyring, or skips the test.
func systemKeyring(t *testing.T) Backend {
	t.Helper()
	if runtime.GOOS != "linux" && !testenv.KeyringRequired() {
		t.Skipf("keyring integration tests would use your real %s keyring; set %s=1 to run them", runtime.GOOS, testenv.EnvRequireKeyring)
	}
	backend := SystemBackend()
	testenv.Keyring(t, New(backend, t.TempDir(), WithCallTimeout(5*time.Second)).Probe,
		"scripts/with-keyring go test ./internal/secrets/")
	return backend
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// testClient returns a client name no other test or run uses, and removes
// its items when the test ends.
func testClient(t *testing.T, backend Backend) string {
	t.Helper()
	name := nonSlug.ReplaceAllString(strings.ToLower(t.Name()), "-")
	client := fmt.Sprintf("stint-test-%d-%d-%s", os.Getpid(), time.Now().UnixNano()%1e6, name)
	t.Cleanup(func() {
		assert.NoError(t, New(backend, t.TempDir()).DeleteAll(client))
	})
	return client
}

func TestKeyringSetGetDelete(t *testing.T) {
	backend := systemKeyring(t)
	client := testClient(t, backend)
	s := New(backend, t.TempDir())

	require.NoError(t, s.Put(client, "GITHUB_TOKEN", "ghp_integration"))
	require.NoError(t, s.Put(client, "MULTILINE", "line1\nline2\n"))
	require.NoError(t, s.Put(client, "BINARY", "\xff\x00\xfe"))
	got, err := s.Load(client)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"GITHUB_TOKEN": "ghp_integration", "MULTILINE": "line1\nline2\n", "BINARY": "\xff\x00\xfe"}, got)

	require.NoError(t, s.Remove(client, "GITHUB_TOKEN"))
	got, err = s.Load(client)
	require.NoError(t, err)
	assert.NotContains(t, got, "GITHUB_TOKEN")

	require.NoError(t, s.DeleteAll(client))
	_, err = backend.Get(Service, client)
	assert.True(t, isNotFound(err), "the client's item is gone: %v", err)
	got, err = s.Load(client)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestKeyring64KiBValue(t *testing.T) {
	backend := systemKeyring(t)
	client := testClient(t, backend)
	s := New(backend, t.TempDir())

	value := valueOf("GOOGLE_CREDENTIALS", 64*1024)
	require.NoError(t, s.Put(client, "GOOGLE_CREDENTIALS", value))
	got, err := s.Load(client)
	require.NoError(t, err)
	assert.Equal(t, value, got["GOOGLE_CREDENTIALS"])

	ref := currentRef(t, backend, client)
	assert.Greater(t, ref.Count, 32)
	for i := 1; i <= ref.Count; i++ {
		item, err := backend.Get(Service, chunkUser(client, ref.Slot, i))
		require.NoError(t, err)
		assert.LessOrEqual(t, len(item), MaxItemBytes)
	}
}

func TestKeyringShrinkRemovesStaleChunks(t *testing.T) {
	backend := systemKeyring(t)
	client := testClient(t, backend)
	s := New(backend, t.TempDir())

	require.NoError(t, s.Put(client, "K", valueOf("K", 20000)))
	big := currentRef(t, backend, client)
	require.Greater(t, big.Count, 5)
	require.NoError(t, s.Put(client, "K", valueOf("K", 5000)))
	smaller := currentRef(t, backend, client)
	require.NoError(t, s.Put(client, "K", "small"))

	got, err := s.Load(client)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"K": "small"}, got)
	for _, slot := range []string{slotA, slotB} {
		for i := 1; i <= big.Count+1; i++ {
			_, err := backend.Get(Service, chunkUser(client, slot, i))
			assert.True(t, isNotFound(err), "stale chunk %s remains (%v)", chunkUser(client, slot, i), err)
		}
	}
	assert.NotEqual(t, big.Slot, smaller.Slot, "consecutive chunked writes alternate slots")
}

func TestKeyringConcurrentProcessesLoseNothing(t *testing.T) {
	backend := systemKeyring(t)
	concurrentPuts(t, backend, "system", testClient(t, backend))
}

// A process that finds no Secret Service on its bus fails with the message
// that names the fix, and writes nothing. Runs without a keyring, too: the
// child's bus is a socket that does not exist.
func TestNoSecretServiceOnTheBus(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the Secret Service is Linux's keyring")
	}
	var backend Backend
	client := fmt.Sprintf("stint-test-%d-nobus", os.Getpid())
	if checkSessionBus() == nil && New(SystemBackend(), t.TempDir(), WithCallTimeout(5*time.Second)).Probe() == nil {
		backend = SystemBackend()
		client = testClient(t, backend)
	}

	// A fake dbus-launch records whether anything tried to autolaunch a bus.
	fakeBin := t.TempDir()
	launched := filepath.Join(fakeBin, "launched")
	require.NoError(t, os.WriteFile(filepath.Join(fakeBin, "dbus-launch"),
		[]byte("#!/bin/sh\ntouch '"+launched+"'\nexit 1\n"), 0o755))

	runDir := filepath.Join("/run/user", strconv.Itoa(os.Getuid()))
	cases := map[string][]string{
		"bus socket missing": {"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(t.TempDir(), "no-such-bus")},
	}
	exists := func(path string) bool { _, err := os.Stat(path); return err == nil }
	if !exists(filepath.Join(runDir, "bus")) && !exists(filepath.Join(runDir, "dbus-session")) {
		cases["no bus configured"] = []string{"DBUS_SESSION_BUS_ADDRESS="}
	}
	for name, env := range cases {
		t.Run(name, func(t *testing.T) {
			env = append(env, "PATH="+fakeBin+string(os.PathListSeparator)+os.Getenv("PATH"))
			env = append(env, putHelperEnv("system", t.TempDir(), client, "TOKEN", 40)...)
			r := runHelpers(t, [][]string{env})[0]

			var exit *exec.ExitError
			require.ErrorAs(t, r.err, &exit, r.stderr)
			assert.Equal(t, 1, exit.ExitCode())
			assert.Contains(t, r.stderr, "kind=unavailable")
			assert.Contains(t, r.stderr, "no Secret Service on the session bus — start gnome-keyring or KeePassXC's Secret Service, or run inside dbus-run-session")
			assert.NotContains(t, r.stderr, "secret-marker", "no value in the error")
			assert.NoFileExists(t, launched, "no session bus may be autolaunched")
		})
	}
	if backend != nil {
		_, err := backend.Get(Service, client)
		assert.True(t, isNotFound(err), "nothing was written: %v", err)
	}
}

// A locked login keyring gives ErrLocked with the fix, not a hang. The test
// builds its own: a throwaway HOME whose login keyring is created with a
// password in one session bus, then used from a second session bus where
// D-Bus activation starts gnome-keyring with that keyring locked. No
// display is passed on, so no unlock prompt can appear.
func TestLockedKeyringGivesErrLocked(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("gnome-keyring is Linux's")
	}
	for _, tool := range []string{"dbus-run-session", "gnome-keyring-daemon"} {
		testenv.Program(t, tool)
	}
	env := isolatedKeyringEnv(t)
	ctx := t.Context()

	// The daemon is stopped once it has written the keyring file: left
	// running, it would serve the second session instead of a fresh one.
	create := exec.CommandContext(ctx, "dbus-run-session", "--", "sh", "-c", `
		printf throwaway | gnome-keyring-daemon --unlock --components=secrets --foreground >/dev/null 2>&1 &
		pid=$!
		for i in $(seq 200); do [ -f "$XDG_DATA_HOME/keyrings/login.keyring" ] && break; sleep 0.05; done
		kill $pid; wait $pid
		test -f "$XDG_DATA_HOME/keyrings/login.keyring"`)
	create.Env = env
	out, err := create.CombinedOutput()
	require.NoError(t, err, "creating a login keyring: %s", out)

	exe, err := os.Executable()
	require.NoError(t, err)
	use := exec.CommandContext(ctx, "dbus-run-session", "--", exe, "-test.run=^$")
	use.Env = append(env, putHelperEnv("system", t.TempDir(), "acme", "TOKEN", 40)...)
	out, err = use.CombinedOutput()

	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "%s", out)
	assert.Contains(t, string(out), "kind=locked")
	assert.Contains(t, string(out), hintFor(ErrLocked, "linux"))
	assert.NotContains(t, string(out), "secret-marker")
}

// isolatedKeyringEnv is the test's environment with a throwaway HOME and
// XDG directories, and without any bus or display of the caller's.
func isolatedKeyringEnv(t *testing.T) []string {
	home := t.TempDir()
	runtimeDir := filepath.Join(home, "run")
	require.NoError(t, os.Mkdir(runtimeDir, 0o700))
	env := []string{
		"HOME=" + home,
		"XDG_DATA_HOME=" + filepath.Join(home, "share"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, "cache"),
		"XDG_RUNTIME_DIR=" + runtimeDir,
	}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "HOME", strings.HasPrefix(name, "XDG_"), strings.HasPrefix(name, "DBUS_"),
			name == "DISPLAY", name == "WAYLAND_DISPLAY", strings.HasPrefix(name, "GNOME_KEYRING"):
			continue
		}
		env = append(env, kv)
	}
	return env
}
