package shell

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

// The variables stint keeps in the shell's own environment. A prompt shows
// the client by reading VarClient; nothing else needs a process.
const (
	VarClient   = "STINT_CLIENT"  // slug of the client this shell is in; unset when in none
	VarSession  = "STINT_SESSION" // id of this shell session ("PID-RANDOM"), set by the hook
	VarPrevious = "STINT_PREV"    // the client this shell was in before, for `stint switch -`
	VarState    = "STINT_STATE"   // encoded record of what stint set and what it held before
	VarProd     = "STINT_PROD"    // "client" or "context" when the shell is production; unset otherwise

	// Passed by the hook to the binary's environment only, never exported.
	VarEvalFile = "STINT_EVAL_FILE" // where the binary writes the script for the shell to source
	VarShell    = "STINT_SHELL"     // bash, zsh or fish: the dialect to write that script in
	VarPicker   = "STINT_PICKER"    // "1" when the hotkey started the binary: open the picker
	VarTmux     = "STINT_TMUX"      // the shell's TMUX, which the binary's own is emptied for (RestoreTmux)
)

// RestoreTmux gives the process back the TMUX the hook moved into
// VarTmux, before anything reads or passes on the environment; the
// binary's main calls it first. The hook empties TMUX for the binary
// because Lip Gloss detects the terminal's colours when its package
// initialises, before main, and inside tmux that runs `tmux info`: a
// process, 5–15 ms of every command, the picker's first frame included
// (docs/performance.md). The TUI asks tmux later, off the critical path.
// Without the hook (VarTmux unset) nothing changes.
func RestoreTmux() {
	v, ok := os.LookupEnv(VarTmux)
	if !ok {
		return
	}
	_ = os.Unsetenv(VarTmux)
	if v == "" {
		_ = os.Unsetenv("TMUX")
		return
	}
	_ = os.Setenv("TMUX", v)
}

// reservedPrefix marks stint's own variables; plans may never set or clear them.
const reservedPrefix = "STINT_"

// stateVersionPrefix starts every encoded record. A future format gets "v2.".
const stateVersionPrefix = "v1."

// State is what a shell's environment says about its stint session.
type State struct {
	Client   string  // VarClient; "" when the shell is in no client
	Session  string  // VarSession; "" without the hook
	Previous string  // VarPrevious
	Saved    []Saved // from VarState: the variables stint set, in the order it set them
	// PathFront is the directory stint put at the front of PATH (Plan's
	// PathFront), to take out again on leaving; "" for none.
	PathFront string
}

// Saved is one variable stint set or cleared, and what it held before stint
// touched it — the value to put back when the shell leaves the client.
type Saved struct {
	Name   string
	Prior  string // meaningful only when WasSet
	WasSet bool   // false: the variable did not exist before; leaving unsets it
}

// Active reports whether the shell is in a client, i.e. whether leaving it
// has anything to undo.
func (s State) Active() bool { return s.Client != "" || len(s.Saved) > 0 || s.PathFront != "" }

// StateError says that VarState cannot be read. The shell's variables are
// then unknown territory, so nothing is restored automatically.
type StateError struct{ Reason string }

func (e *StateError) Error() string {
	return fmt.Sprintf("%s in this shell is unreadable (%s): run `stint off --force` to forget it (variables keep their current values), or `unset %s %s`, or open a new shell",
		VarState, e.Reason, VarState, VarClient)
}

// DecodeState reads the session state from a shell's environment. A shell
// that has never been switched has no state: that is the zero State, not an
// error. A damaged VarState is a *StateError.
func DecodeState(env map[string]string) (State, error) {
	st := State{Client: env[VarClient], Session: env[VarSession], Previous: env[VarPrevious]}
	raw, ok := env[VarState]
	if !ok || raw == "" {
		return st, nil
	}
	saved, front, err := decodeSaved(raw)
	if err != nil {
		return State{}, err
	}
	st.Saved, st.PathFront = saved, front
	return st, nil
}

// wireState is the JSON inside VarState. Short keys keep the environment
// small. JSON strings must be UTF-8, so a prior value that is not valid
// UTF-8 travels as base64 bytes in "b" instead of "o".
type wireState struct {
	Vars      []wireVar `json:"v"`
	PathFront string    `json:"p,omitempty"`
}

type wireVar struct {
	Name  string  `json:"n"`
	Prior *string `json:"o,omitempty"` // prior value, valid UTF-8
	Bytes []byte  `json:"b,omitempty"` // prior value, not valid UTF-8
}

// EncodeState renders the saved variables (and the directory stint put at
// the front of PATH, "" for none) as the value of VarState: "v1." +
// unpadded base64url of compact JSON. An older stint reading a state with
// a PATH entry ignores it (JSON's unknown keys), so it never fails on one.
func EncodeState(saved []Saved, pathFront string) string {
	w := wireState{Vars: make([]wireVar, 0, len(saved)), PathFront: pathFront}
	for _, s := range saved {
		v := wireVar{Name: s.Name}
		switch {
		case !s.WasSet:
		case utf8.ValidString(s.Prior):
			prior := s.Prior
			v.Prior = &prior
		default:
			v.Bytes = []byte(s.Prior)
		}
		w.Vars = append(w.Vars, v)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(w); err != nil {
		panic("shell: encoding state cannot fail: " + err.Error())
	}
	return stateVersionPrefix + base64.RawURLEncoding.EncodeToString(bytes.TrimRight(buf.Bytes(), "\n"))
}

func decodeSaved(raw string) ([]Saved, string, error) {
	body, ok := strings.CutPrefix(raw, stateVersionPrefix)
	if !ok {
		return nil, "", &StateError{Reason: "unknown format; was it written by a newer stint?"}
	}
	js, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return nil, "", &StateError{Reason: "bad base64"}
	}
	var w wireState
	dec := json.NewDecoder(bytes.NewReader(js))
	if err := dec.Decode(&w); err != nil {
		return nil, "", &StateError{Reason: "bad JSON"}
	}
	if strings.ContainsAny(w.PathFront, ":\x00") {
		return nil, "", &StateError{Reason: "its PATH entry is not a directory name"}
	}
	saved := make([]Saved, 0, len(w.Vars))
	seen := map[string]bool{}
	for _, v := range w.Vars {
		// Syntax and stint's own names only: a state written before a
		// name joined the shells' lists must still be restorable (the
		// script's guard refuses what the shell itself would not take).
		if checkSyntax(v.Name) != nil || Reserved(v.Name) {
			return nil, "", &StateError{Reason: "it names a variable stint cannot manage"}
		}
		if seen[v.Name] {
			return nil, "", &StateError{Reason: "it names a variable twice"}
		}
		seen[v.Name] = true
		s := Saved{Name: v.Name}
		switch {
		case v.Prior != nil && v.Bytes != nil:
			return nil, "", &StateError{Reason: "a variable has two prior values"}
		case v.Prior != nil:
			s.Prior, s.WasSet = *v.Prior, true
		case v.Bytes != nil:
			s.Prior, s.WasSet = string(v.Bytes), true
		}
		if strings.IndexByte(s.Prior, 0) >= 0 {
			return nil, "", &StateError{Reason: "a prior value holds a NUL byte"}
		}
		saved = append(saved, s)
	}
	return saved, w.PathFront, nil
}
