// Package shell is the shell side of stint: quoting values for bash, zsh and
// fish, the session state a shell carries in its own environment, turning an
// environment plan into a change script, and the hook scripts that let the
// `stint` binary change the shell that called it.
//
// Everything here is pure except Hook (which only reads embedded files).
package shell

import (
	"fmt"
	"strings"
)

// Kind is a shell dialect stint can render scripts for.
type Kind int

// The supported shells. The zero value is deliberately not a shell, so a
// forgotten Kind fails loudly instead of rendering bash.
const (
	Bash Kind = iota + 1
	Zsh
	Fish
)

// Kinds lists every supported shell, in a stable order (for help texts and tests).
var Kinds = []Kind{Bash, Zsh, Fish}

// String returns the shell's name as used on the command line ("bash").
func (k Kind) String() string {
	switch k {
	case Bash:
		return "bash"
	case Zsh:
		return "zsh"
	case Fish:
		return "fish"
	default:
		return fmt.Sprintf("shell.Kind(%d)", int(k))
	}
}

// ParseKind turns "bash", "zsh" or "fish" (any case) into a Kind.
func ParseKind(name string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "bash":
		return Bash, nil
	case "zsh":
		return Zsh, nil
	case "fish":
		return Fish, nil
	}
	return 0, fmt.Errorf("unknown shell %q: use bash, zsh or fish", name)
}
