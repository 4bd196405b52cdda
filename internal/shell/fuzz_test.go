package shell

import (
	"strings"
	"testing"

	"github.com/stint-sh/stint/internal/testenv"
)

// FuzzQuote renders random values for each real shell, evaluates them there
// and reads them back unchanged. Each input carries three values so one
// shell process checks several at once; the seed corpus (the nasty values,
// three at a time) runs in every `go test`. Fuzz with
//
//	go test ./shell -run '^$' -fuzz FuzzQuote -fuzztime 60s
func FuzzQuote(f *testing.F) {
	for i := 0; i < len(nastyValues); i += 3 {
		seed := [3]string{}
		copy(seed[:], nastyValues[i:min(i+3, len(nastyValues))])
		f.Add(seed[0], seed[1], seed[2])
	}
	var shells []Kind
	for _, sh := range Kinds {
		if _, ok := testenv.Lookup(f, shellArgv[sh][0]); !ok {
			continue
		}
		shells = append(shells, sh)
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		values := []string{a, b, c}
		for _, v := range values {
			if strings.IndexByte(v, 0) >= 0 {
				t.Skip("NUL cannot be held by any shell variable")
			}
		}
		for _, sh := range shells {
			assertRoundTrip(t, sh, "C.UTF-8", values)
		}
	})
}
