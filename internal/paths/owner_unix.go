//go:build unix

package paths

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// ownedByMe reports whether this process's user owns the file info describes.
func ownedByMe(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}

// readOnlyFS: access(2) answers EROFS for a read-only mount, for root too.
func readOnlyFS(dir string) bool {
	return errors.Is(syscall.Access(dir, 2), syscall.EROFS)
}
