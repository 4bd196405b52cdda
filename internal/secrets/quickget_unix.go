//go:build linux || freebsd || openbsd || netbsd || dragonfly

package secrets

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"maps"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	dbus "github.com/godbus/dbus/v5"
)

// The Secret Service names go-keyring uses; quickGet must find exactly the
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

// quickGet reads one go-keyring item in three round trips to the bus,
// where going through go-keyring takes about twelve: connecting and
// authenticating (five, one line at a time), then collection list,
// unlock, search, open session, unlock, get and close, each waiting for
// the last. It is the read on every switch, and those round trips were
// most of a switch's time.
//
// It makes go-keyring's calls, in go-keyring's order, on a private
// connection, but sends the calls that do not depend on each other in one
// write, as sd-bus pipelines its handshake: the authentication, BEGIN,
// Hello and the collection list; then Unlock of the login collection, the
// search in it and OpenSession; then Unlock of the item, GetSecret and the
// session's Close. Keeping go-keyring's calls, and that first wait,
// matters: leaner sequences made gnome-keyring abort (see quickRead).
//
// It answers only the common case, an item in the unlocked "login"
// collection, and says handled=false for everything else (a locked
// collection that needs a prompt, a missing item, a keyring without a
// "login" collection, a bus it cannot reach or does not understand, an
// error), so that go-keyring decides those with its own rules and errors.
func quickGet(service, user string) (value string, handled bool, err error) {
	v, err := quickRead(service, user)
	if err != nil {
		return "", false, nil
	}
	return v, true, nil
}

func quickRead(service, user string) (string, error) {
	conn, err := dialSessionBus()
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(quickTimeout)); err != nil {
		return "", err
	}

	const (
		hello = iota + 1
		collections
		unlockCollection
		searchItems
		openSession
		unlockItem
		getSecret
		closeSession
	)
	var out bytes.Buffer
	out.WriteString("\x00AUTH EXTERNAL " + hex.EncodeToString([]byte(strconv.Itoa(os.Geteuid()))) + "\r\nBEGIN\r\n")
	// The first batch ends with a call that needs no client record, and its
	// answer is waited for. gnome-keyring (42.1) creates its record of a
	// new client in a main-loop callback; a first call that needs it
	// (OpenSession, Unlock) can run before, and then the daemon aborts —
	// and the one D-Bus starts again has the login collection locked.
	// go-keyring's Get happens to begin with this same call.
	err = errors.Join(
		busCall(&out, hello, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello"),
		busCall(&out, collections, ssName, ssPath, "org.freedesktop.DBus.Properties", "Get", ssService, "Collections"),
	)
	if err != nil {
		return "", err
	}
	if _, err := conn.Write(out.Bytes()); err != nil {
		return "", err
	}
	in := bufio.NewReader(conn)
	line, err := in.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "OK ") {
		return "", errNotQuick
	}
	first, err := readReplies(in, collections)
	if err != nil {
		return "", err
	}

	out.Reset()
	err = errors.Join(
		busCall(&out, unlockCollection, ssName, ssPath, ssService, "Unlock", []dbus.ObjectPath{loginCollection}),
		busCall(&out, searchItems, ssName, loginCollection, ssCollection, "SearchItems", map[string]string{"username": user, "service": service}),
		busCall(&out, openSession, ssName, ssPath, ssService, "OpenSession", "plain", dbus.MakeVariant("")),
	)
	if err != nil {
		return "", err
	}
	if _, err := conn.Write(out.Bytes()); err != nil {
		return "", err
	}
	second, err := readReplies(in, unlockCollection, searchItems, openSession)
	if err != nil {
		return "", err
	}
	maps.Copy(first, second)
	var ignored dbus.Variant
	var session dbus.ObjectPath
	if err := first.store(openSession, &ignored, &session); err != nil {
		return "", err
	}
	item, ok := loginItem(first, collections, unlockCollection, searchItems)

	// The session is closed, and the answer waited for, on every way out.
	out.Reset()
	if ok {
		err = errors.Join(
			busCall(&out, unlockItem, ssName, ssPath, ssService, "Unlock", []dbus.ObjectPath{item}),
			busCall(&out, getSecret, ssName, item, ssItem, "GetSecret", session),
		)
		if err != nil {
			return "", err
		}
	}
	if err := busCall(&out, closeSession, ssName, session, ssSession, "Close"); err != nil {
		return "", err
	}
	if _, err := conn.Write(out.Bytes()); err != nil {
		return "", err
	}
	if !ok {
		_, _ = readReplies(in, closeSession)
		return "", errNotQuick
	}
	third, err := readReplies(in, unlockItem, getSecret, closeSession)
	if err != nil {
		return "", err
	}
	if !unlockedWithoutPrompt(third, unlockItem, item) {
		return "", errNotQuick
	}
	var secret ssSecret
	if err := third.store(getSecret, &secret); err != nil {
		return "", err
	}
	return string(secret.Value), nil
}

// loginItem is the item go-keyring would read, from the first answers: the
// first search result in the "login" collection, which must exist and be
// unlocked without a prompt. go-keyring falls back to the default alias
// when there is no "login" collection; the quick read leaves that to it.
func loginItem(r replies, collections, unlock, search uint32) (dbus.ObjectPath, bool) {
	var all dbus.Variant
	if r.store(collections, &all) != nil {
		return "", false
	}
	paths, _ := all.Value().([]dbus.ObjectPath)
	if !slices.Contains(paths, loginCollection) || !unlockedWithoutPrompt(r, unlock, loginCollection) {
		return "", false
	}
	var found []dbus.ObjectPath
	if r.store(search, &found) != nil || len(found) == 0 {
		return "", false
	}
	return found[0], true
}

// unlockedWithoutPrompt: the Unlock call answered that object is unlocked
// and needs no prompt (unlocking an unlocked object is how go-keyring
// checks, and what the Secret Service expects of a client).
func unlockedWithoutPrompt(r replies, serial uint32, object dbus.ObjectPath) bool {
	var unlocked []dbus.ObjectPath
	var prompt dbus.ObjectPath
	if r.store(serial, &unlocked, &prompt) != nil {
		return false
	}
	return (prompt == "/" || prompt == "") && slices.Contains(unlocked, object)
}

// busCall appends a method call message to out. godbus encodes it but
// leaves the serial to its own connection, so it is set here in the fixed
// header (bytes 8–11, in the message's byte order), as the D-Bus
// specification lays it out.
func busCall(out *bytes.Buffer, serial uint32, dest string, path dbus.ObjectPath, iface, member string, args ...any) error {
	msg := &dbus.Message{
		Type: dbus.TypeMethodCall,
		Headers: map[dbus.HeaderField]dbus.Variant{
			dbus.FieldDestination: dbus.MakeVariant(dest),
			dbus.FieldPath:        dbus.MakeVariant(path),
			dbus.FieldInterface:   dbus.MakeVariant(iface),
			dbus.FieldMember:      dbus.MakeVariant(member),
		},
		Body: args,
	}
	if len(args) > 0 {
		msg.Headers[dbus.FieldSignature] = dbus.MakeVariant(dbus.SignatureOf(args...))
	}
	start := out.Len()
	if err := msg.EncodeTo(out, binary.LittleEndian); err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(out.Bytes()[start+8:start+12], serial)
	return nil
}

// replies are the answers to some calls, by serial: a body, or nil for an
// error answer.
type replies map[uint32][]any

// store stores the answer to serial in dest; an error answer is
// errNotQuick: go-keyring will meet the same error and report it.
func (r replies) store(serial uint32, dest ...any) error {
	body, ok := r[serial]
	if !ok || body == nil {
		return errNotQuick
	}
	return dbus.Store(body, dest...)
}

// readReplies reads messages until every serial has its answer, skipping
// the rest (the bus's Hello reply and NameAcquired signal).
func readReplies(in *bufio.Reader, serials ...uint32) (replies, error) {
	want := map[uint32]bool{}
	for _, s := range serials {
		want[s] = true
	}
	got := replies{}
	for len(got) < len(want) {
		msg, err := dbus.DecodeMessage(in)
		if err != nil {
			return nil, err
		}
		if msg.Type != dbus.TypeMethodReply && msg.Type != dbus.TypeError {
			continue
		}
		v, ok := msg.Headers[dbus.FieldReplySerial]
		if !ok {
			continue
		}
		serial, _ := v.Value().(uint32)
		if !want[serial] {
			continue
		}
		got[serial] = nil
		if msg.Type == dbus.TypeMethodReply {
			got[serial] = msg.Body
			if got[serial] == nil {
				got[serial] = []any{}
			}
		}
	}
	return got, nil
}

// dialSessionBus connects to the session bus the way godbus finds it
// (DBUS_SESSION_BUS_ADDRESS, else /run/user/UID/bus), for the unix
// transports; anything else is left to go-keyring.
func dialSessionBus() (net.Conn, error) {
	addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	if addr == "" {
		addr = "unix:path=" + filepath.Join("/run/user", strconv.Itoa(os.Getuid()), "bus")
	}
	for _, one := range strings.Split(addr, ";") {
		if socket, ok := unixSocketOf(one); ok {
			if conn, err := net.DialTimeout("unix", socket, quickTimeout); err == nil {
				return conn, nil
			}
		}
	}
	return nil, errNotQuick
}

// unixSocketOf is the socket of a unix:path= or unix:abstract= address
// ("@name" for an abstract one, as package net spells it).
func unixSocketOf(address string) (string, bool) {
	rest, ok := strings.CutPrefix(address, "unix:")
	if !ok {
		return "", false
	}
	for _, kv := range strings.Split(rest, ",") {
		key, value, _ := strings.Cut(kv, "=")
		value, err := url.PathUnescape(value)
		if err != nil || value == "" {
			continue
		}
		switch key {
		case "path":
			return value, true
		case "abstract":
			return "@" + value, true
		}
	}
	return "", false
}

// introduceToSecretService makes a call that needs no client record on
// godbus's shared connection, once per process, before go-keyring's Set:
// Set begins with OpenSession, which can make gnome-keyring 42.1 abort on
// a client's first call (see quickRead). go-keyring's Get and Delete begin
// with this same call already.
var introduceToSecretService = sync.OnceFunc(func() {
	conn, err := dbus.SessionBus()
	if err != nil {
		return // go-keyring meets the same error and reports it
	}
	_, _ = conn.Object(ssName, ssPath).GetProperty(ssService + ".Collections")
})
