package workbench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The TUI's list checks every client's kubeconfigs on each status poll
// (every 5 s) through Readiness, which opens and stats them; the peer is
// KubeContexts, which reads and parses them, as `stint doctor` and `kube
// list` do. 50 clients, each with its own kubeconfig of three contexts
// whose clusters carry 4 KiB of certificate data, as real ones do.
func readinessFixture(b *testing.B) (*fixture, []string) {
	w := newFixture(b)
	dir := b.TempDir()
	cert := strings.Repeat("QUJD", 1024)
	var slugs []string
	for i := range 50 {
		slug := fmt.Sprintf("client-%02d", i)
		w.addClient(slug)
		var y strings.Builder
		y.WriteString("apiVersion: v1\nkind: Config\nclusters:\n")
		for c := range 3 {
			fmt.Fprintf(&y, "- name: %s-%d\n  cluster:\n    server: https://%s-%d.invalid\n    certificate-authority-data: %s\n", slug, c, slug, c, cert)
		}
		y.WriteString("users:\n")
		for c := range 3 {
			fmt.Fprintf(&y, "- name: %s-%d\n  user:\n    token: t\n", slug, c)
		}
		y.WriteString("contexts:\n")
		for c := range 3 {
			fmt.Fprintf(&y, "- name: %s-%d\n  context:\n    cluster: %s-%d\n    user: %s-%d\n", slug, c, slug, c, slug, c)
		}
		path := filepath.Join(dir, slug+".yaml")
		require.NoError(b, os.WriteFile(path, []byte(y.String()), 0o600))
		_, err := w.KubeAdd(context.Background(), slug, path, nil, nil)
		require.NoError(b, err)
		slugs = append(slugs, slug)
	}
	return w, slugs
}

func BenchmarkReadinessOfEveryClient(b *testing.B) {
	w, slugs := readinessFixture(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range slugs {
			if _, err := w.Readiness(ctx, s, false); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// What the poll runs: one query, a stat per file.
func BenchmarkKubeReadinessOfEveryClient(b *testing.B) {
	w, _ := readinessFixture(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := w.KubeReadiness(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// The peer: what reading the kubeconfigs would cost on every poll.
func BenchmarkKubeContextsOfEveryClient(b *testing.B) {
	w, slugs := readinessFixture(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range slugs {
			if _, err := w.KubeContexts(ctx, s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
