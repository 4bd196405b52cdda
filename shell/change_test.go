package shell

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// step moves env to plan (nil = off) the way the CLI does: decode the state
// from the environment itself, compute, apply.
func step(t testing.TB, env map[string]string, plan *Plan) (Change, map[string]string) {
	t.Helper()
	st, err := DecodeState(env)
	require.NoError(t, err)
	c, err := Compute(env, st, plan, "4242-7")
	require.NoError(t, err)
	return c, c.Apply(env)
}

// userVars drops stint's own variables, leaving what the invariant is about.
func userVars(env map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range env {
		if !strings.HasPrefix(k, reservedPrefix) {
			out[k] = v
		}
	}
	return out
}

// expectedIn is the user's variables in a shell that moved to plan from a
// shell whose own (pre-stint) variables were original: the original, minus
// the plan's Clear matches, plus the plan's Set.
func expectedIn(original map[string]string, plan *Plan) map[string]string {
	want := userVars(original)
	if plan == nil {
		return want
	}
	sets := map[string]bool{}
	for _, v := range plan.Set {
		sets[v.Name] = true
	}
	for name := range maps.Clone(want) {
		for _, c := range plan.Clear {
			prefix, isPrefix := strings.CutSuffix(c, "*")
			if !sets[name] && (name == c || isPrefix && strings.HasPrefix(name, prefix)) {
				delete(want, name)
			}
		}
	}
	for _, v := range plan.Set {
		want[v.Name] = v.Value
	}
	return want
}

var (
	planA = &Plan{
		Client: "acme",
		Set: []Var{
			{"AWS_PROFILE", "acme-prod"}, {"AWS_ACCESS_KEY_ID", "AKIAACME"}, {"GH_TOKEN", "acme-gh"},
			{"GIT_AUTHOR_EMAIL", "me@acme.test"}, {"TF_TOKEN_app_terraform_io", "acme-tf"},
		},
		Clear: []string{"AWS_SESSION_TOKEN", "GITHUB_TOKEN"},
	}
	planB = &Plan{
		Client: "globex",
		Set:    []Var{{"AWS_PROFILE", "globex"}, {"GIT_AUTHOR_EMAIL", "me@globex.test"}, {"KUBECONFIG", "/run/s/k"}},
		Clear:  []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GH_TOKEN", "TF_TOKEN_*"},
	}
	userEnv = map[string]string{
		"HOME": "/home/me", "AWS_PROFILE": "mine", "GH_TOKEN": "my-own-gh", "AWS_SESSION_TOKEN": "my-session",
		"TF_TOKEN_example_com": "my-tf", "EDITOR": "vi",
	}
)

func TestSwitchChainRestoresEverything(t *testing.T) {
	cA, envA := step(t, userEnv, planA)
	assert.Equal(t, "", cA.From)
	assert.Equal(t, "acme", cA.To)
	assert.Equal(t, expectedIn(userEnv, planA), userVars(envA))
	assert.Equal(t, "acme", envA[VarClient])
	assert.Equal(t, "4242-7", envA[VarSession])
	assert.NotContains(t, envA, VarPrevious)

	cB, envB := step(t, envA, planB)
	assert.Equal(t, "acme", cB.From)
	assert.Equal(t, expectedIn(userEnv, planB), userVars(envB))
	assert.NotContains(t, envB, "AWS_ACCESS_KEY_ID", "acme's key must not survive in globex")
	assert.NotContains(t, envB, "GH_TOKEN", "neither acme's nor the user's token in globex")
	assert.NotContains(t, envB, "TF_TOKEN_app_terraform_io")
	assert.NotContains(t, envB, "TF_TOKEN_example_com")
	assert.Equal(t, "my-session", envB["AWS_SESSION_TOKEN"], "globex does not clear it; the user's own is back")
	assert.Equal(t, "acme", envB[VarPrevious])

	cOff, envOff := step(t, envB, nil)
	assert.Equal(t, "globex", cOff.From)
	assert.Equal(t, "", cOff.To)
	assert.Equal(t, userVars(userEnv), userVars(envOff))
	assert.NotContains(t, envOff, VarClient)
	assert.NotContains(t, envOff, VarState)
	assert.Equal(t, "globex", envOff[VarPrevious], "switch - after off goes back to globex")

	again, _ := step(t, envOff, nil)
	assert.True(t, again.Empty(), "off outside a client does nothing")
	for _, sh := range Kinds {
		assert.Equal(t, "", Render(sh, again))
	}
}

func TestSwitchToSameClientReapplies(t *testing.T) {
	_, env1 := step(t, userEnv, planA)
	c, env2 := step(t, env1, planA)
	assert.Equal(t, env1, env2)
	for _, op := range c.Ops {
		assert.NotEqual(t, VarPrevious, op.Name, "re-applying must not make acme its own previous client")
	}
	_, envOff := step(t, env2, nil)
	assert.Equal(t, userVars(userEnv), userVars(envOff))
}

func TestComputeOrderIsDeterministic(t *testing.T) {
	_, envA := step(t, userEnv, planA)
	st, err := DecodeState(envA)
	require.NoError(t, err)
	first, err := Compute(envA, st, planB, "")
	require.NoError(t, err)
	for range 20 {
		again, err := Compute(maps.Clone(envA), st, planB, "")
		require.NoError(t, err)
		assert.Equal(t, first, again)
	}
	var names []string
	for _, op := range first.Ops {
		names = append(names, op.Name)
	}
	// Restores first, in acme's order (variables globex neither sets nor
	// present-clears: acme's key had no prior value so it is simply unset),
	// then globex's variables, then its clears, then stint's own, state last.
	assert.Equal(t, []string{
		"AWS_ACCESS_KEY_ID", "TF_TOKEN_app_terraform_io", "AWS_SESSION_TOKEN",
		"AWS_PROFILE", "GIT_AUTHOR_EMAIL", "KUBECONFIG",
		"GH_TOKEN", "TF_TOKEN_example_com",
		VarClient, VarPrevious, VarState,
	}, names)
}

func TestComputeRejectsBadPlans(t *testing.T) {
	cases := map[string]*Plan{
		"stint's own":          {Client: "a", Set: []Var{{"STINT_CLIENT", "x"}}},
		"belongs to the shell": {Client: "a", Set: []Var{{"PWD", "/"}}},
		"not a valid":          {Client: "a", Set: []Var{{"A-B", "x"}}},
		"sets X twice":         {Client: "a", Set: []Var{{"X", "1"}, {"X", "2"}}},
		"NUL byte":             {Client: "a", Set: []Var{{"X", "a\x00b"}}},
		"every variable":       {Client: "a", Clear: []string{"*"}},
		"no client":            {Set: []Var{{"X", "1"}}},
	}
	for why, plan := range cases {
		_, err := Compute(nil, State{}, plan, "")
		if assert.Error(t, err, why) {
			assert.Contains(t, err.Error(), why)
			assert.NotContains(t, err.Error(), "a\x00b", "values never appear in errors")
		}
	}
}

func TestClearPrefixNeverTouchesStintVariables(t *testing.T) {
	env := map[string]string{VarSession: "1-1", "STINTX": "keep", "TOKEN_A": "a"}
	c, err := Compute(env, State{Session: "1-1"}, &Plan{Client: "a", Clear: []string{"STINT*", "TOKEN_*"}}, "1-1")
	require.NoError(t, err)
	after := c.Apply(env)
	assert.Equal(t, "1-1", after[VarSession])
	assert.NotContains(t, after, "STINTX")
	assert.NotContains(t, after, "TOKEN_A")
	assert.Equal(t, "a", after[VarClient])
}

func TestForget(t *testing.T) {
	env := map[string]string{VarClient: "acme", VarState: "v1.garbage", "AWS_PROFILE": "acme"}
	after := Forget(env).Apply(env)
	assert.Equal(t, map[string]string{VarPrevious: "acme", "AWS_PROFILE": "acme"}, after)
}

func TestRenderShapes(t *testing.T) {
	c := Change{Ops: []Op{{Name: "A", Value: "it's"}, {Name: "B", Unset: true}}}
	assert.Equal(t, "export A=$'it\\'s';\nunset -v B;\n", Render(Bash, c))
	assert.Equal(t, Render(Bash, c), Render(Zsh, c))
	assert.Equal(t, "set -gx A 'it\\'s';\nset -q -g B; and set -e -g B;\n", Render(Fish, c))
}

func TestRenderJSON(t *testing.T) {
	_, envA := step(t, userEnv, planA)
	c, _ := step(t, envA, nil)
	out, err := RenderJSON(c)
	require.NoError(t, err)
	var doc struct {
		Client, Previous string
		Set              map[string]string
		Unset            []string
	}
	require.NoError(t, json.Unmarshal(out, &doc))
	assert.Equal(t, "", doc.Client)
	assert.Equal(t, "acme", doc.Previous)
	assert.Equal(t, map[string]string{"AWS_PROFILE": "mine", "GH_TOKEN": "my-own-gh", "AWS_SESSION_TOKEN": "my-session", VarPrevious: "acme"}, doc.Set)
	assert.ElementsMatch(t, []string{"AWS_ACCESS_KEY_ID", "GIT_AUTHOR_EMAIL", "TF_TOKEN_app_terraform_io", VarClient, VarState}, doc.Unset)

	_, err = RenderJSON(Change{Ops: []Op{{Name: "SECRET", Value: "\xffhidden"}}})
	assert.ErrorContains(t, err, "SECRET is not valid UTF-8")
	assert.NotContains(t, err.Error(), "hidden")
}

// TestSwitchInvariantRandom: for random original environments and random
// plans drawn from a small pool of names (so clients and the user collide
// often), every step leaves exactly original-minus-clears-plus-sets, and
// leaving gives back the original environment.
func TestSwitchInvariantRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"AWS_PROFILE", "GH_TOKEN", "TF_TOKEN_a", "TF_TOKEN_b", "KUBECONFIG", "X", "Y", "FOOPATH"}
	value := func() string {
		vals := []string{"", "v", "it's", "\xff\n", "same"}
		return vals[rng.IntN(len(vals))]
	}
	randomPlan := func(client string) *Plan {
		p := &Plan{Client: client}
		for _, n := range names {
			switch rng.IntN(3) {
			case 0:
				p.Set = append(p.Set, Var{n, value()})
			case 1:
				p.Clear = append(p.Clear, n)
			}
		}
		if rng.IntN(2) == 0 {
			p.Clear = append(p.Clear, "TF_TOKEN_*")
		}
		return p
	}
	for i := range 2000 {
		original := map[string]string{}
		for _, n := range names {
			if rng.IntN(2) == 0 {
				original[n] = value()
			}
		}
		env := maps.Clone(original)
		var last *Plan
		for range 1 + rng.IntN(4) {
			plan := randomPlan([]string{"acme", "globex"}[rng.IntN(2)])
			_, env = step(t, env, plan)
			require.Equal(t, expectedIn(original, plan), userVars(env), "case %d", i)
			last = plan
		}
		_, env = step(t, env, nil)
		require.Equal(t, userVars(original), userVars(env), "case %d: off did not restore", i)
		require.Equal(t, last.Client, env[VarPrevious], "case %d", i)
	}
}
