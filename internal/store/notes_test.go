package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func notesTestClient(t *testing.T, db *DB, slug string) Client {
	t.Helper()
	c, err := db.InsertClient(context.Background(), Client{Slug: slug, Name: slug, Currency: "USD", RoundMode: "up", RoundPer: "entry", AutoTrack: true})
	require.NoError(t, err)
	return c
}

func TestRunbookAndLog(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	c := notesTestClient(t, db, "acme")
	body, at, err := db.Runbook(ctx, c.ID)
	require.NoError(t, err)
	assert.Empty(t, body)
	assert.True(t, at.IsZero())

	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	require.NoError(t, db.SetRunbook(ctx, c.ID, "# Acme\nDeploy with argo.", t0))
	require.NoError(t, db.SetRunbook(ctx, c.ID, "# Acme\nDeploy with flux.", t0.Add(time.Hour)))
	body, at, err = db.Runbook(ctx, c.ID)
	require.NoError(t, err)
	assert.Equal(t, "# Acme\nDeploy with flux.", body)
	assert.Equal(t, t0.Add(time.Hour), at)

	_, err = db.AddNote(ctx, c.ID, t0, "first")
	require.NoError(t, err)
	_, err = db.AddNote(ctx, c.ID, t0.Add(time.Minute), "second")
	require.NoError(t, err)
	ns, err := db.Notes(ctx, c.ID, 0)
	require.NoError(t, err)
	require.Len(t, ns, 2)
	assert.Equal(t, "second", ns[0].Body, "newest first")
	ns, err = db.Notes(ctx, c.ID, 1)
	require.NoError(t, err)
	assert.Len(t, ns, 1)

	// The old runbook text left the index when it was replaced.
	hits, err := db.SearchNotes(ctx, "argo", 10, "[", "]")
	require.NoError(t, err)
	assert.Empty(t, hits)
	hits, err = db.SearchNotes(ctx, "flux", 10, "[", "]")
	require.NoError(t, err)
	require.Len(t, hits, 1)
	assert.Equal(t, "runbook", hits[0].Kind)
	assert.Contains(t, hits[0].Snippet, "[flux]")

	// An empty runbook removes it from the index too.
	require.NoError(t, db.SetRunbook(ctx, c.ID, "", t0))
	hits, err = db.SearchNotes(ctx, "flux", 10, "[", "]")
	require.NoError(t, err)
	assert.Empty(t, hits)
}

func TestSearchAcrossClientsRanksAndSurvivesSyntax(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	a := notesTestClient(t, db, "acme")
	g := notesTestClient(t, db, "globex")
	now := time.Unix(1_800_000_000, 0).UTC()
	require.NoError(t, db.SetRunbook(ctx, a.ID, "Rotate the vault token monthly. The vault lives in eu-west-1.", now))
	_, err := db.AddNote(ctx, g.ID, now, "Upgraded the ingress controller; vault untouched")
	require.NoError(t, err)

	hits, err := db.SearchNotes(ctx, "vault", 10, "[", "]")
	require.NoError(t, err)
	require.Len(t, hits, 2)
	assert.Equal(t, "acme", hits[0].Slug, "two mentions rank above one")
	assert.Equal(t, "globex", hits[1].Slug)
	assert.Equal(t, "log", hits[1].Kind)
	assert.Equal(t, now, hits[1].At)

	// Stemming (porter): "upgrading" finds "Upgraded".
	hits, err = db.SearchNotes(ctx, "upgrading", 10, "[", "]")
	require.NoError(t, err)
	require.Len(t, hits, 1)
	assert.Equal(t, "globex", hits[0].Slug)

	// Prefix search.
	hits, err = db.SearchNotes(ctx, "ingr*", 10, "[", "]")
	require.NoError(t, err)
	assert.Len(t, hits, 1)

	// FTS5 syntax in the query is searched as words, never an error.
	for _, q := range []string{`"unbalanced`, `vault AND`, `NEAR(`, `-vault`, `a:b`, `(`, `*`, `""`, `vault OR`, `eu-west-1`, `^x`} {
		_, err := db.SearchNotes(ctx, q, 10, "[", "]")
		assert.NoError(t, err, q)
	}
	hits, err = db.SearchNotes(ctx, "eu-west-1", 10, "[", "]")
	require.NoError(t, err)
	assert.Len(t, hits, 1)
	hits, err = db.SearchNotes(ctx, "   ", 10, "[", "]")
	require.NoError(t, err)
	assert.Empty(t, hits)
}

func TestMatchWords(t *testing.T) {
	assert.Equal(t, `"vault" "token"`, MatchWords(" vault  token "))
	assert.Equal(t, `"say" """hi"""`, MatchWords(`say "hi"`))
	assert.Equal(t, `"ingr"*`, MatchWords("ingr*"))
	assert.Equal(t, ``, MatchWords("* - ( )"))
	assert.Equal(t, `"AND"`, MatchWords("AND"))
}

func TestNotesGoWithTheClient(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	c := notesTestClient(t, db, "acme")
	now := time.Now()
	require.NoError(t, db.SetRunbook(ctx, c.ID, "kraken", now))
	_, err := db.AddNote(ctx, c.ID, now, "kraken sighted")
	require.NoError(t, err)
	require.NoError(t, db.DeleteClient(ctx, c.ID, false))
	hits, err := db.SearchNotes(ctx, "kraken", 10, "", "")
	require.NoError(t, err)
	assert.Empty(t, hits)
	var n int
	require.NoError(t, db.sql.QueryRow("SELECT (SELECT count(*) FROM note_log) + (SELECT count(*) FROM runbooks) + (SELECT count(*) FROM notes_fts)").Scan(&n))
	assert.Zero(t, n)
}

func TestImportClientIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	now := time.Unix(1_800_000_000, 0).UTC()
	in := ClientImport{
		Profile: Profile{
			Client:       Client{Slug: "acme", Name: "Acme", Currency: "EUR", RoundMode: "nearest", RoundPer: "day", CreatedAt: now, UpdatedAt: now},
			Vars:         []Var{{Name: "A", Value: "1"}},
			Settings:     map[string]string{"aws.profile": "acme"},
			KubeSources:  []string{"/k/one", "/k/two"},
			KubeContexts: []string{"prod"},
			Isolated:     []string{"gh"},
			Repos:        []Repo{{Path: "/src/api", URL: "git@x:api.git", AddedAt: now}},
			SecretNames:  []SecretName{{Name: "TOKEN", UpdatedAt: now}},
		},
		Runbook: "the runbook", RunbookAt: now,
		Log: []LogNote{{At: now, Body: "hello"}},
	}
	c, err := db.ImportClient(ctx, in)
	require.NoError(t, err)
	p, err := db.Profile(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, c.ID, p.Client.ID)
	assert.Equal(t, in.Profile.Vars, p.Vars)
	assert.Equal(t, in.Profile.KubeSources, p.KubeSources)
	assert.Equal(t, in.Profile.Repos, p.Repos)
	assert.Equal(t, in.Profile.SecretNames, p.SecretNames)
	hits, err := db.SearchNotes(ctx, "hello", 0, "", "")
	require.NoError(t, err)
	assert.Len(t, hits, 1)

	// A second import of the same slug fails and leaves nothing half-written.
	in.Profile.Vars = []Var{{Name: "B", Value: "2"}}
	_, err = db.ImportClient(ctx, in)
	require.Error(t, err)
	var n int
	require.NoError(t, db.sql.QueryRow("SELECT count(*) FROM client_vars").Scan(&n))
	assert.Equal(t, 1, n)
}

func TestArchiveForOffboarding(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	c := notesTestClient(t, db, "acme")
	_, err := db.sql.Exec("INSERT INTO secret_names (client_id, name, size, updated_at) VALUES (?, 'TOKEN', 3, 0)", c.ID)
	require.NoError(t, err)
	require.NoError(t, db.ArchiveForOffboarding(ctx, c.ID, time.Unix(1_800_000_000, 0)))
	p, err := db.Profile(ctx, "acme")
	require.NoError(t, err)
	assert.True(t, p.Client.Archived)
	assert.Empty(t, p.SecretNames)
}
