//go:build linux || freebsd || openbsd || netbsd || dragonfly

package secrets

import (
	"net"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestUnixSocketOfBusAddresses(t *testing.T) {
	cases := map[string]string{
		"unix:path=/run/user/1000/bus":                     "/run/user/1000/bus",
		"unix:path=/tmp/with%20space,guid=0123":            "/tmp/with space",
		"unix:abstract=/tmp/dbus-XYZ,guid=0123":            "@/tmp/dbus-XYZ",
		"unix:guid=0123,path=/run/bus":                     "/run/bus",
		"tcp:host=localhost,port=1234":                     "",
		"unix:tmpdir=/tmp":                                 "",
		"autolaunch:":                                      "",
		"unixexec:path=/usr/bin/ssh,argv1=host,argv2=dbus": "",
	}
	for addr, want := range cases {
		got, ok := unixSocketOf(addr)
		require.Equal(t, want != "", ok, addr)
		require.Equal(t, want, got, addr)
	}
}

// A bus that is not there, or that is not a bus, leaves the read to
// go-keyring rather than failing it.
func TestQuickGetLeavesWhatItCannotReachToGoKeyring(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "no-bus"))
	_, handled, err := quickGet(Service, "acme")
	require.NoError(t, err)
	require.False(t, handled)

	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "tcp:host=127.0.0.1,port=1")
	_, handled, err = quickGet(Service, "acme")
	require.NoError(t, err)
	require.False(t, handled)
}

func TestQuickGetLeavesARejectingBusToGoKeyring(t *testing.T) {
	socket := filepath.Join(t.TempDir(), "bus")
	l, err := net.Listen("unix", socket)
	require.NoError(t, err)
	defer l.Close()
	go func() {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		_, _ = conn.Read(make([]byte, 4096))
		_, _ = conn.Write([]byte("REJECTED EXTERNAL\r\n"))
	}()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+socket)
	_, handled, err := quickGet(Service, "acme")
	require.NoError(t, err)
	require.False(t, handled)
}
