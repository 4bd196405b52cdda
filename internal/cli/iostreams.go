// Package cli is stint's command tree. Commands parse flags, call the
// workbench and print; they hold no business logic.
package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the standard streams a command uses and what is known
// about them: whether each is a terminal and whether output may be
// coloured, found out once when the streams are made (SystemIO) rather
// than asked again by each command. Tests make streams of buffers and set
// what they pretend (NewIOStreams and the Set methods).
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY, stdoutTTY, stderrTTY bool
	colorEnabled                   bool
	readSecret                     func(prompt string) (string, error)
}

// NewIOStreams are streams that are not terminals, without colour.
func NewIOStreams(in io.Reader, out, errOut io.Writer) *IOStreams {
	return &IOStreams{In: in, Out: out, ErrOut: errOut}
}

// SystemIO returns the process's real streams. Colour is for a terminal,
// unless NO_COLOR is set (https://no-color.org) or TERM is dumb.
func SystemIO() *IOStreams {
	s := NewIOStreams(os.Stdin, os.Stdout, os.Stderr)
	s.stdinTTY = term.IsTerminal(int(os.Stdin.Fd()))
	s.stdoutTTY = term.IsTerminal(int(os.Stdout.Fd()))
	s.stderrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	s.colorEnabled = s.stdoutTTY && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	s.readSecret = func(prompt string) (string, error) {
		fmt.Fprint(os.Stderr, prompt)
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(os.Stderr)
		return string(b), err
	}
	return s
}

// IsStdinTTY reports whether In is an interactive terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether Out is an interactive terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether ErrOut is an interactive terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// ColorEnabled reports whether Out may carry colour and emphasis.
func (s *IOStreams) ColorEnabled() bool { return s.colorEnabled }

// SetStdinTTY and the other setters say what a test's streams pretend to be.
func (s *IOStreams) SetStdinTTY(tty bool)  { s.stdinTTY = tty }
func (s *IOStreams) SetStdoutTTY(tty bool) { s.stdoutTTY = tty }
func (s *IOStreams) SetStderrTTY(tty bool) { s.stderrTTY = tty }
func (s *IOStreams) SetColorEnabled(on bool) {
	s.colorEnabled = on
}

// SetReadSecret replaces how a secret is read from the terminal.
func (s *IOStreams) SetReadSecret(read func(prompt string) (string, error)) { s.readSecret = read }

// errNoTerminal: a secret can be asked for only on a terminal.
var errNoTerminal = errors.New("stdin is not a terminal")

// ReadSecret prompts on ErrOut and reads one line from the terminal
// without echo; only when IsStdinTTY.
func (s *IOStreams) ReadSecret(prompt string) (string, error) {
	if !s.stdinTTY || s.readSecret == nil {
		return "", errNoTerminal
	}
	return s.readSecret(prompt)
}

func (s *IOStreams) printJSON(v any) error {
	enc := json.NewEncoder(s.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
