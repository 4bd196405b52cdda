package secrets

import (
	"runtime"
	"strings"

	dbus "github.com/godbus/dbus/v5"
)

// WarmSessionBus connects to the D-Bus session bus in the background, so a
// later keyring read (go-keyring shares godbus's one session connection)
// does not pay for connecting and authenticating on a hot path such as
// `stint env`. It touches no keyring and prompts for nothing. It does
// nothing where no bus is named explicitly: godbus would otherwise start a
// bus of its own (dbus-launch), and on platforms without a Secret Service.
func WarmSessionBus(getenv func(string) string) {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
	default:
		return
	}
	if addr := getenv("DBUS_SESSION_BUS_ADDRESS"); addr == "" || strings.HasPrefix(addr, "autolaunch:") {
		return
	}
	go func() { _, _ = dbus.SessionBus() }()
}
