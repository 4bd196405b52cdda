// Package doctor is the workbench's self-check (`stint doctor`): the
// database, file permissions, the keyring, the shell hook, the tools
// clients use, every client's secrets, kubeconfigs and AWS credentials, and the timer, one line each
// with the fix for what fails.
package doctor

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/awsaccess"
	"github.com/stint-sh/stint/internal/workbench/clients"
	"github.com/stint-sh/stint/internal/workbench/clock"
	"github.com/stint-sh/stint/internal/workbench/timer"
)

// Store is what doctor needs of the database.
type Store interface {
	IntegrityCheck(ctx context.Context) error
	Path() string
	Clients(ctx context.Context, includeArchived bool) ([]store.Client, error)
	Profile(ctx context.Context, slug string) (*store.Profile, error)
}

// Clients lists a client's Kubernetes contexts and their problems, says
// its time zone, finishes interrupted secret sets, and names the secrets
// the keyring lacks (the switch's own check).
type Clients interface {
	KubeContexts(ctx context.Context, slug string) ([]clients.KubeContext, error)
	Readiness(ctx context.Context, slug string, secrets bool) (clients.Readiness, error)
	Zone(ctx context.Context, slug string) (*time.Location, error)
	CleanInterruptedSecrets(ctx context.Context) ([]string, error)
}

// AWS reads a client's temporary AWS credential setup and cache.
type AWS interface {
	Config(ctx context.Context, prof *store.Profile) awscreds.Config
	Status(ctx context.Context, slug string) (awsaccess.Status, error)
}

// Timer says whether a timer runs, and for how long.
type Timer interface {
	Status(ctx context.Context) (timer.Status, error)
}

// Doctor is the self-check.
type Doctor struct {
	db      Store
	clients Clients
	timer   Timer
	aws     AWS
	keyring clients.SecretStore // nil: no keyring on this machine
	layout  paths.Layout
	clock   clock.Clock
}

// New is the check over db, the clients, the timer, temporary AWS
// credentials, the keyring (nil when there is none), the file layout and
// the clock.
func New(db Store, kube Clients, timer Timer, aws AWS, keyring clients.SecretStore, layout paths.Layout, clk clock.Clock) *Doctor {
	return &Doctor{db: db, clients: kube, timer: timer, aws: aws, keyring: keyring, layout: layout, clock: clk}
}
