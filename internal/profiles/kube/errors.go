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

// kubeError carries a one-line message for people and a kind for code,
// and what it is about, for ForClient's fix: this package knows files and
// contexts, not which client uses them, so its messages name no stint
// command that needs a client's name.
type kubeError struct {
	kind     error
	msg      string
	path     string   // the kubeconfig file the error is about
	context  string   // the context the error is about
	contexts []string // the contexts asked for (ErrInvalidSpec)
	sources  []string // the files searched (ErrContextMissing)
}

func (e *kubeError) Error() string { return e.msg }
func (e *kubeError) Unwrap() error { return e.kind }

func newError(kind error, format string, args ...any) *kubeError {
	return &kubeError{kind: kind, msg: display.OneLine(fmt.Sprintf(format, args...))}
}

// about records the file e is about.
func (e *kubeError) about(path string) *kubeError {
	e.path = path
	return e
}

// Fixed is an error of this package with the command that fixes it for a
// client that uses the files and contexts it names.
type Fixed struct {
	Err error  // the error as this package gave it
	Fix string // one sentence; every command in it works when pasted
}

func (e *Fixed) Error() string { return e.Err.Error() + ": " + e.Fix }
func (e *Fixed) Unwrap() error { return e.Err }

// ForClient adds to err, when it is this package's and about something
// client slug uses (a switch, a listing of its contexts), the fix: the
// command that drops the vanished file or context from the client, or
// chooses one of its contexts. Any other error comes back as it is.
func ForClient(err error, slug string) error {
	var ke *kubeError
	if !errors.As(err, &ke) {
		return err
	}
	var fix string
	switch {
	case ke.kind == ErrFileMissing:
		fix = fmt.Sprintf("if it has moved, stop using this path with `stint kube rm %s --kubeconfig %s`, then bind its new place with stint kube add", slug, shellWord(ke.path))
	case ke.kind == ErrFileRefused || ke.kind == ErrFileUnparsable || ke.kind == ErrFileUnreadable:
		fix = fmt.Sprintf("fix the file, or stop using it with `stint kube rm %s --kubeconfig %s`", slug, shellWord(ke.path))
	case ke.kind == ErrContextMissing:
		fix = fmt.Sprintf("`%s` shows what is there; drop the context from %s with `stint kube rm %s %s`", getContextsCommand(ke.sources), slug, slug, shellWord(ke.context))
	case ke.kind == ErrInvalidSpec && len(ke.contexts) > 0:
		fix = fmt.Sprintf("choose one with `stint kube use %s %s`", slug, shellWord(ke.contexts[0]))
	default:
		return err
	}
	return &Fixed{Err: err, Fix: fix}
}

// shellWord is s as one word for a POSIX shell, quoted only when it needs
// to be, so a command in a message can be pasted.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@%+=,-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
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
