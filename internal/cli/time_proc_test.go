package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench"
)

// These tests run the command tree in separate OS processes against one
// database file: the test binary re-executes itself into
// TestTimeChildProcess, which runs real `stint` commands through Run, each
// with its own freshly opened database, as separate invocations would.

const childEnv = "STINT_TIME_CHILD" // the child's mode: ops, adds or import

// runStint runs one stint command in this process against $STINT_HOME,
// opening and closing the database like a separate invocation.
func runStint(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	d := &Deps{
		IO:     NewIOStreams(strings.NewReader(""), &out, &errOut),
		Getenv: os.Getenv, Environ: os.Environ, Version: "test",
	}
	var wb *workbench.Workbench
	d.Workbench = func(ctx context.Context) (*workbench.Workbench, error) {
		if wb == nil {
			w, err := OpenWorkbench(ctx, os.Getenv, nil, time.Now)
			if err != nil {
				return nil, err
			}
			wb = w
		}
		return wb, nil
	}
	code = Run(context.Background(), d, args)
	if wb != nil {
		wb.DB().Close()
	}
	return code, out.String(), errOut.String()
}

// childReport is what an "ops" child tells its parent.
type childReport struct {
	Created  []int64  `json:"created"`
	Stops    int      `json:"stops"`
	Failures []string `json:"failures"` // anything but success or "no timer is running"
}

// TestTimeChildProcess is not a test on its own: it is the body of the
// child processes the tests below start.
func TestTimeChildProcess(t *testing.T) {
	mode := os.Getenv(childEnv)
	if mode == "" {
		t.Skip("helper process for the multi-process time tests")
	}
	switch mode {
	case "ops":
		childOps()
	case "adds":
		for i := 0; ; i++ { // until killed
			from := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
			if code, _, stderr := runStint("add", "globex", "--from", from.Format(time.RFC3339),
				"--to", from.Add(30*time.Minute).Format(time.RFC3339)); code != 0 {
				fmt.Fprint(os.Stderr, stderr)
				os.Exit(3)
			}
		}
	case "import":
		code, _, stderr := runStint("import", "timewarrior", os.Getenv("STINT_CHILD_FILE"))
		fmt.Fprint(os.Stderr, stderr)
		os.Exit(code)
	}
	os.Exit(0)
}

func childOps() {
	id, _ := strconv.Atoi(os.Getenv("STINT_CHILD_ID"))
	n, _ := strconv.Atoi(os.Getenv("STINT_CHILD_OPS"))
	rng := rand.New(rand.NewSource(int64(id)))
	clients := []string{"acme", "globex", "initech"}
	var rep childReport
	created := func(stdout string, field string) {
		var v map[string]json.RawMessage
		var e workbench.Entry
		if err := json.Unmarshal([]byte(stdout), &v); err == nil && field != "" {
			_ = json.Unmarshal(v[field], &e)
		} else {
			_ = json.Unmarshal([]byte(stdout), &e)
		}
		if e.ID == 0 {
			rep.Failures = append(rep.Failures, "no entry ID in "+stdout)
		}
		rep.Created = append(rep.Created, e.ID)
	}
	for op := range n {
		var args []string
		switch r := rng.Intn(10); {
		case r < 4:
			args = []string{"start", clients[rng.Intn(3)], "--json"}
		case r < 7:
			args = []string{"stop", "--json"}
		default: // a past hour of its own, so adds of different processes never collide
			from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(id*n+op) * time.Hour)
			args = []string{"add", clients[rng.Intn(3)], "--from", from.Format(time.RFC3339),
				"--to", from.Add(20 * time.Minute).Format(time.RFC3339), "--json"}
		}
		code, stdout, stderr := runStint(args...)
		switch {
		case code == 0 && args[0] == "start":
			created(stdout, "started")
		case code == 0 && args[0] == "add":
			created(stdout, "")
		case code == 0:
			rep.Stops++
		case code == 2 && args[0] == "stop" && strings.Contains(stderr, "no timer is running"):
		default:
			rep.Failures = append(rep.Failures, fmt.Sprintf("%v: exit %d: %s", args, code, stderr))
		}
	}
	out, _ := json.Marshal(rep)
	if err := os.WriteFile(os.Getenv("STINT_CHILD_OUT"), out, 0o600); err != nil {
		os.Exit(4)
	}
}

// child prepares (without starting) a re-execution of this test binary.
func child(t *testing.T, home, mode string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestTimeChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "STINT_HOME="+home, "TZ=UTC")
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// setUpHome makes a database with three clients and returns STINT_HOME.
func setUpHome(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("STINT_HOME", home)
	for _, c := range []string{"acme", "globex", "initech"} {
		code, _, stderr := runStint("client", "add", c)
		require.Equal(t, 0, code, stderr)
	}
	return home
}

func openDB(t *testing.T, home string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(home, "data", "stint.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func countRows(t *testing.T, db *store.DB, query string) int {
	t.Helper()
	var n int
	require.NoError(t, db.SQL().QueryRow(query).Scan(&n))
	return n
}

// 8 processes × 200 start/stop/add commands on one database: never two
// running timers, no entry lost, no "database is locked" reaching anyone.
func TestTimeConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 8 processes")
	}
	const procs, ops = 8, 200
	home := setUpHome(t)
	// Stops come within milliseconds here; this test counts entries, so
	// none may be discarded as a slip.
	code, _, stderr := runStint("config", "set", "switch_grace", "0")
	require.Equal(t, 0, code, stderr)
	outDir := t.TempDir()
	cmds := make([]*exec.Cmd, procs)
	stderrs := make([]bytes.Buffer, procs)
	for i := range cmds {
		cmds[i] = child(t, home, "ops", fmt.Sprintf("STINT_CHILD_ID=%d", i), fmt.Sprintf("STINT_CHILD_OPS=%d", ops),
			"STINT_CHILD_OUT="+filepath.Join(outDir, strconv.Itoa(i)))
		cmds[i].Stderr = &stderrs[i]
		require.NoError(t, cmds[i].Start())
	}
	created := map[int64]int{}
	stops := 0
	for i, cmd := range cmds {
		require.NoError(t, cmd.Wait(), "child %d: %s", i, stderrs[i].String())
		assert.NotContains(t, stderrs[i].String(), "locked")
		raw, err := os.ReadFile(filepath.Join(outDir, strconv.Itoa(i)))
		require.NoError(t, err)
		var rep childReport
		require.NoError(t, json.Unmarshal(raw, &rep))
		assert.Empty(t, rep.Failures, "child %d", i)
		for _, id := range rep.Created {
			created[id]++
		}
		stops += rep.Stops
	}
	db := openDB(t, home)
	require.NoError(t, db.IntegrityCheck(context.Background()))
	assert.LessOrEqual(t, countRows(t, db, "SELECT count(*) FROM entries WHERE end_at IS NULL"), 1, "never two running timers")
	for id, n := range created {
		require.Equal(t, 1, n, "entry %d was reported created %d times", id, n)
	}
	assert.Equal(t, len(created), countRows(t, db, "SELECT count(*) FROM entries"), "every created entry is there, and nothing else")
	assert.Equal(t, 0, countRows(t, db, `SELECT count(*) FROM entries a JOIN entries b ON a.id < b.id
		AND a.start_at < coalesce(b.end_at, 9e18) AND b.start_at < coalesce(a.end_at, 9e18)
		AND a.end_at IS NOT a.start_at AND b.end_at IS NOT b.start_at`), "no two entries overlap")
	t.Logf("%d entries created, %d stops, by %d processes", len(created), stops, procs)
}

// SIGKILL while a timer runs — first in the middle of a loop of adds, then
// in the middle of a long import — leaves a sound database, the running
// timer intact and the import all or nothing.
func TestTimeCrashLeavesSoundDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	home := setUpHome(t)
	code, stdout, stderr := runStint("start", "acme", "--json", "-m", "keeps running")
	require.Equal(t, 0, code, stderr)
	var started struct{ Started workbench.Entry }
	require.NoError(t, json.Unmarshal([]byte(stdout), &started))
	db := openDB(t, home)
	checkSound := func(what string) {
		t.Helper()
		require.NoError(t, db.IntegrityCheck(context.Background()), what)
		r, err := db.RunningEntry(context.Background())
		require.NoError(t, err)
		require.NotNil(t, r, "%s: the running timer survives", what)
		assert.Equal(t, started.Started.ID, r.ID)
		assert.True(t, started.Started.Start.Equal(r.Start))
		assert.Equal(t, "keeps running", r.Note)
	}

	adds := child(t, home, "adds")
	var addErr bytes.Buffer
	adds.Stderr = &addErr
	require.NoError(t, adds.Start())
	waitFor(t, 20*time.Second, func() bool {
		return countRows(t, db, "SELECT count(*) FROM entries") > 25
	}, "the adds loop to write")
	require.NoError(t, adds.Process.Signal(syscall.SIGKILL))
	_ = adds.Wait()
	require.Empty(t, addErr.String())
	checkSound("killed in a loop of adds")

	const intervals = 40_000
	file := filepath.Join(t.TempDir(), "timew.json")
	require.NoError(t, os.WriteFile(file, timewExport(intervals), 0o600))
	before := countRows(t, db, "SELECT count(*) FROM entries")
	wal := filepath.Join(home, "data", "stint.db-wal")
	walSize := func() int64 {
		info, err := os.Stat(wal)
		if err != nil {
			return 0
		}
		return info.Size()
	}
	base := walSize()
	imp := child(t, home, "import", "STINT_CHILD_FILE="+file)
	require.NoError(t, imp.Start())
	waitFor(t, 20*time.Second, func() bool { return walSize() > base+256<<10 }, "the import to write")
	require.NoError(t, imp.Process.Signal(syscall.SIGKILL))
	err := imp.Wait()
	require.Error(t, err, "the import was killed before it finished")
	checkSound("killed in an import")
	after := countRows(t, db, "SELECT count(*) FROM entries")
	assert.Contains(t, []int{before, before + intervals}, after, "an import is all or nothing")
	t.Logf("adds: %d entries before the import; after the killed import: %d", before, after)
}

func waitFor(t *testing.T, limit time.Duration, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// timewExport is `timew export` of n back-to-back half-hour intervals in
// 2018, tagged acme.
func timewExport(n int) []byte {
	var b strings.Builder
	b.WriteString("[\n")
	start := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		s := start.Add(time.Duration(i) * 40 * time.Minute)
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id":%d,"start":"%s","end":"%s","tags":["acme","batch"]}`, n-i,
			s.Format("20060102T150405Z"), s.Add(30*time.Minute).Format("20060102T150405Z"))
	}
	b.WriteString("\n]\n")
	return []byte(b.String())
}
