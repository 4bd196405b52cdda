package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEntriesBetweenFindsTheOneReachingIn(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	a, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	b, err := db.InsertClient(ctx, Client{Slug: "globex", Name: "Globex", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	at := func(h int) time.Time { return time.Date(2026, 3, 1, h, 0, 0, 0, time.UTC) }
	ptr := func(t time.Time) *time.Time { return &t }
	now := at(23)
	require.NoError(t, db.EditEntries(ctx, now, func(tx *EntryTx) error {
		for _, e := range []Entry{
			{ClientID: a.ID, Start: at(1), End: ptr(at(2)), Tags: []string{"ops", "db"}},
			{ClientID: b.ID, Start: at(3), End: ptr(at(5)), Note: "reaches in"},
			{ClientID: a.ID, Start: at(6), End: ptr(at(7))},
			{ClientID: b.ID, Start: at(8), End: nil, Source: "switch"},
		} {
			if e.Source == "" {
				e.Source = "manual"
			}
			if _, err := tx.Insert(e); err != nil {
				return err
			}
		}
		return nil
	}))

	es, err := db.EntriesBetween(ctx, at(4), at(7), 0)
	require.NoError(t, err)
	require.Len(t, es, 2)
	assert.Equal(t, "reaches in", es[0].Note)
	assert.Equal(t, "globex", es[0].Client)
	assert.Equal(t, at(6), es[1].Start)

	es, err = db.EntriesBetween(ctx, at(0), time.Time{}, a.ID)
	require.NoError(t, err)
	require.Len(t, es, 2)
	assert.Equal(t, []string{"db", "ops"}, es[0].Tags)

	es, err = db.EntriesBetween(ctx, at(20), at(21), 0)
	require.NoError(t, err)
	require.Len(t, es, 1, "a running entry overlaps everything after its start")
	assert.Nil(t, es[0].End)

	r, err := db.RunningEntry(ctx)
	require.NoError(t, err)
	require.NotNil(t, r)
	assert.Equal(t, "switch", r.Source)
}

func TestEntryHistoryAndRollback(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	a, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	end := start.Add(time.Hour)
	var id int64
	require.NoError(t, db.EditEntries(ctx, start, func(tx *EntryTx) error {
		id, err = tx.Insert(Entry{ClientID: a.ID, Start: start, End: &end, Note: "v1", Source: "manual", Billable: true})
		return err
	}))
	require.NoError(t, db.EditEntries(ctx, end, func(tx *EntryTx) error {
		e, err := tx.Get(id)
		if err != nil {
			return err
		}
		e.Note = "v2"
		return tx.Update(e, "edit")
	}))
	// A failing unit of work leaves nothing behind.
	err = db.EditEntries(ctx, end, func(tx *EntryTx) error {
		if err := tx.Delete(id); err != nil {
			return err
		}
		return assert.AnError
	})
	require.ErrorIs(t, err, assert.AnError)
	e, err := db.EntryByID(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "v2", e.Note)
	h, err := db.EntryHistory(ctx, id)
	require.NoError(t, err)
	require.Len(t, h, 1)
	assert.Equal(t, "v1", h[0].Note)

	_, err = db.EntryByID(ctx, 999)
	assert.ErrorIs(t, err, ErrEntryNotFound)
}

// A removed entry's ID is never handed to a new one: its history would
// otherwise seem to belong to the newcomer.
func TestEntryIDsAreNeverReused(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	c, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	end := at.Add(time.Hour)
	var first, second int64
	require.NoError(t, db.EditEntries(ctx, at, func(tx *EntryTx) error {
		first, err = tx.Insert(Entry{ClientID: c.ID, Start: at, End: &end, Source: "manual"})
		return err
	}))
	require.NoError(t, db.EditEntries(ctx, at, func(tx *EntryTx) error { return tx.Delete(first) }))
	require.NoError(t, db.EditEntries(ctx, at, func(tx *EntryTx) error {
		second, err = tx.Insert(Entry{ClientID: c.ID, Start: at, End: &end, Source: "manual"})
		return err
	}))
	assert.Greater(t, second, first)
}

// An empty entry starting in the same second as a long one must not hide
// the long one from a range it reaches into.
func TestEntriesBetweenWithAnEmptyEntryAtTheSameStart(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	c, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	eight := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	noon := eight.Add(4 * time.Hour)
	require.NoError(t, db.EditEntries(ctx, eight, func(tx *EntryTx) error {
		if _, err := tx.Insert(Entry{ClientID: c.ID, Start: eight, End: &noon, Source: "manual", Note: "long"}); err != nil {
			return err
		}
		_, err := tx.Insert(Entry{ClientID: c.ID, Start: eight, End: &eight, Source: "import", Note: "empty"})
		return err
	}))
	es, err := db.EntriesBetween(ctx, eight.Add(time.Hour), noon, 0)
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, "long", es[0].Note)
}

// A failed part of a transaction is undone by its savepoint while the rest
// (an access-log row written in the same unit of work) commits; a failed
// transaction leaves neither.
func TestSavepointUndoesOnlyItsPart(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	c, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	running := func() *Entry {
		e, err := db.RunningEntry(ctx)
		require.NoError(t, err)
		return e
	}
	logRows := func() int {
		rows, err := db.AccessLog(ctx, c.ID, time.Time{})
		require.NoError(t, err)
		return len(rows)
	}
	failure := assert.AnError
	require.NoError(t, db.EditEntries(ctx, now, func(tx *EntryTx) error {
		if err := tx.LogAccess(Access{At: now, ClientID: c.ID, Session: "s", Action: "switch"}); err != nil {
			return err
		}
		err := tx.Savepoint(func() error {
			if _, err := tx.Insert(Entry{ClientID: c.ID, Start: now, Source: "switch"}); err != nil {
				return err
			}
			return failure
		})
		assert.ErrorIs(t, err, failure)
		return nil
	}))
	assert.Nil(t, running(), "the failed part is undone")
	assert.Equal(t, 1, logRows(), "the rest commits")

	require.NoError(t, db.EditEntries(ctx, now, func(tx *EntryTx) error {
		return tx.Savepoint(func() error {
			_, err := tx.Insert(Entry{ClientID: c.ID, Start: now, Source: "switch"})
			return err
		})
	}))
	assert.NotNil(t, running(), "a part that succeeds commits with the transaction")

	err = db.EditEntries(ctx, now, func(tx *EntryTx) error {
		require.NoError(t, tx.LogAccess(Access{At: now, ClientID: c.ID, Session: "s", Action: "off"}))
		return failure
	})
	assert.ErrorIs(t, err, failure)
	assert.Equal(t, 1, logRows(), "a failed transaction logs nothing")
}
