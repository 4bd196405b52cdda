package shell

import (
	"maps"
	"slices"
	"strings"
)

// Op is one step of a Change: set Name to Value, or unset Name.
type Op struct {
	Name  string
	Value string // ignored when Unset
	Unset bool
	// Restore marks an op that puts back what the shell had before stint
	// (leaving a client): fish renders it so that a universal variable
	// shows through again rather than being copied into a global.
	Restore bool
}

// Change is what moving a shell from its current state to a plan (or to no
// client) does to its environment. Each variable appears at most once, so
// the order of Ops never changes the result; it is still deterministic
// (restores, then the plan's variables in plan order, then clears, then
// stint's own variables) so scripts and golden files are stable.
type Change struct {
	From string // client the shell was in ("" when none)
	To   string // client the shell ends up in ("" for off)
	Ops  []Op
}

// Empty reports whether the change does nothing (off in a shell that is in
// no client). Its script is empty, and the hook sources nothing.
func (c Change) Empty() bool { return len(c.Ops) == 0 }

// Apply returns a copy of env with the change made — the environment the
// shell will have after sourcing the rendered script. `stint exec` and
// `stint shell` use it to build a child's environment.
func (c Change) Apply(env map[string]string) map[string]string {
	out := maps.Clone(env)
	if out == nil {
		out = map[string]string{}
	}
	for _, op := range c.Ops {
		if op.Unset {
			delete(out, op.Name)
		} else {
			out[op.Name] = op.Value
		}
	}
	return out
}

// Compute works out the change that moves a shell to plan, or out of its
// client when plan is nil (`stint off`). env is the shell's environment as
// the stint process sees it, st its decoded state, session the id to record
// when the shell has none yet (e.g. `eval "$(stint env NAME)"` without the
// hook); "" leaves VarSession alone.
//
// It first undoes the previous client: every saved variable goes back to its
// prior value or is unset. On that restored view it applies the plan, saving
// each variable's restored value as its prior, and unsets the plan's Clear
// variables that are present (saving them too, so `off` brings back what the
// user had before stint). Leaving a client therefore never keeps its values,
// and A → B → off gives back the original environment, except that VarPrevious
// remembers the last client and VarSession stays.
//
// A Clear variable that is present but not in the previous client's record
// was exported by hand during that client's session (every plan clears the
// same leak-prone names, so one present on entry was recorded then): say a
// GITHUB_TOKEN pasted into acme's shell. Moving to any plan unsets it (or
// sets the plan's value, when the plan sets that name and lists it in Clear
// too) and records it as having had no prior value, so it is not carried
// into the next client's state nor restored by `off`. Plain `off` (plan
// nil) has no Clear list and leaves such hand-set variables alone: stint
// only undoes what it did, and the user's own export is theirs to unset.
//
// Compute is pure. It fails only on a plan that does not Validate.
func Compute(env map[string]string, st State, plan *Plan, session string) (Change, error) {
	if plan != nil {
		if err := plan.Validate(); err != nil {
			return Change{}, err
		}
	}
	if plan == nil && !st.Active() {
		return Change{From: st.Client}, nil
	}

	// The environment as it is once the previous client is undone.
	restored := make(map[string]*string, len(st.Saved))
	for _, s := range st.Saved {
		if s.WasSet {
			prior := s.Prior
			restored[s.Name] = &prior
		} else {
			restored[s.Name] = nil
		}
	}
	lookup := func(name string) (string, bool) {
		if v, ok := restored[name]; ok {
			if v == nil {
				return "", false
			}
			return *v, true
		}
		v, ok := env[name]
		return v, ok
	}

	// handSet: name is present but the previous client's record does not
	// hold it, so it was exported by hand during that client's session.
	handSet := func(name string) bool {
		_, recorded := restored[name]
		return st.Active() && !recorded
	}

	var planOps []Op
	var saved []Saved
	touched := map[string]bool{}
	if plan != nil {
		for _, v := range plan.Set {
			prior, wasSet := lookup(v.Name)
			if wasSet && handSet(v.Name) && matchesAny(plan.Clear, v.Name) {
				prior, wasSet = "", false // a leak-prone name: see the Clear loop below
			}
			saved = append(saved, Saved{Name: v.Name, Prior: prior, WasSet: wasSet})
			planOps = append(planOps, Op{Name: v.Name, Value: v.Value})
			touched[v.Name] = true
		}
		for _, name := range clearedNames(plan.Clear, env, restored, touched) {
			prior, wasSet := lookup(name)
			if !wasSet {
				continue
			}
			if handSet(name) {
				// Exported by hand inside the previous client (the previous
				// plan cleared or set every leak-prone name present when
				// the shell entered it): it is that client's, so it is
				// cleared and saved as unset — its value never reaches
				// the state, and `off` never brings it back.
				prior, wasSet = "", false
			}
			saved = append(saved, Saved{Name: name, Prior: prior, WasSet: wasSet})
			planOps = append(planOps, Op{Name: name, Unset: true})
			touched[name] = true
		}
	}

	c := Change{From: st.Client}
	for _, s := range st.Saved {
		if touched[s.Name] {
			continue // the plan decides its final value below
		}
		if s.WasSet {
			c.Ops = append(c.Ops, Op{Name: s.Name, Value: s.Prior, Restore: true})
		} else {
			c.Ops = append(c.Ops, Op{Name: s.Name, Unset: true, Restore: true})
		}
	}
	c.Ops = append(c.Ops, planOps...)
	pathOps, front := pathChange(env, st, plan)
	c.Ops = append(c.Ops, pathOps...)
	c.Ops = append(c.Ops, bookkeeping(env, st, plan, session, saved, front)...)
	if plan != nil {
		c.To = plan.Client
	}
	return c, nil
}

// matchesAny reports whether name is one of a Clear list's names or starts
// with one of its prefix* entries.
func matchesAny(clear []string, name string) bool {
	for _, c := range clear {
		if prefix, ok := strings.CutSuffix(c, "*"); name == c || ok && strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// clearedNames expands a plan's Clear list against the restored view of the
// environment: exact names as given, then prefix* matches in sorted order.
// Names the plan sets, stint's own and shell-owned names are skipped.
func clearedNames(clear []string, env map[string]string, restored map[string]*string, sets map[string]bool) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if !sets[name] && !seen[name] && CheckName(name) == nil {
			seen[name] = true
			out = append(out, name)
		}
	}
	var prefixes []string
	for _, c := range clear {
		if p, ok := strings.CutSuffix(c, "*"); ok {
			prefixes = append(prefixes, p)
		} else {
			add(c)
		}
	}
	if len(prefixes) == 0 {
		return out
	}
	var matches []string
	for name := range env {
		matches = append(matches, name)
	}
	for name, v := range restored {
		if v != nil {
			matches = append(matches, name)
		}
	}
	slices.Sort(matches)
	for _, name := range slices.Compact(matches) {
		for _, p := range prefixes {
			if strings.HasPrefix(name, p) {
				add(name)
				break
			}
		}
	}
	return out
}

// bookkeeping returns the ops on stint's own variables, state last.
func bookkeeping(env map[string]string, st State, plan *Plan, session string, saved []Saved, front string) []Op {
	if plan == nil {
		ops := []Op{{Name: VarClient, Unset: true}}
		if st.Client != "" {
			ops = append(ops, Op{Name: VarPrevious, Value: st.Client})
		}
		if _, ok := env[VarProd]; ok {
			ops = append(ops, Op{Name: VarProd, Unset: true})
		}
		return append(ops, Op{Name: VarState, Unset: true})
	}
	ops := []Op{{Name: VarClient, Value: plan.Client}}
	if plan.Prod != "" {
		ops = append(ops, Op{Name: VarProd, Value: plan.Prod})
	} else if _, ok := env[VarProd]; ok {
		ops = append(ops, Op{Name: VarProd, Unset: true})
	}
	switch _, had := env[VarPrevious]; {
	case st.Client != "" && st.Client != plan.Client:
		ops = append(ops, Op{Name: VarPrevious, Value: st.Client})
	case st.Client == "" && had:
		// Coming from no client: `stint switch -` goes back to none, as
		// `cd -` goes back to where the shell was, so the older previous
		// client is forgotten.
		ops = append(ops, Op{Name: VarPrevious, Unset: true})
	}
	if session != "" && env[VarSession] != session {
		ops = append(ops, Op{Name: VarSession, Value: session})
	}
	return append(ops, Op{Name: VarState, Value: EncodeState(saved, front)})
}

// pathChange moves PATH from the previous client's front directory to the
// plan's: the entry stint put there is taken out (every copy of it, so
// nothing of stint's is left behind), and the plan's is put in front. The
// rest of PATH is the user's and stays as it is now, changes made during
// the session included; untouched, it comes back exactly as before the
// first switch. front is what the new state records.
func pathChange(env map[string]string, st State, plan *Plan) (ops []Op, front string) {
	cur, ok := env["PATH"]
	if !ok {
		return nil, "" // nothing to put a directory in front of
	}
	want := cur
	if st.PathFront != "" {
		want = withoutEntry(want, st.PathFront)
	}
	if plan != nil && plan.PathFront != "" {
		front = plan.PathFront
		if rest := withoutEntry(want, front); rest != "" {
			want = front + ":" + rest
		} else {
			want = front
		}
	}
	if want == cur {
		return nil, front
	}
	return []Op{{Name: "PATH", Value: want}}, front
}

// WithoutPathEntry is the colon-separated list path without the entries
// equal to dir.
func WithoutPathEntry(path, dir string) string { return withoutEntry(path, dir) }

// withoutEntry is the colon-separated list path without the entries equal
// to dir.
func withoutEntry(path, dir string) string {
	parts := strings.Split(path, ":")
	kept := parts[:0]
	for _, p := range parts {
		if p != dir {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ":")
}

// Forget is the change for `stint off --force`: it drops stint's record of
// the shell (for when VarState is unreadable) without restoring anything.
func Forget(env map[string]string) Change {
	c := Change{From: env[VarClient]}
	c.Ops = append(c.Ops, Op{Name: VarClient, Unset: true})
	if _, ok := env[VarProd]; ok {
		c.Ops = append(c.Ops, Op{Name: VarProd, Unset: true})
	}
	if c.From != "" {
		c.Ops = append(c.Ops, Op{Name: VarPrevious, Value: c.From})
	}
	c.Ops = append(c.Ops, Op{Name: VarState, Unset: true})
	return c
}
