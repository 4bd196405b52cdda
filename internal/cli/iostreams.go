// Package cli is stint's command tree. Commands parse flags, call the
// workbench and print; they hold no business logic.
package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the standard streams a command uses, injected so tests can
// run the whole tree in-process.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// StdinIsTTY reports whether In is an interactive terminal.
	StdinIsTTY func() bool
	// StdoutIsTTY reports whether Out is an interactive terminal.
	StdoutIsTTY func() bool
	// ReadSecret prompts on ErrOut and reads one line from the terminal
	// without echo; used only when StdinIsTTY.
	ReadSecret func(prompt string) (string, error)
}

// SystemIO returns the process's real streams.
func SystemIO() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		StdinIsTTY:  func() bool { return term.IsTerminal(int(os.Stdin.Fd())) },
		StdoutIsTTY: func() bool { return term.IsTerminal(int(os.Stdout.Fd())) },
		ReadSecret: func(prompt string) (string, error) {
			fmt.Fprint(os.Stderr, prompt)
			b, err := term.ReadPassword(int(os.Stdin.Fd()))
			fmt.Fprintln(os.Stderr)
			return string(b), err
		},
	}
}

func (s *IOStreams) printJSON(v any) error {
	enc := json.NewEncoder(s.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
