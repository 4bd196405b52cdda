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
	"github.com/stint-sh/stint/secrets"
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

// keyringFor is the OS keyring, serialised by a lock file in the data dir.
func keyringFor(l paths.Layout) workbench.SecretStore {
	return secrets.New(secrets.SystemBackend(), l.Data)
}
