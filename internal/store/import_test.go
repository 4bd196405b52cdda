package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An import's connection has its foreign keys off; the ImportTx checks the
// client of every row it writes instead, and the connection goes back to
// the pool with its keys on whatever happened.
func TestImportTxChecksClientsAndRestoresForeignKeys(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	db.SQL().SetMaxOpenConns(1) // every transaction below on the import's connection
	acme, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	globex, err := db.InsertClient(ctx, Client{Slug: "globex", Name: "Globex", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	now := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	row := func(client int64, i int) Entry {
		start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
		end := start.Add(30 * time.Second)
		e := Entry{ClientID: client, Start: start, End: &end, Billable: i%3 > 0, Source: "import",
			ExternalID: fmt.Sprintf("test:%d", i)}
		if i%2 == 1 { // empty texts are bound as NULL and stored as ''
			e.Note, e.Tags, e.Project = fmt.Sprintf("note %d", i), []string{"a", "b"}, "web"
		}
		return e
	}
	count := func() int {
		var n int
		require.NoError(t, db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM entries").Scan(&n))
		return n
	}
	foreignKeysOn := func() {
		t.Helper()
		var on int
		require.NoError(t, db.SQL().QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&on))
		assert.Equal(t, 1, on)
	}

	for name, tc := range map[string]struct {
		client  func(*ImportTx) (int64, error)
		project bool
	}{
		"a client that does not exist":        {client: func(*ImportTx) (int64, error) { return globex.ID + 100, nil }},
		"a client not looked up":              {client: func(*ImportTx) (int64, error) { return globex.ID, nil }},
		"a project of a client not looked up": {client: func(*ImportTx) (int64, error) { return globex.ID, nil }, project: true},
	} {
		t.Run(name, func(t *testing.T) {
			err := db.ImportEntries(ctx, now, func(tx *ImportTx) error {
				if _, err := tx.ClientID("acme"); err != nil {
					return err
				}
				id, err := tc.client(tx)
				if err != nil {
					return err
				}
				if tc.project {
					_, err := tx.EnsureProject(id, "web")
					return err
				}
				b, err := tx.Batch()
				if err != nil {
					return err
				}
				for i := range batchRows + 3 { // a full statement, then the refused row
					if err := b.Add(row(acme.ID, i)); err != nil {
						return err
					}
				}
				if err := b.Add(row(id, 1000)); err != nil {
					return err
				}
				return b.Flush()
			})
			require.ErrorIs(t, err, errClientUnchecked)
			assert.Zero(t, count(), "nothing of a refused import is stored")
			foreignKeysOn()
		})
	}

	// A batch stores imported entries only: their source is the statement's.
	err = db.ImportEntries(ctx, now, func(tx *ImportTx) error {
		id, err := tx.ClientID("acme")
		if err != nil {
			return err
		}
		b, err := tx.Batch()
		if err != nil {
			return err
		}
		e := row(id, 0)
		e.Source = "manual"
		return b.Add(e)
	})
	require.ErrorContains(t, err, `not source "manual"`)

	// A failed import leaves the keys on too.
	require.Error(t, db.ImportEntries(ctx, now, func(*ImportTx) error { return errors.New("no") }))
	foreignKeysOn()

	// A good one stores every row, in order, across batches.
	n := 2*batchRows + 5
	require.NoError(t, db.ImportEntries(ctx, now, func(tx *ImportTx) error {
		a, err := tx.ClientID("acme")
		if err != nil {
			return err
		}
		g, err := tx.ClientID("globex")
		if err != nil {
			return err
		}
		b, err := tx.Batch()
		if err != nil {
			return err
		}
		for i := range n {
			if err := b.Add(row([]int64{a, g}[i%2], i)); err != nil {
				return err
			}
		}
		return b.Flush()
	}))
	foreignKeysOn()
	es, err := db.EntriesBetween(ctx, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), now, 0)
	require.NoError(t, err)
	require.Len(t, es, n)
	for i, e := range es {
		assert.Equal(t, row(0, i).Start, e.Start)
		assert.Equal(t, []string{"acme", "globex"}[i%2], e.Client)
		assert.Equal(t, fmt.Sprintf("test:%d", i), e.ExternalID)
		want := row(0, i)
		assert.Equal(t, want.Note, e.Note)
		assert.ElementsMatch(t, want.Tags, e.Tags)
		assert.Equal(t, want.Project, e.Project)
		assert.Equal(t, want.Billable, e.Billable)
		assert.Equal(t, "import", e.Source)
		assert.Equal(t, now, e.CreatedAt)
		assert.Equal(t, now, e.UpdatedAt)
		if i > 0 {
			assert.Greater(t, e.ID, es[i-1].ID, "IDs follow the rows' order")
		}
	}

	// Keys are checked again on the same connection: an entry of a client
	// that does not exist is refused by SQLite itself.
	err = db.EditEntries(ctx, now, func(tx *EntryTx) error {
		_, err := tx.Insert(row(globex.ID+100, n))
		return err
	})
	require.ErrorContains(t, err, "FOREIGN KEY")
}

// An import whose context ends midway (Ctrl-C) stores nothing, and the
// database takes the next import with its keys checked.
func TestImportEntriesCancelledStoresNothing(t *testing.T) {
	db := openTemp(t)
	db.SQL().SetMaxOpenConns(1)
	_, err := db.InsertClient(context.Background(), Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	now := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	add := func(ctx context.Context, n int, cancel func()) error {
		return db.ImportEntries(ctx, now, func(tx *ImportTx) error {
			id, err := tx.ClientID("acme")
			if err != nil {
				return err
			}
			b, err := tx.Batch()
			if err != nil {
				return err
			}
			for i := range n {
				if i == batchRows+1 && cancel != nil {
					cancel()
				}
				start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
				end := start.Add(time.Second)
				if err := b.Add(Entry{ClientID: id, Start: start, End: &end, Source: "import", ExternalID: fmt.Sprint(i)}); err != nil {
					return err
				}
			}
			return b.Flush()
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	require.Error(t, add(ctx, 3*batchRows, cancel))
	var n, on int
	require.NoError(t, db.SQL().QueryRow("SELECT count(*) FROM entries").Scan(&n))
	assert.Zero(t, n)
	require.NoError(t, add(context.Background(), 10, nil))
	require.NoError(t, db.SQL().QueryRow("SELECT count(*) FROM entries").Scan(&n))
	assert.Equal(t, 10, n)
	require.NoError(t, db.SQL().QueryRow("PRAGMA foreign_keys").Scan(&on))
	assert.Equal(t, 1, on)
}
