//go:build linux || freebsd || openbsd || netbsd || dragonfly

package secrets

import (
	"strings"

	dbus "github.com/godbus/dbus/v5"
)

// The Secret Service names go-keyring uses; quickGet must find exactly the
// items go-keyring writes.
const (
	ssName           = "org.freedesktop.secrets"
	ssPath           = dbus.ObjectPath("/org/freedesktop/secrets")
	ssService        = "org.freedesktop.Secret.Service"
	ssItem           = "org.freedesktop.Secret.Item"
	ssSession        = "org.freedesktop.Secret.Session"
	loginItemsPrefix = "/org/freedesktop/secrets/collection/login/"
)

// ssSecret is the Secret Service's (oayays) secret struct.
type ssSecret struct {
	Session     dbus.ObjectPath
	Parameters  []byte
	Value       []byte
	ContentType string
}

// quickGet reads one go-keyring item in two pipelined round trips, where
// go-keyring's Get makes seven one after the other (collection list,
// unlock, search, open session, unlock, get, close). It is the read on
// every switch, so those round trips are most of a switch's keyring time.
//
// It only answers the common case — the item is in the unlocked "login"
// collection — and says handled=false for everything else (a locked
// collection that may need a prompt, no such item, a keyring without a
// "login" collection, a reply it does not expect), so that go-keyring
// decides those with its own rules and errors. A D-Bus error on the way
// is returned as it is, as go-keyring would.
func quickGet(service, user string) (value string, handled bool, err error) {
	conn, err := dbus.SessionBus()
	if err != nil {
		return "", false, nil
	}
	svc := conn.Object(ssName, ssPath)
	// Both calls go out before either answer is read: the session is
	// needed only for the last step, the search only says which item.
	opening := svc.Go(ssService+".OpenSession", 0, nil, "plain", dbus.MakeVariant(""))
	searching := svc.Go(ssService+".SearchItems", 0, nil, map[string]string{"username": user, "service": service})
	<-opening.Done
	<-searching.Done

	var ignored dbus.Variant
	var session dbus.ObjectPath
	if opening.Err != nil {
		return "", true, opening.Err
	}
	if err := opening.Store(&ignored, &session); err != nil {
		return "", false, nil
	}
	defer closeSession(conn, session)

	if searching.Err != nil {
		return "", true, searching.Err
	}
	var unlocked, locked []dbus.ObjectPath
	if err := searching.Store(&unlocked, &locked); err != nil {
		return "", false, nil
	}
	item, ok := firstLoginItem(unlocked)
	if !ok {
		return "", false, nil
	}
	var secret ssSecret
	if err := conn.Object(ssName, item).Call(ssItem+".GetSecret", 0, session).Store(&secret); err != nil {
		return "", true, err
	}
	return string(secret.Value), true, nil
}

// firstLoginItem is the first item of the "login" collection, the one
// go-keyring's collection search would return first.
func firstLoginItem(items []dbus.ObjectPath) (dbus.ObjectPath, bool) {
	for _, p := range items {
		if strings.HasPrefix(string(p), loginItemsPrefix) {
			return p, true
		}
	}
	return "", false
}

// closeSession ends the session without waiting for the answer: nothing
// depends on it, and the daemon drops the session with the connection
// anyway. It matters for long-lived processes (the TUI), which share one
// connection for their whole life.
func closeSession(conn *dbus.Conn, session dbus.ObjectPath) {
	conn.Object(ssName, session).Go(ssSession+".Close", dbus.FlagNoReplyExpected, nil)
}
