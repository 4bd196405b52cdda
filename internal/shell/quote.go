package shell

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote returns s as one word of the given shell's syntax, so that the shell
// reads back exactly the bytes of s. Every byte string except one holding NUL
// survives: quotes, $, backticks, backslashes, control characters, UTF-8 and
// invalid UTF-8, leading dashes, the empty string, !, %, ~, = and glob
// characters. (No shell can hold NUL in a variable; the CLI must reject it.)
//
// The word is safe in any position (command argument, assignment value): it
// is never subject to expansion, globbing, splitting or history expansion.
func Quote(sh Kind, s string) string {
	if s == "" {
		return "''"
	}
	if isBare(s) {
		return s
	}
	switch sh {
	case Fish:
		return quoteFish(s)
	case Bash, Zsh:
		return quotePOSIXish(s)
	default:
		panic(fmt.Sprintf("shell.Quote: %v is not a shell", sh))
	}
}

// isBare reports whether s can be written without any quoting. The set is
// kept small on purpose: no ~ (tilde expansion, also after : in
// assignments), no = (zsh's =cmd expansion), no % or ! or glob characters.
func isBare(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '_' || c == '.' || c == '/' || c == '-' || c == '+' || c == ',' || c == ':' || c == '@':
		default:
			return false
		}
	}
	return true
}

// literalRune reports whether r may appear as itself inside quotes. Control
// characters, bidi overrides and other invisible runes are escaped instead,
// so a printed script shows what it does and keeps one assignment per line.
func literalRune(r rune) bool {
	return r != utf8.RuneError && (r == ' ' || unicode.IsPrint(r))
}

// quotePOSIXish uses plain single quotes when they suffice, otherwise ANSI-C
// quoting ($'...'), which bash and zsh both read byte-exactly: \xHH is a raw
// byte in both, whatever the locale.
func quotePOSIXish(s string) string {
	if plainSingleQuotable(s) {
		return "'" + s + "'"
	}
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\' || r == '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		case literalRune(r):
			b.WriteString(s[i : i+size])
		default:
			writeHexBytes(&b, s[i:i+size])
		}
		i += size
	}
	b.WriteByte('\'')
	return b.String()
}

func plainSingleQuotable(s string) bool {
	for _, r := range s { // invalid bytes decode as RuneError, which is not literal
		if r == '\'' || !literalRune(r) {
			return false
		}
	}
	return true
}

// quoteFish concatenates single-quoted runs of printable text with unquoted
// \xHH escapes for everything else. Inside fish's single quotes only \\ and
// \' are special. Outside quotes fish reads \xHH as one raw byte (values of
// 0x80 and up become fish's internal "encoded byte" and are written back to
// the environment as that byte), so invalid UTF-8 survives too.
func quoteFish(s string) string {
	var b strings.Builder
	inQuotes := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if literalRune(r) {
			if !inQuotes {
				b.WriteByte('\'')
				inQuotes = true
			}
			if r == '\\' || r == '\'' {
				b.WriteByte('\\')
			}
			b.WriteString(s[i : i+size])
		} else {
			if inQuotes {
				b.WriteByte('\'')
				inQuotes = false
			}
			writeHexBytes(&b, s[i:i+size])
		}
		i += size
	}
	if inQuotes {
		b.WriteByte('\'')
	}
	return b.String()
}

func writeHexBytes(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		b.WriteString(`\x`)
		b.WriteByte(hex[s[i]>>4])
		b.WriteByte(hex[s[i]&0xf])
	}
}
