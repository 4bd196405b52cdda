package shell

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Render writes the change as a script for sh, one command per line, ready
// for `eval`/`source`. An empty change renders as "". Variables are exported
// (bash, zsh) or set global and exported (fish); unsets act on the global
// variable. The script runs no command other than shell builtins.
func Render(sh Kind, c Change) string {
	var b strings.Builder
	for _, op := range c.Ops {
		switch sh {
		case Bash, Zsh:
			if op.Unset {
				fmt.Fprintf(&b, "unset -v %s;\n", op.Name)
			} else {
				fmt.Fprintf(&b, "export %s=%s;\n", op.Name, Quote(sh, op.Value))
			}
		case Fish:
			if op.Unset {
				// set -e fails (status 4) on a missing variable; the
				// guard keeps the script's status meaningful.
				fmt.Fprintf(&b, "set -q -g %s; and set -e -g %s;\n", op.Name, op.Name)
			} else {
				fmt.Fprintf(&b, "set -gx %s %s;\n", op.Name, Quote(sh, op.Value))
			}
		default:
			panic(fmt.Sprintf("shell.Render: %v is not a shell", sh))
		}
	}
	return b.String()
}

// jsonChange is the document of `stint env --shell json`:
//
//	{"client":"globex","previous":"acme","set":{"NAME":"value",…},"unset":["NAME",…]}
//
// Each name is in at most one of set and unset, so applying them in any
// order gives the same environment. "client" is "" after `--off`.
type jsonChange struct {
	Client   string            `json:"client"`
	Previous string            `json:"previous"`
	Set      map[string]string `json:"set"`
	Unset    []string          `json:"unset"`
}

// RenderJSON writes the change as JSON for tools (see jsonChange). JSON text
// must be UTF-8, so a value that is not valid UTF-8 is an error (naming the
// variable, never the value) rather than a silently altered value.
func RenderJSON(c Change) ([]byte, error) {
	doc := jsonChange{Client: c.To, Previous: c.From, Set: map[string]string{}, Unset: []string{}}
	for _, op := range c.Ops {
		if op.Unset {
			doc.Unset = append(doc.Unset, op.Name)
			continue
		}
		if !utf8.ValidString(op.Value) {
			return nil, fmt.Errorf("the value of %s is not valid UTF-8 and cannot be written as JSON: use --shell bash, zsh or fish", op.Name)
		}
		doc.Set[op.Name] = op.Value
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
