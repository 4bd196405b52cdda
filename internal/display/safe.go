package display

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Safe is text from elsewhere — a client's display name, a variable's
// value, a note, a kube context, an imported description or tag — made
// fit for a terminal: every character that would act on the terminal
// instead of being shown is written out as an escape a person can read.
// That is C0 controls (line breaks and tabs included, as `\n`, `\t`), DEL,
// C1 controls (`\u009b` starts a sequence on many terminals as ESC [
// does), ESC (so no sequence can start: "\x1b[2J" shows as `\x1b[2J`),
// the bidirectional overrides, embeddings, isolates and marks that make
// text read in another order than it runs (U+202A–U+202E, U+2066–U+2069,
// U+200E, U+200F, U+061C), the line and paragraph separators U+2028 and
// U+2029, and bytes that are not UTF-8 (`\xff`). Everything else, accents
// and emoji included, is kept as it is. Text that needs nothing escaped
// comes back unchanged, without an allocation.
//
// Safe is for one line: a table cell, a name in a sentence. SafeLines
// keeps the line breaks and tabs of a multi-line body.
func Safe(s string) string { return escapeUnsafe(s, false) }

// SafeLines is Safe for a multi-line body (a note, a runbook): line feeds
// and tabs are kept; a carriage return, which would let a line overwrite
// what was printed before it, is escaped like every other control.
func SafeLines(s string) string { return escapeUnsafe(s, true) }

func escapeUnsafe(s string, keepLines bool) string {
	i := firstUnsafe(s, keepLines)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !unsafeRune(r, keepLines):
			b.WriteString(s[i : i+size])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

// firstUnsafe is the byte offset of the first character Safe would
// escape, or -1.
func firstUnsafe(s string, keepLines bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r, keepLines) {
			return i
		}
		i += size
	}
	return -1
}

// unsafeRune reports whether r acts on a terminal or on the order text is
// shown in.
func unsafeRune(r rune, keepLines bool) bool {
	switch {
	case r == '\n' || r == '\t':
		return !keepLines
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r == 0x2028, r == 0x2029,
		r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
