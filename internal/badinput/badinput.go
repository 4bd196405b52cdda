// Package badinput marks errors caused by what the user typed, so the
// command line can exit with status 2 (bad usage or input) rather than 1
// (the operation failed).
//
// The marks wrap: errors.Is and errors.As see through them to the error
// they mark, so a typed error stays typed when it is marked as bad input.
package badinput

import "fmt"

// Error is an error in the user's input. Its message says what was wrong and
// how to fix it.
type Error struct{ Err error }

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an input error; a %w in format wraps its error as
// fmt.Errorf does.
func Errorf(format string, args ...any) error {
	return &Error{Err: fmt.Errorf(format, args...)}
}

// Wrap marks an existing error as caused by input; nil stays nil.
func Wrap(err error) error {
	if err == nil || Is(err) {
		return err
	}
	return &Error{Err: err}
}

// failure marks an error that wraps bad input as the operation's failure.
type failure struct{ err error }

func (e *failure) Error() string { return e.err.Error() }
func (e *failure) Unwrap() error { return e.err }

// Failed marks err as the operation's failure even when what it wraps is
// an input error: input that was accepted when it was stored and is refused
// now (a profile a newer stint no longer takes) is not the user's typing
// now. nil stays nil.
func Failed(err error) error {
	if err == nil {
		return nil
	}
	return &failure{err: err}
}

// Is reports whether err is an input error: whether the first mark in its
// chain (or tree) of wrapped errors is Error rather than Failed.
func Is(err error) bool {
	found, input := mark(err)
	return found && input
}

// mark finds the first mark, depth first as errors.As looks.
func mark(err error) (found, input bool) {
	for err != nil {
		switch err.(type) {
		case *Error:
			return true, true
		case *failure:
			return true, false
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if found, input := mark(e); found {
					return true, input
				}
			}
			return false, false
		default:
			return false, false
		}
	}
	return false, false
}
