package workbench

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/store/storetest"
)

// fixture is the one set-up of the workbench tests: a workbench on a real
// SQLite file in a temporary layout, an in-memory keyring, and a clock
// the test moves by hand.
type fixture struct {
	*Workbench
	t       testing.TB
	keyring *testKeyring // nil with withoutKeyring
	clk     *testClock
}

// testClock is a settable clock; its zone is the workbench's local zone.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time { return c.t }

type fixtureSetup struct {
	now     time.Time
	keyring bool
}

type fixtureOption func(*fixtureSetup)

// startingAt sets the clock (by default 2026-03-02 09:00 UTC).
func startingAt(now time.Time) fixtureOption { return func(s *fixtureSetup) { s.now = now } }

// withoutKeyring gives the workbench no keyring, as on a machine without one.
func withoutKeyring() fixtureOption { return func(s *fixtureSetup) { s.keyring = false } }

func newFixture(tb testing.TB, opts ...fixtureOption) *fixture {
	tb.Helper()
	setup := fixtureSetup{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), keyring: true}
	for _, o := range opts {
		o(&setup)
	}
	dir := tb.TempDir()
	layout := paths.Layout{Config: filepath.Join(dir, "config"), Data: filepath.Join(dir, "data"), Runtime: filepath.Join(dir, "run")}
	require.NoError(tb, layout.Ensure())
	db, err := store.Open(context.Background(), layout.DBPath())
	require.NoError(tb, err)
	tb.Cleanup(func() { db.Close() })
	f := &fixture{t: tb, clk: &testClock{t: setup.now}}
	var keyring SecretStore
	if setup.keyring {
		f.keyring = &testKeyring{sets: map[string]map[string]string{}}
		keyring = f.keyring
	}
	f.Workbench = New(db, keyring, layout, f.clk.now)
	return f
}

// addClient adds a client; spec fields are "key=value" pairs: name, tz,
// rate, round, min, track (on|off), budget.
func (f *fixture) addClient(slug string, kv ...string) {
	f.t.Helper()
	var spec profiles.ClientSpec
	for _, p := range kv {
		k, v, _ := strings.Cut(p, "=")
		switch k {
		case "name":
			spec.Name = &v
		case "tz":
			spec.Timezone = &v
		case "rate":
			spec.Rate = &v
		case "round":
			spec.Round = &v
		case "min":
			spec.Minimum = &v
		case "track":
			b := v == "on"
			spec.Track = &b
		case "budget":
			spec.Budget = &v
		default:
			f.t.Fatalf("unknown client field %s", k)
		}
	}
	_, err := f.AddClient(context.Background(), slug, spec)
	require.NoError(f.t, err)
}

// testKeyring is an in-memory keyring. It records which clients' items
// were deleted, fails every Load with loadErr when that is set, counts
// every call once watched is set, and calls beforeUpdate (when set) before
// each write.
type testKeyring struct {
	mu           sync.Mutex
	sets         map[string]map[string]string
	deleted      []string
	loadErr      error
	watched      atomic.Bool
	calls        atomic.Int64
	beforeUpdate func(client string)
}

func (k *testKeyring) count() {
	if k.watched.Load() {
		k.calls.Add(1)
	}
}

func (k *testKeyring) Load(client string) (map[string]string, error) {
	k.count()
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.loadErr != nil {
		return nil, k.loadErr
	}
	return maps.Clone(k.sets[client]), nil
}

func (k *testKeyring) Update(client string, fn func(map[string]string) error) error {
	k.count()
	if k.beforeUpdate != nil {
		k.beforeUpdate(client)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	m := maps.Clone(k.sets[client])
	if m == nil {
		m = map[string]string{}
	}
	if err := fn(m); err != nil {
		return err
	}
	k.sets[client] = m
	return nil
}

func (k *testKeyring) DeleteAll(client string) error {
	k.count()
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.sets, client)
	k.deleted = append(k.deleted, client)
	return nil
}

// delivered takes a switch's script as delivered: the tests read it from
// the result.
func delivered(script, summary string) error { return nil }

// dump is every row of every table, to prove that something changed
// nothing.
func (f *fixture) dump() string { return storetest.Dump(f.t, f.DB()) }

// runtimeFiles lists the runtime directory's files (session kubeconfigs
// among them) with their contents.
func (f *fixture) runtimeFiles() map[string]string {
	f.t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(f.Layout().Runtime, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		out[path] = string(b)
		return err
	})
	require.NoError(f.t, err)
	return out
}
