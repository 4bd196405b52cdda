package display

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// OneLine is s on one line: every run of white space, line breaks included,
// becomes one space, and none is left at either end. Notes, error causes
// and snippets go through it before they take one row of a table or one
// line of an error.
func OneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Clip shortens s to at most n characters (runes), the last of them "…"
// when anything was cut.
func Clip(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// Count is n and the noun that agrees with it: "1 secret", "2 secrets",
// "0 entries". one and many are the noun's two forms.
func Count[N ~int | ~int64](n N, one, many string) string {
	noun := many
	if n == 1 {
		noun = one
	}
	return strconv.FormatInt(int64(n), 10) + " " + noun
}
