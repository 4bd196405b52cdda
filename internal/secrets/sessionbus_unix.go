//go:build linux || freebsd || openbsd || netbsd || dragonfly

package secrets

import (
	"os"
	"path/filepath"
	"strconv"
)

// checkSessionBus refuses to go on when no session bus is configured.
// Without this, godbus would run dbus-launch, leaving a stray bus daemon
// (and an activated keyring daemon with no unlocked collection) behind.
func checkSessionBus() error {
	if sessionBusKnown(os.Getenv, fileExists, os.Getuid()) {
		return nil
	}
	return errNoSessionBus
}

// sessionBusKnown mirrors how godbus finds the session bus without
// autolaunching one: the environment variable, or the per-user socket or
// address file under /run/user/<uid>.
func sessionBusKnown(getenv func(string) string, exists func(string) bool, uid int) bool {
	if addr := getenv("DBUS_SESSION_BUS_ADDRESS"); addr != "" && addr != "autolaunch:" {
		return true
	}
	runDir := filepath.Join("/run/user", strconv.Itoa(uid))
	return exists(filepath.Join(runDir, "bus")) || exists(filepath.Join(runDir, "dbus-session"))
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
