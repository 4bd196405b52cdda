package kube

import (
	"os"
	"path/filepath"
	"testing"

	"k8s.io/client-go/tools/clientcmd"
)

// BenchmarkSessionForASwitch is the kubeconfig work of one switch to a
// client with contexts: load and merge its two kubeconfig files, extract
// its two contexts and write this shell's session file.
func BenchmarkSessionForASwitch(b *testing.B) {
	f := newFixture(b)
	spec := acmeSpec(f)
	dir := filepath.Join(b.TempDir(), "run")
	b.ReportAllocs()
	for b.Loop() {
		s, err := Build(spec)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := WriteSession(dir, "4242-bench", s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSessionViaClientcmd is the same work done with client-go, as
// stint did before it stopped linking it; for comparison only. (What
// decided it was not this loop but client-go's package initialisation,
// which every stint process paid whether or not it read a kubeconfig.)
func BenchmarkSessionViaClientcmd(b *testing.B) {
	f := newFixture(b)
	spec := acmeSpec(f)
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		merged, err := (&clientcmd.ClientConfigLoadingRules{Precedence: spec.Sources}).Load()
		if err != nil {
			b.Fatal(err)
		}
		out := merged.DeepCopy()
		data, err := clientcmd.Write(*out)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "kube.yaml"), data, 0o600); err != nil {
			b.Fatal(err)
		}
	}
}
