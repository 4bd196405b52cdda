//go:build !unix

package kube

// openFlags: Windows has no FIFOs that open blocks on; the file type is
// still checked before anything is read.
const openFlags = 0
