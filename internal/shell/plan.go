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
	// PathFront, when not "", is a directory put at the front of PATH for
	// as long as the shell is in this client (the production guard's
	// shims). Leaving takes that one entry out again, so a PATH the user
	// did not touch meanwhile comes back exactly; entries added meanwhile
	// stay. A shell without PATH gets none.
	PathFront string
	// Prod, when not "", is exported as VarProd: why the shell is
	// production ("client" or "context"), for prompts.
	Prod string
}

// Var is one variable of a plan.
type Var struct{ Name, Value string }

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
		if err := CheckName(v.Name); err != nil {
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
	if strings.ContainsAny(p.PathFront, ":\x00") {
		return fmt.Errorf("the plan for %s puts a directory with a colon or a NUL byte on PATH", p.Client)
	}
	for _, c := range p.Clear {
		name := strings.TrimSuffix(c, "*")
		if name == "" {
			return fmt.Errorf("the plan for %s clears %q, which would match every variable", p.Client, c)
		}
		if err := CheckName(name); err != nil {
			return err
		}
	}
	return nil
}
