// Command stint is the terminal workbench for engineers who work for several
// clients at once. main wires the real dependencies and runs the command tree.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/stint-sh/stint/cmd/cli"
	"github.com/stint-sh/stint/paths"
	"github.com/stint-sh/stint/workbench"
)

// version is set at build time: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	deps := cli.SystemDeps(version, cli.SystemIO(), keyringFor)
	os.Exit(cli.Run(ctx, deps, os.Args[1:]))
}

// keyringFor returns the OS keyring store (wired once the secrets package lands).
func keyringFor(paths.Layout) workbench.SecretStore { return nil }
