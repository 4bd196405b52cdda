package shell

import (
	"fmt"
	"strings"
)

// Plan is what a client's environment consists of, as far as the shell is
// concerned. It is built by the profiles package; this package only applies it.
type Plan struct {
	Client string // the client's slug; becomes VarClient
	Set    []Var  // variables to set, in the order given
	// Clear names variables that would leak another client into this one
	// (tokens, static keys) and that this plan does not set: they are unset
	// if present, and come back on `off` if the user had them before stint.
	// An entry ending in "*" is a prefix: "TF_TOKEN_*" clears every present
	// variable whose name starts with TF_TOKEN_. A name the plan also sets
	// is set, not cleared; listing it still marks it leak-prone, so a value
	// exported by hand in the previous client is never saved as its prior
	// (see Compute).
	Clear []string
}

// Var is one variable of a plan.
type Var struct{ Name, Value string }

// shellOwned are names a shell keeps for itself: assigning them is an
// error, a no-op, or a side effect (zsh's UID/USERNAME change the user).
var shellOwned = map[string]bool{
	"_": true, "PWD": true, "OLDPWD": true, "SHLVL": true, "IFS": true,
	"UID": true, "EUID": true, "GID": true, "EGID": true, "PPID": true, "USERNAME": true,
	"RANDOM": true, "SRANDOM": true, "SECONDS": true, "LINENO": true, "HISTCMD": true,
	"SHELLOPTS": true, "BASHOPTS": true, "BASHPID": true, "BASH_ENV": true, "ENV": true,
	"status": true, "pipestatus": true, "fish_pid": true, "version": true, "hostname": true,
	"history": true, "argv": true, "CMD_DURATION": true, "FISH_VERSION": true,
	// zsh arrays tied to the colon lists of the same name in upper case
	"path": true, "fpath": true, "cdpath": true, "manpath": true, "mailpath": true,
	"module_path": true, "fignore": true, "psvar": true,
}

// Owned reports whether a shell (bash, zsh or fish) keeps name for itself,
// so that no client may set it: assigning it is an error, a no-op or a side
// effect, and a plan holding it fails every switch. profiles uses it to
// refuse such names when they are stored, not when they are used.
func Owned(name string) bool { return shellOwned[name] }

// Reserved reports whether name is stint's own: STINT_* (the session state,
// the hook's variables) or __stint* (the hook's shell functions and their
// locals), in any case. No client may set or clear such a name; profiles
// refuses it when it is stored, Validate when a plan is applied.
func Reserved(name string) bool {
	return strings.HasPrefix(strings.ToUpper(name), reservedPrefix) || strings.HasPrefix(strings.ToLower(name), "__stint")
}

// checkName accepts names that are portable environment variable names
// ([A-Za-z_][A-Za-z0-9_]*) and that neither stint nor a shell owns.
func checkName(name string) error {
	if name == "" {
		return fmt.Errorf("a variable name is empty")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		ok := c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9'
		if !ok {
			return fmt.Errorf("%q is not a valid variable name: use letters, digits and _, not starting with a digit", name)
		}
	}
	if Reserved(name) {
		return fmt.Errorf("%s is stint's own variable and cannot be part of a client's environment", name)
	}
	if shellOwned[name] {
		return fmt.Errorf("%s belongs to the shell and cannot be part of a client's environment", name)
	}
	return nil
}

// Validate reports the first thing that makes the plan unusable: a bad or
// reserved variable name, a name set twice, a NUL byte in a value (no shell
// can hold one), or a Clear entry that is not a name or a name prefix*.
// Errors name variables, never values.
func (p *Plan) Validate() error {
	if p.Client == "" {
		return fmt.Errorf("the plan has no client name")
	}
	seen := make(map[string]bool, len(p.Set))
	for _, v := range p.Set {
		if err := checkName(v.Name); err != nil {
			return err
		}
		if seen[v.Name] {
			return fmt.Errorf("the plan for %s sets %s twice", p.Client, v.Name)
		}
		seen[v.Name] = true
		if strings.IndexByte(v.Value, 0) >= 0 {
			return fmt.Errorf("the value of %s holds a NUL byte, which no shell can store", v.Name)
		}
	}
	for _, c := range p.Clear {
		name := strings.TrimSuffix(c, "*")
		if name == "" {
			return fmt.Errorf("the plan for %s clears %q, which would match every variable", p.Client, c)
		}
		if err := checkName(name); err != nil {
			return err
		}
	}
	return nil
}
