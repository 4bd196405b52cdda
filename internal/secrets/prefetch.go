package secrets

import (
	"fmt"
	"sync"
	"time"
)

// QuickBackend is a Backend with a cheap read that never prompts: it
// answers only when it can do so without asking the user anything
// (handled=false otherwise), which makes it safe to call speculatively.
type QuickBackend interface {
	Backend
	QuickGet(service, user string) (value string, handled bool, err error)
}

// prefetched is one speculative read of a client's item, started by
// Prefetch and consumed by the next Load of that client.
type prefetched struct {
	user    string
	done    chan struct{}
	value   string
	handled bool
	err     error
}

// Prefetch starts reading a client's secrets in the background, so that a
// switch reads them while it opens the database instead of after. The next
// Load of that client uses the result once; a write in between discards
// it. It reads only what can be read without a prompt and touches nothing
// when the backend has no such read or the name is no client's, so it is
// safe to call before knowing whether the client exists or has secrets.
func (s *Store) Prefetch(client string) {
	quick, ok := s.backend.(QuickBackend)
	if !ok || !validClient(client) {
		return
	}
	p := &prefetched{user: headUser(s.item(client)), done: make(chan struct{})}
	s.mu.Lock()
	if s.pending == nil {
		s.pending = map[string]*prefetched{}
	}
	s.pending[p.user] = p
	s.mu.Unlock()
	go func() {
		defer close(p.done)
		p.value, p.handled, p.err = quick.QuickGet(Service, p.user)
	}()
}

// takePrefetched removes and returns the pending read of an item, if any.
func (s *Store) takePrefetched(user string) *prefetched {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.pending[user]
	delete(s.pending, user)
	return p
}

// result waits for the read, as long as any keyring call may take. ok is
// false when the read could not answer and the caller must ask the
// backend itself.
func (p *prefetched) result(timeout time.Duration) (value string, ok bool, err error) {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-p.done:
		return p.value, p.handled, p.err
	case <-timer.C:
		return "", true, fmt.Errorf("%w: no answer after %s", ErrTimeout, timeout)
	}
}

// pendingReads is embedded in Store: the reads Prefetch started.
type pendingReads struct {
	mu      sync.Mutex
	pending map[string]*prefetched
}
