package secrets

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// quickHookBackend is a hookBackend whose QuickGet can be slowed down, and
// which counts the reads that reach Get.
type quickHookBackend struct {
	*hookBackend
	gets       atomic.Int32
	quickDelay time.Duration
}

func (q *quickHookBackend) Get(service, user string) (string, error) {
	q.gets.Add(1)
	return q.hookBackend.Get(service, user)
}

func (q *quickHookBackend) QuickGet(service, user string) (string, bool, error) {
	time.Sleep(q.quickDelay)
	return q.hookBackend.Backend.(*MemoryBackend).QuickGet(service, user)
}

func newQuickStore(t *testing.T, opts ...Option) (*Store, *quickHookBackend) {
	t.Helper()
	b := &quickHookBackend{hookBackend: &hookBackend{Backend: NewMemoryBackend()}}
	return New(b, t.TempDir(), opts...), b
}

func TestPrefetchAnswersTheNextLoad(t *testing.T) {
	s, b := newQuickStore(t)
	require.NoError(t, s.Put("acme", "TOKEN", "t-1"))
	b.gets.Store(0)

	s.Prefetch("acme")
	got, err := s.Load("acme")
	require.NoError(t, err)
	require.Equal(t, map[string]string{"TOKEN": "t-1"}, got)
	require.Zero(t, b.gets.Load(), "the prefetched read answered; the backend was not asked again")

	// Used once: the next Load reads for itself.
	_, err = s.Load("acme")
	require.NoError(t, err)
	require.EqualValues(t, 1, b.gets.Load())
}

func TestPrefetchIsDroppedByAWrite(t *testing.T) {
	s, _ := newQuickStore(t)
	require.NoError(t, s.Put("acme", "TOKEN", "old"))
	s.Prefetch("acme")
	require.NoError(t, s.Put("acme", "TOKEN", "new"))
	got, err := s.Load("acme")
	require.NoError(t, err)
	require.Equal(t, "new", got["TOKEN"])

	s.Prefetch("acme")
	require.NoError(t, s.DeleteAll("acme"))
	got, err = s.Load("acme")
	require.NoError(t, err)
	require.Empty(t, got)
}

func TestPrefetchOfAMissingItemFallsBackToTheBackend(t *testing.T) {
	s, b := newQuickStore(t)
	s.Prefetch("nobody")
	got, err := s.Load("nobody")
	require.NoError(t, err)
	require.Empty(t, got)
	require.EqualValues(t, 1, b.gets.Load(), "not answered by the quick read, so Get decided")
}

func TestPrefetchReadsChunkedSets(t *testing.T) {
	s, _ := newQuickStore(t)
	big := valueOf("BIG", 3*MaxItemBytes)
	require.NoError(t, s.Put("acme", "BIG", big))
	s.Prefetch("acme")
	got, err := s.Load("acme")
	require.NoError(t, err)
	require.Equal(t, big, got["BIG"])
}

func TestPrefetchIgnoresInvalidNamesAndPlainBackends(t *testing.T) {
	s, _ := newQuickStore(t)
	s.Prefetch("a#b") // no client name holds a #
	require.Empty(t, s.pending)

	plain := New(NewMemoryBackend(), t.TempDir()) // MemoryBackend is quick…
	wrapped := New(&hookBackend{Backend: NewMemoryBackend()}, t.TempDir())
	plain.Prefetch("acme")
	require.Len(t, plain.pending, 1)
	wrapped.Prefetch("acme") // …a Backend without QuickGet is left alone
	require.Empty(t, wrapped.pending)
}

func TestPrefetchThatHangsTimesOut(t *testing.T) {
	s, b := newQuickStore(t, WithCallTimeout(50*time.Millisecond))
	b.quickDelay = time.Second
	s.Prefetch("acme")
	_, err := s.Load("acme")
	require.ErrorIs(t, err, ErrTimeout)
}
