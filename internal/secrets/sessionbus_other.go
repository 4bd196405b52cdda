//go:build !(linux || freebsd || openbsd || netbsd || dragonfly)

package secrets

// checkSessionBus: macOS and Windows keyrings need no D-Bus.
func checkSessionBus() error { return nil }
