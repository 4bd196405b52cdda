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

// tuiSteps is a fix's keys as they read after the word before the command
// they replace: "fix with `stint client edit acme`" is "fix by selecting
// acme and pressing e", and "run `stint stop`" is "press t".
func tuiSteps(pattern, with string) []tuiFix {
	return []tuiFix{
		{regexp.MustCompile(`\bwith ` + pattern), "by " + gerunds(with)},
		{regexp.MustCompile(`\b(?:run|use) ` + pattern), with},
		{regexp.MustCompile(pattern), with},
	}
}

// gerunds turns the steps' verbs, each at the start of a step, into their
// -ing forms.
func gerunds(steps string) string {
	forms := map[string]string{"select": "selecting", "press": "pressing", "set": "setting",
		"remove": "removing", "make": "making", "add": "adding", "change": "changing"}
	words := strings.Split(steps, " ")
	for i, w := range words {
		first := i == 0 || words[i-1] == "and" || strings.HasSuffix(words[i-1], ",")
		if g, ok := forms[w]; ok && first {
			words[i] = g
		}
	}
	return strings.Join(words, " ")
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
	var fixes []tuiFix
	for _, f := range []struct{ pattern, with string }{
		{"`stint client edit ([a-z0-9][a-z0-9-]*)`", "select $1 and press e"},
		{"`stint client add [^`]*`", "press a"},
		{"`stint secret set ([a-z0-9][a-z0-9-]*) ([A-Za-z_][A-Za-z0-9_]*)`(?: \\(value on stdin\\))?", "select $1, press s and set $2"}, // the form asks for the value
		{"`stint secret set ([a-z0-9][a-z0-9-]*)[^`]*`", "select $1 and press s"},
		{"`stint note edit ([a-z0-9][a-z0-9-]*)`", "select $1 and press E"},
		{"`stint note add ([a-z0-9][a-z0-9-]*)[^`]*`", "select $1 and press n"},
		{"`stint (start|stop)( [a-z0-9][a-z0-9-]*)?`", "press t"},
		// The profile editor's (p): kube rm of a file before kube rm of
		// contexts, whose pattern would take the flag for a context.
		{"`stint kube rm ([a-z0-9][a-z0-9-]*) --kubeconfig ([^`]+)`", "select $1, press p and remove the kubeconfig $2"},
		{"`stint kube rm ([a-z0-9][a-z0-9-]*) ([^`-][^`]*)`", "select $1, press p and remove context $2"},
		{"`stint kube use ([a-z0-9][a-z0-9-]*) ([^` ]+)`", "select $1, press p and make $2 the default context"},
		{"`stint kube add ([a-z0-9][a-z0-9-]*)[^`]*`", "select $1, press p and add a kubeconfig"},
		{"`stint unset ([a-z0-9][a-z0-9-]*) ([A-Za-z_][A-Za-z0-9_]*)`", "select $1, press p and remove $2"},
		{"`stint set ([a-z0-9][a-z0-9-]*)[^`]*`", "select $1, press p and set a variable"},
		{"`stint (aws|gcp|azure|git) ([a-z0-9][a-z0-9-]*) --[^`]*`", "select $2, press p and change its $1 settings"}, // settings always have a flag; `stint aws creds acme` is no setting
		{"`stint kube prod ([a-z0-9][a-z0-9-]*)[^`]*`", "select $1, press p and change its production contexts"},
		{"`stint isolate ([a-z0-9][a-z0-9-]*)[^`]*`", "select $1, press p and change its isolated tools"},
		{"`stint secret rm ([a-z0-9][a-z0-9-]*) ([A-Za-z_][A-Za-z0-9_]*)`", "select $1, press p and remove the secret $2"},
	} {
		fixes = append(fixes, tuiSteps(f.pattern, f.with)...)
	}
	return fixes
})

// tuiFix turns a CLI command in a fix into the TUI's words.
type tuiFix struct {
	re   *regexp.Regexp
	with string
}
