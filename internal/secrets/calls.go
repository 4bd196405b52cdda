package secrets

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zalando/go-keyring"
)

// calls runs the backend calls of one Store operation, each with a timeout.
//
// go-keyring calls cannot be cancelled: a call that times out keeps running
// in its goroutine. running counts every call still in flight, so that a
// writer can keep its lock until an abandoned write has really finished
// (otherwise it could land after the next writer's and undo it).
type calls struct {
	backend   Backend
	timeout   time.Duration
	running   sync.WaitGroup
	abandoned atomic.Int32
	// prefetched, when set, answers the first read of its item.
	prefetched *prefetched
}

type callResult struct {
	value string
	err   error
}

func (c *calls) get(user string) (string, error) {
	if p := c.prefetched; p != nil && p.user == user {
		c.prefetched = nil
		if value, ok, err := p.result(c.timeout); ok {
			return value, err
		}
	}
	return c.do(func() (string, error) { return c.backend.Get(Service, user) })
}

func (c *calls) set(user, content string) error {
	_, err := c.do(func() (string, error) { return "", c.backend.Set(Service, user, content) })
	return redact(err, content)
}

func (c *calls) del(user string) error {
	_, err := c.do(func() (string, error) { return "", c.backend.Delete(Service, user) })
	return err
}

func (c *calls) do(fn func() (string, error)) (string, error) {
	done := make(chan callResult, 1) // buffered: an abandoned call must not block
	c.running.Add(1)
	go func() {
		defer c.running.Done()
		value, err := fn()
		done <- callResult{value, err}
	}()
	timer := time.NewTimer(c.timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.value, r.err
	case <-timer.C:
		c.abandoned.Add(1)
		return "", fmt.Errorf("%w: no answer after %s", ErrTimeout, c.timeout)
	}
}

// isNotFound: the backend has no such item.
func isNotFound(err error) bool {
	return errors.Is(err, keyring.ErrNotFound) || errors.Is(err, ErrNotFound)
}
