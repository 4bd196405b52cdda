// Command gendocs writes the release extras that the archives and packages
// carry: shell completions and man pages, both generated from stint's own
// command tree so they can never drift from it. `scripts/gen-docs DIR` runs
// it; goreleaser runs that script before it builds (see .goreleaser.yaml).
//
// Layout of DIR:
//
//	completions/stint.bash  completions/stint.zsh  completions/stint.fish
//	man/stint.1  man/stint-<command>.1 …
package main

import (
	"fmt"
	"os"

	"github.com/stint-sh/stint/internal/gendocs/extras"
)

func main() {
	dir := "build/extra"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := extras.Write(dir); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs: "+err.Error())
		os.Exit(1)
	}
}
