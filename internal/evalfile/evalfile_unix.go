//go:build unix

package evalfile

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// noFollow: the path itself must not be a symbolic link.
const noFollow = syscall.O_NOFOLLOW

// ownSingleName: the file is this user's and has no other name.
func ownSingleName(info fs.FileInfo) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	switch {
	case !ok:
		return nil
	case int(st.Uid) != os.Geteuid():
		return errors.New("it belongs to another user")
	case st.Nlink != 1:
		return errors.New("it has other names (hard links)")
	}
	return nil
}

// processAlive asks the kernel whether pid still runs.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
