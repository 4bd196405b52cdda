package profiles

import (
	"regexp"
	"sync"
)

// lazyPattern compiles a pattern the first time it is used. Package-level
// regexp.MustCompile runs on every start of the binary, and compiling is
// mostly fresh heap — page faults that `stint env` pays for patterns it
// never uses. The patterns are constants, so a bad one still fails the
// first test that touches it.
func lazyPattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// isSlug is ^[a-z0-9][a-z0-9-]{0,39}$ without a regexp: it is checked on
// every switch.
func isSlug(s string) bool {
	if len(s) == 0 || len(s) > 40 || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isLowerAlnum(c) || c == '-') {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
func isLowerAlnum(c byte) bool { return 'a' <= c && c <= 'z' || isDigit(c) }
