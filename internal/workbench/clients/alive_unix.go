//go:build unix

package clients

import (
	"errors"
	"syscall"
)

// processAlive asks the kernel whether pid runs (EPERM: it does, as
// another user).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
