//go:build linux || freebsd || openbsd || netbsd || dragonfly

// Package quickget is the read on every switch: one go-keyring item from
// the Secret Service in three round trips to the bus, where going through
// go-keyring takes about twelve (connecting and authenticating, then the
// collection list, unlock, search, open session, unlock, get and close,
// each waiting for the last).
//
// It makes go-keyring's calls, in go-keyring's order, on a private
// connection, but sends the calls that do not depend on each other
// together: Hello and the collection list; then Unlock of the login
// collection, the search in it and OpenSession; then Unlock of the item,
// GetSecret and the session's Close. Keeping go-keyring's calls, and the
// wait after the first batch, matters: leaner sequences made gnome-keyring
// abort (see Get).
//
// It answers only the common case, an item in the unlocked "login"
// collection, and says handled=false for everything else (a locked
// collection that needs a prompt, a missing item, a keyring without a
// "login" collection, a bus it cannot reach or does not understand, an
// error), so that go-keyring decides those with its own rules and errors.
package quickget

import (
	"errors"
	"slices"
	"sync"
	"time"

	dbus "github.com/godbus/dbus/v5"
)

// The Secret Service names go-keyring uses; Get must find exactly the
// items go-keyring writes.
const (
	ssName          = "org.freedesktop.secrets"
	ssPath          = dbus.ObjectPath("/org/freedesktop/secrets")
	ssService       = "org.freedesktop.Secret.Service"
	ssItem          = "org.freedesktop.Secret.Item"
	ssCollection    = "org.freedesktop.Secret.Collection"
	loginCollection = dbus.ObjectPath("/org/freedesktop/secrets/collection/login")
	ssSession       = "org.freedesktop.Secret.Session"
)

// quickTimeout bounds the whole quick read. It never waits for a person
// (it never prompts), so a keyring slower than this is left to go-keyring.
const quickTimeout = 3 * time.Second

// ssSecret is the Secret Service's (oayays) secret struct.
type ssSecret struct {
	Session     dbus.ObjectPath
	Parameters  []byte
	Value       []byte
	ContentType string
}

// errNotQuick: the quick read cannot answer; go-keyring decides.
var errNotQuick = errors.New("not answered by the quick read")

// Get reads the item go-keyring stores for service and user, or says
// handled=false and leaves the read to go-keyring.
//
// The first call to the Secret Service is the collection list, and its
// answer is waited for before anything else is asked: gnome-keyring (42.1)
// creates its record of a new client in a main-loop callback, and a first
// call that needs it (OpenSession, Unlock) can run before; then the daemon
// aborts, and the one D-Bus starts again has the login collection locked.
// go-keyring's Get happens to begin with this same call.
func Get(service, user string) (value string, handled bool) {
	v, err := readFramed(service, user)
	if err != nil {
		return "", false
	}
	return v, true
}

// answer is one call's answer: its body stored into Go values, or an
// error for an error answer.
type answer interface {
	Store(dest ...any) error
}

// loginItem is the item go-keyring would read, from the first answers: the
// first search result in the "login" collection, which must exist and be
// unlocked without a prompt. go-keyring falls back to the default alias
// when there is no "login" collection; the quick read leaves that to it.
func loginItem(collections, unlock, search answer) (dbus.ObjectPath, bool) {
	var all dbus.Variant
	if collections.Store(&all) != nil {
		return "", false
	}
	paths, _ := all.Value().([]dbus.ObjectPath)
	if !slices.Contains(paths, loginCollection) || !unlockedWithoutPrompt(unlock, loginCollection) {
		return "", false
	}
	var found []dbus.ObjectPath
	if search.Store(&found) != nil || len(found) == 0 {
		return "", false
	}
	return found[0], true
}

// unlockedWithoutPrompt: the Unlock call answered that object is unlocked
// and needs no prompt (unlocking an unlocked object is how go-keyring
// checks, and what the Secret Service expects of a client).
func unlockedWithoutPrompt(unlock answer, object dbus.ObjectPath) bool {
	var unlocked []dbus.ObjectPath
	var prompt dbus.ObjectPath
	if unlock.Store(&unlocked, &prompt) != nil {
		return false
	}
	return (prompt == "/" || prompt == "") && slices.Contains(unlocked, object)
}

// Introduce makes a call that needs no client record on godbus's shared
// connection, once per process, before go-keyring's Set: Set begins with
// OpenSession, which can make gnome-keyring 42.1 abort on a client's first
// call (see Get). go-keyring's Get and Delete begin with this same call
// already.
var Introduce = sync.OnceFunc(func() {
	conn, err := dbus.SessionBus()
	if err != nil {
		return // go-keyring meets the same error and reports it
	}
	_, _ = conn.Object(ssName, ssPath).GetProperty(ssService + ".Collections")
})
