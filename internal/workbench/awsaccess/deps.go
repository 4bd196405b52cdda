// Package awsaccess is the workbench's component for clients' temporary
// AWS credentials (session tokens, assumed roles, SSO): it makes them for
// a switch or a child process, takes them from the keyring cache, and runs
// `stint aws creds`, `console` and `login`. package awscreds talks to AWS
// and keeps the cache; this package adds the client's profile, secrets,
// session name and access log.
package awsaccess

import (
	"context"

	"github.com/stint-sh/stint/internal/awscreds"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clock"
)

// actionExec is the access log's action for a command run as the client,
// as session.ActionExec records `stint exec`.
const actionExec = "exec"

// Store is what the component needs of the database.
type Store interface {
	LogAccess(ctx context.Context, a store.Access) error
}

// Clients gives a client's profile and secrets and the keyring's
// credential provider (the clients component).
type Clients interface {
	StoredProfile(ctx context.Context, slug string) (*store.Profile, error)
	LoadSecrets(slug string, names []store.SecretName) (map[string]string, error)
	AWSProvider() (*awscreds.Provider, error)
}

// Settings give the engineer's name and email, a role session's default
// name.
type Settings interface {
	Person(ctx context.Context) (name, email string, err error)
}

// Access is the component.
type Access struct {
	db       Store
	clients  Clients
	settings Settings
	clock    clock.Clock
}

// New is the component over db, the clients, the settings and the clock.
func New(db Store, clients Clients, settings Settings, clk clock.Clock) *Access {
	return &Access{db: db, clients: clients, settings: settings, clock: clk}
}
