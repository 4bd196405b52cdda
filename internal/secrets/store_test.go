package secrets

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gofrs/flock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zalando/go-keyring"
)

func newTestStore(t *testing.T, b Backend, opts ...Option) *Store {
	t.Helper()
	return New(b, t.TempDir(), opts...)
}

func TestRoundTrip(t *testing.T) {
	mem := NewMemoryBackend()
	s := newTestStore(t, mem)

	got, err := s.Load("acme")
	require.NoError(t, err)
	assert.NotNil(t, got)
	assert.Empty(t, got, "a client without secrets has an empty set")

	require.NoError(t, s.Put("acme", "GITHUB_TOKEN", "ghp_one"))
	require.NoError(t, s.Put("acme", "NPM_TOKEN", "npm_two"))
	require.NoError(t, s.Put("globex", "GITHUB_TOKEN", "ghp_other"))
	require.NoError(t, s.Put("acme", "GITHUB_TOKEN", "ghp_replaced"))

	got, err = s.Load("acme")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"GITHUB_TOKEN": "ghp_replaced", "NPM_TOKEN": "npm_two"}, got)

	require.NoError(t, s.Remove("acme", "NPM_TOKEN"))
	got, err = s.Load("acme")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"GITHUB_TOKEN": "ghp_replaced"}, got)

	other, err := s.Load("globex")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"GITHUB_TOKEN": "ghp_other"}, other)
	assert.Equal(t, []string{"acme", "globex"}, mem.Users(Service), "one item per client")
}

func TestLoadOfSmallSetIsOneKeyringCall(t *testing.T) {
	mem := NewMemoryBackend()
	s := newTestStore(t, mem)
	require.NoError(t, s.Put("acme", "A", "1"))
	require.NoError(t, s.Put("acme", "B", "2"))

	var calls atomic.Int32
	counted := &hookBackend{Backend: mem}
	counted.before(func(string, string) error { calls.Add(1); return nil })
	_, err := New(counted, t.TempDir()).Load("acme")
	require.NoError(t, err)
	assert.Equal(t, int32(1), calls.Load())
}

func TestChunkingAtBoundaries(t *testing.T) {
	for _, tc := range []struct {
		name       string
		payload    int
		wantChunks int // 0: stored in the client's item itself
	}{
		{"exactly one item", MaxItemBytes, 0},
		{"one byte over one item", MaxItemBytes + 1, 2},
		{"exactly two chunks", 2 * chunkPieceSize, 2},
		{"one byte over two chunks", 2*chunkPieceSize + 1, 3},
		{"exactly five chunks", 5 * chunkPieceSize, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := NewMemoryBackend()
			s := newTestStore(t, mem)
			value := valueForPayload(t, "K", tc.payload)
			require.NoError(t, s.Put("acme", "K", value))

			assert.Equal(t, chunkUsers("acme", slotA, tc.wantChunks), mem.Users(Service))
			got, err := s.Load("acme")
			require.NoError(t, err)
			assert.Equal(t, value, got["K"])
		})
	}
}

func Test64KiBValueRoundTrips(t *testing.T) {
	mem := NewMemoryBackend()
	s := newTestStore(t, mem)
	// A service-account JSON: quotes and newlines grow when JSON-escaped.
	var b strings.Builder
	b.WriteString(`{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\n`)
	rng := rand.New(rand.NewPCG(1, 2))
	for b.Len() < 64*1024 {
		fmt.Fprintf(&b, "%016x\"\\\n", rng.Uint64())
	}
	value := b.String()[:64*1024]

	require.NoError(t, s.Put("acme", "GOOGLE_CREDENTIALS", value))
	got, err := s.Load("acme")
	require.NoError(t, err)
	assert.Equal(t, value, got["GOOGLE_CREDENTIALS"])
	for _, user := range mem.Users(Service) {
		item, err := mem.Get(Service, user)
		require.NoError(t, err)
		assert.LessOrEqual(t, len(item), MaxItemBytes, user)
	}
	assert.Greater(t, len(mem.Users(Service)), 32)
}

func TestMultibyteAndBinaryValuesSurviveChunking(t *testing.T) {
	mem := NewMemoryBackend()
	s := newTestStore(t, mem)
	values := map[string]string{
		"TWO":    strings.Repeat("é", 3001),
		"FOUR":   strings.Repeat("😀", 1001),
		"BINARY": strings.Repeat("\xff\x00\xfe", 700),
	}
	for k, v := range values {
		require.NoError(t, s.Put("acme", k, v))
	}
	got, err := s.Load("acme")
	require.NoError(t, err)
	assert.Equal(t, values, got)
	for _, user := range mem.Users(Service) {
		item, _ := mem.Get(Service, user)
		assert.True(t, utf8.ValidString(item), "item %s is not valid UTF-8", user)
	}
}

func TestWritesAlternateSlotsAndRemoveStaleChunks(t *testing.T) {
	mem := NewMemoryBackend()
	s := newTestStore(t, mem)

	require.NoError(t, s.Put("acme", "K", valueOf("K", 5000))) // 3 chunks
	assert.Equal(t, chunkUsers("acme", slotA, 3), mem.Users(Service))

	require.NoError(t, s.Put("acme", "K", valueOf("K", 9000))) // 5 chunks, other slot
	assert.Equal(t, chunkUsers("acme", slotB, 5), mem.Users(Service))

	require.NoError(t, s.Put("acme", "K", valueOf("K", 3000))) // 2 chunks
	assert.Equal(t, chunkUsers("acme", slotA, 2), mem.Users(Service))

	require.NoError(t, s.Put("acme", "K", "small"))
	assert.Equal(t, []string{"acme"}, mem.Users(Service), "shrinking into one item removes every chunk")

	require.NoError(t, s.Remove("acme", "K"))
	assert.Empty(t, mem.Users(Service), "an empty set leaves no item")
	got, err := s.Load("acme")
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestDeleteAllRemovesEveryChunkIncludingLeftovers(t *testing.T) {
	mem := NewMemoryBackend()
	s := newTestStore(t, mem)
	require.NoError(t, s.Put("acme", "K", valueOf("K", 5000)))
	require.NoError(t, s.Put("globex", "K", "keep"))
	// Leftovers of interrupted writes in both slots.
	for _, user := range []string{"acme#b1", "acme#b2", "acme#a4", "acme#a5"} {
		require.NoError(t, mem.Set(Service, user, "junk"))
	}

	require.NoError(t, s.DeleteAll("acme"))
	assert.Equal(t, []string{"globex"}, mem.Users(Service))
	require.NoError(t, s.DeleteAll("acme"), "deleting nothing is not an error")
	require.NoError(t, s.DeleteAll("never-existed"))
}

// Every write is interrupted after each possible number of keyring
// mutations (as if the process died): the set read afterwards must be the
// old one or the new one, whole, and the next write must leave no stale item.
func TestInterruptedWritesNeverTearTheSet(t *testing.T) {
	oldSet := map[string]string{"A": valueOf("A", 5000)}
	newSet := map[string]string{"A": valueOf("A", 5000), "B": valueOf("B", 3000)}
	for _, start := range []struct {
		name string
		set  map[string]string
	}{{"from one item", map[string]string{"A": "small"}}, {"from chunks", oldSet}} {
		for crashAfter := 0; ; crashAfter++ {
			mem := NewMemoryBackend()
			s := newTestStore(t, mem)
			for k, v := range start.set {
				require.NoError(t, s.Put("acme", k, v))
			}

			var mutations int
			crashing := &hookBackend{Backend: mem}
			crashing.before(func(op, _ string) error {
				if op == "get" {
					return nil
				}
				mutations++
				if mutations > crashAfter {
					return errors.New("process died")
				}
				return nil
			})
			err := New(crashing, t.TempDir()).Update("acme", func(m map[string]string) error {
				clear(m)
				for k, v := range newSet {
					m[k] = v
				}
				return nil
			})
			completed := err == nil

			got, err := s.Load("acme")
			require.NoError(t, err, "%s, crash after %d", start.name, crashAfter)
			if !assert.True(t, equalSets(got, start.set) || equalSets(got, newSet),
				"%s, crash after %d mutations: torn set", start.name, crashAfter) {
				return
			}

			require.NoError(t, s.Put("acme", "C", "after"))
			got, err = s.Load("acme")
			require.NoError(t, err)
			assert.Equal(t, "after", got["C"])
			assert.Equal(t, wantUsers(t, mem, "acme"), mem.Users(Service),
				"%s, crash after %d: stale items remain", start.name, crashAfter)
			if completed {
				break
			}
		}
	}
}

func equalSets(a, b map[string]string) bool {
	return fmt.Sprint(a) == fmt.Sprint(b)
}

// wantUsers lists the items a client's current item says should exist.
func wantUsers(t *testing.T, b Backend, client string) []string {
	t.Helper()
	head, err := b.Get(Service, client)
	require.NoError(t, err)
	_, ref, err := decodeItem(head)
	require.NoError(t, err)
	if ref == nil {
		return []string{client}
	}
	return chunkUsers(client, ref.Slot, ref.Count)
}

func currentRef(t *testing.T, b Backend, client string) chunkRef {
	t.Helper()
	head, err := b.Get(Service, client)
	require.NoError(t, err)
	_, ref, err := decodeItem(head)
	require.NoError(t, err)
	require.NotNil(t, ref)
	return *ref
}

// A reader that races writers re-reads instead of returning a torn set:
// after one write its chunks are gone; after two, its slot holds chunks
// of another generation.
func TestLoadRereadsWhenWritersReplaceChunksMidRead(t *testing.T) {
	for _, writes := range []int{1, 2, 3} {
		t.Run(fmt.Sprintf("%d writes", writes), func(t *testing.T) {
			mem := NewMemoryBackend()
			lockDir := t.TempDir()
			writer := New(mem, lockDir)
			require.NoError(t, writer.Put("acme", "K", valueOf("v0", 5000)))

			var fired atomic.Bool
			racing := &hookBackend{Backend: mem}
			racing.before(func(op, user string) error {
				if op == "get" && user == "acme#a2" && !fired.Swap(true) {
					for i := 1; i <= writes; i++ {
						require.NoError(t, writer.Put("acme", "K", valueOf(fmt.Sprintf("v%d", i), 5000)))
					}
				}
				return nil
			})
			got, err := New(racing, lockDir).Load("acme")
			require.NoError(t, err)
			require.True(t, fired.Load())
			assert.Equal(t, valueOf(fmt.Sprintf("v%d", writes), 5000), got["K"])
		})
	}
}

func TestDamagedChunkIsReportedNotReturned(t *testing.T) {
	mem := NewMemoryBackend()
	s := newTestStore(t, mem)
	value := valueOf("K", 5000)
	require.NoError(t, s.Put("acme", "K", value))
	ref := currentRef(t, mem, "acme")
	chunk, err := mem.Get(Service, chunkUser("acme", ref.Slot, 2))
	require.NoError(t, err)
	require.NoError(t, mem.Set(Service, chunkUser("acme", ref.Slot, 2), strings.Replace(chunk, "K", "X", 1)))

	_, err = s.Load("acme")
	require.ErrorIs(t, err, ErrCorrupt)
	assert.NotContains(t, err.Error(), "secret-marker")
	assert.Error(t, s.Put("acme", "OTHER", "x"), "a damaged set is not silently overwritten")
	require.NoError(t, s.DeleteAll("acme"), "but it can be deleted")
	assert.Empty(t, mem.Users(Service))
}

func TestNewerFormatAsksForUpgrade(t *testing.T) {
	mem := NewMemoryBackend()
	require.NoError(t, mem.Set(Service, "acme", `{"v":2,"whatever":{}}`))
	_, err := newTestStore(t, mem).Load("acme")
	require.ErrorIs(t, err, ErrCorrupt)
	assert.Contains(t, err.Error(), "upgrade stint")
}

// blockingBackend never answers until released, like a Secret Service
// waiting at an unlock prompt.
type blockingBackend struct {
	Backend
	release chan struct{}
}

func (b *blockingBackend) Get(service, user string) (string, error) {
	<-b.release
	return b.Backend.Get(service, user)
}

func (b *blockingBackend) Set(service, user, password string) error {
	<-b.release
	return b.Backend.Set(service, user, password)
}

func TestEveryCallTimesOut(t *testing.T) {
	blocked := &blockingBackend{Backend: NewMemoryBackend(), release: make(chan struct{})}
	defer close(blocked.release)
	// A Store per operation: an abandoned write keeps its own lock held.
	store := func() *Store { return newTestStore(t, blocked, WithCallTimeout(30*time.Millisecond)) }

	for name, op := range map[string]func() error{
		"load":   func() error { _, err := store().Load("acme"); return err },
		"put":    func() error { return store().Put("acme", "K", "value-1234") },
		"delete": func() error { return store().DeleteAll("acme") },
		"probe":  func() error { return store().Probe() },
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			err := op()
			require.ErrorIs(t, err, ErrTimeout)
			assert.Less(t, time.Since(start), 2*time.Second)
			assert.Contains(t, err.Error(), "unlock")
			assert.NotContains(t, err.Error(), "value-1234")
		})
	}
}

// A write that timed out may still land; the lock stays held until it has,
// so the next writer cannot be overwritten by it.
func TestAbandonedWriteKeepsTheLockUntilItReturns(t *testing.T) {
	mem := NewMemoryBackend()
	lockDir := t.TempDir()
	require.NoError(t, New(mem, lockDir).Put("acme", "A", "1"))

	release := make(chan struct{})
	var setCalls atomic.Int32
	slow := &hookBackend{Backend: mem}
	slow.before(func(op, _ string) error {
		if op == "set" && setCalls.Add(1) == 1 {
			<-release
		}
		return nil
	})
	err := New(slow, lockDir, WithCallTimeout(30*time.Millisecond)).Put("acme", "B", "2")
	require.ErrorIs(t, err, ErrTimeout)

	impatient := New(mem, lockDir, WithLockTimeout(50*time.Millisecond))
	err = impatient.Put("acme", "C", "3")
	require.ErrorIs(t, err, ErrTimeout, "the lock must still be held by the abandoned write")
	assert.Contains(t, err.Error(), lockFileName)

	close(release)
	require.NoError(t, New(mem, lockDir, WithLockTimeout(5*time.Second)).Put("acme", "C", "3"))
	got, err := New(mem, lockDir).Load("acme")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"A": "1", "B": "2", "C": "3"}, got)
}

func TestLockWaitTimesOutNamingTheLock(t *testing.T) {
	lockDir := t.TempDir()
	held := flock.New(lockDir + "/" + lockFileName)
	ok, err := held.TryLock()
	require.NoError(t, err)
	require.True(t, ok)
	defer held.Unlock()

	err = New(NewMemoryBackend(), lockDir, WithLockTimeout(30*time.Millisecond)).Put("acme", "K", "v")
	require.ErrorIs(t, err, ErrTimeout)
	assert.Contains(t, err.Error(), "another stint process")
	assert.Contains(t, err.Error(), lockDir)
}

func TestLockDirIsCreatedPrivate(t *testing.T) {
	dir := t.TempDir() + "/data/stint"
	require.NoError(t, New(NewMemoryBackend(), dir).Put("acme", "K", "v"))
	info, err := os.Stat(dir)
	require.NoError(t, err)
	if runtime.GOOS != "windows" {
		assert.Equal(t, os.FileMode(0o700), info.Mode().Perm())
	}
}

// Goroutines with a Store each (as two TUIs or commands in one process)
// exclude each other through the lock file; a slow keyring widens races.
func TestConcurrentWritersInOneProcessLoseNothing(t *testing.T) {
	mem := NewMemoryBackend()
	slow := &hookBackend{Backend: mem}
	slow.before(func(string, string) error { time.Sleep(100 * time.Microsecond); return nil })
	lockDir := t.TempDir()

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			key := fmt.Sprintf("KEY_%d", i)
			errs <- New(slow, lockDir).Put("acme", key, valueOf(key, 700))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	got, err := New(mem, lockDir).Load("acme")
	require.NoError(t, err)
	assert.Len(t, got, 8)
	for i := range 8 {
		key := fmt.Sprintf("KEY_%d", i)
		assert.Equal(t, valueOf(key, 700), got[key])
	}
}

// errorBackend fails every call with err.
type errorBackend struct{ err error }

func (e errorBackend) Get(string, string) (string, error) { return "", e.err }
func (e errorBackend) Set(string, string, string) error   { return e.err }
func (e errorBackend) Delete(string, string) error        { return e.err }

func TestKeyringErrorsAreMappedToDomainErrors(t *testing.T) {
	dial := &net.OpError{Op: "dial", Net: "unix", Err: errors.New("connect: no such file or directory")}
	for _, tc := range []struct {
		name string
		err  error
		kind error
	}{
		{"no bus", dial, ErrUnavailable},
		{"no session bus configured", errNoSessionBus, ErrUnavailable},
		{"locked", errors.New("failed to unlock correct collection '/org/freedesktop/secrets/collection/login'"), ErrLocked},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestStore(t, errorBackend{tc.err})
			for _, err := range []error{
				func() error { _, err := s.Load("acme"); return err }(),
				s.Put("acme", "K", "value"),
				s.DeleteAll("acme"),
				s.Probe(),
			} {
				require.ErrorIs(t, err, tc.kind)
				var e *Error
				require.ErrorAs(t, err, &e)
				assert.Contains(t, err.Error(), hintFor(tc.kind, runtime.GOOS))
				assert.Contains(t, err.Error(), tc.err.Error(), "the keyring's own words help diagnose")
				assert.NotContains(t, err.Error(), "\n")
			}
		})
	}
}

func TestUnavailableKeyringMessageNamesTheFix(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the Secret Service hint is Linux's")
	}
	err := newTestStore(t, errorBackend{errNoSessionBus}).Put("acme", "K", "v")
	assert.Contains(t, err.Error(),
		"no Secret Service on the session bus — start gnome-keyring or KeePassXC's Secret Service, or run inside dbus-run-session")
}

// echoBackend fails writes with an error that quotes what it was given,
// the worst a keyring could do.
type echoBackend struct{ *MemoryBackend }

func (e echoBackend) Set(_, user, password string) error {
	return fmt.Errorf("cannot store %s=%s", user, password)
}

func TestErrorsNeverContainSecretValues(t *testing.T) {
	const marker = "SECRET-MARKER-7f3a"
	mem := NewMemoryBackend()
	require.NoError(t, New(mem, t.TempDir()).Put("acme", "OLD", marker+"-old"))

	s := newTestStore(t, echoBackend{mem})
	for _, value := range []string{marker, valueOf(marker, 6000), marker + "\"quoted\"\n"} {
		err := s.Put("acme", "K", value)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), marker)
	}
	// Timeouts, damage and unavailability carry no values either.
	require.NoError(t, mem.Set(Service, "acme", `{"v":1,"secrets":{"K":"`+marker))
	_, err := New(mem, t.TempDir()).Load("acme")
	require.ErrorIs(t, err, ErrCorrupt)
	assert.NotContains(t, err.Error(), marker)
}

func TestRemoveMissingKeyIsNotFoundAndWritesNothing(t *testing.T) {
	mem := NewMemoryBackend()
	s := newTestStore(t, mem)
	require.NoError(t, s.Put("acme", "A", "1"))
	err := s.Remove("acme", "MISSING")
	require.ErrorIs(t, err, ErrNotFound)
	assert.Contains(t, err.Error(), "MISSING")
	got, _ := s.Load("acme")
	assert.Equal(t, map[string]string{"A": "1"}, got)
}

func TestUpdateWritesNothingWhenFnFailsOrChangesNothing(t *testing.T) {
	mem := NewMemoryBackend()
	s := newTestStore(t, mem)
	require.NoError(t, s.Put("acme", "A", "1"))

	var writes atomic.Int32
	counted := &hookBackend{Backend: mem}
	counted.before(func(op, _ string) error {
		if op != "get" {
			writes.Add(1)
		}
		return nil
	})
	cs := New(counted, t.TempDir())
	boom := errors.New("boom")
	err := cs.Update("acme", func(m map[string]string) error { m["B"] = "2"; return boom })
	assert.Same(t, boom, err, "fn's error is returned as is")
	require.NoError(t, cs.Update("acme", func(map[string]string) error { return nil }))
	require.NoError(t, cs.Put("acme", "A", "1"))
	assert.Zero(t, writes.Load())
}

func TestInvalidClientNames(t *testing.T) {
	s := newTestStore(t, NewMemoryBackend())
	for _, client := range []string{"", "acme#a1"} {
		_, err := s.Load(client)
		assert.ErrorIs(t, err, ErrInvalid)
		assert.ErrorIs(t, s.Put(client, "K", "v"), ErrInvalid)
		assert.ErrorIs(t, s.DeleteAll(client), ErrInvalid)
	}
}

func TestTooLargeSetIsRefused(t *testing.T) {
	mem := NewMemoryBackend()
	s := newTestStore(t, mem)
	err := s.Put("acme", "HUGE", strings.Repeat("x", maxSetBytes))
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Empty(t, mem.Users(Service))
}

func TestProbe(t *testing.T) {
	mem := NewMemoryBackend()
	assert.NoError(t, newTestStore(t, mem).Probe())
	assert.Empty(t, mem.Users(Service), "probing writes nothing")
	assert.ErrorIs(t, newTestStore(t, errorBackend{keyring.ErrNotFound}).Probe(), nil)
}

func TestMemoryBackend(t *testing.T) {
	mem := NewMemoryBackend()
	_, err := mem.Get(Service, "x")
	assert.ErrorIs(t, err, keyring.ErrNotFound)
	assert.ErrorIs(t, mem.Delete(Service, "x"), keyring.ErrNotFound)
	assert.ErrorIs(t, mem.Set(Service, "x", strings.Repeat("y", MaxItemBytes+1)), keyring.ErrSetDataTooBig)
	require.NoError(t, mem.Set("other", "x", "1"))
	require.NoError(t, mem.Set(Service, "x", "2"))
	v, err := mem.Get(Service, "x")
	require.NoError(t, err)
	assert.Equal(t, "2", v)
	assert.Equal(t, []string{"x"}, mem.Users(Service))
}
