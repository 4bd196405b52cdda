package shell

import (
	"fmt"
	"testing"
)

// BenchmarkSwitchScript measures the pure part of `stint env NAME`: decode
// the state, compute the change from one 20-variable client to another,
// render it for bash. It must stay far below the 10 ms budget of the command.
func BenchmarkSwitchScript(b *testing.B) {
	plan := func(client string) *Plan {
		p := &Plan{Client: client, Clear: []string{"AWS_ACCESS_KEY_ID", "GH_TOKEN", "TF_TOKEN_*"}}
		for i := range 20 {
			p.Set = append(p.Set, Var{fmt.Sprintf("VAR_%d", i), fmt.Sprintf("%s value %d with 'quotes'\n", client, i)})
		}
		return p
	}
	a, g := plan("acme"), plan("globex")
	st0, _ := DecodeState(nil)
	first, _ := Compute(map[string]string{"HOME": "/h"}, st0, a, "1-1")
	env := first.Apply(map[string]string{"HOME": "/h"})
	b.ResetTimer()
	for b.Loop() {
		st, err := DecodeState(env)
		if err != nil {
			b.Fatal(err)
		}
		c, err := Compute(env, st, g, "1-1")
		if err != nil {
			b.Fatal(err)
		}
		_ = Render(Bash, c)
	}
}
