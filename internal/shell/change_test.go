package shell

import (
	"encoding/json"
	"fmt"
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

// The plans below clear what real plans clear: profiles builds every
// client's Clear list from one fixed leak-prone list (minus what the client
// sets), so a name the next client clears was either set or cleared by the
// previous one, or absent when the shell entered it.
var (
	planA = &Plan{
		Client: "acme",
		Set: []Var{
			{"AWS_PROFILE", "acme-prod"}, {"AWS_ACCESS_KEY_ID", "AKIAACME"}, {"GH_TOKEN", "acme-gh"},
			{"GIT_AUTHOR_EMAIL", "me@acme.test"}, {"TF_TOKEN_app_terraform_io", "acme-tf"},
		},
		Clear: []string{"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "GITHUB_TOKEN", "TF_TOKEN_*"},
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
		"reserved: stint manages": {Client: "a", Set: []Var{{"STINT_CLIENT", "x"}}},
		"belongs to the shell":    {Client: "a", Set: []Var{{"PWD", "/"}}},
		"not a valid":             {Client: "a", Set: []Var{{"A-B", "x"}}},
		"sets X twice":            {Client: "a", Set: []Var{{"X", "1"}, {"X", "2"}}},
		"NUL byte":                {Client: "a", Set: []Var{{"X", "a\x00b"}}},
		"every variable":          {Client: "a", Clear: []string{"*"}},
		"no client":               {Set: []Var{{"X", "1"}}},
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
	assert.Contains(t, Render(Bash, c), "builtin export A=$'it\\'s'\nbuiltin unset -v B\n")
	assert.Contains(t, Render(Zsh, c), "builtin export A=$'it\\'s'\nbuiltin unset -v B\n")
	assert.Contains(t, Render(Fish, c), "builtin set -g -x A 'it\\'s'\nbuiltin set -q -g B; and builtin set -e -g B\n")
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
	assert.Equal(t, map[string]string{"AWS_PROFILE": "mine", "GH_TOKEN": "my-own-gh", "AWS_SESSION_TOKEN": "my-session", "TF_TOKEN_example_com": "my-tf", VarPrevious: "acme"}, doc.Set)
	assert.ElementsMatch(t, []string{"AWS_ACCESS_KEY_ID", "GIT_AUTHOR_EMAIL", "TF_TOKEN_app_terraform_io", VarClient, VarState}, doc.Unset)

	_, err = RenderJSON(Change{Ops: []Op{{Name: "SECRET", Value: "\xffhidden"}}})
	assert.ErrorContains(t, err, "SECRET is not valid UTF-8")
	assert.NotContains(t, err.Error(), "hidden")
}

// TestSwitchInvariantRandom: for random original environments and random
// plans drawn from a small pool of names (so clients and the user collide
// often), every step leaves exactly original-minus-clears-plus-sets, and
// leaving gives back the original environment. Plans clear what real plans
// clear: every leak-prone name they do not set.
func TestSwitchInvariantRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"AWS_PROFILE", "GH_TOKEN", "TF_TOKEN_a", "TF_TOKEN_b", "KUBECONFIG", "X", "Y", "FOOPATH"}
	for i := range 2000 {
		original := randomEnv(rng, names)
		env := maps.Clone(original)
		var last *Plan
		for range 1 + rng.IntN(4) {
			plan := randomPlan(rng, names, []string{"acme", "globex"}[rng.IntN(2)], rng.IntN(2) == 0)
			_, env = step(t, env, plan)
			require.Equal(t, expectedIn(original, plan), userVars(env), "case %d", i)
			last = plan
		}
		_, env = step(t, env, nil)
		require.Equal(t, userVars(original), userVars(env), "case %d: off did not restore", i)
		require.Equal(t, last.Client, env[VarPrevious], "case %d", i)
	}
}

// leakPool is the random plans' leak-prone list, as profiles keeps one.
var leakPool = []string{"AWS_PROFILE", "GH_TOKEN", "KUBECONFIG", "TF_TOKEN_*"}

func randomValue(rng *rand.Rand) string {
	vals := []string{"", "v", "it's", "\xff\n", "same"}
	return vals[rng.IntN(len(vals))]
}

func randomEnv(rng *rand.Rand, names []string) map[string]string {
	env := map[string]string{}
	for _, n := range names {
		if rng.IntN(2) == 0 {
			env[n] = randomValue(rng)
		}
	}
	return env
}

// randomPlan sets a random third of names and clears every leak-prone name.
// With withSets its Clear list also holds the leak-prone names it sets, as
// the workbench's plans do (Compute sets those rather than clears them).
func randomPlan(rng *rand.Rand, names []string, client string, withSets bool) *Plan {
	p := &Plan{Client: client}
	sets := map[string]bool{}
	for _, n := range names {
		if rng.IntN(3) == 0 {
			p.Set = append(p.Set, Var{n, randomValue(rng)})
			sets[n] = true
		}
	}
	for _, n := range leakPool {
		if withSets || !sets[n] {
			p.Clear = append(p.Clear, n)
		}
	}
	return p
}

// isLeakProne reports whether name is one of leakPool's names or families.
func isLeakProne(name string) bool {
	for _, c := range leakPool {
		if prefix, ok := strings.CutSuffix(c, "*"); name == c || ok && strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// TestHandExportedTokenStaysWithItsClient: a token the user exports by hand
// while in acme, absent when the shell entered acme, is acme's. Moving to
// globex clears it without keeping its value in globex's STINT_STATE (which
// every process in globex's shell can read), and `off` does not bring it
// back. Plain `off` from acme leaves it alone: stint undoes only what it did.
func TestHandExportedTokenStaysWithItsClient(t *testing.T) {
	const pasted = "pasted-in-acme"
	_, envA := step(t, userEnv, planA)
	envA["AWS_SECRET_ACCESS_KEY"] = pasted // exact name in both Clear lists
	envA["TF_TOKEN_hand_example"] = pasted // matches the TF_TOKEN_* family

	_, envB := step(t, envA, planB)
	assert.NotContains(t, envB, "AWS_SECRET_ACCESS_KEY")
	assert.NotContains(t, envB, "TF_TOKEN_hand_example")
	assertNoValueInState(t, envB, pasted)
	st, err := DecodeState(envB)
	require.NoError(t, err)
	assert.Contains(t, st.Saved, Saved{Name: "AWS_SECRET_ACCESS_KEY"}, "recorded as previously unset")
	assert.Contains(t, st.Saved, Saved{Name: "TF_TOKEN_hand_example"})

	_, envOff := step(t, envB, nil)
	assert.Equal(t, userVars(userEnv), userVars(envOff), "off gives back the user's own variables, not acme's pasted ones")

	// A client that sets the name (and lists it as leak-prone, as the
	// workbench's plans do) sets its own value, and off does not bring
	// acme's pasted one back either.
	envA["GITHUB_TOKEN"] = pasted
	setsIt := &Plan{Client: "initech", Set: []Var{{"GITHUB_TOKEN", "initech-gh"}}, Clear: []string{"GITHUB_TOKEN"}}
	_, envI := step(t, envA, setsIt)
	assert.Equal(t, "initech-gh", envI["GITHUB_TOKEN"])
	assertNoValueInState(t, envI, pasted)
	_, envOff = step(t, envI, nil)
	assert.NotContains(t, envOff, "GITHUB_TOKEN")
	delete(envA, "GITHUB_TOKEN")

	// Re-applying acme is no different: the pasted token is acme's session's.
	envA["AWS_SECRET_ACCESS_KEY"] = pasted
	_, again := step(t, envA, planA)
	assert.NotContains(t, again, "AWS_SECRET_ACCESS_KEY")
	assertNoValueInState(t, again, pasted)

	// Plain off has no Clear list: the hand-set variable stays as it is,
	// and the state it leaves is empty.
	_, offFromA := step(t, envA, nil)
	assert.Equal(t, pasted, offFromA["AWS_SECRET_ACCESS_KEY"])
	assert.NotContains(t, offFromA, VarState)
}

func assertNoValueInState(t *testing.T, env map[string]string, value string) {
	t.Helper()
	st, err := DecodeState(env)
	require.NoError(t, err)
	for _, s := range st.Saved {
		assert.NotEqual(t, value, s.Prior, "%s's hand-set value is kept in %s", s.Name, VarState)
	}
}

// TestHandExportsRandom: random chains with leak-prone variables exported by
// hand inside a client. After every switch no hand-set leak-prone value is
// in the environment (unless the plan set that name) or in the state, and
// `off` after a switch gives back exactly the original environment.
func TestHandExportsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	names := []string{"AWS_PROFILE", "GH_TOKEN", "TF_TOKEN_a", "TF_TOKEN_b", "KUBECONFIG", "X", "Y"}
	for i := range 2000 {
		original := randomEnv(rng, names)
		env := maps.Clone(original)
		for range 1 + rng.IntN(4) {
			plan := randomPlan(rng, names, []string{"acme", "globex"}[rng.IntN(2)], true)
			_, env = step(t, env, plan)
			for name, v := range env {
				require.False(t, strings.HasPrefix(v, "hand-"), "case %d: %s=%s survived a switch", i, name, v)
			}
			assertNoValueInState(t, env, "hand-0")
			assertNoValueInState(t, env, "hand-1")
			// The user pastes leak-prone tokens into the client's shell.
			for k := range rng.IntN(3) {
				name := names[rng.IntN(5)] // the leak-prone ones
				require.True(t, isLeakProne(name))
				env[name] = fmt.Sprintf("hand-%d", k)
			}
		}
		_, env = step(t, env, randomPlan(rng, names, "acme", true))
		_, env = step(t, env, nil)
		require.Equal(t, userVars(original), userVars(env), "case %d: off did not restore", i)
	}
}

// STINT_PROD follows the plan: set for a production plan, unset when the
// next client is not one and when the shell leaves.
func TestProdVariableFollowsThePlan(t *testing.T) {
	env := map[string]string{"HOME": "/home/ada"}
	_, env = step(t, env, &Plan{Client: "bank", Prod: "client"})
	assert.Equal(t, "client", env[VarProd])
	_, env = step(t, env, &Plan{Client: "acme", Prod: "context"})
	assert.Equal(t, "context", env[VarProd])
	_, env = step(t, env, &Plan{Client: "globex"})
	assert.NotContains(t, env, VarProd)
	_, env = step(t, env, &Plan{Client: "bank", Prod: "client"})
	_, env = step(t, env, nil)
	assert.NotContains(t, env, VarProd)
	assert.Equal(t, map[string]string{"HOME": "/home/ada"}, userVars(env))

	_, env = step(t, env, &Plan{Client: "bank", Prod: "client"})
	assert.NotContains(t, Forget(env).Apply(env), VarProd)
}

// The guard's directory goes in front of PATH on entering a guarded client
// and comes out on leaving: a PATH nobody touched is back exactly, one the
// user extended meanwhile keeps the extension, and a move between two
// guarded clients leaves PATH alone.
func TestPathFront(t *testing.T) {
	const g = "/home/ada/.local/share/stint/guard/bin"
	orig := map[string]string{"PATH": "/usr/bin:/bin", "HOME": "/h"}
	c, env := step(t, orig, &Plan{Client: "bank", PathFront: g})
	assert.Equal(t, g+":/usr/bin:/bin", env["PATH"])
	st, err := DecodeState(env)
	require.NoError(t, err)
	assert.Equal(t, g, st.PathFront)
	assert.Contains(t, c.names(), "PATH")

	c, env2 := step(t, env, &Plan{Client: "acme", PathFront: g})
	assert.NotContains(t, c.names(), "PATH", "guarded to guarded: PATH stays")
	assert.Equal(t, env["PATH"], env2["PATH"])

	_, env3 := step(t, env2, nil)
	assert.Equal(t, orig, userVars(env3), "off gives PATH back exactly")

	// The user extends PATH inside the client: leaving keeps that.
	env2["PATH"] = "/opt/x:" + env2["PATH"] + ":/usr/local/bin"
	_, env3 = step(t, env2, &Plan{Client: "globex"})
	assert.Equal(t, "/opt/x:/usr/bin:/bin:/usr/local/bin", env3["PATH"], "to a client without the guard")
	st, err = DecodeState(env3)
	require.NoError(t, err)
	assert.Empty(t, st.PathFront)

	// Moved out of first place (a tool manager prepended to PATH): still
	// only stint's entry goes, and a switch puts it in front again once.
	env2["PATH"] = "/opt/x:" + g + ":/usr/bin"
	_, env3 = step(t, env2, &Plan{Client: "bank", PathFront: g})
	assert.Equal(t, g+":/opt/x:/usr/bin", env3["PATH"])

	// No PATH at all: nothing to put in front of, and nothing recorded.
	_, env4 := step(t, map[string]string{"HOME": "/h"}, &Plan{Client: "bank", PathFront: g})
	assert.NotContains(t, env4, "PATH")
	_, env4 = step(t, env4, nil)
	assert.Equal(t, map[string]string{"HOME": "/h"}, userVars(env4))

	// A directory that cannot be a PATH entry is refused.
	_, err = Compute(orig, State{}, &Plan{Client: "bank", PathFront: "/a:b"}, "")
	assert.Error(t, err)
}
