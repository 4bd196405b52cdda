package kube

import (
	"strconv"
	"strings"
)

// SessionAlive reports whether the shell that owns a session still runs.
// Session ids have the form <shell pid>-<random>; for an id of another form
// it cannot tell and says true, leaving the file to MaxSessionAge.
func SessionAlive(session string) bool {
	pidText, _, ok := strings.Cut(session, "-")
	if !ok {
		return true
	}
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 {
		return true
	}
	return processExists(pid)
}
