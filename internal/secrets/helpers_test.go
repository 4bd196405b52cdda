package secrets

import (
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/zalando/go-keyring"
)

// hookBackend wraps a Backend and lets a test act before each call, or
// make the call fail.
type hookBackend struct {
	Backend
	mu       sync.Mutex
	beforeFn func(op, user string) error
}

func (h *hookBackend) before(fn func(op, user string) error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.beforeFn = fn
}

func (h *hookBackend) hook(op, user string) error {
	h.mu.Lock()
	fn := h.beforeFn
	h.mu.Unlock()
	if fn == nil {
		return nil
	}
	return fn(op, user)
}

func (h *hookBackend) Get(service, user string) (string, error) {
	if err := h.hook("get", user); err != nil {
		return "", err
	}
	return h.Backend.Get(service, user)
}

func (h *hookBackend) Set(service, user, password string) error {
	if err := h.hook("set", user); err != nil {
		return err
	}
	return h.Backend.Set(service, user, password)
}

func (h *hookBackend) Delete(service, user string) error {
	if err := h.hook("delete", user); err != nil {
		return err
	}
	return h.Backend.Delete(service, user)
}

// dirBackend keeps each item in a file, so that several processes share
// one keyring without a Secret Service. Each write is atomic (rename).
type dirBackend struct{ dir string }

func (d dirBackend) path(service, user string) string {
	return filepath.Join(d.dir, hex.EncodeToString([]byte(service+"\x00"+user)))
}

func (d dirBackend) Get(service, user string) (string, error) {
	data, err := os.ReadFile(d.path(service, user))
	if errors.Is(err, os.ErrNotExist) {
		return "", keyring.ErrNotFound
	}
	return string(data), err
}

func (d dirBackend) Set(service, user, password string) error {
	if len(password) > MaxItemBytes {
		return keyring.ErrSetDataTooBig
	}
	tmp, err := os.CreateTemp(d.dir, "tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(password); err != nil {
		return errors.Join(err, tmp.Close())
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), d.path(service, user))
}

func (d dirBackend) Delete(service, user string) error {
	err := os.Remove(d.path(service, user))
	if errors.Is(err, os.ErrNotExist) {
		return keyring.ErrNotFound
	}
	return err
}

// valueOf returns a recognisable value of exactly n bytes for key.
func valueOf(key string, n int) string {
	unit := "<" + key + ":secret-marker>"
	return strings.Repeat(unit, n/len(unit)+1)[:n]
}

// valueForPayload returns a value that makes {key: value} encode to exactly n bytes.
func valueForPayload(t *testing.T, key string, n int) string {
	t.Helper()
	overhead := len(encodeSet(map[string]string{key: ""}))
	require.Greater(t, n, overhead)
	v := strings.Repeat("x", n-overhead)
	require.Len(t, encodeSet(map[string]string{key: v}), n)
	return v
}

// chunkUsers lists the item names a client with a set in slot/count should have.
func chunkUsers(client, slot string, count int) []string {
	users := []string{client}
	for i := 1; i <= count; i++ {
		users = append(users, chunkUser(client, slot, i))
	}
	return users
}
