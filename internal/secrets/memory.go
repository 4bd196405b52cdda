package secrets

import (
	"slices"
	"sync"

	"github.com/zalando/go-keyring"
)

// MemoryBackend is an in-memory keyring for tests, safe for concurrent use.
// Like the strictest real keyrings it refuses items over MaxItemBytes (with
// keyring.ErrSetDataTooBig), and it reports a missing item with
// keyring.ErrNotFound.
type MemoryBackend struct {
	mu    sync.Mutex
	items map[memoryKey]string
}

type memoryKey struct{ service, user string }

// NewMemoryBackend returns an empty in-memory keyring.
func NewMemoryBackend() *MemoryBackend {
	return &MemoryBackend{items: map[memoryKey]string{}}
}

func (m *MemoryBackend) Get(service, user string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.items[memoryKey{service, user}]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

// QuickGet answers only for items that exist, as the Secret Service's
// quick read does; anything else is left to Get.
func (m *MemoryBackend) QuickGet(service, user string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.items[memoryKey{service, user}]
	return v, ok, nil
}

func (m *MemoryBackend) Set(service, user, password string) error {
	if len(password) > MaxItemBytes {
		return keyring.ErrSetDataTooBig
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.items[memoryKey{service, user}] = password
	return nil
}

func (m *MemoryBackend) Delete(service, user string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	key := memoryKey{service, user}
	if _, ok := m.items[key]; !ok {
		return keyring.ErrNotFound
	}
	delete(m.items, key)
	return nil
}

// Users lists, sorted, the user names that have an item under service, so
// tests can see every chunk that exists.
func (m *MemoryBackend) Users(service string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var users []string
	for k := range m.items {
		if k.service == service {
			users = append(users, k.user)
		}
	}
	slices.Sort(users)
	return users
}
