package shell

import (
	"fmt"
	"slices"
	"strings"
)

// A shell passes its exported variables to every program it starts, and
// the kernel refuses to start a program whose arguments and environment
// pass its limits ("Argument list too long"). A switch that made the
// environment too big would leave a shell that can run no command at all —
// not even `stint off`. So sizes are checked before anything changes.

// MaxEnvString is the longest NAME=value string an environment may hold on
// Linux (MAX_ARG_STRLEN: 32 pages, the terminating NUL included). stint
// applies it everywhere, so a client's profile works on every machine.
const MaxEnvString = 32 * 4096

// ArgvMargin is what a switch keeps free for the arguments of the commands
// the shell will run (one argument as long as the longest string).
const ArgvMargin = MaxEnvString

// ExecLimits are what the kernel accepts when a program starts.
type ExecLimits struct {
	MaxString int // one argument or NAME=value, NUL included; 0: no own limit
	MaxTotal  int // all of them, NULs and pointers included
}

// CheckValueSize refuses a value that could never be exported: NAME=value
// longer than MaxEnvString.
func CheckValueSize(name, value string) error {
	if n := len(name) + 1 + len(value) + 1; n > MaxEnvString {
		return fmt.Errorf("the value of %s is %d bytes; a variable (NAME=value) may hold at most %d, or no program could start with it (\"Argument list too long\")",
			name, len(value), MaxEnvString-len(name)-2)
	}
	return nil
}

// CheckEnvSize reports whether a program can start with env and argvBytes
// of arguments (their lengths plus one each): nil, or one line naming the
// biggest variables.
func CheckEnvSize(env map[string]string, argvBytes int, lim ExecLimits) error {
	type v struct {
		name string
		size int
	}
	vars := make([]v, 0, len(env))
	total := argvBytes
	for name, value := range env {
		n := len(name) + 1 + len(value) + 1
		vars = append(vars, v{name, n})
		total += n + 8 // the pointer to it in envp
	}
	slices.SortFunc(vars, func(a, b v) int { return b.size - a.size })
	if lim.MaxString > 0 && len(vars) > 0 && vars[0].size > lim.MaxString {
		return fmt.Errorf("%s would be %d bytes, more than the %d one variable may hold, and no program could start", vars[0].name, vars[0].size, lim.MaxString)
	}
	if lim.MaxTotal > 0 && total > lim.MaxTotal {
		var biggest []string
		for _, x := range vars[:min(3, len(vars))] {
			biggest = append(biggest, fmt.Sprintf("%s (%s)", x.name, byteSize(x.size)))
		}
		return fmt.Errorf("the environment would be %s, more than the %s this system lets a program start with (%s kept for arguments), and no command would run; the biggest variables are %s",
			byteSize(total-argvBytes), byteSize(lim.MaxTotal-argvBytes), byteSize(argvBytes), strings.Join(biggest, ", "))
	}
	return nil
}

// byteSize is "512 B", "117 KiB", "2.3 MiB".
func byteSize(n int) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
}
