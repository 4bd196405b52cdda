package profiles

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// The hand-written matchers agree with the patterns they replace, on
// edge cases and on many random strings drawn from a small alphabet that
// exercises every branch.
func TestHandWrittenMatchersAgreeWithPatterns(t *testing.T) {
	cases := []struct {
		name    string
		pattern *regexp.Regexp
		match   func(string) bool
	}{
		{"slug", regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`), isSlug},
	}
	fixed := []string{"", "a", "-", "-a", "a-", "0", "_", "_0", "0_", "A", "acme-eu", "Acme",
		"a\n", "a b", "é", "x" + string(make([]byte, 0)), "abcdefghijklmnopqrstuvwxyz0123456789abcd",
		"abcdefghijklmnopqrstuvwxyz0123456789abcde", "AWS_PROFILE", "9LIVES", "a$b"}
	const alphabet = "az09-_AZ.$ \n\xff"
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range cases {
		inputs := append([]string(nil), fixed...)
		for range 20000 {
			b := make([]byte, rng.IntN(45))
			for i := range b {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
			inputs = append(inputs, string(b))
		}
		for _, in := range inputs {
			if got, want := c.match(in), c.pattern.MatchString(in); got != want {
				t.Fatalf("%s %q: hand-written says %v, pattern says %v", c.name, in, got, want)
			}
		}
	}
}
