package cli

import (
	"syscall"

	"golang.org/x/sys/windows"
)

// detachedProcess starts a background child without a console and outside
// the console's process group, so nothing it runs can prompt the user and
// Ctrl-C in the shell does not reach it.
func detachedProcess() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{CreationFlags: windows.DETACHED_PROCESS | windows.CREATE_NEW_PROCESS_GROUP}
}
