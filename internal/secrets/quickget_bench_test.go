//go:build linux || freebsd || openbsd || netbsd || dragonfly

package secrets

import (
	"testing"

	"github.com/zalando/go-keyring"
)

// The read every switch makes, against the real Secret Service
// (scripts/with-keyring): stint's two-round-trip read next to go-keyring's.
// Each quick read opens its own connection, so it includes connecting and
// authenticating; go-keyring's reuses godbus's shared connection.
func benchKeyringRead(b *testing.B, read func(user string) (string, error)) {
	const user = "stint-bench-read"
	if err := keyring.Set(Service, user, valueOf("BENCH", 400)); err != nil {
		b.Skipf("no usable Secret Service: %v", err)
	}
	b.Cleanup(func() { _ = keyring.Delete(Service, user) })
	for b.Loop() {
		if _, err := read(user); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKeyringReadQuick(b *testing.B) {
	benchKeyringRead(b, func(user string) (string, error) {
		v, handled, err := quickGet(Service, user)
		if !handled {
			b.Fatal("not answered by the quick read")
		}
		return v, err
	})
}

func BenchmarkKeyringReadGoKeyring(b *testing.B) {
	benchKeyringRead(b, func(user string) (string, error) { return keyring.Get(Service, user) })
}
