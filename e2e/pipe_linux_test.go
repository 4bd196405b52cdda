package e2e

import (
	"os"

	"golang.org/x/sys/unix"
)

// pipeCountsUnread: unreadInPipe works on this OS.
const pipeCountsUnread = true

// unreadInPipe says how many bytes written to a pipe its reader has not
// read yet (FIONREAD, spelled TIOCINQ on Linux, works on either end).
func unreadInPipe(f *os.File) (int, error) {
	return unix.IoctlGetInt(int(f.Fd()), unix.TIOCINQ)
}
