package secrets

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The test binary doubles as a helper process: with STINT_SECRETS_HELPER
// set it performs one Store operation and exits, so tests can run several
// real OS processes against one keyring and one lock file.
const (
	envHelper  = "STINT_SECRETS_HELPER"         // the operation: "put"
	envBackend = "STINT_SECRETS_HELPER_BACKEND" // "system" or "dir:PATH"
	envLockDir = "STINT_SECRETS_HELPER_LOCKDIR"
	envClient  = "STINT_SECRETS_HELPER_CLIENT"
	envKey     = "STINT_SECRETS_HELPER_KEY"
	envSize    = "STINT_SECRETS_HELPER_SIZE" // value is valueOf(key, size)
)

func TestMain(m *testing.M) {
	if op := os.Getenv(envHelper); op != "" {
		os.Exit(runHelper(op))
	}
	os.Exit(m.Run())
}

// runHelper waits until its stdin closes (so that all helpers start their
// operation together), performs it, and reports an error's kind and message
// on stderr.
func runHelper(op string) int {
	_, _ = io.Copy(io.Discard, os.Stdin)
	var backend Backend
	switch spec := os.Getenv(envBackend); {
	case spec == "system":
		backend = SystemBackend()
	case strings.HasPrefix(spec, "dir:"):
		backend = dirBackend{dir: strings.TrimPrefix(spec, "dir:")}
	default:
		fmt.Fprintf(os.Stderr, "unknown backend %q\n", spec)
		return 2
	}
	s := New(backend, os.Getenv(envLockDir), WithCallTimeout(10*time.Second), WithLockTimeout(60*time.Second))
	size, _ := strconv.Atoi(os.Getenv(envSize))
	key := os.Getenv(envKey)

	var err error
	switch op {
	case "put":
		err = s.Put(os.Getenv(envClient), key, valueOf(key, size))
	default:
		err = fmt.Errorf("unknown helper operation %q", op)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "kind=%s\n%v\n", kindName(err), err)
		return 1
	}
	return 0
}

func kindName(err error) string {
	for name, kind := range map[string]error{
		"unavailable": ErrUnavailable, "locked": ErrLocked, "timeout": ErrTimeout,
		"corrupt": ErrCorrupt, "notfound": ErrNotFound, "toolarge": ErrTooLarge,
	} {
		if errors.Is(err, kind) {
			return name
		}
	}
	return "other"
}

type helperResult struct {
	err    error
	stderr string
}

// runHelpers starts one helper process per env (each added to the test's
// environment), releases them at once, and waits for all.
func runHelpers(t *testing.T, envs [][]string) []helperResult {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)

	cmds := make([]*exec.Cmd, len(envs))
	stdins := make([]io.WriteCloser, len(envs))
	stderrs := make([]*bytes.Buffer, len(envs))
	for i, env := range envs {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), env...)
		stderrs[i] = &bytes.Buffer{}
		cmd.Stderr = stderrs[i]
		stdins[i], err = cmd.StdinPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		cmds[i] = cmd
	}
	for _, stdin := range stdins {
		require.NoError(t, stdin.Close())
	}
	results := make([]helperResult, len(envs))
	var wg sync.WaitGroup
	for i, cmd := range cmds {
		wg.Go(func() {
			results[i] = helperResult{err: cmd.Wait(), stderr: stderrs[i].String()}
		})
	}
	wg.Wait()
	return results
}

func putHelperEnv(backend, lockDir, client, key string, size int) []string {
	return []string{
		envHelper + "=put",
		envBackend + "=" + backend,
		envLockDir + "=" + lockDir,
		envClient + "=" + client,
		envKey + "=" + key,
		envSize + "=" + strconv.Itoa(size),
	}
}

// concurrentPuts has 8 processes add a different secret to one client at
// once, and checks that every one of them is there afterwards. Values are
// large enough that the set is chunked, so writers switch chunk slots too.
func concurrentPuts(t *testing.T, backend Backend, spec, client string) {
	t.Helper()
	const processes, size = 8, 700
	lockDir := t.TempDir()
	var envs [][]string
	for i := range processes {
		envs = append(envs, putHelperEnv(spec, lockDir, client, fmt.Sprintf("KEY_%d", i), size))
	}
	for i, r := range runHelpers(t, envs) {
		require.NoError(t, r.err, "process %d: %s", i, r.stderr)
	}

	got, err := New(backend, lockDir).Load(client)
	require.NoError(t, err)
	assert.Len(t, got, processes)
	for i := range processes {
		key := fmt.Sprintf("KEY_%d", i)
		assert.Equal(t, valueOf(key, size), got[key], key)
	}
}

// With a keyring every process shares (items in files), the lock file alone
// keeps 8 concurrent read-modify-writes from losing each other's secret.
func TestConcurrentProcessesLoseNothing(t *testing.T) {
	dir := t.TempDir()
	concurrentPuts(t, dirBackend{dir: dir}, "dir:"+dir, "acme")
}
