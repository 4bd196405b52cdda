// Command stint is the terminal workbench for engineers who work for several
// clients at once. main wires the real dependencies and runs the command tree.
package main

import (
	"context"
	"os"

	"github.com/stint-sh/stint/internal/cli"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/secrets"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/workbench"
)

// Set at build time: -ldflags "-X main.version=1.2.3 -X main.commit=… -X main.date=…".
var (
	version = "dev"
	commit  = ""
	date    = ""
)

func main() {
	shell.RestoreTmux() // before anything reads or passes on the environment
	// No signal handling here: Ctrl-C kills stint like any other program,
	// so the shell sees 130 and abandons the rest of a command line such as
	// `stint switch acme; terraform apply`. SQLite's journal and the
	// keyring's write order make a kill at any point safe; `stint exec`
	// forwards signals to its child itself.
	ctx := context.Background()
	v := version
	if commit != "" {
		v += " (" + commit + ", " + date + ")"
	}
	deps := cli.SystemDeps(v, cli.SystemIO(), keyringFor)
	os.Exit(cli.Run(ctx, deps, os.Args[1:]))
}

// keyringFor is the OS keyring, serialised by a lock file in the data dir.
// A STINT_HOME (a demo, a test, a second identity) gets its own namespace of
// keyring items, so it never touches the secrets of the default data set.
func keyringFor(l paths.Layout) workbench.SecretStore {
	var opts []secrets.Option
	if os.Getenv("STINT_HOME") != "" {
		opts = append(opts, secrets.WithNamespace(secrets.NamespaceFor(l.Data)))
	}
	return secrets.New(secrets.SystemBackend(), l.Data, opts...)
}
