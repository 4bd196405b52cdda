//go:build linux || freebsd || openbsd || netbsd || dragonfly

package quickget

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
	"strconv"
	"strings"
	"time"

	dbus "github.com/godbus/dbus/v5"
)

// readFramed is the quick read framed by hand on its own socket: godbus
// encodes and decodes the messages, and each batch goes out in one write,
// the first with the authentication, BEGIN and Hello in front, as sd-bus
// pipelines its handshake. godbus's own pipelining (Object.Go on a private
// connection) was measured against it and takes 0.8 to 1.4 ms more a read:
// its authentication waits for three answers before the first call goes
// out, where this read sends all of it with the first batch (see
// docs/performance.md).
func readFramed(service, user string) (string, error) {
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
	item, ok := loginItem(first.answer(collections), first.answer(unlockCollection), first.answer(searchItems))

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
	if !unlockedWithoutPrompt(third.answer(unlockItem), item) {
		return "", errNotQuick
	}
	var secret ssSecret
	if err := third.store(getSecret, &secret); err != nil {
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

// answer is the answer to serial, for loginItem and unlockedWithoutPrompt.
func (r replies) answer(serial uint32) answer { return reply{r, serial} }

type reply struct {
	r      replies
	serial uint32
}

func (a reply) Store(dest ...any) error { return a.r.store(a.serial, dest...) }

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
