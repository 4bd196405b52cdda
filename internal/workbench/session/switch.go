package session

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/profiles/kube"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/awsaccess"
	"github.com/stint-sh/stint/internal/workbench/clients"
	"github.com/stint-sh/stint/internal/workbench/identity"
)

// Access-log actions of the shell commands.
const (
	ActionSwitch = "switch" // `stint switch`, the picker
	ActionEnv    = "env"    // `stint env NAME`: the script a shell evals
	ActionOff    = "off"    // leaving a client, by `off` or `env --off`
	ActionExec   = "exec"
	ActionShell  = "shell"
)

// ShellJSON is SwitchRequest.Shell for the JSON document of `--shell json`.
const ShellJSON = "json"

// Switch moves the calling shell to req.Client ("" leaves the current
// client, "-" goes back to the previous one), worked out from the shell's
// own environment (req.Environ), and hands the script to deliver. Besides
// the script, a switch writes the session kubeconfig and the client's tool
// homes, logs the access (secret names, never values) and, for the switch
// and env actions, moves the auto-track timer (`stint env NAME` is
// evaluated by the calling shell, so it is as much a switch as `stint
// switch NAME`).
//
// It is all or nothing. Everything that can fail on bad input (unknown
// client, unreadable state, a keyring that cannot be read, a kubeconfig or
// context that has vanished, an invalid variable) fails before anything is
// written. The access-log row and the timer's move are made in one
// transaction that commits only once deliver has handed the script over:
// a script that cannot be delivered leaves no row, no timer move and no
// session kubeconfig. The summary deliver gets is worked out from that
// transaction, so it says what the timer really did. On error the result
// holds no script.
func (s *Sessions) Switch(ctx context.Context, req SwitchRequest, deliver Deliver) (SwitchResult, error) {
	if _, err := renderChange(req.Shell, shell.Change{}); err != nil {
		return SwitchResult{}, err
	}
	env := shell.EnvironMap(req.Environ)
	st, err := shell.DecodeState(env)
	if err != nil {
		return SwitchResult{}, err
	}
	target, err := resolveTarget(req.Client, st)
	if err != nil {
		return SwitchResult{}, err
	}
	if target == "" {
		return s.leave(ctx, req, env, st, deliver)
	}
	return s.enter(ctx, req, target, env, st, deliver)
}

// Forget is `stint off --force`: a script that drops stint's record of the
// shell without restoring anything, for when that record is unreadable.
// Variables keep the values they have. It needs no database; the session's
// kubeconfig goes once the script is delivered.
func (s *Sessions) Forget(req SwitchRequest, deliver Deliver) (SwitchResult, error) {
	env := shell.EnvironMap(req.Environ)
	change := shell.Forget(env)
	// The guard's shims are stint's too: off PATH with the record, though
	// the record that named them is what is unreadable.
	if path, ok := env["PATH"]; ok {
		if rest := shell.WithoutPathEntry(path, s.layout.GuardDir()); rest != path {
			change.Ops = append(change.Ops, shell.Op{Name: "PATH", Value: rest})
		}
	}
	script, err := renderChange(req.Shell, change)
	if err != nil {
		return SwitchResult{}, err
	}
	res := resultOf(change, script)
	res.Forgot = true
	if err := handOver(deliver, res, s.clock.Now()); err != nil {
		return SwitchResult{}, err
	}
	if client, session := env[shell.VarClient], env[shell.VarSession]; client != "" && session != "" && profiles.ValidateSlug(client) == nil {
		dropSessionKube(s.layout.ClientKubeDir(client), session)
	}
	return res, nil
}

// resolveTarget turns "-" into the shell's previous client. A shell in a
// client with no previous one came to it from no client, so "-" leaves
// ("" ), as `cd -` goes back to where the shell was.
func resolveTarget(client string, st shell.State) (string, error) {
	if client != "-" {
		return client, nil
	}
	if st.Previous == "" && st.Client != "" {
		return "", nil
	}
	if st.Previous == "" {
		return "", badinput.Errorf("this shell has no previous client to go back to: switch to one by name, e.g. `stint switch acme`")
	}
	return st.Previous, nil
}

// enter moves the shell to slug.
func (s *Sessions) enter(ctx context.Context, req SwitchRequest, slug string, env map[string]string, st shell.State, deliver Deliver) (SwitchResult, error) {
	session := env[shell.VarSession]
	if session == "" {
		// No hook: `eval "$(stint env NAME)"`. The script records this id,
		// so the shell's next switch reuses it. The parent is the shell that
		// evaluates the script (the shell execs a lone command substitution
		// itself), whose liveness tells when the session kubeconfig may go.
		// The id is stable per shell, so calls that are never evaluated
		// (scripts, benchmarks) rewrite one file instead of adding files.
		session = fmt.Sprintf("%d-env", os.Getppid())
	}
	if st.Client == "" {
		// A session's first switch (or the first after `off`): rare per
		// shell, so a good moment to sweep files of shells that are gone.
		// Before writing, so this session's own file is never swept.
		sweepStaleKube(s.layout.Runtime)
	}
	p, err := s.prepare(ctx, slug, env, st, session, req.MFA, req.Preview, shell.ArgvMargin)
	if err != nil {
		return SwitchResult{}, err
	}
	change := p.change
	if req.Preview {
		change = maskSecrets(change, p.plan.SecretNames())
	}
	script, err := renderChange(req.Shell, change)
	if err != nil {
		p.undo()
		return SwitchResult{}, err
	}
	res := resultOf(change, script)
	if names := p.plan.SecretNames(); names != nil {
		res.SecretNames = names
	}
	res.MissingSecrets = p.missing
	res.Kubeconfig = p.plan.Kube.Path
	res.AWS = p.aws
	res.From = st.Client
	res.Name, res.Production = p.client.Name, p.client.Production
	res.ProdContext = p.plan.Kube.Prod
	if !req.Preview && p.expects {
		res.CheckIdentity = true
		res.Environ = environList(p.change.Apply(shell.WithoutHookOnly(env)))
	}
	if k := p.plan.Kube; k.Current != "" {
		res.KubeContext = k.Current
		if k.Namespace != "" {
			res.KubeContext += "/" + k.Namespace
		}
	}
	if s.budget != nil && !req.Preview {
		// Read before the timer moves: a started timer adds nothing yet,
		// and the write transaction below is not held open for a report.
		// A budget that cannot be read never stops a switch.
		res.Budget, _ = s.budget(ctx, slug)
	}
	detail := ""
	if req.Preview {
		detail = "preview"
	}
	access := store.Access{
		At: s.clock.Now(), ClientID: p.client.ID, Session: session,
		Action: actionOr(req.Action, ActionSwitch), Detail: detail, SecretNames: res.SecretNames,
	}
	err = s.record(ctx, &res, deliver, func(tx *store.EntryTx) error {
		if err := tx.LogAccess(access); err != nil {
			return fmt.Errorf("cannot switch to %s: %w", slug, err)
		}
		if tracks(req.Action) && !req.Preview {
			// The shell must move whatever the timesheet says: a timer
			// that cannot follow is reported, never a reason to stay in
			// the wrong client's credentials.
			terr := tx.Savepoint(func() error {
				m, err := s.timer.FollowSwitchIn(ctx, tx, slug)
				res.TimerStarted, res.TimerStopped, res.TimerResumed = m.Started, m.Stopped, m.Resumed
				return err
			})
			if terr != nil {
				res.TimerProblem = terr.Error()
			}
		}
		return nil
	})
	if err != nil {
		p.undo()
		return SwitchResult{}, err
	}
	if st.Client != "" && st.Client != slug {
		dropSessionKube(s.layout.ClientKubeDir(st.Client), session)
	}
	return res, nil
}

// leave moves the shell out of its client (`stint off`, `env --off`).
func (s *Sessions) leave(ctx context.Context, req SwitchRequest, env map[string]string, st shell.State, deliver Deliver) (SwitchResult, error) {
	change, err := shell.Compute(env, st, nil, "")
	if err != nil {
		return SwitchResult{}, err
	}
	script, err := renderChange(req.Shell, change)
	if err != nil {
		return SwitchResult{}, err
	}
	res := resultOf(change, script)
	res.From = st.Client
	if st.Client == "" || profiles.ValidateSlug(st.Client) != nil {
		return res, handOver(deliver, res, s.clock.Now())
	}
	session := env[shell.VarSession]
	c, err := s.db.Client(ctx, st.Client)
	switch {
	case err == nil:
		err = s.record(ctx, &res, deliver, func(tx *store.EntryTx) error {
			if err := tx.LogAccess(store.Access{At: s.clock.Now(), ClientID: c.ID, Session: session, Action: ActionOff}); err != nil {
				return fmt.Errorf("cannot leave %s: %w", st.Client, err)
			}
			var err error
			if res.TimerStopped, err = s.timer.StopTimerOfIn(ctx, tx, st.Client); err != nil {
				return fmt.Errorf("cannot leave %s: %w", st.Client, err)
			}
			return nil
		})
	case errors.Is(err, store.ErrNotFound):
		// A client removed meanwhile still leaves cleanly: the state in
		// the shell's environment is all the script needs.
		err = handOver(deliver, res, s.clock.Now())
	}
	if err != nil {
		return SwitchResult{}, err
	}
	if session != "" {
		dropSessionKube(s.layout.ClientKubeDir(st.Client), session)
	}
	sweepStaleKube(s.layout.Runtime)
	return res, nil
}

// maskSecrets replaces the values of the named variables with a marker that
// says what was there, for a script shown to a person.
func maskSecrets(c shell.Change, names []string) shell.Change {
	out := c
	out.Ops = make([]shell.Op, len(c.Ops))
	for i, op := range c.Ops {
		if !op.Unset && slices.Contains(names, op.Name) {
			op.Value = fmt.Sprintf("<secret: %d bytes, masked>", len(op.Value))
		}
		out.Ops[i] = op
	}
	return out
}

// prepared is a move to a client, worked out in full, its files written.
type prepared struct {
	client  store.Client
	plan    profiles.Plan
	change  shell.Change
	missing []string // secret names the keyring holds no value for
	aws     *awsaccess.Session
	undo    func() // removes the session kubeconfig if prepare created it
	expects bool   // the profile expects identities (whoami)
}

// prepare reads the client's profile (one read transaction) and, only when
// it has secrets, its keyring set (one round trip), builds the plan, checks
// the kubeconfig files and writes the session kubeconfig and tool homes, and
// computes the change from the shell's state. session names the session
// kubeconfig; Compute records it in the shell when the environment does not
// hold it yet. On error nothing it wrote is left behind.
//
// The keyring call is the slowest step of a switch (a few D-Bus round
// trips), so the kubeconfig work happens while it is in flight.
func (s *Sessions) prepare(ctx context.Context, slug string, env map[string]string, st shell.State, session string, ask awsaccess.MFAPrompt, preview bool, argvBytes int) (_ prepared, err error) {
	prof, err := s.clients.StoredProfile(ctx, slug)
	if err != nil {
		return prepared{}, err
	}
	if prof.Client.Archived {
		// Offboarded: its credentials were meant to be out of reach.
		return prepared{}, clients.ArchivedError(slug)
	}
	if prof.Client.ReviewPending {
		// Imported content nobody has looked at yet: nothing of it runs.
		return prepared{}, clients.PendingError(slug)
	}
	type loaded struct {
		values map[string]string
		err    error
	}
	secretsCh := make(chan loaded, 1)
	go func() {
		values, err := s.clients.LoadSecrets(slug, prof.SecretNames)
		secretsCh <- loaded{values, err}
	}()
	awsCache := s.aws.ReadCache(prof) // beside the secrets
	undo := func() {}
	defer func() {
		if err != nil {
			undo()
		}
	}()

	kubeDir := s.layout.ClientKubeDir(slug)
	in := profiles.PlanInput{
		Profile:  prof,
		ToolHome: func(tool string) string { return s.layout.ToolHome(slug, tool) },
	}
	in.KubeconfigPath, err = kube.SessionPath(kubeDir, session)
	if err == nil {
		// The files of a plan do not depend on its secrets.
		var written func()
		if written, err = s.writeFiles(slug, kubeDir, session, in); err == nil {
			undo = written
		}
	}
	sec := <-secretsCh
	if err != nil {
		return prepared{}, err
	}
	if sec.err != nil {
		return prepared{}, sec.err
	}

	in.Secrets = sec.values
	aws, err := s.aws.AddTemporary(ctx, prof, &in, env, st, session, ask, preview, awsCache)
	if err != nil {
		return prepared{}, err
	}
	plan, err := profiles.BuildPlan(in)
	if err != nil {
		return prepared{}, err
	}
	sp := profiles.ShellPlan(plan)
	if sp.PathFront, err = s.guardFront(ctx); err != nil {
		return prepared{}, fmt.Errorf("cannot switch to %s: %w", slug, err)
	}
	change, err := shell.Compute(env, st, sp, session)
	if err != nil {
		return prepared{}, fmt.Errorf("cannot switch to %s: %w", slug, err)
	}
	// The shell (or the child) must still be able to start programs —
	// `stint off` among them — once it has this environment.
	if err := shell.CheckEnvSize(change.Apply(shell.WithoutHookOnly(env)), argvBytes, shell.SystemExecLimits()); err != nil {
		return prepared{}, fmt.Errorf("cannot switch to %s: %w — remove or shorten some with `stint unset %s NAME` or `stint secret rm %s NAME`", slug, err, slug, slug)
	}
	return prepared{client: prof.Client, plan: plan, change: change, missing: clients.MissingSecrets(prof.SecretNames, sec.values), aws: aws, undo: undo,
		expects: identity.ExpectOf(prof).Any()}, nil
}

// writeFiles checks the plan's kubeconfig files, then creates its tool
// homes (0700) and tool config files (empty, 0600) and writes the session
// kubeconfig. undo removes the kubeconfig and the (still empty) tool homes
// and files this call created.
func (s *Sessions) writeFiles(slug, kubeDir, session string, in profiles.PlanInput) (undo func(), err error) {
	draft, err := profiles.BuildPlan(in)
	if err != nil {
		return nil, err
	}
	cfg, err := buildSessionKube(slug, draft.Kube)
	if err != nil {
		return nil, err
	}
	var created []string // tool homes and files this call made, removed again by undo
	removeCreated := func() {
		for i := len(created) - 1; i >= 0; i-- {
			_ = os.Remove(created[i]) // a directory only while still empty
		}
	}
	for _, dir := range draft.Dirs {
		if _, err := os.Stat(dir); err != nil {
			created = append(created, dir)
		}
		if err := paths.EnsureDir(dir); err != nil {
			removeCreated()
			return nil, err
		}
	}
	for _, file := range draft.Files {
		made, err := ensureEmptyFile(file)
		if made {
			created = append(created, file)
		}
		if err != nil {
			removeCreated()
			return nil, err
		}
	}
	undoKube, err := writeSessionKube(kubeDir, session, cfg)
	if err != nil {
		removeCreated()
		return nil, err
	}
	return func() { undoKube(); removeCreated() }, nil
}

// ensureEmptyFile creates path empty with mode 0600 unless it exists; a
// file that exists is the user's and is left as it is. made says whether
// this call created it.
func ensureEmptyFile(path string) (made bool, err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cannot create %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return true, fmt.Errorf("cannot create %s: %w", path, err)
	}
	return true, nil
}

// renderChange writes a change for the shell named sh: bash, zsh, fish or
// json. An unknown name is bad input.
func renderChange(sh string, c shell.Change) (string, error) {
	if sh == ShellJSON {
		b, err := shell.RenderJSON(c)
		return string(b), err
	}
	kind, err := shell.ParseKind(sh)
	if err != nil {
		return "", badinput.Errorf("unknown shell %q: use bash, zsh, fish or json", sh)
	}
	return shell.Render(kind, c), nil
}

// resultOf lists what a change sets and unsets, by name only.
func resultOf(c shell.Change, script string) SwitchResult {
	res := SwitchResult{Client: c.To, Script: script, Set: []string{}, Unset: []string{}, SecretNames: []string{}}
	for _, op := range c.Ops {
		if op.Unset {
			res.Unset = append(res.Unset, op.Name)
		} else {
			res.Set = append(res.Set, op.Name)
		}
	}
	return res
}

func actionOr(action, def string) string {
	if action == "" {
		return def
	}
	return action
}

// tracks: which actions move the auto-track timer. exec and shell run a
// command beside the calling shell and leave the clock alone.
func tracks(action string) bool {
	return action == "" || action == ActionSwitch || action == ActionEnv
}

// environList is the inverse of EnvironMap, sorted for stable output.
func environList(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}
