//go:build !unix

package clients

// processAlive cannot ask elsewhere; pending marks then age out instead.
func processAlive(int) bool { return true }
