package display

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// TestSafeEscapesEveryClass covers each class of character that acts on a
// terminal, in the middle of ordinary text, for both Safe and SafeLines.
func TestSafeEscapesEveryClass(t *testing.T) {
	for _, tc := range []struct {
		class, in, safe, lines string
	}{
		{"plain ASCII", "Acme Corp", "Acme Corp", "Acme Corp"},
		{"accents and emoji stay", "Zürich 🚀 Ñandú", "Zürich 🚀 Ñandú", "Zürich 🚀 Ñandú"},
		{"zero-width joiner in an emoji stays", "👩\u200d💻", "👩\u200d💻", "👩\u200d💻"},
		{"empty", "", "", ""},
		{"NUL", "a\x00b", `a\x00b`, `a\x00b`},
		{"bell", "a\ab", `a\x07b`, `a\x07b`},
		{"backspace", "ok\b\bno", `ok\x08\x08no`, `ok\x08\x08no`},
		{"line feed", "a\nb", `a\nb`, "a\nb"},
		{"tab", "a\tb", `a\tb`, "a\tb"},
		{"carriage return", "safe\rEVIL", `safe\rEVIL`, `safe\rEVIL`},
		{"vertical tab, form feed", "a\v\fb", `a\x0b\x0cb`, `a\x0b\x0cb`},
		{"CSI colour", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`, `\x1b[31mred\x1b[0m`},
		{"clear screen", "\x1b[2J\x1b[H", `\x1b[2J\x1b[H`, `\x1b[2J\x1b[H`},
		{"OSC title", "\x1b]0;pwned\x07", `\x1b]0;pwned\x07`, `\x1b]0;pwned\x07`},
		{"OSC 52 clipboard", "\x1b]52;c;cm0gLXJm\x1b\\", `\x1b]52;c;cm0gLXJm\x1b\`, `\x1b]52;c;cm0gLXJm\x1b\`},
		{"OSC 8 hyperlink", "\x1b]8;;http://evil\x1b\\x\x1b]8;;\x1b\\", `\x1b]8;;http://evil\x1b\x\x1b]8;;\x1b\`, `\x1b]8;;http://evil\x1b\x\x1b]8;;\x1b\`},
		{"DCS", "\x1bP1$r\x1b\\", `\x1bP1$r\x1b\`, `\x1bP1$r\x1b\`},
		{"unit separator", "a\x1fb", `a\x1fb`, `a\x1fb`},
		{"DEL", "a\x7fb", `a\x7fb`, `a\x7fb`},
		{"C1 CSI", "a\u009b31mb", `a\u009b31mb`, `a\u009b31mb`},
		{"C1 NEL, OSC, ST", "\u0085\u009d\u009c", `\u0085\u009d\u009c`, `\u0085\u009d\u009c`},
		{"C1 bounds", "\u0080\u009f\u00a0", `\u0080\u009f` + "\u00a0", `\u0080\u009f` + "\u00a0"},
		{"right-to-left override", "invoice\u202egpj.exe", `invoice\u202egpj.exe`, `invoice\u202egpj.exe`},
		{"embeddings, pop", "\u202a\u202b\u202c\u202d", `\u202a\u202b\u202c\u202d`, `\u202a\u202b\u202c\u202d`},
		{"isolates", "\u2066a\u2067b\u2068c\u2069", `\u2066a\u2067b\u2068c\u2069`, `\u2066a\u2067b\u2068c\u2069`},
		{"marks", "\u200e\u200f\u061c", `\u200e\u200f\u061c`, `\u200e\u200f\u061c`},
		{"line and paragraph separators", "a\u2028b\u2029c", `a\u2028b\u2029c`, `a\u2028b\u2029c`},
		{"invalid UTF-8", "a\xffb\xc3", `a\xffb\xc3`, `a\xffb\xc3`},
		{"a C1 byte alone is not UTF-8", "a\x9bb", `a\x9bb`, `a\x9bb`},
	} {
		t.Run(tc.class, func(t *testing.T) {
			assert.Equal(t, tc.safe, Safe(tc.in), "Safe")
			assert.Equal(t, tc.lines, SafeLines(tc.in), "SafeLines")
		})
	}
}

// TestSafeLeavesNoActiveCharacter runs every code point of the classes and
// their neighbours through Safe: what comes out is valid UTF-8 and holds
// no control, no bidi control and no separator.
func TestSafeLeavesNoActiveCharacter(t *testing.T) {
	var ranges = [][2]rune{{0, 0x2ff}, {0x600, 0x620}, {0x2000, 0x2070}, {0xfeff, 0xfeff}}
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			in := "x" + string(r) + "y"
			out := Safe(in)
			assert.True(t, utf8.ValidString(out))
			assert.Equal(t, -1, firstUnsafe(out, false), "U+%04X left %q", r, out)
			if unsafeRune(r, false) {
				assert.NotEqual(t, in, out, "U+%04X must be escaped", r)
			} else {
				assert.Equal(t, in, out, "U+%04X must stay", r)
			}
		}
	}
	for b := 0x80; b <= 0xff; b++ {
		in := "x" + string([]byte{byte(b)}) + "y"
		assert.Equal(t, fmt.Sprintf(`x\x%02xy`, b), Safe(in))
	}
}

func TestSafeDoesNotAllocateForCleanText(t *testing.T) {
	s := "Acme Corp — Zürich"
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = Safe(s) }))
}
