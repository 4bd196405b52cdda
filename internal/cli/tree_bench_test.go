package cli

import "testing"

// BenchmarkBuildTree is what every run of stint pays before its command
// runs: the tree for `stint env NAME` (one command, as commandTable and
// newRoot build it) and the whole tree (help, completion, a misspelt
// command).
func BenchmarkBuildTree(b *testing.B) {
	d := &Deps{IO: &IOStreams{}}
	b.Run("env", func(b *testing.B) {
		for b.Loop() {
			newRoot(d, []string{"env", "acme"})
		}
	})
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			newRoot(d, nil)
		}
	})
}
