package secrets

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/gofrs/flock"
)

// Default timeouts. A call may legitimately wait while the user types the
// password into an unlock prompt, so the call timeout is generous.
const (
	DefaultCallTimeout = 20 * time.Second
	DefaultLockTimeout = 30 * time.Second
)

// readAttempts bounds how often Load re-reads a set that writers keep
// replacing under it before it reports the set as damaged.
const readAttempts = 5

// Store reads and writes clients' secret sets in a keyring.
type Store struct {
	pendingReads
	backend     Backend
	lockDir     string
	callTimeout time.Duration
	lockTimeout time.Duration
	namespace   string
}

// Option configures a Store.
type Option func(*Store)

// WithCallTimeout bounds every single keyring call.
func WithCallTimeout(d time.Duration) Option { return func(s *Store) { s.callTimeout = d } }

// WithLockTimeout bounds how long a writer waits for another to finish.
func WithLockTimeout(d time.Duration) Option { return func(s *Store) { s.lockTimeout = d } }

// WithNamespace keeps this store's items apart from every other stint
// data set's on the same keyring: items are named NAMESPACE:CLIENT. A demo
// or test STINT_HOME must never read, overwrite or delete the real
// client's secrets of the same name.
func WithNamespace(ns string) Option { return func(s *Store) { s.namespace = ns } }

// NamespaceFor is the namespace of a data set kept outside the default
// location (a STINT_HOME): derived from its data directory, so the same
// directory always finds its items again.
func NamespaceFor(dataDir string) string {
	sum := sha256.Sum256([]byte(dataDir))
	return "home-" + hex.EncodeToString(sum[:6])
}

// item is the keyring user name of a client's set.
func (s *Store) item(client string) string {
	if s.namespace == "" {
		return client
	}
	return s.namespace + ":" + client
}

// New returns a Store on backend whose writers serialise through a lock
// file in lockDir (the data dir; created 0700 if missing).
func New(backend Backend, lockDir string, opts ...Option) *Store {
	s := &Store{
		backend:     backend,
		lockDir:     lockDir,
		callTimeout: DefaultCallTimeout,
		lockTimeout: DefaultLockTimeout,
	}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

// Load returns a client's secrets; a client with none has an empty map. It
// takes no lock: it verifies that the chunks it read belong together, and
// reads again if a writer replaced them meanwhile.
func (s *Store) Load(client string) (map[string]string, error) {
	op := "load secrets of " + client
	if !validClient(client) {
		return nil, &Error{Op: op, Kind: ErrInvalid}
	}
	c := s.calls()
	c.prefetched = s.takePrefetched(headUser(s.item(client)))
	values, _, err := readSet(c, s.item(client))
	if err != nil {
		return nil, wrap(op, err)
	}
	return values, nil
}

// Put sets one secret of a client.
func (s *Store) Put(client, key, value string) error {
	return s.Update(client, func(m map[string]string) error {
		m[key] = value
		return nil
	})
}

// Remove deletes one secret of a client; ErrNotFound if it has none by that name.
func (s *Store) Remove(client, key string) error {
	return s.Update(client, func(m map[string]string) error {
		if _, ok := m[key]; !ok {
			return &Error{Op: "remove secret " + key + " of " + client, Kind: ErrNotFound}
		}
		delete(m, key)
		return nil
	})
}

// Update changes a client's set under the writers' lock: fn gets a copy of
// the current set to change in place; if fn returns an error nothing is
// written and that error is returned as is. A set left empty removes the
// client's items.
func (s *Store) Update(client string, fn func(map[string]string) error) error {
	op := "save secrets of " + client
	if !validClient(client) {
		return &Error{Op: op, Kind: ErrInvalid}
	}
	s.takePrefetched(headUser(s.item(client))) // it may predate this write
	c := s.calls()
	lock, err := acquireLock(s.lockDir, s.lockTimeout)
	if err != nil {
		return wrap(op, err)
	}
	defer release(lock, c)

	current, ref, err := readSet(c, s.item(client))
	if err != nil {
		return wrap(op, err)
	}
	next := maps.Clone(current)
	if err := fn(next); err != nil {
		return err
	}
	if maps.Equal(current, next) {
		return nil
	}
	if err := writeSet(c, s.item(client), next, ref); err != nil {
		return wrap(op, err, valuesOf(current, next)...)
	}
	return nil
}

// DeleteAll removes a client's item and every chunk, wherever a write was
// interrupted. A client with no items is not an error.
func (s *Store) DeleteAll(client string) error {
	op := "delete secrets of " + client
	if !validClient(client) {
		return &Error{Op: op, Kind: ErrInvalid}
	}
	s.takePrefetched(headUser(s.item(client)))
	c := s.calls()
	lock, err := acquireLock(s.lockDir, s.lockTimeout)
	if err != nil {
		return wrap(op, err)
	}
	defer release(lock, c)
	if err := deleteSet(c, s.item(client)); err != nil {
		return wrap(op, err)
	}
	return nil
}

// probeUser can never be a client or chunk name: both start with a client
// name, which has no '#'.
const probeUser = "#probe"

// Probe checks cheaply that the keyring is reachable and unlocked (on the
// Secret Service, looking an item up unlocks the collection first).
func (s *Store) Probe() error {
	_, err := s.calls().get(probeUser)
	if err == nil || isNotFound(err) {
		return nil
	}
	return wrap("reach the keyring", err)
}

func (s *Store) calls() *calls {
	return &calls{backend: s.backend, timeout: s.callTimeout}
}

// release unlocks at once, or — if a call was abandoned on timeout — once
// that call has returned, so it cannot land in the middle of the next
// writer's work.
func release(lock *flock.Flock, c *calls) {
	if c.abandoned.Load() == 0 {
		_ = lock.Unlock()
		return
	}
	go func() {
		c.running.Wait()
		_ = lock.Unlock()
	}()
}

// readSet reads a client's set, and the chunk pointer it came through (nil
// when stored in one item or absent), reading again when a writer replaced
// the chunks while they were being read.
func readSet(c *calls, client string) (map[string]string, *chunkRef, error) {
	var err error
	for attempt := range readAttempts {
		if attempt > 0 {
			time.Sleep(time.Duration(attempt) * 5 * time.Millisecond)
		}
		var values map[string]string
		var ref *chunkRef
		values, ref, err = readOnce(c, client)
		if !errors.Is(err, errTorn) {
			return values, ref, err
		}
	}
	return nil, nil, err
}

func readOnce(c *calls, client string) (map[string]string, *chunkRef, error) {
	head, err := c.get(headUser(client))
	if isNotFound(err) {
		return map[string]string{}, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	values, ref, err := decodeItem(head)
	if err != nil {
		return nil, nil, damaged(err)
	}
	if ref == nil {
		return values, nil, nil
	}
	pieces := make([]string, 0, ref.Count)
	for i := 1; i <= ref.Count; i++ {
		content, err := c.get(chunkUser(client, ref.Slot, i))
		if isNotFound(err) {
			return nil, nil, errTorn
		}
		if err != nil {
			return nil, nil, err
		}
		piece, ok := chunkPiece(content, ref.Gen)
		if !ok {
			return nil, nil, errTorn
		}
		pieces = append(pieces, piece)
	}
	values, err = joinChunks(pieces, *ref)
	if err != nil && !errors.Is(err, errTorn) {
		return nil, nil, damaged(err)
	}
	return values, ref, err
}

// writeSet stores a set, given the pointer the current one was read
// through. Order matters: new chunks go to the slot the current pointer
// does not use, then the client's item is replaced in one write, and only
// then are stale chunks removed. Until that one write the old set stays
// whole; after it, the new one is.
func writeSet(c *calls, client string, values map[string]string, current *chunkRef) error {
	if len(values) == 0 {
		return deleteSet(c, client)
	}
	payload := encodeSet(values)
	if len(payload) > maxSetBytes {
		return &Error{Kind: ErrTooLarge, Cause: fmt.Errorf("the set encodes to %d bytes", len(payload))}
	}
	if len(payload) <= MaxItemBytes {
		if err := c.set(headUser(client), string(payload)); err != nil {
			return err
		}
		return cleanSlots(c, client, map[string]int{slotA: 1, slotB: 1})
	}

	slot := slotA
	if current != nil {
		slot = otherSlot(current.Slot)
	}
	gen := newGeneration()
	pieces := splitPayload(payload, chunkPieceSize)
	for i, piece := range pieces {
		if err := c.set(chunkUser(client, slot, i+1), chunkContent(gen, piece)); err != nil {
			return err
		}
	}
	ref := chunkRef{Slot: slot, Count: len(pieces), Gen: gen, SHA256: checksum(string(payload))}
	if err := c.set(headUser(client), string(encodeRef(ref))); err != nil {
		return err
	}
	return cleanSlots(c, client, map[string]int{slot: len(pieces) + 1, otherSlot(slot): 1})
}

// deleteSet removes the client's item first (readers then see no set),
// then all chunks.
func deleteSet(c *calls, client string) error {
	if err := c.del(headUser(client)); err != nil && !isNotFound(err) {
		return err
	}
	return cleanSlots(c, client, map[string]int{slotA: 1, slotB: 1})
}

// cleanSlots removes, for each slot, the chunks numbered from the given
// index up. Chunks are written upwards from 1 and removed downwards, so
// whatever was interrupted, each slot holds chunks 1…n without gaps, and
// probing upwards from the first stale index finds every stale chunk.
func cleanSlots(c *calls, client string, from map[string]int) error {
	for _, slot := range []string{slotA, slotB} {
		first, ok := from[slot]
		if !ok {
			continue
		}
		last := first - 1
		for last < first+maxChunks {
			_, err := c.get(chunkUser(client, slot, last+1))
			if isNotFound(err) {
				break
			}
			if err != nil {
				return err
			}
			last++
		}
		for i := last; i >= first; i-- {
			if err := c.del(chunkUser(client, slot, i)); err != nil && !isNotFound(err) {
				return err
			}
		}
	}
	return nil
}

// valuesOf lists the values of sets, for redaction.
func valuesOf(sets ...map[string]string) []string {
	var values []string
	for _, set := range sets {
		values = slices.AppendSeq(values, maps.Values(set))
	}
	return values
}

func newGeneration() string {
	b := make([]byte, genLen/2)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

// damaged marks an item that cannot be decoded.
func damaged(err error) error {
	var version *versionError
	if errors.As(err, &version) {
		return &Error{Kind: ErrCorrupt, Hint: version.Error()}
	}
	return &Error{Kind: ErrCorrupt, Cause: err}
}

// wrap turns what a keyring operation returned into an *Error for op,
// withholding the cause if it mentions any of the secrets.
func wrap(op string, err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		out := *e
		if out.Op == "" {
			out.Op = op
		}
		if out.Cause != nil {
			out.Cause = redact(out.Cause, secrets...)
		}
		return &out
	}
	err = redact(err, secrets...)
	return &Error{Op: op, Kind: classify(err), Cause: err}
}
