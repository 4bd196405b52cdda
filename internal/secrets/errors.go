package secrets

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os/exec"
	"runtime"
	"strings"
	"syscall"

	dbus "github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"

	"github.com/stint-sh/stint/internal/display"
)

// The kinds of failure callers tell apart with errors.Is.
var (
	ErrNotFound    = errors.New("secret not found")
	ErrUnavailable = errors.New("keyring unavailable")
	ErrLocked      = errors.New("keyring locked")
	ErrTimeout     = errors.New("keyring timed out")
	ErrCorrupt     = errors.New("keyring item damaged")
	ErrTooLarge    = errors.New("secret set too large")
	ErrInvalid     = errors.New("invalid client name")
)

// Error is what every Store method returns on failure: one line saying what
// was being done, what went wrong and how to fix it. Kind is one of the Err*
// sentinels (nil when the keyring failed in a way we do not recognise);
// Cause is what the keyring said. Neither ever holds a secret value.
type Error struct {
	Op    string // what was being done, e.g. "save secrets of acme"
	Kind  error
	Hint  string // how to fix it; defaults to the hint for Kind
	Cause error
}

func (e *Error) Error() string {
	msg := "keyring: " + e.Op + ": "
	switch {
	case e.Hint != "":
		msg += e.Hint
	case e.Kind != nil:
		msg += hintFor(e.Kind, runtime.GOOS)
	default:
		msg += "failed"
	}
	if e.Cause != nil {
		msg += " (" + display.OneLine(e.Cause.Error()) + ")"
	}
	return msg
}

// Unwrap lets errors.Is match both the kind and the keyring's own error.
func (e *Error) Unwrap() []error {
	var errs []error
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Cause != nil {
		errs = append(errs, e.Cause)
	}
	return errs
}

// hintFor names the fix for a kind of failure on an operating system.
func hintFor(kind error, goos string) string {
	switch kind {
	case ErrUnavailable:
		switch goos {
		case "darwin":
			return "the macOS Keychain cannot be reached — check that /usr/bin/security works"
		case "windows":
			return "Windows Credential Manager cannot be reached"
		default:
			return "no Secret Service on the session bus — start gnome-keyring or KeePassXC's Secret Service, or run inside dbus-run-session"
		}
	case ErrLocked:
		if goos == "darwin" {
			return "the keychain is locked — unlock it (security unlock-keychain) and retry"
		}
		return "the keyring is locked or has no default collection — unlock it (log in to the desktop session, or run gnome-keyring-daemon --unlock) and retry"
	case ErrTimeout:
		return "the keyring did not answer in time — it may be locked and waiting at an unlock prompt; unlock it and retry"
	case ErrCorrupt:
		return "the stored secret set cannot be read — remove it with `stint secret rm CLIENT --all`, then set the secrets again"
	case ErrTooLarge:
		return fmt.Sprintf("a client's secrets may take at most %d KiB in the keyring", maxSetBytes/1024)
	case ErrNotFound:
		return "no such secret"
	case ErrInvalid:
		return "a client name must be non-empty and must not contain '#'"
	}
	return kind.Error()
}

// Errors the Store itself produces before classification.
var (
	// errNoSessionBus: the system backend refused to call go-keyring because
	// no session bus is configured (godbus would otherwise autolaunch one).
	errNoSessionBus = errors.New("DBUS_SESSION_BUS_ADDRESS is not set and no session bus socket was found")
	// errTorn: chunks did not match the pointer that named them, because a
	// writer replaced the set while it was being read (or it is damaged).
	errTorn = errors.New("chunks do not match their pointer item")
)

// dbus error names that mean nobody provides the Secret Service.
var unavailableDBusErrors = []string{
	"org.freedesktop.DBus.Error.ServiceUnknown",
	"org.freedesktop.DBus.Error.NameHasNoOwner",
	"org.freedesktop.DBus.Error.NoServer",
	"org.freedesktop.DBus.Error.Disconnected",
	"org.freedesktop.DBus.Error.Spawn.", // activation failed (prefix)
	"org.freedesktop.DBus.Error.FileNotFound",
	"org.freedesktop.Secret.Error.NoSuchObject",
}

// classify maps what a backend returned to one of the Err* kinds, or nil if
// it is not recognised. Pure, so every mapping is unit-tested.
func classify(err error) error {
	if err == nil {
		return nil
	}
	for _, kind := range []error{ErrTimeout, ErrNotFound, ErrUnavailable, ErrLocked, ErrCorrupt, ErrTooLarge, ErrInvalid} {
		if errors.Is(err, kind) {
			return kind
		}
	}
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return ErrTooLarge
	case errors.Is(err, errNoSessionBus), errors.Is(err, exec.ErrNotFound):
		return ErrUnavailable
	case errors.Is(err, errTorn):
		return ErrCorrupt
	}
	if name, ok := dbusErrorName(err); ok {
		if name == "org.freedesktop.Secret.Error.IsLocked" {
			return ErrLocked
		}
		for _, prefix := range unavailableDBusErrors {
			if strings.HasPrefix(name, prefix) {
				return ErrUnavailable
			}
		}
		return nil
	}
	var netErr *net.OpError
	if errors.As(err, &netErr) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ENOENT) || errors.Is(err, io.EOF) {
		return ErrUnavailable // cannot connect to the bus, or it went away
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "failed to unlock"): // go-keyring: prompt dismissed or impossible
		return ErrLocked
	case strings.HasPrefix(msg, "dbus: "): // godbus: cannot find or authenticate to the bus
		return ErrUnavailable
	}
	return nil
}

func dbusErrorName(err error) (string, bool) {
	var byValue dbus.Error
	if errors.As(err, &byValue) {
		return byValue.Name, true
	}
	var byPointer *dbus.Error
	if errors.As(err, &byPointer) && byPointer != nil {
		return byPointer.Name, true
	}
	return "", false
}

// redact replaces err with a neutral error if its text contains any of the
// given secret strings. Keyrings are not known to echo secrets in errors;
// this makes sure a surprising one cannot leak a value into a log.
func redact(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, s := range secrets {
		if len(s) >= minRedactLen && strings.Contains(msg, s) {
			return &redactedError{kind: classify(err)}
		}
	}
	return err
}

// minRedactLen: shorter strings match by accident (a one-letter value would
// redact every message) and reveal next to nothing.
const minRedactLen = 4

type redactedError struct{ kind error }

func (e *redactedError) Error() string {
	return "the keyring's error message contained secret data and was withheld"
}

func (e *redactedError) Unwrap() error { return e.kind }
