package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProjectsUnderAClient(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	now := time.Unix(1_700_000_000, 0).UTC()
	acme, err := db.InsertClient(ctx, Client{Slug: "acme", Name: "Acme", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)
	globex, err := db.InsertClient(ctx, Client{Slug: "globex", Name: "Globex", Currency: "USD", RoundMode: "up", RoundPer: "entry"})
	require.NoError(t, err)

	require.NoError(t, db.AddProject(ctx, Project{ClientID: acme.ID, Name: "web"}, now))
	require.NoError(t, db.AddProject(ctx, Project{ClientID: acme.ID, Name: "audit", RateMinor: 22000}, now))
	require.NoError(t, db.AddProject(ctx, Project{ClientID: globex.ID, Name: "web"}, now), "another client's name")
	require.ErrorIs(t, db.AddProject(ctx, Project{ClientID: acme.ID, Name: "web"}, now), ErrProjectExists)

	rates, err := db.ProjectRates(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[int64]map[string]int64{acme.ID: {"audit": 22000}}, rates, "only projects with a rate of their own")

	// An entry carries its project through insert, update, history and the
	// undo log's JSON.
	var id int64
	require.NoError(t, db.EditEntries(ctx, now, func(tx *EntryTx) error {
		ok, err := tx.ProjectExists(acme.ID, "web")
		require.True(t, ok)
		require.NoError(t, err)
		tx.Journal("add")
		id, err = tx.Insert(Entry{ClientID: acme.ID, Start: now.Add(-time.Hour), End: &now, Source: "manual", Project: "web"})
		return err
	}))
	e, err := db.EntryByID(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "web", e.Project)
	require.NoError(t, db.EditEntries(ctx, now, func(tx *EntryTx) error {
		tx.Journal("edit")
		e.Project = "audit"
		return tx.Update(e, "edit")
	}))
	hist, err := db.EntryHistory(ctx, id)
	require.NoError(t, err)
	require.Len(t, hist, 1)
	assert.Equal(t, "web", hist[0].Project, "the history keeps the project it had")
	require.NoError(t, db.EditEntries(ctx, now, func(tx *EntryTx) error {
		c, err := tx.LastChange()
		if err != nil {
			return err
		}
		require.Equal(t, "web", c.Entries[0].Before.Project)
		return tx.Revert(c)
	}))
	e, err = db.EntryByID(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "web", e.Project, "undo puts the project back")

	err = db.RemoveProject(ctx, acme.ID, "web")
	var inUse *ProjectInUseError
	require.True(t, errors.As(err, &inUse), "%v", err)
	assert.Equal(t, ProjectInUseError{Entries: 1, FirstEntry: id}, *inUse)
	require.ErrorIs(t, db.RemoveProject(ctx, acme.ID, "nope"), ErrNotFound)
	require.NoError(t, db.RemoveProject(ctx, acme.ID, "audit"))
	require.ErrorIs(t, db.SetProjectRate(ctx, acme.ID, "audit", 1), ErrNotFound)
	require.NoError(t, db.SetProjectRate(ctx, acme.ID, "web", 18000))

	ps, err := db.Projects(ctx, 0)
	require.NoError(t, err)
	require.Len(t, ps, 2)
	assert.Equal(t, Project{ID: ps[0].ID, ClientID: acme.ID, Client: "acme", Name: "web", RateMinor: 18000, Entries: 1, CreatedAt: now}, ps[0])

	// A client removed with its entries takes its projects along.
	require.NoError(t, db.DeleteClient(ctx, acme.ID, true))
	ps, err = db.Projects(ctx, 0)
	require.NoError(t, err)
	require.Len(t, ps, 1)
	assert.Equal(t, "globex", ps[0].Client)
}
