// Package timer is the workbench's timer component: the running timer
// (started and stopped by hand or by shell switches), time entries and
// their history, and today's totals. Every change runs in one
// store.EditEntries unit of work (an IMMEDIATE transaction), so the rules
// checked inside it — one running timer, no overlapping entries — hold
// across processes. The rules themselves are package timesheet's.
//
// "Local" is the zone of the workbench clock. A client's own zone, when it
// has one, wins for everything that concerns that client: parsing, days,
// weeks.
package timer

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clock"
)

// Store is what the timer needs of the database.
type Store interface {
	RunningEntry(ctx context.Context) (*store.Entry, error)
	EditEntries(ctx context.Context, now time.Time, fn func(*store.EntryTx) error) error
	EntriesBetween(ctx context.Context, from, to time.Time, clientID int64) ([]store.Entry, error)
	EntryByID(ctx context.Context, id int64) (store.Entry, error)
	EntryHistory(ctx context.Context, id int64) ([]store.Entry, error)
	LastEntry(ctx context.Context, clientID int64) (*store.Entry, error)
}

// Clients resolves clients and their zones (the clients component).
type Clients interface {
	Client(ctx context.Context, slug string) (store.Client, error)
	Zone(ctx context.Context, slug string) (*time.Location, error)
	ZoneOf(c store.Client) *time.Location
	Zones(ctx context.Context) (map[string]*time.Location, error)
}

// Settings are the settings the timer follows.
type Settings interface {
	AutoTrack(ctx context.Context) (bool, error)
	SwitchGrace(ctx context.Context) (time.Duration, error)
	ForgottenAfter(ctx context.Context) (time.Duration, error)
}

// Timer is the timer component.
type Timer struct {
	db       Store
	clients  Clients
	settings Settings
	clock    clock.Clock
}

// New is the timer over db, the clients, the settings and the clock.
func New(db Store, clients Clients, settings Settings, clk clock.Clock) *Timer {
	return &Timer{db: db, clients: clients, settings: settings, clock: clk}
}
