// Package notes is the workbench's notes component: each client's runbook
// (one markdown document, edited in $EDITOR) and dated log, and full-text
// search across them.
package notes

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clock"
)

// Store is what notes need of the database.
type Store interface {
	Runbook(ctx context.Context, clientID int64) (string, time.Time, error)
	SetRunbook(ctx context.Context, clientID int64, body string, at time.Time) error
	AddNote(ctx context.Context, clientID int64, at time.Time, body string) (int64, error)
	Notes(ctx context.Context, clientID int64, limit int) ([]store.LogNote, error)
	SearchNotes(ctx context.Context, query string, limit int, open, close string) ([]store.NoteMatch, error)
}

// Clients resolves a client's name (the clients component).
type Clients interface {
	Client(ctx context.Context, slug string) (store.Client, error)
}

// Notes is the notes component.
type Notes struct {
	db      Store
	clients Clients
	layout  paths.Layout // runbook edits happen in a file in the runtime dir
	clock   clock.Clock
}

// New is the component over db, the clients, the file layout and the clock.
func New(db Store, clients Clients, layout paths.Layout, clk clock.Clock) *Notes {
	return &Notes{db: db, clients: clients, layout: layout, clock: clk}
}

// Note is one dated line of a client's log.
type Note struct {
	ID     int64     `json:"id"`
	Client string    `json:"client"`
	At     time.Time `json:"at"`
	Text   string    `json:"text"`
}

// NoteHit is a search result across clients' runbooks and logs.
type NoteHit struct {
	Client  string    `json:"client"`
	Kind    string    `json:"kind"` // runbook or log
	NoteID  int64     `json:"note_id,omitempty"`
	At      time.Time `json:"at"`
	Snippet string    `json:"snippet"` // plain text: a part of the note around the matches
	// Matches are the byte ranges [start, end) of the matched words in
	// Snippet.
	Matches [][2]int `json:"matches"`
}
