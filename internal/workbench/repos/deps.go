// Package repos is the workbench's repositories component: finding a
// client's git repositories under a directory, their status (branch,
// changes, ahead/behind) with git run concurrently, and cloning the missing
// ones in the client's own environment.
package repos

import (
	"context"

	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clients"
	"github.com/stint-sh/stint/internal/workbench/clock"
	"github.com/stint-sh/stint/internal/workbench/session"
)

// Clients reads and changes a client's profile (the clients component).
type Clients interface {
	Client(ctx context.Context, slug string) (store.Client, error)
	StoredProfile(ctx context.Context, slug string) (*store.Profile, error)
	Change(ctx context.Context, slug string, ch store.ProfileChange) error
	AddRepo(ctx context.Context, slug, path, url string) (clients.RepoInfo, error)
}

// Children prepares the environment git clones in (the session component).
type Children interface {
	PrepareChild(ctx context.Context, req session.ChildRequest) (*session.Child, error)
}

// Repos is the repositories component.
type Repos struct {
	clients  Clients
	children Children
	clock    clock.Clock
}

// New is the component over the clients, the session component and the
// clock.
func New(clients Clients, children Children, clk clock.Clock) *Repos {
	return &Repos{clients: clients, children: children, clock: clk}
}

// RepoStatus is the state of one of a client's repositories.
type RepoStatus struct {
	Path     string `json:"path"`
	URL      string `json:"url,omitempty"`
	Exists   bool   `json:"exists"`
	Branch   string `json:"branch,omitempty"`   // "(detached)" on a detached HEAD
	Upstream string `json:"upstream,omitempty"` // what ahead/behind count against; "" when none
	Dirty    bool   `json:"dirty"`              // uncommitted or untracked changes
	Ahead    int    `json:"ahead"`
	Behind   int    `json:"behind"`
	Error    string `json:"error,omitempty"` // "missing" when the path does not exist
}
