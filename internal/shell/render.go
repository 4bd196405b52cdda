package shell

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Render writes the change as a script for sh, ready for `eval`/`source`.
// An empty change renders as "".
//
// The script is all or nothing. It first checks, without changing
// anything, that the shell will take every assignment: in bash and zsh no
// variable it touches may be read-only or typed (an integer, an array, a
// case-folding or padded scalar — `declare -r`, `typeset -i` … in the
// user's rc files would make an assignment fail or alter the value), and
// in fish none may be one fish refuses to set. Only then does it change
// the variables; otherwise it prints one line naming the variable, changes
// nothing and ends with a non-zero status.
//
// It calls builtins only (`builtin export`, `builtin unset`, `builtin set`,
// `builtin printf`), so a function or alias the user named `export`, `set`
// or `printf` never sees a value, and a PATH without coreutils changes
// nothing.
//
// fish keeps universal variables (`set -Ux`) below the global scope, and
// an unexported global does not hide an exported universal from programs
// (a long-standing fish behaviour). So where the change unsets a variable
// that the shell holds as an exported universal, the script shadows it with
// an exported empty global — fish cannot keep a universal out of one
// shell's programs otherwise without changing it in every fish session —
// and where it puts a variable back to a value an exported universal holds,
// it removes the global so the universal shows through again, exactly as
// it was.
func Render(sh Kind, c Change) string {
	if c.Empty() {
		return ""
	}
	switch sh {
	case Bash:
		return renderBash(c)
	case Zsh:
		return renderZsh(c)
	case Fish:
		return renderFish(c)
	}
	panic(fmt.Sprintf("shell.Render: %v is not a shell", sh))
}

// names lists the variables a change touches, each once, in order.
func (c Change) names() []string {
	out := make([]string, 0, len(c.Ops))
	for _, op := range c.Ops {
		out = append(out, op.Name)
	}
	return out
}

// refusedLine is the script's one line when the shell will not take the
// change; %s is where the script puts the variable's name.
func refusedLine(inspect string) string {
	return "stint: this shell will not let stint change %s: it is read-only or has a type here (see `" + inspect + " %s`, likely from your shell's startup files); nothing was changed\\n"
}

func renderBash(c Change) string {
	var b strings.Builder
	// ${NAME@a} (bash ≥ 4.4) gives a variable's attributes; only "x"
	// (exported) is safe. It fails on unset names under `set -u`, so the
	// check runs with nounset off.
	b.WriteString("__stint_bad=\n")
	b.WriteString("if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 404)); then\n")
	b.WriteString("[[ $- != *u* ]] || { builtin set +u; __stint_u=1; }\n")
	for _, name := range c.names() {
		fmt.Fprintf(&b, "[[ -n $__stint_bad || ${%s@a} != *[!x]* ]] || __stint_bad=%s\n", name, name)
	}
	b.WriteString("[[ -z ${__stint_u-} ]] || builtin set -u\nbuiltin unset -v __stint_u\nfi\n")
	b.WriteString("if [[ -z $__stint_bad ]]; then\nbuiltin unset -v __stint_bad\n")
	for _, op := range c.Ops {
		if op.Unset {
			fmt.Fprintf(&b, "builtin unset -v %s\n", op.Name)
		} else {
			fmt.Fprintf(&b, "builtin export %s=%s\n", op.Name, Quote(Bash, op.Value))
		}
	}
	fmt.Fprintf(&b, "else\nbuiltin printf %s \"$__stint_bad\" \"$__stint_bad\" >&2\nbuiltin unset -v __stint_bad\nbuiltin false\nfi\n",
		Quote(Bash, refusedLine("declare -p")))
	return b.String()
}

func renderZsh(c Change) string {
	var b strings.Builder
	// ${(t)NAME-} gives a parameter's type ("scalar-export", "integer-
	// readonly-special" …) without failing under nounset. Plain scalars
	// are safe, special ones too (LANG, PATH); the rest is not.
	b.WriteString("__stint_bad=\n")
	for _, name := range c.names() {
		fmt.Fprintf(&b, "case ${(t)%s-} in *readonly*|*array*|*association*|*integer*|*float*|*lower*|*upper*|*left*|*right*) __stint_bad=${__stint_bad:-%s};; esac\n", name, name)
	}
	b.WriteString("if [[ -z $__stint_bad ]]; then\nbuiltin unset -v __stint_bad\n")
	for _, op := range c.Ops {
		if op.Unset {
			fmt.Fprintf(&b, "builtin unset -v %s\n", op.Name)
		} else {
			fmt.Fprintf(&b, "builtin export %s=%s\n", op.Name, Quote(Zsh, op.Value))
		}
	}
	fmt.Fprintf(&b, "else\nbuiltin printf %s \"$__stint_bad\" \"$__stint_bad\" >&2\nbuiltin unset -v __stint_bad\nbuiltin false\nfi\n",
		Quote(Zsh, refusedLine("typeset -p")))
	return b.String()
}

func renderFish(c Change) string {
	var b strings.Builder
	// A variable fish will not let a script set (a read-only or electric
	// one) fails `set -l` as it would fail `set -g`: probe each in a
	// block of its own, so the probe leaves nothing behind.
	b.WriteString("builtin set -l __stint_bad\nfor __stint_n in")
	for _, name := range c.names() {
		b.WriteString(" " + name)
	}
	b.WriteString("\nbegin\nbuiltin set -l $__stint_n 2>/dev/null\nend\nor begin\nbuiltin set __stint_bad $__stint_n\nbreak\nend\nend\n")
	b.WriteString("if builtin test -z \"$__stint_bad\"\n")
	for _, op := range c.Ops {
		name := op.Name
		// `set -e -g` fails on a missing global: guard it, so the
		// script's status stays meaningful.
		erase := fmt.Sprintf("builtin set -q -g %s; and builtin set -e -g %s\n", name, name)
		switch {
		case op.Unset && op.Restore:
			b.WriteString(erase)
		case op.Unset:
			b.WriteString(erase)
			fmt.Fprintf(&b, "builtin set -q -U -x %s; and builtin set -g -x %s\n", name, name)
		case op.Restore:
			q := Quote(Fish, op.Value)
			b.WriteString(erase)
			fmt.Fprintf(&b, "builtin set -q -U -x %s; and builtin test \"$%s\" = %s; or builtin set -g -x %s %s\n", name, name, q, name, q)
		default:
			fmt.Fprintf(&b, "builtin set -g -x %s %s\n", name, Quote(Fish, op.Value))
		}
	}
	fmt.Fprintf(&b, "builtin true\nelse\nbuiltin printf %s \"$__stint_bad\" \"$__stint_bad\" >&2\nbuiltin false\nend\n",
		Quote(Fish, refusedLine("set -S")))
	return b.String()
}

// WithSummary appends to a script the line that tells the user, on stderr,
// what the switch did — printed by the shell once the script has changed
// it, so a change the shell refused never reads as a success. An empty
// script stays empty: the binary prints the summary itself then.
func WithSummary(sh Kind, script, summary string) string {
	if script == "" || summary == "" {
		return script
	}
	line := Quote(sh, summary)
	if sh == Fish {
		return script + "and builtin printf '%s\\n' " + line + " >&2\n"
	}
	return script + "[[ $? == 0 ]] && builtin printf '%s\\n' " + line + " >&2\n"
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
