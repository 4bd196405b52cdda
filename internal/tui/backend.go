// Package tui is stint's terminal workbench: every client at a glance, a
// switch in one keystroke, the running timer always in view.
//
// The root Model (model.go, update.go, view.go) composes components, each
// with its own Update, View (a string) and SetSize, as gh-dash and Charm's
// soft-serve are built: the client list (list.go), the detail panes
// (detail.go, panes.go, timeview.go), the week view (weekview.go), the
// help screen (helpview.go), the form (form.go; the forms themselves in
// forms.go) and the confirmation dialog (dialog.go). They read one shared
// state (shared.go) that only the root writes; key bindings are in
// keys.go, every style in styles.go. Only the root returns a tea.View.
//
// Every effect (database, keyring, git, $EDITOR, the switch's delivery)
// is a tea.Cmd made in commands.go, run through the Backend, never in View
// or synchronously in Update.
package tui

import (
	"context"
	"io"
	"time"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/workbench"
)

// Backend is the slice of the workbench the TUI uses. *workbench.Workbench
// satisfies it; tests use an in-memory fake.
type Backend interface {
	Clients(ctx context.Context, includeArchived bool) ([]workbench.ClientInfo, error)
	Profile(ctx context.Context, slug string) (workbench.ProfileView, error)
	// PreviewPlan is what a switch to slug would set, secrets by name and
	// size only: the Environment pane.
	PreviewPlan(ctx context.Context, slug string) (workbench.PlanPreview, error)
	AddClient(ctx context.Context, slug string, spec profiles.ClientSpec) (workbench.ClientInfo, error)
	EditClient(ctx context.Context, slug string, spec profiles.ClientSpec) (workbench.ClientInfo, error)
	Status(ctx context.Context) (workbench.Status, error)
	// IdentityWarning is what the background identity check after the
	// shell's switch found wrong ("" for nothing): a file read, no probe.
	IdentityWarning(environ []string) string
	// Budget is a client's budget use (nil: none); PendingIdle the idle
	// stretch waiting for `stint idle` (nil: none): the footer shows both.
	Budget(ctx context.Context, slug string) (*workbench.BudgetUse, error)
	PendingIdle(ctx context.Context) (*workbench.IdleGap, error)
	Start(ctx context.Context, slug string, at time.Time, note string) (started workbench.Entry, stopped *workbench.Entry, err error)
	Stop(ctx context.Context, at time.Time, note string) (workbench.Entry, error)
	// Undo reverts the last time change (u), as `stint undo` does.
	Undo(ctx context.Context) (workbench.Undone, error)
	// AddEntry, EditEntry and RemoveEntry are `stint add`, `stint edit`
	// and `stint rm`: the Time pane's entry keys, undone by u.
	AddEntry(ctx context.Context, n workbench.NewEntry) (workbench.Entry, error)
	EditEntry(ctx context.Context, id int64, ch workbench.EntryChange) (workbench.Entry, error)
	RemoveEntry(ctx context.Context, id int64) (workbench.Entry, error)
	// ResolveRange gives the Time pane its week: in the client's zone,
	// starting on the week_start setting, as `stint log` and Week take it.
	ResolveRange(ctx context.Context, r workbench.RangeRequest) (from, to time.Time, err error)
	Entries(ctx context.Context, from, to time.Time, client string) ([]workbench.Entry, error)
	// Zone is the zone a client's times are shown in: its own, else local.
	Zone(ctx context.Context, client string) (*time.Location, error)
	Week(ctx context.Context, day time.Time) (workbench.WeekGrid, error)
	SetSecret(ctx context.Context, slug, key, value string) error
	// The profile editor's (p) calls, `stint set`/`unset`, `stint aws`,
	// `gcp` and `git` (settings built by profiles.AWS, GCP and Git, as the
	// CLI builds them), `stint kube add`/`use`/`rm`.
	SetVars(ctx context.Context, slug string, assignments []string) error
	UnsetVars(ctx context.Context, slug string, names []string) error
	ApplySettings(ctx context.Context, slug string, s profiles.Settings, isolate, unisolate []string) error
	KubeAdd(ctx context.Context, slug, path string, contexts []string, namespace *string) ([]string, error)
	KubeUse(ctx context.Context, slug, context string, namespace *string) error
	KubeRemove(ctx context.Context, slug, source string, contexts []string) (workbench.KubeRemoval, error)
	// KubeProd is `stint kube prod`; RemoveSecret `stint secret rm`.
	KubeProd(ctx context.Context, slug, kubeContext string, on bool) error
	RemoveSecret(ctx context.Context, slug, key string) error
	// Readiness is what a switch to slug would fail on or lack: the list
	// flags it. secrets asks the keyring too.
	Readiness(ctx context.Context, slug string, secrets bool) (workbench.Readiness, error)
	// KubeReadiness is the kubeconfig part for every client at once (one
	// query, a stat a file): the status poll's check.
	KubeReadiness(ctx context.Context) (map[string][]workbench.SourceProblem, error)
	// Switch hands the script to deliver and records the switch once it
	// is delivered (workbench.Switch).
	Switch(ctx context.Context, req workbench.SwitchRequest, deliver workbench.Deliver) (workbench.SwitchResult, error)
	// AWSNeeds says whether a switch to slug must first ask for an MFA
	// code (of device serial) or an SSO login: the TUI asks in a form.
	AWSNeeds(ctx context.Context, slug string) (needs awscreds.Needs, serial string, err error)
	// AWSStatus is how long a client's cached AWS credentials last.
	AWSStatus(ctx context.Context, slug string) (workbench.AWSStatus, error)
	RepoStatus(ctx context.Context, slug string) ([]workbench.RepoStatus, error)
	Runbook(ctx context.Context, slug string) (string, error)
	// The runbook is edited in a file the workbench writes and reads back
	// (E): the editor runs between the two, holding the terminal.
	BeginRunbookEdit(ctx context.Context, slug string) (workbench.RunbookEdit, error)
	FinishRunbookEdit(ctx context.Context, e workbench.RunbookEdit) (changed bool, err error)
	Notes(ctx context.Context, slug string, limit int) ([]workbench.Note, error)
	AddNote(ctx context.Context, slug, text string) (workbench.Note, error)
	// Review is what an imported client would apply; Allow accepts the
	// content with that hash (review before use, docs/safety.md).
	Review(ctx context.Context, slug string) (workbench.Review, error)
	Allow(ctx context.Context, slug, hash string) (workbench.Review, error)
}

// Options is how the TUI was started.
type Options struct {
	// AfterSwitch, when set, is called with a switch the TUI made, once
	// it has quit (the CLI starts the background identity check there).
	AfterSwitch func(workbench.SwitchResult)
	Environ     []string // the process environment (KEY=VALUE)
	EvalFile    string   // STINT_EVAL_FILE from the hook; "" when started without it
	// Deliver hands a switch's script to the hook, with the summary the
	// shell prints once it has applied the script (the CLI's delivery:
	// the same file, checks and removal as `stint switch`).
	Deliver       func(script, summary string) error
	Shell         string           // STINT_SHELL: bash, zsh or fish
	Picker        bool             // STINT_PICKER=1: opened by the hotkey, filter focused
	CurrentClient string           // STINT_CLIENT: the client this shell is in
	Now           func() time.Time // the clock; time.Now when nil
	NoColor       bool             // plain styles (NO_COLOR)
	Input         io.Reader        // nil: the terminal
	Output        io.Writer        // nil: stdout
}
