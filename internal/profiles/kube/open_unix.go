//go:build unix

package kube

import "syscall"

// openFlags opens a source without blocking: opening a FIFO for reading
// otherwise waits for a writer that may never come. Regular files ignore
// the flag.
const openFlags = syscall.O_NONBLOCK
