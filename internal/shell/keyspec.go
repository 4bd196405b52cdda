package shell

import (
	"fmt"
	"strings"
)

// DefaultKey is the hotkey that opens the picker when none is configured.
const DefaultKey = "alt-s"

// Key is a parsed hotkey: Alt and/or Ctrl with one ASCII letter or digit.
type Key struct {
	Alt  bool
	Ctrl bool
	Char byte // the key as typed: 'S' for alt-S (Alt+Shift+s); lower case with Ctrl
}

// ctrlTaken are Ctrl keys the terminal or line editor needs for itself.
var ctrlTaken = map[byte]string{
	'c': "it interrupts commands",
	'z': "it suspends commands",
	'd': "it ends the shell",
	'h': "terminals send it for Backspace",
	'i': "terminals send it for Tab",
	'j': "terminals send it for Enter",
	'm': "terminals send it for Enter",
	's': "terminals use it to pause output",
	'q': "terminals use it to resume output",
}

// ParseKey reads a hotkey spec: modifiers and a key joined by "-", such as
// "alt-s", "ctrl-g", "ctrl-alt-x" or "alt-S" (Alt+Shift+s). Modifiers are
// alt and ctrl (any case); the key is one ASCII letter or digit, and Ctrl
// needs a letter. At least one modifier is required, so typing is never
// hijacked.
func ParseKey(spec string) (Key, error) {
	bad := func(why string) (Key, error) {
		return Key{}, fmt.Errorf("bad hotkey %q: %s (examples: alt-s, ctrl-g, ctrl-alt-x)", spec, why)
	}
	parts := strings.Split(spec, "-")
	if len(parts) < 2 {
		return bad("name a modifier (alt or ctrl), a dash and one letter or digit")
	}
	var k Key
	for _, mod := range parts[:len(parts)-1] {
		switch strings.ToLower(mod) {
		case "alt":
			if k.Alt {
				return bad("alt is given twice")
			}
			k.Alt = true
		case "ctrl":
			if k.Ctrl {
				return bad("ctrl is given twice")
			}
			k.Ctrl = true
		default:
			return bad(fmt.Sprintf("unknown modifier %q; use alt or ctrl", mod))
		}
	}
	last := parts[len(parts)-1]
	if len(last) != 1 {
		return bad("the key must be one letter or digit")
	}
	c := last[0]
	isLetter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	isDigit := '0' <= c && c <= '9'
	switch {
	case !isLetter && !isDigit:
		return bad("the key must be one letter or digit")
	case k.Ctrl && !isLetter:
		return bad("ctrl works with letters only")
	case k.Ctrl:
		c = c | 0x20 // terminals send the same byte for ctrl-g and ctrl-G
		if why, taken := ctrlTaken[c]; taken {
			return bad(fmt.Sprintf("ctrl-%c cannot be used because %s", c, why))
		}
	}
	k.Char = c
	return k, nil
}

// String gives the canonical spec ("ctrl-alt-x").
func (k Key) String() string {
	var b strings.Builder
	if k.Ctrl {
		b.WriteString("ctrl-")
	}
	if k.Alt {
		b.WriteString("alt-")
	}
	b.WriteByte(k.Char)
	return b.String()
}

// sequence writes the key in a shell's key-binding notation: readline's
// (\e, \C-x) for bash, bindkey's caret notation (^[, ^X) for zsh and fish's
// escapes (\e, \cx). None contains a quote or a space.
func (k Key) sequence(sh Kind) string {
	var alt, ctrl string
	switch sh {
	case Bash:
		alt, ctrl = `\e`, `\C-`+string(k.Char)
	case Zsh:
		alt, ctrl = `^[`, "^"+strings.ToUpper(string(k.Char))
	case Fish:
		alt, ctrl = `\e`, `\c`+string(k.Char)
	}
	seq := ""
	if k.Alt {
		seq = alt
	}
	if k.Ctrl {
		return seq + ctrl
	}
	return seq + string(k.Char)
}
