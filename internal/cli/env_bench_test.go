package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/secrets"
	"github.com/stint-sh/stint/internal/workbench"
)

// BenchmarkEnvCommand is the in-process part of `stint env NAME --shell
// bash` (bench/env times the whole process): each iteration opens the
// database file, reads the profile and the keyring, writes the session
// kubeconfig and the access log, and closes, as one process would. The
// client has 15 plain variables and 5 secrets. The keyring is the real
// Secret Service when one is reachable (scripts/with-keyring), in its own
// namespace; otherwise stint's in-memory keyring.
func BenchmarkEnvCommand(b *testing.B) {
	home := b.TempDir()
	getenv := func(k string) string {
		switch k {
		case "STINT_HOME":
			return home
		case "HOME":
			return home
		}
		return os.Getenv(k)
	}
	l, err := paths.Resolve(getenv)
	if err != nil {
		b.Fatal(err)
	}
	keyring := secrets.Backend(secrets.NewMemoryBackend())
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" && secrets.New(secrets.SystemBackend(), home).Probe() == nil {
		keyring = secrets.SystemBackend()
	}
	store := secrets.New(keyring, l.Data, secrets.WithNamespace(secrets.NamespaceFor(l.Data)))
	b.Cleanup(func() { _ = store.DeleteAll("bench") })
	secretsFor := func(paths.Layout) workbench.SecretStore { return store }

	run := func(stdin string, args ...string) string {
		var out, errOut bytes.Buffer
		io := NewIOStreams(strings.NewReader(stdin), &out, &errOut)
		d := SystemDeps("bench", io, secretsFor)
		d.Getenv = getenv
		d.Environ = func() []string { return []string{"HOME=" + home, "STINT_HOME=" + home} }
		if code := Run(context.Background(), d, args); code != 0 {
			b.Fatalf("stint %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
		}
		return out.String()
	}
	run("", "client", "add", "bench", "--name", "Bench Corp")
	vars := []string{"set", "bench"}
	for i := 1; i <= 15; i++ {
		vars = append(vars, fmt.Sprintf("BENCH_VAR_%02d=value-%d-with some spaces and $dollars", i, i))
	}
	run("", vars...)
	for i := 1; i <= 5; i++ {
		run(fmt.Sprintf("secret-%d-0123456789abcdef", i), "secret", "set", "bench", fmt.Sprintf("BENCH_SECRET_%d", i))
	}
	if got := strings.Count(run("", "env", "bench", "--shell", "bash"), "export BENCH_"); got != 20 {
		b.Fatalf("env printed %d of the 20 variables", got)
	}

	b.ResetTimer()
	for b.Loop() {
		run("", "env", "bench", "--shell", "bash")
	}
}
