//go:build linux || freebsd || openbsd || netbsd || dragonfly

package quickget

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	dbus "github.com/godbus/dbus/v5"
	"github.com/stretchr/testify/require"
	"github.com/zalando/go-keyring"

	"github.com/stint-sh/stint/internal/testenv"
)

// service is the keyring service of the items these tests write.
const service = "stint"

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
func TestWhatItCannotReachIsLeftToGoKeyring(t *testing.T) {
	rejecting := filepath.Join(t.TempDir(), "bus")
	l, err := net.Listen("unix", rejecting)
	require.NoError(t, err)
	defer l.Close()
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			_, _ = conn.Read(make([]byte, 4096))
			_, _ = conn.Write([]byte("REJECTED EXTERNAL\r\n"))
			_ = conn.Close()
		}
	}()
	for _, addr := range []string{
		"unix:path=" + filepath.Join(t.TempDir(), "no-bus"),
		"tcp:host=127.0.0.1,port=1",
		"unix:path=" + rejecting,
	} {
		t.Run(addr, func(t *testing.T) {
			t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
			_, handled := Get(service, "acme")
			require.False(t, handled)
		})
	}
}

// needSecretService skips without a usable Secret Service on the session
// bus, or fails where one was promised (scripts/with-keyring, scripts/test).
func needSecretService(t testing.TB) {
	t.Helper()
	testenv.Keyring(t, func() error {
		if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
			return fmt.Errorf("DBUS_SESSION_BUS_ADDRESS is not set")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		conn, err := dbus.SessionBusPrivateNoAutoStartup(dbus.WithContext(ctx))
		if err != nil {
			return err
		}
		defer conn.Close()
		if err := conn.Auth([]dbus.Auth{dbus.AuthExternal(strconv.Itoa(os.Geteuid()))}); err != nil {
			return err
		}
		if err := conn.Hello(); err != nil {
			return err
		}
		return conn.Object(ssName, ssPath).CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, ssService, "Collections").Err
	}, "scripts/with-keyring go test ./internal/secrets/quickget/")
}

// testUser is an item name no other test or run uses; its item goes when
// the test ends.
func testUser(t testing.TB) string {
	t.Helper()
	user := fmt.Sprintf("stint-test-%d-%d-%s", os.Getpid(), time.Now().UnixNano()%1e6, strings.ToLower(strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())))
	t.Cleanup(func() { _ = keyring.Delete(service, user) })
	return user
}

// The quick read finds exactly the items go-keyring writes and returns the
// same bytes; what it cannot answer alone it leaves to go-keyring.
func TestReadAgreesWithGoKeyring(t *testing.T) {
	needSecretService(t)
	user := testUser(t)
	value := "line1\nline2\n\xff\x00\xfe " + strings.Repeat("Q", 300)
	require.NoError(t, keyring.Set(service, user, value))

	got, handled := Get(service, user)
	require.True(t, handled, "an item in the unlocked login collection is read directly")
	require.Equal(t, value, got)
	viaGoKeyring, err := keyring.Get(service, user)
	require.NoError(t, err)
	require.Equal(t, viaGoKeyring, got)

	got, handled = Get(service, user+"-missing")
	require.False(t, handled, "a missing item is go-keyring's to report")
	require.Empty(t, got)
	_, err = keyring.Get(service, user+"-missing")
	require.ErrorIs(t, err, keyring.ErrNotFound)
}

// Every switch is one short-lived Secret Service client. Leaner call
// sequences than the quick read's (OpenSession or Unlock as a client's
// first call) made gnome-keyring 42.1 abort after 70 to 3000 such clients
// — an afternoon of switching — and the daemon D-Bus started again had the
// login collection locked. This holds the quick read to a sequence that
// does not: the same daemon answers throughout, unlocked.
func TestManyReadsLeaveTheKeyringUnlocked(t *testing.T) {
	needSecretService(t)
	daemon := func() uint32 {
		conn, err := dbus.SessionBus()
		require.NoError(t, err)
		var pid uint32
		require.NoError(t, conn.BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, ssName).Store(&pid))
		return pid
	}
	before := daemon()
	user := testUser(t)
	require.NoError(t, keyring.Set(service, user, "value"))
	for i := range 2000 {
		_, handled := Get(service, user)
		require.True(t, handled, "read %d was not answered: the login collection is locked", i)
	}
	// Something missing takes the other way out (close without reading).
	for range 200 {
		_, handled := Get(service, user+"-missing")
		require.False(t, handled)
	}
	require.Equal(t, before, daemon(), "the Secret Service daemon did not restart")
	got, err := keyring.Get(service, user)
	require.NoError(t, err, "go-keyring after the quick reads")
	require.Equal(t, "value", got)
}

// The read every switch makes, against the real Secret Service
// (scripts/with-keyring): the quick read next to go-keyring's. Each quick
// read opens its own connection, so it includes connecting and
// authenticating; go-keyring's reuses godbus's shared connection.
func benchKeyringRead(b *testing.B, read func(user string) (string, error)) {
	needSecretService(b)
	user := testUser(b)
	if err := keyring.Set(service, user, strings.Repeat("BENCH", 80)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := read(user); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKeyringReadQuick(b *testing.B) {
	benchKeyringRead(b, func(user string) (string, error) { return readFramed(service, user) })
}

func BenchmarkKeyringReadGoKeyring(b *testing.B) {
	benchKeyringRead(b, func(user string) (string, error) { return keyring.Get(service, user) })
}

// BenchmarkKeyringReadInterleaved makes the quick read and go-keyring's
// one after the other in each iteration, in turns, and reports each one's
// median and the median of the per-iteration differences: on a busy
// machine the load drifts between separate benchmark runs, while two reads
// made a millisecond apart meet the same load. (It compared godbus's own
// pipelining the same way: see docs/performance.md.)
func BenchmarkKeyringReadInterleaved(b *testing.B) {
	needSecretService(b)
	user := testUser(b)
	if err := keyring.Set(service, user, strings.Repeat("BENCH", 80)); err != nil {
		b.Fatal(err)
	}
	names := []string{"quick", "gokeyring"}
	impls := []func() (string, error){
		func() (string, error) { return readFramed(service, user) },
		func() (string, error) { return keyring.Get(service, user) },
	}
	took := make([][]float64, len(impls))
	round := 0
	for b.Loop() {
		for k := range impls {
			i := (round + k) % len(impls)
			start := time.Now()
			if _, err := impls[i](); err != nil {
				b.Fatal(err)
			}
			took[i] = append(took[i], float64(time.Since(start).Microseconds()))
		}
		round++
	}
	for i, name := range names {
		b.ReportMetric(median(took[i]), name+"-µs")
	}
	diff := make([]float64, len(took[0]))
	for j := range diff {
		diff[j] = took[1][j] - took[0][j]
	}
	b.ReportMetric(median(diff), "gokeyring-minus-quick-µs")
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
