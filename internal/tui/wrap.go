package tui

import (
	"regexp"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
)

// wrapWords wraps plain text to w cells at spaces only. A word is never
// cut at a hyphen, slash or dot, so a path, a context name or a flag stays
// whole; a `quoted command` moves to the next line whole when it fits
// there, and breaks only at its own spaces when it is wider than a line.
// A single word wider than w is the one thing cut mid-word. Newlines in
// text start new lines.
func wrapWords(text string, w int) []string {
	w = max(w, 1)
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, wrapParagraph(para, w)...)
	}
	return out
}

func wrapParagraph(text string, w int) []string {
	var lines []string
	line := ""
	put := func(unit string) {
		switch {
		case line == "":
			line = unit
		case ansi.StringWidth(line)+1+ansi.StringWidth(unit) <= w:
			line += " " + unit
		default:
			lines = append(lines, line)
			line = unit
		}
		for ansi.StringWidth(line) > w { // one word wider than a line
			lines = append(lines, ansi.Truncate(line, w, ""))
			line = ansi.TruncateLeft(line, w, "")
		}
	}
	for _, unit := range wrapUnits(text) {
		if ansi.StringWidth(unit) <= w || !strings.Contains(unit, " ") {
			put(unit)
			continue
		}
		for _, word := range strings.Fields(unit) { // a command wider than a line
			put(word)
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// wrapUnits splits text at spaces, keeping each `backquoted` span (with
// what sticks to it, like a trailing colon) as one unit.
func wrapUnits(text string) []string {
	var units []string
	cur, quoted := strings.Builder{}, false
	flush := func() {
		if cur.Len() > 0 {
			units = append(units, cur.String())
			cur.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r == '`':
			quoted = !quoted
			cur.WriteRune(r)
		case r == ' ' && !quoted:
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return units
}

// tuiWords says a workbench error's fix in the TUI's keys where the TUI
// has one: "select acme and press e" rather than `stint client edit acme
// --unarchive`. Fixes the TUI cannot do stay CLI commands.
func tuiWords(text string) string {
	for _, r := range tuiFixes() {
		text = r.re.ReplaceAllString(text, r.with)
	}
	return fieldsForFlags(text)
}

// flagFields are the CLI's flags the TUI asks for in a form field, by the
// field's title: "change --from/--to" is "change From/To" there.
var flagFields = map[string]string{
	"from": "From", "to": "To", "rate": "Hourly rate", "currency": "Currency",
	"name": "Display name", "tz": "Time zone", "round": "Rounding increment", "color": "Colour",
}

// fieldsForFlags says a flag that has a form field as the field, outside
// `quoted commands`, which stay as they are pasted.
func fieldsForFlags(text string) string {
	if !strings.Contains(text, "--") {
		return text
	}
	var b strings.Builder
	quoted := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '`' {
			quoted = !quoted
		}
		if !quoted && c == '-' && strings.HasPrefix(text[i:], "--") && (i == 0 || !isFlagByte(text[i-1])) {
			j := i + 2
			for j < len(text) && isFlagByte(text[j]) {
				j++
			}
			if field, ok := flagFields[text[i+2:j]]; ok {
				b.WriteString(field)
				i = j - 1
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isFlagByte(c byte) bool {
	return c == '-' || c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// tuiFixes are compiled on first use: the TUI package is linked into every
// stint command, and regexps compiled at init would cost each of them
// (docs/performance.md).
var tuiFixes = sync.OnceValue(func() []tuiFix {
	return []tuiFix{
		{regexp.MustCompile("`stint client edit ([a-z0-9][a-z0-9-]*)`"), "select $1 and press e"},
		{regexp.MustCompile("`stint client add [^`]*`"), "press a"},
		{regexp.MustCompile("`stint secret set ([a-z0-9][a-z0-9-]*) ([A-Za-z_][A-Za-z0-9_]*)`"), "select $1, press s and set $2"},
		{regexp.MustCompile("`stint secret set ([a-z0-9][a-z0-9-]*)[^`]*`"), "select $1 and press s"},
		{regexp.MustCompile("`stint note edit ([a-z0-9][a-z0-9-]*)`"), "select $1 and press E"},
		{regexp.MustCompile("`stint note add ([a-z0-9][a-z0-9-]*)[^`]*`"), "select $1 and press n"},
		{regexp.MustCompile("`stint (start|stop)( [a-z0-9][a-z0-9-]*)?`"), "press t"},
		// The profile editor's (p): kube rm of a file before kube rm of
		// contexts, whose pattern would take the flag for a context.
		{regexp.MustCompile("`stint kube rm ([a-z0-9][a-z0-9-]*) --kubeconfig ([^`]+)`"), "select $1, press p and remove the kubeconfig $2"},
		{regexp.MustCompile("`stint kube rm ([a-z0-9][a-z0-9-]*) ([^`-][^`]*)`"), "select $1, press p and remove context $2"},
		{regexp.MustCompile("`stint kube use ([a-z0-9][a-z0-9-]*) ([^` ]+)`"), "select $1, press p and make $2 the default context"},
		{regexp.MustCompile("`stint kube add ([a-z0-9][a-z0-9-]*)[^`]*`"), "select $1, press p and add a kubeconfig"},
		{regexp.MustCompile("`stint unset ([a-z0-9][a-z0-9-]*) ([A-Za-z_][A-Za-z0-9_]*)`"), "select $1, press p and remove $2"},
		{regexp.MustCompile("`stint set ([a-z0-9][a-z0-9-]*)[^`]*`"), "select $1, press p and set a variable"},
		{regexp.MustCompile("`stint (aws|gcp|azure|git) ([a-z0-9][a-z0-9-]*) --[^`]*`"), "select $2, press p and change its $1 settings"}, // settings always have a flag; `stint aws creds acme` is no setting
		{regexp.MustCompile("`stint kube prod ([a-z0-9][a-z0-9-]*)[^`]*`"), "select $1, press p and change its production contexts"},
		{regexp.MustCompile("`stint isolate ([a-z0-9][a-z0-9-]*)[^`]*`"), "select $1, press p and change its isolated tools"},
		{regexp.MustCompile("`stint secret rm ([a-z0-9][a-z0-9-]*) ([A-Za-z_][A-Za-z0-9_]*)`"), "select $1, press p and remove the secret $2"},
	}
})

// tuiFix turns a CLI command in a fix into the TUI's words.
type tuiFix struct {
	re   *regexp.Regexp
	with string
}
