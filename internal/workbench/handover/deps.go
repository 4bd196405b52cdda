// Package handover is the workbench's component for handing a client over
// and rotating off it: the handoff document and bundle (package handoff
// renders and encodes them), importing a bundle as a new client,
// offboarding (secrets, cached AWS credentials, tool homes and session kubeconfigs removed, the
// client archived, a checklist of access to hand back) and the access log
// both draw on.
package handover

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clients"
	"github.com/stint-sh/stint/internal/workbench/clock"
	"github.com/stint-sh/stint/internal/workbench/timer"
)

// Store is what the handover needs of the database.
type Store interface {
	// Client is read as stored, to tell a free name from a taken one.
	Client(ctx context.Context, slug string) (store.Client, error)
	Runbook(ctx context.Context, clientID int64) (string, time.Time, error)
	Notes(ctx context.Context, clientID int64, limit int) ([]store.LogNote, error)
	ImportClient(ctx context.Context, in store.ClientImport) (store.Client, error)
	ReimportClient(ctx context.Context, id int64, in store.ClientImport, replaceSettings func(key string) bool) error
	AccessLog(ctx context.Context, clientID int64, since time.Time) ([]store.Access, error)
	RunningEntry(ctx context.Context) (*store.Entry, error)
	ArchiveForOffboarding(ctx context.Context, clientID int64, at time.Time) error
}

// Clients gives a client's profile, contexts and zone, and removes its
// keyring item (the clients component).
type Clients interface {
	Client(ctx context.Context, slug string) (store.Client, error)
	StoredProfile(ctx context.Context, slug string) (*store.Profile, error)
	KubeContexts(ctx context.Context, slug string) ([]clients.KubeContext, error)
	ZoneOf(c store.Client) *time.Location
	DeleteKeyringItem(slug string) error
	HasKeyring() bool
	ForgetAWS(slug string) error
}

// Timer reads a client's entries and stops its timer (the timer component).
type Timer interface {
	Entries(ctx context.Context, from, to time.Time, client string) ([]timer.Entry, error)
	StopTimerOf(ctx context.Context, slug string) (*timer.Entry, error)
}

// Handover is the handover component.
type Handover struct {
	db      Store
	clients Clients
	timer   Timer
	layout  paths.Layout
	clock   clock.Clock
}

// New is the component over db, the clients, the timer, the file layout
// and the clock.
func New(db Store, clients Clients, timer Timer, layout paths.Layout, clk clock.Clock) *Handover {
	return &Handover{db: db, clients: clients, timer: timer, layout: layout, clock: clk}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
