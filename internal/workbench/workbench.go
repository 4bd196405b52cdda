// Package workbench is the one API both front ends call: the CLI commands
// and the TUI. It is the composition root of the workbench's components,
// each a package of its own with the dependencies it declares:
//
//   - clients: clients and their profiles, secrets and Kubernetes contexts
//   - timer: the running timer, time entries and their history
//   - reports: ranges, reports, the week grid, exports and imports
//   - session: switching a shell, adopting and forgetting sessions, child
//     processes, session kubeconfigs
//   - awsaccess: clients' temporary AWS credentials
//   - notes: runbooks, logs and search
//   - handover: handoff documents and bundles, offboarding, the access log
//   - repos: a client's git repositories
//   - doctor: the self-check
//
// and of package settings, the settings registry. The components get the
// store, the keyring and the clock from here, and each other through the
// narrow interfaces they declare; the methods below hand each call to its
// component and return plain structs, so the two front ends can never
// diverge.
package workbench

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/settings"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/awsaccess"
	"github.com/stint-sh/stint/internal/workbench/clients"
	"github.com/stint-sh/stint/internal/workbench/clock"
	"github.com/stint-sh/stint/internal/workbench/doctor"
	"github.com/stint-sh/stint/internal/workbench/handover"
	"github.com/stint-sh/stint/internal/workbench/notes"
	"github.com/stint-sh/stint/internal/workbench/reports"
	"github.com/stint-sh/stint/internal/workbench/repos"
	"github.com/stint-sh/stint/internal/workbench/session"
	"github.com/stint-sh/stint/internal/workbench/timer"
)

// Workbench is stint's service layer.
type Workbench struct {
	db     *store.DB
	layout paths.Layout
	clock  clock.Clock

	settings *settings.Settings
	clients  *clients.Directory
	timer    *timer.Timer
	reports  *reports.Reports
	session  *session.Sessions
	aws      *awsaccess.Access
	notes    *notes.Notes
	handover *handover.Handover
	repos    *repos.Repos
	doctor   *doctor.Doctor
}

// New wires a workbench: db (nil for the few shell commands that need
// none: forgetting a shell's record, adopting a session by copy), the
// keyring (nil when there is none), the file layout and the clock (nil:
// time.Now).
func New(db *store.DB, secrets SecretStore, layout paths.Layout, now func() time.Time) *Workbench {
	if now == nil {
		now = time.Now
	}
	clk := clock.Clock(now)
	w := &Workbench{db: db, layout: layout, clock: clk}
	if db == nil {
		w.session = session.New(nil, nil, nil, nil, nil, layout, clk)
		return w
	}
	w.settings = settings.New(db)
	w.clients = clients.New(db, secrets, layout, clk)
	w.timer = timer.New(db, w.clients, w.settings, clk)
	w.reports = reports.New(db, w.clients, w.settings, w.timer, clk)
	w.aws = awsaccess.New(db, w.clients, w.settings, clk)
	w.session = session.New(db, w.clients, w.timer, w.aws, w.settings, layout, clk)
	w.session.WithBudgets(func(ctx context.Context, slug string) (*session.Budget, error) {
		u, err := w.reports.Budget(ctx, slug)
		if u == nil || err != nil {
			return nil, err
		}
		return &session.Budget{UsedSeconds: u.UsedSeconds, BudgetSeconds: u.BudgetSeconds, Period: u.Period}, nil
	})
	w.notes = notes.New(db, w.clients, layout, clk)
	w.handover = handover.New(db, w.clients, w.timer, layout, clk)
	w.repos = repos.New(w.clients, w.session, clk)
	w.doctor = doctor.New(db, w.clients, w.timer, w.aws, secrets, layout, clk)
	return w
}

// Layout is where stint keeps its files.
func (w *Workbench) Layout() paths.Layout { return w.layout }

// DB is the open database (for doctor and tests).
func (w *Workbench) DB() *store.DB { return w.db }

// Now is the workbench clock, truncated to whole seconds as stored.
func (w *Workbench) Now() time.Time { return w.clock.Now() }
