//go:build !unix

package workbench

// processAlive cannot ask elsewhere; pending marks then age out instead.
func processAlive(int) bool { return true }
