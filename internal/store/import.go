package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
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
	conn    *sql.Conn      // the transaction's connection
	clients map[int64]bool // found by ClientID in this transaction
	batches []*Batch       // closed when the transaction ends
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
	it := &ImportTx{t: &EntryTx{ctx: ctx, tx: tx, now: now}, conn: conn, clients: map[int64]bool{}}
	err = fn(it)
	for _, b := range it.batches {
		if cerr := b.close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
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
// large import in SQLite's per-statement work. Its values go straight to
// the driver (database/sql converted and copied every value of every
// statement: a third of a 100k import's garbage). The entries' IDs are not
// returned. Call Flush before the transaction ends.
type Batch struct {
	it      *ImportTx
	full    execStmt // prepared for batchRows rows
	pending []driver.NamedValue
	rows    int
}

// batchRows is how many rows one INSERT of a Batch carries: batchColumns
// each stays far below SQLite's limit of 32766 bound parameters.
const batchRows = 256

// batchColumns are the columns bound for each row; a row's source, and
// when it was created and updated, are the same for every row of an
// import and written into the statement (binding them was a quarter of
// the binding, which takes SQLite's mutex once per value).
const (
	batchColumns = 8
	batchRow     = "(?,?,?,ifnull(?,''),ifnull(?,''),?,?,ifnull(?,''),"
	importSource = "import"
)

// Batch starts a batch of inserts, every row's source "import". It also
// lets SQLite keep more of the database in memory on this connection, so
// the indexes a large import grows stay cached. (Temporary data stays in
// memory: store.Open sets temp_store.)
func (it *ImportTx) Batch() (*Batch, error) {
	t := it.t
	if _, err := t.tx.ExecContext(t.ctx, "PRAGMA cache_size = -65536"); err != nil { // 64 MiB
		return nil, err
	}
	b := &Batch{it: it, pending: make([]driver.NamedValue, 0, batchRows*batchColumns)}
	err := it.raw(func(c driver.Conn) (err error) {
		b.full, err = prepare(c, b.insertRows(batchRows))
		return err
	})
	if err != nil {
		return nil, err
	}
	it.batches = append(it.batches, b)
	return b, nil
}

// raw runs fn on the transaction's connection as the driver has it.
func (it *ImportTx) raw(fn func(driver.Conn) error) error {
	return it.conn.Raw(func(dc any) error { return fn(dc.(driver.Conn)) })
}

// execStmt is a driver's prepared statement.
type execStmt interface {
	driver.Stmt
	driver.StmtExecContext
}

func prepare(c driver.Conn, query string) (execStmt, error) {
	s, err := c.Prepare(query)
	if err != nil {
		return nil, err
	}
	es, ok := s.(execStmt)
	if !ok {
		s.Close()
		return nil, errors.New("the SQLite driver cannot execute a statement with a context")
	}
	return es, nil
}

// insertRows is the INSERT of n rows. OR FAIL: a row that breaks a
// constraint fails the statement without undoing the rows before it, which
// spares SQLite a statement journal; a failed batch fails the import's
// whole transaction anyway.
func (b *Batch) insertRows(n int) string {
	now := strconv.FormatInt(b.it.t.now.Unix(), 10)
	row := batchRow + "'" + importSource + "'," + now + "," + now + ")"
	var sb strings.Builder
	sb.WriteString(`INSERT OR FAIL INTO entries (client_id, start_at, end_at, note, tags, billable, external_id,
		project, source, created_at, updated_at) VALUES `)
	for i := range n {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(row)
	}
	return sb.String()
}

// Add queues an entry, writing a full batch.
func (b *Batch) Add(e Entry) error {
	if err := b.it.check(e.ClientID); err != nil {
		return err
	}
	if e.Source != importSource {
		return fmt.Errorf("a batch stores imported entries, not source %q", e.Source)
	}
	var ext driver.Value
	if e.ExternalID != "" {
		ext = e.ExternalID
	}
	for _, v := range [batchColumns]driver.Value{e.ClientID, e.Start.Unix(), endValue(e.End), textValue(e.Note),
		textValue(joinTags(e.Tags)), e.Billable, ext, textValue(e.Project)} {
		b.pending = append(b.pending, driver.NamedValue{Ordinal: len(b.pending) + 1, Value: v})
	}
	b.rows++
	if b.rows < batchRows {
		return nil
	}
	return b.it.raw(func(driver.Conn) error {
		_, err := b.full.ExecContext(b.it.t.ctx, b.pending)
		b.pending, b.rows = b.pending[:0], 0
		return err
	})
}

// Flush writes what is queued.
func (b *Batch) Flush() error {
	if b.rows == 0 {
		return nil
	}
	return b.it.raw(func(c driver.Conn) error {
		last, err := prepare(c, b.insertRows(b.rows))
		if err != nil {
			return err
		}
		defer last.Close()
		_, err = last.ExecContext(b.it.t.ctx, b.pending)
		b.pending, b.rows = b.pending[:0], 0
		return err
	})
}

// close releases the prepared statement.
func (b *Batch) close() error {
	return b.it.raw(func(driver.Conn) error { return b.full.Close() })
}

// textValue binds an empty text as NULL, which the statement's ifnull
// turns back into an empty text: the driver copies every text it binds
// into memory of its own.
func textValue(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}
