// Package handoff turns what stint knows about a client into what the next
// engineer needs: a markdown document a person reads, and a versioned JSON
// bundle another stint imports. Everything here is pure: the workbench
// gathers the facts, this package renders, decodes and validates them.
//
// Secret values never enter this package; bundles and documents carry
// secret names only. Time entries stay with the engineer who logged them.
package handoff

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
)

// Version is the bundle format this stint writes and the newest it reads.
// Version 2 carries relative repository paths and file names (see
// Portable); version 1 carried the sender's absolute paths and is read by
// taking their base names.
const Version = 2

// Bundle is the portable form of one client: everything needed to set it up
// on another machine except secret values and time entries.
type Bundle struct {
	Version    int               `json:"stint_bundle"`
	ExportedAt time.Time         `json:"exported_at"`
	Client     Client            `json:"client"`
	Vars       map[string]string `json:"vars"`
	Secrets    []string          `json:"secrets"`  // names only; values are requested from the client
	Settings   map[string]string `json:"settings"` // dotted keys: aws.profile, git.email, kube.context …
	Kube       Kube              `json:"kube"`
	Isolated   []string          `json:"isolated"`
	Repos      []Repo            `json:"repos"`
	Runbook    string            `json:"runbook"`
	RunbookAt  time.Time         `json:"runbook_updated_at"`
	Log        []LogLine         `json:"log"` // oldest first

	// Notices say how an older bundle was read (never written).
	Notices []string `json:"-"`
}

// Client is who the client is and how it is billed.
type Client struct {
	Slug           string `json:"slug"`
	Name           string `json:"name"`
	Color          string `json:"color"`
	RateMinor      int64  `json:"rate_minor"`
	Currency       string `json:"currency"`
	RoundMinutes   int    `json:"round_minutes"`
	RoundMode      string `json:"round_mode"`
	RoundPer       string `json:"round_per"`
	MinimumMinutes int    `json:"minimum_minutes"`
	Timezone       string `json:"timezone"`
	Production     bool   `json:"production"`
	AutoTrack      bool   `json:"auto_track"`
	Workdir        string `json:"workdir"`
}

// Kube is where a client's Kubernetes contexts come from. The default
// context and namespace are settings (kube.context, kube.namespace).
type Kube struct {
	Sources  []string `json:"sources"`  // kubeconfig file names, in merge order
	Contexts []string `json:"contexts"` // sorted
	// Production are the contexts marked production (`stint kube prod`),
	// a subset of Contexts: the receiver marks them again once bound.
	Production []string `json:"production,omitempty"`
}

// Repo is a repository of the client.
type Repo struct {
	Path string `json:"path"` // in a bundle file: relative to the source root, with /
	URL  string `json:"url"`
}

// LogLine is one dated line of the client's note log.
type LogLine struct {
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// Encode writes b as indented JSON with the current version.
func Encode(b Bundle) ([]byte, error) {
	b.Version = Version
	out, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// Decode reads and validates a bundle. Every error is an input error whose
// one-line message says what is wrong with the file.
func Decode(data []byte) (Bundle, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return Bundle{}, badinput.Errorf("bundle is empty: export one with `stint handoff export NAME --bundle FILE.json`")
	}
	var probe struct {
		Version *json.RawMessage `json:"stint_bundle"`
	}
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&probe); err != nil {
		return Bundle{}, jsonProblem(err)
	}
	if probe.Version == nil {
		return Bundle{}, badinput.Errorf("not a stint bundle: it has no \"stint_bundle\" version field (write one with `stint handoff export NAME --bundle FILE.json`)")
	}
	var v int
	if err := json.Unmarshal(*probe.Version, &v); err != nil {
		return Bundle{}, badinput.Errorf("not a stint bundle: \"stint_bundle\" must be a whole number, not %s", excerpt(string(*probe.Version)))
	}
	switch {
	case v > Version:
		return Bundle{}, badinput.Errorf("bundle version %d was written by a newer stint (this one reads up to version %d): upgrade stint and import again", v, Version)
	case v < 1:
		return Bundle{}, badinput.Errorf("unknown bundle version %d: this stint reads versions 1 to %d", v, Version)
	}

	// Strict from here: a field this version does not know is a sign of a
	// different format, not something to drop silently.
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Bundle
	var err error
	if err = dec.Decode(&b); err != nil {
		return Bundle{}, jsonProblem(err)
	}
	if dec.More() {
		return Bundle{}, badinput.Errorf("bundle has data after its closing brace: it is not one JSON document")
	}
	if v == 1 {
		if err := validateV1Paths(b); err != nil {
			return Bundle{}, err
		}
		if b, err = upgradeV1(b); err != nil {
			return Bundle{}, err
		}
	}
	if err := Validate(b); err != nil {
		return Bundle{}, err
	}
	return b, nil
}

// jsonProblem turns encoding/json's errors into one line about the bundle.
func jsonProblem(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return badinput.Errorf("not a stint bundle: the file holds a JSON %s, not an object", typ.Value)
		}
		return badinput.Errorf("bundle field %q has the wrong type: it holds a JSON %s where %s belongs", field, typ.Value, jsonKind(typ.Type.Kind().String()))
	case isTruncated(err):
		return badinput.Errorf("bundle is truncated: the JSON ends early (copy the whole file again)")
	case errors.As(err, &syntax):
		return badinput.Errorf("bundle is not valid JSON (at byte %d: %s)", syntax.Offset, syntax.Error())
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return badinput.Errorf("bundle has an %s that version %d does not know: it was not written by this stint", strings.TrimPrefix(err.Error(), "json: "), Version)
	}
	return badinput.Errorf("bundle cannot be read: %s", excerpt(err.Error()))
}

// isTruncated recognises both ways encoding/json reports a document that
// stops early: io.ErrUnexpectedEOF from a Decoder, a SyntaxError from
// Unmarshal.
func isTruncated(err error) bool {
	msg := err.Error()
	return errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(msg, "unexpected end of JSON input")
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "int", "int64", "int32", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "slice":
		return "a list"
	case "map", "struct":
		return "an object"
	}
	return "another type"
}

// excerpt is a piece of the file in an error: on one line and short.
func excerpt(s string) string { return display.Clip(display.OneLine(s), 60) }

// SecretSetCommands are the commands that fill in a client's secrets.
func SecretSetCommands(slug string, names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, fmt.Sprintf("stint secret set %s %s", slug, n))
	}
	return out
}
