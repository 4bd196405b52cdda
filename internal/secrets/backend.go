package secrets

import (
	"github.com/zalando/go-keyring"

	"github.com/stint-sh/stint/internal/secrets/quickget"
)

// Service is the keyring service name of every item stint stores.
const Service = "stint"

// Backend is a keyring, shaped like go-keyring: Get returns an error
// matching keyring.ErrNotFound (or ErrNotFound) for a missing item, and Set
// replaces an existing one.
type Backend interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// SystemBackend is the operating system's keyring through go-keyring.
func SystemBackend() Backend { return systemBackend{} }

type systemBackend struct{}

func (systemBackend) Get(service, user string) (string, error) {
	if err := checkSessionBus(); err != nil {
		return "", err
	}
	if value, handled := quickget.Get(service, user); handled {
		return value, nil
	}
	return keyring.Get(service, user)
}

// QuickGet is the Secret Service read that never prompts (a locked
// collection is left to go-keyring), so Prefetch may call it for a client
// that may not exist or have secrets.
func (systemBackend) QuickGet(service, user string) (string, bool, error) {
	if checkSessionBus() != nil {
		return "", false, nil
	}
	value, handled := quickget.Get(service, user)
	return value, handled, nil
}

func (systemBackend) Set(service, user, password string) error {
	if err := checkSessionBus(); err != nil {
		return err
	}
	quickget.Introduce()
	return keyring.Set(service, user, password)
}

func (systemBackend) Delete(service, user string) error {
	if err := checkSessionBus(); err != nil {
		return err
	}
	return keyring.Delete(service, user)
}
