// Package session is the workbench's shell-session component: it moves a
// shell into a client and out again (switch, env, off), forgets a damaged
// record, gives a shell that inherited a client its own session kubeconfig
// (adopt), prepares the environment of a child process (exec, shell),
// previews what a switch would set, and owns the session kubeconfigs in the
// runtime directory. The script a shell evaluates is built by package shell
// from the plan package profiles makes of the client's profile.
package session

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/guard"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/awsaccess"
	"github.com/stint-sh/stint/internal/workbench/clock"
	"github.com/stint-sh/stint/internal/workbench/timer"
)

// Store is what sessions need of the database.
type Store interface {
	// Client is read as stored: leaving a client removed meanwhile is fine.
	Client(ctx context.Context, slug string) (store.Client, error)
	LogAccess(ctx context.Context, a store.Access) error
	// EditEntries is a switch's transaction: its access-log row and timer
	// move, committed once the script is delivered.
	EditEntries(ctx context.Context, now time.Time, fn func(*store.EntryTx) error) error
}

// Clients gives a client's profile and secrets (the clients component).
type Clients interface {
	StoredProfile(ctx context.Context, slug string) (*store.Profile, error)
	LoadSecrets(slug string, names []store.SecretName) (map[string]string, error)
}

// Timer moves the clock with the shell (the timer component).
type Timer interface {
	FollowSwitchIn(ctx context.Context, tx *store.EntryTx, slug string) (timer.Move, error)
	StopTimerOfIn(ctx context.Context, tx *store.EntryTx, slug string) (*timer.Entry, error)
}

// AWS makes a client's temporary AWS credentials for a switch or a child
// (the awsaccess component).
type AWS interface {
	ReadCache(prof *store.Profile) func() map[string]string
	AddTemporary(ctx context.Context, prof *store.Profile, in *profiles.PlanInput, env map[string]string, st shell.State, session string, ask awsaccess.MFAPrompt, preview bool, cache func() map[string]string) (*awsaccess.Session, error)
}

// Guard is what a switch needs of the production guard's settings.
type Guard interface {
	GuardOn(ctx context.Context) (bool, error)
	GuardRules(ctx context.Context) ([]guard.Rule, error)
}

// Sessions is the session component. Without a database (db, clients and
// timer nil) it can still forget a shell's record and adopt a session whose
// parent's kubeconfig is there to copy.
type Sessions struct {
	db      Store
	clients Clients
	timer   Timer
	aws     AWS
	guard   Guard // nil: no guard (a workbench without a database)
	layout  paths.Layout
	clock   clock.Clock
	budget  BudgetOf // nil: summaries say nothing of budgets
}

// BudgetOf is a client's budget use now, nil when it has none (the reports
// component's figure, for the switch summary).
type BudgetOf func(ctx context.Context, slug string) (*Budget, error)

// Budget is what a switch summary says of the client's budget.
type Budget struct {
	UsedSeconds   int64  `json:"used_seconds"`
	BudgetSeconds int64  `json:"budget_seconds"`
	Period        string `json:"period"` // week or month
}

// WithBudgets has switch summaries say the client's budget use.
func (s *Sessions) WithBudgets(fn BudgetOf) { s.budget = fn }

// New is the component over db, the clients, the timer, temporary AWS
// credentials, the guard's settings, the file layout and the clock.
func New(db Store, clients Clients, timer Timer, aws AWS, guard Guard, layout paths.Layout, clk clock.Clock) *Sessions {
	return &Sessions{db: db, clients: clients, timer: timer, aws: aws, guard: guard, layout: layout, clock: clk}
}

// Current is the client a shell is in, read from its environment only.
type Current struct {
	Client   string `json:"client"` // "" when the shell is in no client
	Session  string `json:"session"`
	Previous string `json:"previous,omitempty"`
	Hooked   bool   `json:"hooked"` // the stint shell hook is loaded
}

// SwitchRequest asks for the script that moves a shell to Client ("" leaves
// the current client: `stint off`).
type SwitchRequest struct {
	Client  string
	Shell   string   // bash, zsh, fish or json
	Environ []string // the calling shell's environment (KEY=VALUE), as the binary sees it
	Action  string   // switch, env, off: recorded in the access log
	// Preview renders the script for a person to read, not to evaluate:
	// secret values are masked and the timer is left alone.
	Preview bool
	// MFA asks for an MFA code when the client's temporary AWS credentials
	// must be made anew with one; nil: such a switch fails, saying why.
	MFA awsaccess.MFAPrompt `json:"-"`
}

// SwitchResult is what a switch did, for messages and the TUI.
type SwitchResult struct {
	Client      string `json:"client"`
	From        string `json:"from,omitempty"` // the client the shell was in
	Name        string `json:"name,omitempty"` // the client's display name
	Production  bool   `json:"production,omitempty"`
	KubeContext string `json:"kube_context,omitempty"` // "context/namespace", "" for none
	// ProdContext: the selected kube context is a production one.
	ProdContext bool     `json:"prod_context,omitempty"`
	Script      string   `json:"-"`     // the shell script (or JSON) that applies it
	Set         []string `json:"set"`   // names set (values never reported)
	Unset       []string `json:"unset"` // names unset or restored
	SecretNames []string `json:"secret_names"`
	// MissingSecrets are secret names the keyring holds no value for (after
	// a handoff import or a keyring reset): the switch went on without them.
	MissingSecrets []string     `json:"missing_secrets,omitempty"`
	Kubeconfig     string       `json:"kubeconfig,omitempty"`
	TimerStarted   *timer.Entry `json:"timer_started,omitempty"`
	TimerStopped   *timer.Entry `json:"timer_stopped,omitempty"`
	// TimerResumed: TimerStarted is an entry that ended within
	// switch_grace, running again.
	TimerResumed bool `json:"timer_resumed,omitempty"`
	// Forgot: `off --force` dropped the shell's record.
	Forgot bool `json:"forgot,omitempty"`
	// TimerProblem says why the timer could not follow the switch (the
	// switch itself went ahead).
	TimerProblem string `json:"timer_problem,omitempty"`
	// RecordProblem says why the access log and the timer do not show a
	// switch that was delivered (the commit after delivery failed).
	RecordProblem string `json:"record_problem,omitempty"`
	// AWS says when the temporary AWS credentials the shell got expire.
	AWS *awsaccess.Session `json:"aws,omitempty"`
	// CheckIdentity: the profile expects identities (`stint whoami`), so
	// the front end starts a background check in Environ, the environment
	// the shell has once it applied the script (secrets included: it
	// never leaves the process but for that check's own environment).
	CheckIdentity bool     `json:"-"`
	Environ       []string `json:"-"`
	// Budget is the client's budget use as the switch found it; nil: none.
	Budget *Budget `json:"budget,omitempty"`
}
