//go:build linux || freebsd || openbsd || netbsd || dragonfly

package secrets

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	dbus "github.com/godbus/dbus/v5"
)

// The Secret Service names go-keyring uses; quickGet must find exactly the
// items go-keyring writes.
const (
	ssName           = "org.freedesktop.secrets"
	ssPath           = dbus.ObjectPath("/org/freedesktop/secrets")
	ssService        = "org.freedesktop.Secret.Service"
	ssItem           = "org.freedesktop.Secret.Item"
	loginItemsPrefix = "/org/freedesktop/secrets/collection/login/"
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

// quickGet reads one go-keyring item in two round trips to the bus, where
// going through go-keyring takes about twelve: connecting and
// authenticating (five, one line at a time), then collection list,
// unlock, search, open session, unlock, get and close. It is the read on
// every switch, and those round trips were most of a switch's time.
//
// It opens a private connection and sends everything that does not depend
// on an answer at once — the authentication, BEGIN, Hello, OpenSession and
// SearchItems — as sd-bus does, then GetSecret once the session and the
// item are known. The connection is closed at the end, which also ends
// the session.
//
// It answers only the common case, an item in the unlocked "login"
// collection, and says handled=false for everything else (a locked
// collection that may need a prompt, a missing item, a keyring without a
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
		openSession
		searchItems
		getSecret
	)
	var out bytes.Buffer
	out.WriteString("\x00AUTH EXTERNAL " + hex.EncodeToString([]byte(strconv.Itoa(os.Geteuid()))) + "\r\nBEGIN\r\n")
	err = errors.Join(
		busCall(&out, hello, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello"),
		busCall(&out, openSession, ssName, ssPath, ssService, "OpenSession", "plain", dbus.MakeVariant("")),
		busCall(&out, searchItems, ssName, ssPath, ssService, "SearchItems", map[string]string{"username": user, "service": service}),
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
	replies, err := readReplies(in, openSession, searchItems)
	if err != nil {
		return "", err
	}
	var ignored dbus.Variant
	var session dbus.ObjectPath
	if err := dbus.Store(replies[openSession], &ignored, &session); err != nil {
		return "", err
	}
	var unlocked, locked []dbus.ObjectPath
	if err := dbus.Store(replies[searchItems], &unlocked, &locked); err != nil {
		return "", err
	}
	item, ok := firstLoginItem(unlocked)
	if !ok {
		return "", errNotQuick
	}

	out.Reset()
	if err := busCall(&out, getSecret, ssName, item, ssItem, "GetSecret", session); err != nil {
		return "", err
	}
	if _, err := conn.Write(out.Bytes()); err != nil {
		return "", err
	}
	replies, err = readReplies(in, getSecret)
	if err != nil {
		return "", err
	}
	var secret ssSecret
	if err := dbus.Store(replies[getSecret], &secret); err != nil {
		return "", err
	}
	return string(secret.Value), nil
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

// readReplies reads messages until every serial has its reply, skipping
// the rest (the bus's Hello reply and NameAcquired signal). An error reply
// is errNotQuick: go-keyring will meet the same error and report it.
func readReplies(in *bufio.Reader, serials ...uint32) (map[uint32][]any, error) {
	want := map[uint32]bool{}
	for _, s := range serials {
		want[s] = true
	}
	got := map[uint32][]any{}
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
		if msg.Type == dbus.TypeError {
			return nil, errNotQuick
		}
		got[serial] = msg.Body
	}
	return got, nil
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
