// Package secrets keeps each client's secret variables in the OS keyring
// (macOS Keychain, Windows Credential Manager, the Secret Service on Linux)
// through github.com/zalando/go-keyring, and nowhere else.
//
// Layout. Every client has one keyring item under service "stint" whose user
// name is the client slug. It holds a versioned JSON document,
// {"v":1,"secrets":{"KEY":"value"}}, so loading a client costs one keyring
// round trip. A document larger than MaxItemBytes is split into numbered
// chunk items ("acme#a1", "acme#a2", …) and the client item then holds only a
// pointer: which chunk slot, how many chunks, a random generation repeated at
// the start of every chunk, and the SHA-256 of the joined document.
//
// Two chunk slots, "a" and "b", alternate: a write puts its chunks in the slot
// the current pointer does not use, then replaces the pointer (one atomic item
// write), then deletes the old slot. The chunks a pointer names are therefore
// never touched while that pointer is current, so an interrupted write leaves
// the previous set intact, and a reader that races a writer sees a missing
// chunk, a generation mismatch or a checksum mismatch — never a torn set —
// and reads again.
//
// Writers serialise their read-modify-write with a lock file in a directory
// the caller chooses (the data dir), so two terminals never lose each other's
// changes. Every keyring call has a timeout, and errors are *Error values
// whose Kind is one of the Err* sentinels; they never contain secret values.
package secrets
