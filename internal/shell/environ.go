package shell

import (
	"maps"
	"strings"
)

// EnvironMap turns KEY=VALUE lines into a map; later lines win, as getenv
// sees them. Lines without "=" are ignored.
func EnvironMap(environ []string) map[string]string {
	m := make(map[string]string, len(environ))
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
			m[k] = v
		}
	}
	return m
}

// HookOnly are the variables the hook gives the binary alone; a child
// process must not inherit them, or a `stint switch` inside `stint exec`
// would write its script into the calling shell's eval file.
var HookOnly = []string{VarEvalFile, VarShell, VarPicker}

// WithoutHookOnly is env as the shell itself has it: a copy without
// HookOnly.
func WithoutHookOnly(env map[string]string) map[string]string {
	out := maps.Clone(env)
	for _, name := range HookOnly {
		delete(out, name)
	}
	return out
}
