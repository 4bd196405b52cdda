package secrets

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	dbus "github.com/godbus/dbus/v5"
	"github.com/stretchr/testify/assert"
	"github.com/zalando/go-keyring"
)

func TestClassify(t *testing.T) {
	dialErr := &net.OpError{Op: "dial", Net: "unix", Err: os.NewSyscallError("connect", syscall.ENOENT)}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"go-keyring not found", keyring.ErrNotFound, ErrNotFound},
		{"too big", keyring.ErrSetDataTooBig, ErrTooLarge},
		{"no bus configured", errNoSessionBus, ErrUnavailable},
		{"bus socket missing", dialErr, ErrUnavailable},
		{"bus refused", fmt.Errorf("wrapped: %w", syscall.ECONNREFUSED), ErrUnavailable},
		{"bus went away", io.EOF, ErrUnavailable},
		{"godbus address", errors.New("dbus: couldn't determine address of session bus"), ErrUnavailable},
		{"service unknown", dbus.Error{Name: "org.freedesktop.DBus.Error.ServiceUnknown"}, ErrUnavailable},
		{"service unknown pointer", &dbus.Error{Name: "org.freedesktop.DBus.Error.ServiceUnknown"}, ErrUnavailable},
		{"activation failed", dbus.Error{Name: "org.freedesktop.DBus.Error.Spawn.ChildExited"}, ErrUnavailable},
		{"secret service locked", dbus.Error{Name: "org.freedesktop.Secret.Error.IsLocked"}, ErrLocked},
		{"other dbus error", dbus.Error{Name: "org.example.Whatever"}, nil},
		{"go-keyring unlock failed", errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), ErrLocked},
		{"security tool missing", &exec.Error{Name: "/usr/bin/security", Err: exec.ErrNotFound}, ErrUnavailable},
		{"timeout", fmt.Errorf("%w: no answer after 1s", ErrTimeout), ErrTimeout},
		{"torn chunks", errTorn, ErrCorrupt},
		{"unknown", errors.New("exit status 45"), nil},
		{"nil", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, classify(tc.err))
		})
	}
}

func TestErrorMessageIsOneLineWithHintAndCause(t *testing.T) {
	err := &Error{Op: "load secrets of acme", Kind: ErrUnavailable, Cause: errors.New("dial unix /nope:\nno such file")}
	msg := err.Error()
	assert.NotContains(t, msg, "\n")
	assert.True(t, strings.HasPrefix(msg, "keyring: load secrets of acme: "), msg)
	assert.Contains(t, msg, "(dial unix /nope: no such file)")
	assert.ErrorIs(t, err, ErrUnavailable)
	assert.False(t, errors.Is(err, ErrLocked))
}

func TestHints(t *testing.T) {
	assert.Equal(t,
		"no Secret Service on the session bus — start gnome-keyring or KeePassXC's Secret Service, or run inside dbus-run-session",
		hintFor(ErrUnavailable, "linux"))
	assert.Contains(t, hintFor(ErrUnavailable, "darwin"), "Keychain")
	assert.Contains(t, hintFor(ErrLocked, "linux"), "unlock it")
	assert.Contains(t, hintFor(ErrLocked, "darwin"), "unlock-keychain")
	assert.Contains(t, hintFor(ErrTimeout, "linux"), "unlock")
	for _, kind := range []error{ErrNotFound, ErrCorrupt, ErrTooLarge, ErrInvalid} {
		assert.NotEmpty(t, hintFor(kind, "linux"))
	}
}

func TestRedact(t *testing.T) {
	leaky := fmt.Errorf("cannot store %q: %w", "hunter2-value", keyring.ErrSetDataTooBig)
	got := redact(leaky, "other", "hunter2-value")
	assert.NotContains(t, got.Error(), "hunter2")
	assert.Equal(t, ErrTooLarge, classify(got), "the kind survives redaction")

	clean := errors.New("exit status 1")
	assert.Same(t, clean, redact(clean, "hunter2-value"))
	// Very short values would match by accident; they are left alone.
	assert.Same(t, clean, redact(clean, "1"))
	assert.NoError(t, redact(nil, "x"))
}
