//go:build !unix

package kube

import "os"

// processExists relies on os.FindProcess, which on Windows opens the process
// and so fails when there is no such process.
func processExists(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}
