package kube

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/stint-sh/stint/internal/display"
)

// Kinds of failure, for errors.Is. The message of a returned error is a whole
// sentence on its own; these only classify it.
var (
	ErrFileMissing      = errors.New("kubeconfig file does not exist")
	ErrFileUnparsable   = errors.New("kubeconfig file does not parse")
	ErrFileUnreadable   = errors.New("kubeconfig file cannot be read")
	ErrFileRefused      = errors.New("kubeconfig source is not a regular file of a sane size")
	ErrNoContexts       = errors.New("no contexts")
	ErrContextMissing   = errors.New("context not found")
	ErrDanglingRef      = errors.New("context refers to a missing cluster or user")
	ErrInvalidSpec      = errors.New("invalid kubeconfig spec")
	ErrInvalidSessionID = errors.New("invalid session id")
	ErrNotSessionFile   = errors.New("not a session kubeconfig of this client")
)

// kubeError carries a one-line message for people and a kind for code.
type kubeError struct {
	kind error
	msg  string
}

func (e *kubeError) Error() string { return e.msg }
func (e *kubeError) Unwrap() error { return e.kind }

func newError(kind error, format string, args ...any) error {
	return &kubeError{kind: kind, msg: display.OneLine(fmt.Sprintf(format, args...))}
}

// quotedValue matches the `value` excerpts YAML decoders put in their
// errors. Compiled on first use: errors are rare, and a package-level
// pattern would cost every start of the binary.
var quotedValue = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("`[^`]*`") })

// withoutValues removes quoted values from a decoder error: a kubeconfig holds
// tokens and keys, and secret values must never reach an error message.
func withoutValues(err error) string {
	return quotedValue().ReplaceAllString(err.Error(), "`…`")
}

// joinList renders names or paths for a message: "a" or "a, b".
func joinList(paths []string) string {
	return strings.Join(paths, ", ")
}
