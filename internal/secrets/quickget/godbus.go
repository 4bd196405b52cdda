//go:build linux || freebsd || openbsd || netbsd || dragonfly

package quickget

import (
	"context"
	"net"
	"os"
	"strconv"

	dbus "github.com/godbus/dbus/v5"
)

// readGodbus is the quick read through godbus on a private connection:
// the same calls in the same batches, each batch sent with Object.Go and
// its answers waited for together.
func readGodbus(service, user string) (string, error) { return readGodbusWith(service, user, false) }

// readGodbusNoFD is readGodbus over a plain socket, which leaves out
// godbus's NEGOTIATE_UNIX_FD round trip.
func readGodbusNoFD(service, user string) (string, error) { return readGodbusWith(service, user, true) }

func readGodbusWith(service, user string, plain bool) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), quickTimeout)
	defer cancel()
	var conn *dbus.Conn
	var err error
	if plain {
		var sock net.Conn
		if sock, err = dialSessionBus(); err == nil {
			conn, err = dbus.NewConn(sock, dbus.WithContext(ctx))
		}
	} else {
		conn, err = dbus.SessionBusPrivateNoAutoStartup(dbus.WithContext(ctx))
	}
	if err != nil {
		return "", errNotQuick
	}
	defer conn.Close()
	if err := conn.Auth([]dbus.Auth{dbus.AuthExternal(strconv.Itoa(os.Geteuid()))}); err != nil {
		return "", errNotQuick
	}
	svc := conn.Object(ssName, ssPath)
	call := func(obj dbus.BusObject, method string, args ...any) *dbus.Call {
		return obj.GoWithContext(ctx, method, 0, nil, args...)
	}

	// Hello and the collection list; the answer is waited for before any
	// call that needs gnome-keyring's record of this client (see Get).
	hello := call(conn.BusObject(), "org.freedesktop.DBus.Hello")
	collections := call(svc, "org.freedesktop.DBus.Properties.Get", ssService, "Collections")
	if err := wait(hello, collections); err != nil {
		return "", err
	}
	unlockCollection := call(svc, ssService+".Unlock", []dbus.ObjectPath{loginCollection})
	searchItems := call(conn.Object(ssName, loginCollection), ssCollection+".SearchItems", map[string]string{"username": user, "service": service})
	openSession := call(svc, ssService+".OpenSession", "plain", dbus.MakeVariant(""))
	if err := wait(unlockCollection, searchItems, openSession); err != nil {
		return "", err
	}
	var ignored dbus.Variant
	var session dbus.ObjectPath
	if err := openSession.Store(&ignored, &session); err != nil {
		return "", errNotQuick
	}
	item, ok := loginItem(collections, unlockCollection, searchItems)

	// The session is closed, and the answer waited for, on every way out.
	var unlockItem, getSecret *dbus.Call
	if ok {
		unlockItem = call(svc, ssService+".Unlock", []dbus.ObjectPath{item})
		getSecret = call(conn.Object(ssName, item), ssItem+".GetSecret", session)
	}
	closeSession := call(conn.Object(ssName, session), ssSession+".Close")
	if !ok {
		_ = wait(closeSession)
		return "", errNotQuick
	}
	if err := wait(unlockItem, getSecret, closeSession); err != nil {
		return "", err
	}
	if !unlockedWithoutPrompt(unlockItem, item) {
		return "", errNotQuick
	}
	var secret ssSecret
	if err := getSecret.Store(&secret); err != nil {
		return "", errNotQuick
	}
	return string(secret.Value), nil
}

// wait waits for every call's answer; an error answer is errNotQuick:
// go-keyring will meet the same error and report it.
func wait(calls ...*dbus.Call) error {
	var failed bool
	for _, c := range calls {
		<-c.Done
		failed = failed || c.Err != nil
	}
	if failed {
		return errNotQuick
	}
	return nil
}
