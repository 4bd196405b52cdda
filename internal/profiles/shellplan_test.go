package profiles

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stint-sh/stint/internal/shell"
)

func TestShellPlanKeepsOrderAndClears(t *testing.T) {
	p := Plan{Client: "acme", Vars: []Var{{Name: "A", Value: "1"}, {Name: "B", Value: "2", Secret: true}}, Clear: []string{"GH_TOKEN", "TF_TOKEN_*"}}
	assert.Equal(t, &shell.Plan{Client: "acme", Set: []shell.Var{{Name: "A", Value: "1"}, {Name: "B", Value: "2"}}, Clear: []string{"GH_TOKEN", "TF_TOKEN_*"}}, ShellPlan(p))
}

func TestShellPlanMarksTheLeakProneNamesItSets(t *testing.T) {
	p := Plan{Client: "acme", Vars: []Var{{Name: "GITHUB_TOKEN", Value: "t", Secret: true}, {Name: "TF_TOKEN_x", Value: "y"}, {Name: "Z", Value: "1"}}, Clear: []string{"GH_TOKEN"}}
	sp := ShellPlan(p)
	assert.Equal(t, []string{"GH_TOKEN", "GITHUB_TOKEN", "TF_TOKEN_x"}, sp.Clear)
	assert.Equal(t, []string{"GH_TOKEN"}, p.Clear, "the profiles plan is not changed")
}
