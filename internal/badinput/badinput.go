// Package badinput marks errors caused by what the user typed, so the
// command line can exit with status 2 (bad usage or input) rather than 1
// (the operation failed).
package badinput

import (
	"errors"
	"fmt"
)

// Error is an error in the user's input. Its message says what was wrong and
// how to fix it.
type Error struct{ msg string }

func (e *Error) Error() string { return e.msg }

// Errorf builds an input error.
func Errorf(format string, args ...any) error {
	return &Error{msg: fmt.Sprintf(format, args...)}
}

// Wrap marks an existing error as caused by input; nil stays nil.
func Wrap(err error) error {
	if err == nil || Is(err) {
		return err
	}
	return &Error{msg: err.Error()}
}

// Is reports whether err (or anything it wraps) is an input error.
func Is(err error) bool {
	var e *Error
	return errors.As(err, &e)
}
