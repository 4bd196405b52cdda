package doctor

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/awsaccess"
	"github.com/stint-sh/stint/internal/workbench/clients"
)

// Check levels, from worst to best.
const (
	CheckFail = "fail" // something stint needs does not work: doctor exits 1
	CheckWarn = "warn" // works, but not as it should
	CheckInfo = "info" // optional tool found or not
	CheckOK   = "ok"
)

// Check is one line of `stint doctor`.
type Check struct {
	Name   string `json:"name"`
	Level  string `json:"level"`
	Detail string `json:"detail"`
	Fix    string `json:"fix,omitempty"`
}

// DoctorEnv is what doctor needs from outside the workbench.
type DoctorEnv struct {
	Getenv   func(string) string
	LookPath func(string) (string, error)
	HomeDir  string
	Environ  []string // the calling shell's environment; nil: not known
}

// prober is implemented by keyring stores that can check they are reachable
// and unlocked without reading any client's secrets.
type prober interface{ Probe() error }

// Doctor checks what stint relies on, one line each, and says how to fix
// what fails.
func (dr *Doctor) Run(ctx context.Context, env DoctorEnv) []Check {
	var out []Check
	add := func(name, level, detail, fix string) {
		out = append(out, Check{Name: name, Level: level, Detail: detail, Fix: fix})
	}

	if err := dr.db.IntegrityCheck(ctx); err != nil {
		add("database", CheckFail, fmt.Sprintf("%s: %v", dr.db.Path(), err),
			"restore stint.db from a backup, or move it away to start afresh")
	} else {
		add("database", CheckOK, dr.db.Path()+" opens and passes integrity_check", "")
	}

	out = append(out, dr.permissionChecks()...)

	clients, err := dr.db.Clients(ctx, true)
	if err != nil {
		add("clients", CheckFail, err.Error(), "")
	}
	withSecrets := 0
	for _, c := range clients {
		p, err := dr.db.Profile(ctx, c.Slug)
		if err == nil && len(p.SecretNames) > 0 {
			withSecrets++
		}
	}
	keyring := dr.keyringCheck(withSecrets)
	out = append(out, keyring)
	if keyring.Level == CheckOK {
		out = append(out, dr.secretChecks(ctx, clients)...)
	}
	if removed, err := dr.clients.CleanInterruptedSecrets(ctx); err != nil {
		add("interrupted secret sets", CheckWarn, err.Error(), "run `stint doctor` again")
	} else if len(removed) > 0 {
		add("interrupted secret sets", CheckInfo, "removed keyring values that no secret name points to: "+strings.Join(removed, ", "), "")
	}
	out = append(out, hookChecks(env)...)

	for _, tool := range []string{"git", "kubectl", "gcloud", "aws", "az"} {
		if path, err := env.LookPath(tool); err == nil {
			add(tool, CheckInfo, "found at "+path, "")
		} else {
			add(tool, CheckInfo, "not found on PATH (needed only for clients that use it)", "")
		}
	}

	for _, c := range clients {
		if c.ReviewPending && !c.Archived {
			// Not broken: nothing of it applies until the user has looked.
			add("review "+c.Slug, CheckWarn, "imported settings wait for review: switch, exec, shell and env refuse "+c.Slug,
				fmt.Sprintf("`stint client review %s`, then `stint client allow %s`", c.Slug, c.Slug))
		}
	}

	broken := 0
	for _, c := range clients {
		if c.Archived {
			continue
		}
		ks, err := dr.clients.KubeContexts(ctx, c.Slug)
		if err != nil {
			continue
		}
		// Every broken context: fixing one must not reveal the next only on
		// the following run. Contexts broken for one reason (a vanished
		// file) share a line.
		var problems []string
		byProblem := map[string][]string{}
		fixOf := map[string]string{}
		for _, k := range ks {
			if k.Problem != "" {
				if byProblem[k.Problem] == nil {
					problems = append(problems, k.Problem)
				}
				byProblem[k.Problem] = append(byProblem[k.Problem], k.Name)
				fixOf[k.Problem] = k.Fix
			}
		}
		for _, problem := range problems {
			names := byProblem[problem]
			broken++
			what := "context " + names[0]
			if len(names) > 1 {
				what = "contexts " + strings.Join(names, ", ")
			}
			fix := fixOf[problem]
			if fix == "" {
				fix = fmt.Sprintf("drop what is broken with `stint kube rm %s %s`", c.Slug, strings.Join(names, " "))
			}
			add("kube "+c.Slug, CheckFail, fmt.Sprintf("%s: %s", what, problem), "switching to "+c.Slug+" fails until fixed: "+fix)
		}
	}
	if broken == 0 {
		add("kubeconfigs", CheckOK, "every client's kubeconfig and contexts are present", "")
	}
	out = append(out, dr.awsChecks(ctx, clients)...)
	if a := awsaccess.InShell(env.Environ, dr.clock.Now()); a != nil && a.SecondsLeft <= 0 {
		add("aws credentials", CheckWarn, fmt.Sprintf("this shell's AWS credentials for %s have expired", a.Client),
			fmt.Sprintf("`stint switch %s` makes new ones", a.Client))
	}

	if st, err := dr.timer.Status(ctx); err != nil {
		add("timer", CheckFail, err.Error(), "")
	} else if st.Running == nil {
		add("timer", CheckOK, "no timer running", "")
	} else if st.Forgotten {
		add("timer", CheckWarn, fmt.Sprintf("%s's timer has run since %s: probably forgotten", st.Running.Client, dr.runningSinceText(st.Running.Start, dr.zoneOf(ctx, st.Running.Client))),
			fmt.Sprintf("stop it with `stint stop`, then give the time the work really ended with `stint edit %d --to`", st.Running.ID))
	} else {
		add("timer", CheckOK, fmt.Sprintf("%s's timer is running", st.Running.Client), "")
	}
	return out
}

func (dr *Doctor) permissionChecks() []Check {
	var out []Check
	bad := []string{}
	for _, p := range []string{dr.layout.Config, dr.layout.Data, dr.layout.Runtime} {
		info, err := os.Stat(p)
		if err != nil {
			out = append(out, Check{Name: "directories", Level: CheckFail, Detail: fmt.Sprintf("%s is missing", p), Fix: "run any stint command to create it, or check STINT_HOME / XDG settings"})
			continue
		}
		if info.Mode().Perm()&0o077 != 0 {
			bad = append(bad, fmt.Sprintf("%s is %o", p, info.Mode().Perm()))
		}
	}
	for _, f := range []string{dr.db.Path(), dr.db.Path() + "-wal"} {
		if info, err := os.Stat(f); err == nil && info.Mode().Perm()&0o077 != 0 {
			bad = append(bad, fmt.Sprintf("%s is %o", f, info.Mode().Perm()))
		}
	}
	if len(bad) > 0 {
		out = append(out, Check{Name: "permissions", Level: CheckFail, Detail: strings.Join(bad, "; "),
			Fix: "chmod 700 the directories and 600 the files (stint tightens them on its next start)"})
	} else {
		out = append(out, Check{Name: "permissions", Level: CheckOK, Detail: "directories 0700, database 0600"})
	}
	// The runtime dir holds per-session kubeconfigs: it must be writable.
	probe := filepath.Join(dr.layout.Runtime, ".doctor-probe")
	if err := os.WriteFile(probe, nil, 0o600); err != nil {
		out = append(out, Check{Name: "runtime dir", Level: CheckFail, Detail: err.Error(), Fix: "make " + dr.layout.Runtime + " writable, or set XDG_RUNTIME_DIR"})
	} else {
		os.Remove(probe)
		out = append(out, Check{Name: "runtime dir", Level: CheckOK, Detail: dr.layout.Runtime + " is writable"})
	}
	return out
}

func (dr *Doctor) keyringCheck(clientsWithSecrets int) Check {
	c := Check{Name: "keyring"}
	var err error
	if dr.keyring == nil {
		err = clients.ErrNoKeyring
	} else if p, ok := dr.keyring.(prober); ok {
		err = p.Probe()
	}
	switch {
	case err == nil:
		c.Level, c.Detail = CheckOK, "reachable and unlocked"
	case clientsWithSecrets > 0:
		c.Level, c.Detail = CheckFail, fmt.Sprintf("%v (%s)", err, display.Count(clientsWithSecrets, "client has secrets", "clients have secrets"))
	default:
		c.Level, c.Detail = CheckWarn, fmt.Sprintf("%v (no client has secrets yet)", err)
	}
	if err != nil {
		c.Fix = "start a Secret Service (gnome-keyring or KeePassXC) on the session bus, unlock it, then run `stint doctor` again"
	}
	return c
}

// secretChecks name, per client, the secrets a switch would find without a
// value in the keyring (after a handoff import or a keyring reset), by the
// switch's own check. A switch goes on without them, so it is a warning.
func (dr *Doctor) secretChecks(ctx context.Context, all []store.Client) []Check {
	var out []Check
	missing := 0
	for _, c := range all {
		if c.Archived {
			continue
		}
		r, err := dr.clients.Readiness(ctx, c.Slug, true)
		if err != nil || !r.SecretsChecked {
			continue
		}
		switch n := r.MissingSecrets; {
		case r.SecretsProblem != "":
			out = append(out, Check{Name: "secrets " + c.Slug, Level: CheckWarn,
				Detail: "the keyring could not be read: " + display.OneLine(r.SecretsProblem),
				Fix:    "unlock the keyring, then run `stint doctor` again"})
		case len(n) == 1:
			missing++
			out = append(out, Check{Name: "secrets " + c.Slug, Level: CheckWarn,
				Detail: fmt.Sprintf("secret %s has no value in this keyring: a switch to %s goes on without it", n[0], c.Slug),
				Fix:    fmt.Sprintf("`stint secret set %s %s`", c.Slug, n[0])})
		case len(n) > 1:
			missing++
			out = append(out, Check{Name: "secrets " + c.Slug, Level: CheckWarn,
				Detail: fmt.Sprintf("secrets %s have no value in this keyring: a switch to %s goes on without them", strings.Join(n, ", "), c.Slug),
				Fix:    fmt.Sprintf("set each, starting with `stint secret set %s %s`", c.Slug, n[0])})
		}
	}
	if missing == 0 && len(out) == 0 {
		out = append(out, Check{Name: "secrets", Level: CheckOK, Detail: "every secret a client names has a value in the keyring"})
	}
	return out
}

// hookChecks look at this shell (through the variables the hook sets) and
// at the rc file of the user's shell.
func hookChecks(env DoctorEnv) []Check {
	loaded := env.Getenv("STINT_EVAL_FILE") != ""
	hook := Check{Name: "hook", Level: CheckOK, Detail: "loaded in this shell (" + env.Getenv("STINT_SHELL") + ")"}
	if !loaded {
		hook = Check{Name: "hook", Level: CheckWarn, Detail: "not loaded in this shell: `stint switch` and Alt-s need it"}
	}
	out := []Check{hook}
	sh := filepath.Base(env.Getenv("SHELL"))
	rc := map[string]string{
		"bash": filepath.Join(env.HomeDir, ".bashrc"),
		"zsh":  filepath.Join(env.HomeDir, ".zshrc"),
		"fish": filepath.Join(env.HomeDir, ".config", "fish", "config.fish"),
	}
	line := map[string]string{"bash": `eval "$(stint hook bash)"`, "zsh": `eval "$(stint hook zsh)"`, "fish": "stint hook fish | source"}
	file, ok := rc[sh]
	if !ok {
		if !loaded {
			out[0].Fix = "load it from your shell's startup file: `eval \"$(stint hook bash)\"`, `eval \"$(stint hook zsh)\"` or `stint hook fish | source`"
		}
		return append(out, Check{Name: "rc file", Level: CheckInfo, Detail: fmt.Sprintf("shell %q: stint has hooks for bash, zsh and fish", sh)})
	}
	b, err := os.ReadFile(file)
	if err == nil && strings.Contains(string(b), "stint hook") {
		if !loaded {
			// The rc file is right; this shell started before it was, or
			// did not read it.
			out[0].Fix = fmt.Sprintf("%s loads it: open a new shell, or load it in this one with `%s`", file, line[sh])
		}
		return append(out, Check{Name: "rc file", Level: CheckOK, Detail: file + " loads the hook"})
	}
	if !loaded {
		out[0].Fix = "add the hook to " + file + " (below) and open a new shell"
	}
	return append(out, Check{Name: "rc file", Level: CheckWarn, Detail: file + " does not load the hook",
		Fix: fmt.Sprintf("add it with `echo '%s' >> %s`", line[sh], shellPath(file, env.HomeDir))})
}

// shellPath is path as a person types it into a shell: under HOME with ~/,
// which needs no quoting for the paths stint names.
func shellPath(path, home string) string {
	if rest, ok := strings.CutPrefix(path, home+string(filepath.Separator)); ok && home != "" {
		return "~/" + rest
	}
	return path
}

// zoneOf is a client's time zone, this machine's when it has none (or it
// cannot be read): the zone `stint status` shows its times in.
func (dr *Doctor) zoneOf(ctx context.Context, client string) *time.Location {
	if loc, err := dr.clients.Zone(ctx, client); err == nil && loc != nil {
		return loc
	}
	return dr.clock.Local()
}

// runningSinceText is when a timer started, in its client's zone and labelled
// with the zone where that is not this machine's, as `stint status` says it.
func (dr *Doctor) runningSinceText(start time.Time, zone *time.Location) string {
	return display.In(start, zone, dr.clock.Local(), "Mon 02 Jan 15:04")
}
