//go:build !windows

package cli

import "syscall"

// detachedProcess starts a background child in a session of its own:
// without a controlling terminal, nothing it runs can prompt the user, and
// the shell's job control never sees it.
func detachedProcess() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }
