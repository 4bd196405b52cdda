package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ImportTx is the unit of work of a large import: an EntryTx restricted to
// what an import does, on a connection whose foreign keys are off for this
// one transaction, because SQLite checks a foreign key of a multi-row
// INSERT with a statement journal — a copy of every page the statement
// changes, about a tenth of a 100k import's instructions — unless the
// constraint is declared deferred, and PRAGMA foreign_keys cannot change
// inside a transaction. The ImportTx checks the one key its writes carry
// instead: a row names a client ID that ClientID found in this transaction
// (an IMMEDIATE one, so the client stays until it commits).
type ImportTx struct {
	t       *EntryTx
	clients map[int64]bool // found by ClientID in this transaction
}

// ImportEntries runs fn in one write transaction, as EditEntries does,
// for an import: it commits when fn returns nil and rolls everything back
// otherwise.
func (db *DB) ImportEntries(ctx context.Context, now time.Time, fn func(*ImportTx) error) (err error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer func() {
		// The connection goes back to the pool with its keys checked, or
		// not at all.
		if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); rerr != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
			err = errors.Join(err, rerr)
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	it := &ImportTx{t: &EntryTx{ctx: ctx, tx: tx, now: now}, clients: map[int64]bool{}}
	if err := fn(it); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// errClientUnchecked is a write naming a client the transaction did not
// look up: with the connection's foreign keys off, nothing else would stop it.
var errClientUnchecked = errors.New("client ID not looked up in this import")

func (it *ImportTx) check(clientID int64) error {
	if !it.clients[clientID] {
		return fmt.Errorf("%w: %d", errClientUnchecked, clientID)
	}
	return nil
}

// ClientID resolves a slug inside the transaction; rows may name the IDs
// it returned.
func (it *ImportTx) ClientID(slug string) (int64, error) {
	id, err := it.t.ClientID(slug)
	if err == nil {
		it.clients[id] = true
	}
	return id, err
}

// ExternalIDs maps every stored import fingerprint to its entry's ID.
func (it *ImportTx) ExternalIDs() (map[string]int64, error) { return it.t.ExternalIDs() }

// Overlapping lists entries of any client that overlap [from, to).
func (it *ImportTx) Overlapping(from, to time.Time) ([]Entry, error) {
	return it.t.Overlapping(from, to)
}

// Get reads one entry.
func (it *ImportTx) Get(id int64) (Entry, error) { return it.t.Get(id) }

// Update rewrites an entry, keeping its previous version in entry_history
// (a re-import applying a newer version of an interval).
func (it *ImportTx) Update(e Entry, change string) error {
	if err := it.check(e.ClientID); err != nil {
		return err
	}
	return it.t.Update(e, change)
}

// SetExternalID replaces an entry's import fingerprint.
func (it *ImportTx) SetExternalID(id int64, ext string) error { return it.t.SetExternalID(id, ext) }

// EnsureProject adds the project to the client unless it has it already,
// reporting whether it was added.
func (it *ImportTx) EnsureProject(clientID int64, name string) (bool, error) {
	if err := it.check(clientID); err != nil {
		return false, err
	}
	return it.t.EnsureProject(clientID, name)
}

// Batch adds many entries (an import) in multi-row INSERTs of up to
// batchRows rows, prepared once: one statement per row spent most of a
// large import in SQLite's per-statement work. The entries' IDs are not
// returned. Call Flush before the transaction ends.
type Batch struct {
	it      *ImportTx
	full    *sql.Stmt // prepared for batchRows rows
	pending []any
	rows    int
}

// batchRows is how many rows one INSERT of a Batch carries: 11 columns
// each stays far below SQLite's limit of 32766 bound parameters.
const batchRows = 256

// Batch starts a batch of inserts. It also lets SQLite keep more of the
// database in memory on this connection, so the indexes a large import
// grows stay cached. (Temporary data stays in memory: store.Open sets
// temp_store.)
func (it *ImportTx) Batch() (*Batch, error) {
	t := it.t
	if _, err := t.tx.ExecContext(t.ctx, "PRAGMA cache_size = -65536"); err != nil { // 64 MiB
		return nil, err
	}
	full, err := t.tx.PrepareContext(t.ctx, insertRows(batchRows))
	if err != nil {
		return nil, err
	}
	return &Batch{it: it, full: full, pending: make([]any, 0, batchRows*11)}, nil
}

// insertRows is the INSERT of n rows. OR FAIL: a row that breaks a
// constraint fails the statement without undoing the rows before it, which
// spares SQLite a statement journal; a failed batch fails the import's
// whole transaction anyway.
func insertRows(n int) string {
	var b strings.Builder
	b.WriteString(strings.Replace(insertEntry, "INSERT INTO", "INSERT OR FAIL INTO", 1))
	for range n - 1 {
		b.WriteString(",(?,?,?,?,?,?,?,?,?,?,?)")
	}
	return b.String()
}

// Add queues an entry, writing a full batch.
func (b *Batch) Add(e Entry) error {
	if err := b.it.check(e.ClientID); err != nil {
		return err
	}
	b.pending = append(b.pending, b.it.t.insertArgs(e)...)
	b.rows++
	if b.rows < batchRows {
		return nil
	}
	_, err := b.full.ExecContext(b.it.t.ctx, b.pending...)
	b.pending, b.rows = b.pending[:0], 0
	return err
}

// Flush writes what is queued and releases the statement.
func (b *Batch) Flush() error {
	defer b.full.Close()
	if b.rows == 0 {
		return nil
	}
	t := b.it.t
	_, err := t.tx.ExecContext(t.ctx, insertRows(b.rows), b.pending...)
	b.pending, b.rows = b.pending[:0], 0
	return err
}
