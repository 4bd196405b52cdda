package workbench

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
)

func TestRunbookAndLog(t *testing.T) {
	ctx := context.Background()
	w := newFixture(t, withoutKeyring())
	clock := w.clk
	w.addClient("acme")

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
	w := newFixture(t, withoutKeyring())
	w.addClient("acme")
	w.addClient("globex")
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
	acme := byClient["acme"]
	assert.Equal(t, "Break-glass: the bastion host is bastion.acme.io.", acme.Snippet, "plain text, no markup")
	require.NotEmpty(t, acme.Matches)
	for _, m := range acme.Matches {
		assert.Equal(t, "bastion", acme.Snippet[m[0]:m[1]])
	}
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
	w := newFixture(t, withoutKeyring())
	w.addClient("acme")
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
	argv, err := EditorCommand(env(map[string]string{"VISUAL": "code --wait", "EDITOR": "vim"}), have("sh"))
	require.NoError(t, err)
	assert.Equal(t, []string{"/usr/bin/sh", "-c", `code --wait "$@"`, "code --wait"}, argv, "through the shell, as git runs it")
	argv, err = EditorCommand(env(map[string]string{"EDITOR": "vim -c 'set tw=72'"}), have("sh"))
	require.NoError(t, err)
	assert.Equal(t, []string{"/usr/bin/sh", "-c", `vim -c 'set tw=72' "$@"`, "vim -c 'set tw=72'"}, argv)
	_, err = EditorCommand(env(map[string]string{"EDITOR": "code --wait"}), have())
	require.ErrorContains(t, err, "sh is not on PATH")
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
