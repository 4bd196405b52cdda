package identity

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/stint-sh/stint/internal/atomicfile"
	"github.com/stint-sh/stint/internal/paths"
)

// The background check after a switch leaves its findings in the whoami
// directory, per shell session and client: SESSION.CLIENT.json (the
// report) and, only while something is a mismatch, SESSION.CLIENT.warn —
// one line, which the shell hook reads into $STINT_WARN before each prompt
// (a file test, no process), and `stint status` and the TUI show.

func base(dir, session, client string) (string, bool) {
	if session == "" || client == "" || strings.ContainsAny(session+client, "/\x00") || strings.HasPrefix(session, ".") {
		return "", false
	}
	return filepath.Join(dir, session+"."+client), true
}

// Record writes what a check found for a session's client.
func Record(dir, session string, r Report) error {
	b, ok := base(dir, session, r.Client)
	if !ok {
		return errors.New("no shell session to record the identity check for")
	}
	if err := paths.EnsurePrivateDir(dir); err != nil {
		return err
	}
	body, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(b+".json", body, atomicfile.NoSync()); err != nil {
		return err
	}
	if w := r.Warning(); w != "" {
		return atomicfile.WriteBytes(b+".warn", []byte(w+"\n"), atomicfile.NoSync())
	}
	return Clear(dir, session, r.Client)
}

// Clear forgets the warning of a session's client (a check that found
// nothing wrong, or a client that expects nothing any more).
func Clear(dir, session, client string) error {
	b, ok := base(dir, session, client)
	if !ok {
		return nil
	}
	if err := os.Remove(b + ".warn"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// WarningFor is the warning recorded for a session's client; "" for none.
func WarningFor(dir, session, client string) string {
	b, ok := base(dir, session, client)
	if !ok {
		return ""
	}
	raw, err := os.ReadFile(b + ".warn")
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(string(raw), "\n")
	return line
}
