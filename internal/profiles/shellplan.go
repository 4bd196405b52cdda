package profiles

import (
	"slices"

	"github.com/stint-sh/stint/internal/shell"
)

// ShellPlan is the part of a Plan the shell applies. Its Clear list also
// names the leak-prone variables the plan sets (the shell sets those rather
// than clearing them), so that a token exported by hand in the previous
// client never becomes the saved prior value of this client's.
func ShellPlan(p Plan) *shell.Plan {
	sp := &shell.Plan{Client: p.Client, Prod: p.Prod, Clear: slices.Clone(p.Clear), Set: make([]shell.Var, 0, len(p.Vars))}
	for _, v := range p.Vars {
		sp.Set = append(sp.Set, shell.Var{Name: v.Name, Value: v.Value})
		if IsLeakProne(v.Name) {
			sp.Clear = append(sp.Clear, v.Name)
		}
	}
	return sp
}
