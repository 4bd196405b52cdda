//go:build linux || freebsd || openbsd || netbsd || dragonfly

package secrets

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSessionBusKnown(t *testing.T) {
	env := func(addr string) func(string) string {
		return func(name string) string {
			if name == "DBUS_SESSION_BUS_ADDRESS" {
				return addr
			}
			return ""
		}
	}
	files := func(paths ...string) func(string) bool {
		return func(p string) bool {
			for _, q := range paths {
				if p == q {
					return true
				}
			}
			return false
		}
	}
	assert.True(t, sessionBusKnown(env("unix:path=/tmp/bus"), files(), 1000))
	assert.False(t, sessionBusKnown(env(""), files(), 1000))
	assert.False(t, sessionBusKnown(env("autolaunch:"), files(), 1000), "autolaunch would start a stray bus")
	assert.True(t, sessionBusKnown(env(""), files("/run/user/1000/bus"), 1000))
	assert.True(t, sessionBusKnown(env(""), files("/run/user/0/dbus-session"), 0))
	assert.False(t, sessionBusKnown(env(""), files("/run/user/1000/bus"), 1001))
}
