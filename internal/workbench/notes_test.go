package workbench

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
)

// nhSecrets is an in-memory SecretStore for the notes, handoff and
// offboarding tests; it records which clients were deleted.
type nhSecrets struct {
	mu      sync.Mutex
	sets    map[string]map[string]string
	deleted []string
}

func newNHSecrets() *nhSecrets { return &nhSecrets{sets: map[string]map[string]string{}} }

func (s *nhSecrets) Load(client string) (map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.sets[client]), nil
}

func (s *nhSecrets) Update(client string, fn func(map[string]string) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := maps.Clone(s.sets[client])
	if m == nil {
		m = map[string]string{}
	}
	if err := fn(m); err != nil {
		return err
	}
	s.sets[client] = m
	return nil
}

func (s *nhSecrets) DeleteAll(client string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sets, client)
	s.deleted = append(s.deleted, client)
	return nil
}

// nhClock is a settable clock.
type nhClock struct{ t time.Time }

func (c *nhClock) now() time.Time { return c.t }

// nhBench is a workbench on a temporary layout with a fake keyring.
func nhBench(t *testing.T, sec SecretStore) (*Workbench, *nhClock) {
	t.Helper()
	dir := t.TempDir()
	layout := paths.Layout{Config: filepath.Join(dir, "config"), Data: filepath.Join(dir, "data"), Runtime: filepath.Join(dir, "run")}
	require.NoError(t, layout.Ensure())
	db, err := store.Open(context.Background(), layout.DBPath())
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	clock := &nhClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	return New(db, sec, layout, clock.now), clock
}

func nhClient(t *testing.T, w *Workbench, slug string) {
	t.Helper()
	_, err := w.AddClient(context.Background(), slug, profiles.ClientSpec{})
	require.NoError(t, err)
}

func TestRunbookAndLog(t *testing.T) {
	ctx := context.Background()
	w, clock := nhBench(t, nil)
	nhClient(t, w, "acme")

	body, err := w.Runbook(ctx, "acme")
	require.NoError(t, err)
	assert.Empty(t, body)
	require.NoError(t, w.SetRunbook(ctx, "acme", "# Acme\n"))
	body, err = w.Runbook(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, "# Acme\n", body)

	n1, err := w.AddNote(ctx, "acme", "  rotated the deploy key \n")
	require.NoError(t, err)
	assert.Equal(t, "rotated the deploy key", n1.Text)
	clock.t = clock.t.Add(time.Minute)
	_, err = w.AddNote(ctx, "acme", "upgraded the cluster")
	require.NoError(t, err)
	notes, err := w.Notes(ctx, "acme", 0)
	require.NoError(t, err)
	require.Len(t, notes, 2)
	assert.Equal(t, "upgraded the cluster", notes[0].Text)
	assert.Equal(t, n1, notes[1])

	_, err = w.AddNote(ctx, "acme", "  ")
	assert.True(t, badinput.Is(err))
	_, err = w.AddNote(ctx, "nobody", "x")
	assert.True(t, badinput.Is(err))
	_, err = w.SearchNotes(ctx, " ", 0)
	assert.True(t, badinput.Is(err))
}

func TestSearchNotesAcrossClientsAndRemoval(t *testing.T) {
	ctx := context.Background()
	w, _ := nhBench(t, nil)
	nhClient(t, w, "acme")
	nhClient(t, w, "globex")
	require.NoError(t, w.SetRunbook(ctx, "acme", "Break-glass: the bastion host is bastion.acme.io."))
	note, err := w.AddNote(ctx, "globex", "Moved the bastion to a new subnet")
	require.NoError(t, err)

	hits, err := w.SearchNotes(ctx, "bastion", 0)
	require.NoError(t, err)
	require.Len(t, hits, 2)
	byClient := map[string]NoteHit{}
	for _, h := range hits {
		byClient[h.Client] = h
	}
	assert.Equal(t, "runbook", byClient["acme"].Kind)
	assert.Contains(t, byClient["acme"].Snippet, "**bastion**")
	assert.Equal(t, "log", byClient["globex"].Kind)
	assert.Equal(t, note.ID, byClient["globex"].NoteID)

	// A query that is FTS5 syntax is searched as words.
	_, err = w.SearchNotes(ctx, `bastion" OR NEAR(`, 0)
	require.NoError(t, err)

	require.NoError(t, w.RemoveClient(ctx, "globex", false))
	hits, err = w.SearchNotes(ctx, "bastion", 0)
	require.NoError(t, err)
	require.Len(t, hits, 1)
	assert.Equal(t, "acme", hits[0].Client)
}

func TestRunbookEditFile(t *testing.T) {
	ctx := context.Background()
	w, _ := nhBench(t, nil)
	nhClient(t, w, "acme")
	require.NoError(t, w.SetRunbook(ctx, "acme", "old"))

	e, err := w.BeginRunbookEdit(ctx, "acme")
	require.NoError(t, err)
	info, err := os.Stat(e.Path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	assert.Equal(t, filepath.Join(w.Layout().Runtime), filepath.Dir(e.Path))
	changed, err := w.FinishRunbookEdit(ctx, e)
	require.NoError(t, err)
	assert.False(t, changed)
	assert.NoFileExists(t, e.Path)

	e, err = w.BeginRunbookEdit(ctx, "acme")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(e.Path, []byte("new"), 0o600))
	changed, err = w.FinishRunbookEdit(ctx, e)
	require.NoError(t, err)
	assert.True(t, changed)
	body, _ := w.Runbook(ctx, "acme")
	assert.Equal(t, "new", body)
	assert.NoFileExists(t, e.Path)
}

func TestEditorCommand(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	have := func(names ...string) func(string) (string, error) {
		return func(n string) (string, error) {
			for _, h := range names {
				if h == n {
					return "/usr/bin/" + n, nil
				}
			}
			return "", errors.New("not found")
		}
	}
	argv, err := EditorCommand(env(map[string]string{"VISUAL": "code --wait", "EDITOR": "vim"}), have())
	require.NoError(t, err)
	assert.Equal(t, []string{"code", "--wait"}, argv)
	argv, err = EditorCommand(env(map[string]string{"EDITOR": "vim"}), have())
	require.NoError(t, err)
	assert.Equal(t, []string{"vim"}, argv)
	argv, err = EditorCommand(env(nil), have("nano", "vi"))
	require.NoError(t, err)
	assert.Equal(t, []string{"/usr/bin/vi"}, argv)
	argv, err = EditorCommand(env(nil), have("nano"))
	require.NoError(t, err)
	assert.Equal(t, []string{"/usr/bin/nano"}, argv)
	_, err = EditorCommand(env(nil), have())
	require.ErrorContains(t, err, "set EDITOR")
}
