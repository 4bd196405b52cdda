package guard

import (
	"fmt"
	"slices"
	"strings"
)

// ParseRules reads the guard_extra setting: comma-separated entries of a
// tool and the words of its verb, "argocd app sync, pulumi up, helm test".
// The error says which entry is wrong and why, in the user's words.
func ParseRules(s string) ([]Rule, error) {
	var out []Rule
	for _, entry := range strings.Split(s, ",") {
		f := strings.Fields(entry)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 || len(f) > 1+maxWords {
			return nil, fmt.Errorf("%q is not TOOL VERB: give a tool and 1 to %d words of its command, like \"argocd app sync\"", strings.TrimSpace(entry), maxWords)
		}
		if !validWord(f[0]) {
			return nil, fmt.Errorf("%q is not a command name (letters, digits, . _ + -)", f[0])
		}
		if slices.Contains(refusedTools, f[0]) {
			return nil, fmt.Errorf("%s cannot be guarded: the guard puts a stand-in for it at the front of PATH", f[0])
		}
		for _, w := range f[1:] {
			if !validWord(w) || strings.HasPrefix(w, "-") {
				return nil, fmt.Errorf("%q is not a command word (letters, digits, . _ + : -, not starting with -)", w)
			}
		}
		r := Rule{Tool: f[0], Words: f[1:]}
		if !slices.ContainsFunc(out, func(o Rule) bool { return o.String() == r.String() }) {
			out = append(out, r)
		}
	}
	return out, nil
}

// FormatRules is the stored form of rules.
func FormatRules(rules []Rule) string {
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = r.String()
	}
	return strings.Join(parts, ", ")
}

// ShimTools are the tools the guard directory holds: the known ones and
// every tool of a user rule.
func ShimTools(extra []Rule) []string {
	out := slices.Clone(Tools)
	for _, r := range extra {
		if !slices.Contains(out, r.Tool) {
			out = append(out, r.Tool)
		}
	}
	return out
}

// refusedTools: a shim for these would sit in front of stint itself or of
// the shells that scripts start.
var refusedTools = []string{"stint", "sh", "bash", "zsh", "fish", "dash", "env"}

func validWord(w string) bool {
	if w == "" || w == "." || w == ".." {
		return false
	}
	for _, r := range w {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._+:-", r)
		if !ok {
			return false
		}
	}
	return true
}
