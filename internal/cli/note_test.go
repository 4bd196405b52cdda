package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/testenv"
	"github.com/stint-sh/stint/internal/workbench"
)

// fakeEditor writes a shell script that acts as $EDITOR: it appends text to
// the file it is given (or fails with exit 3 when text is "FAIL").
func fakeEditor(t *testing.T, text string) string {
	t.Helper()
	script := "#!/bin/sh\nprintf '%s' '" + text + "' >> \"$1\"\n"
	if text == "FAIL" {
		script = "#!/bin/sh\necho 'broken' >> \"$1\"\nexit 3\n"
	}
	path := filepath.Join(t.TempDir(), "editor.sh")
	require.NoError(t, os.WriteFile(path, []byte(script), 0o755))
	return path
}

func TestNotesAddListEditSearch(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.ok("client", "add", "globex")

	h.env["EDITOR"] = fakeEditor(t, "Failover: promote the replica in eu-west-1.")
	assert.Contains(t, h.ok("note", "edit", "acme"), "Saved the runbook of acme")
	h.env["EDITOR"] = fakeEditor(t, "")
	assert.Contains(t, h.ok("note", "edit", "acme"), "No changes")
	// A failing editor leaves the runbook as it was.
	h.env["EDITOR"] = fakeEditor(t, "FAIL")
	r := h.run("note", "edit", "acme")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "the runbook of acme was not changed")
	delete(h.env, "EDITOR")

	h.ok("note", "add", "globex", "replica", "lag", "alarm", "tuned")
	h.ok("note", "add", "globex", "second line")

	var listing noteListing
	require.NoError(t, json.Unmarshal([]byte(h.ok("note", "list", "acme", "--json")), &listing))
	assert.Equal(t, "Failover: promote the replica in eu-west-1.", listing.Runbook)
	assert.Empty(t, listing.Log)
	require.NoError(t, json.Unmarshal([]byte(h.ok("note", "list", "globex", "--json")), &listing))
	require.Len(t, listing.Log, 2)
	assert.Equal(t, "second line", listing.Log[0].Text)
	assert.Equal(t, "replica lag alarm tuned", listing.Log[1].Text)
	human := h.ok("note", "list", "globex")
	assert.Contains(t, human, "No runbook yet")
	assert.Contains(t, human, "replica lag alarm tuned")

	var hits []workbench.NoteHit
	require.NoError(t, json.Unmarshal([]byte(h.ok("note", "search", "replica", "--json")), &hits))
	require.Len(t, hits, 2)
	clients := map[string]string{}
	for _, hit := range hits {
		clients[hit.Client] = hit.Kind
		assert.Contains(t, hit.Snippet, "replica")
		assert.NotContains(t, hit.Snippet, "**", "JSON snippets are plain text")
		require.NotEmpty(t, hit.Matches)
		assert.Equal(t, "replica", hit.Snippet[hit.Matches[0][0]:hit.Matches[0][1]])
	}
	assert.Equal(t, map[string]string{"acme": "runbook", "globex": "log"}, clients)
	out := h.ok("note", "search", "replica")
	assert.Contains(t, out, "acme")
	assert.Contains(t, out, "globex")

	// Search syntax is searched for as words, never an SQL error.
	for _, q := range []string{`"replica`, "replica AND", "NEAR(", "eu-west-1", "*", "col:umn"} {
		r := h.run("note", "search", q)
		assert.Equal(t, 0, r.code, "%q: %s", q, r.stderr)
	}

	// A client's notes are removed with the client.
	h.ok("client", "rm", "acme")
	hits = nil
	require.NoError(t, json.Unmarshal([]byte(h.ok("note", "search", "replica", "--json")), &hits))
	require.Len(t, hits, 1)
	assert.Equal(t, "globex", hits[0].Client)
	assert.Contains(t, h.ok("note", "search", "failover"), "No notes match")
}

func TestNoteBadInput(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	cases := []struct {
		want string
		args []string
	}{
		{"usage: stint note add NAME TEXT", []string{"note", "add", "acme"}},
		{"the note is empty", []string{"note", "add", "acme", " "}},
		{"no client named \"nobody\"", []string{"note", "add", "nobody", "x"}},
		{"no client named \"nobody\"", []string{"note", "list", "nobody"}},
		{"usage: stint note search QUERY", []string{"note", "search"}},
		{"give words to search for", []string{"note", "search", "  "}},
		{"usage: stint note edit NAME", []string{"note", "edit"}},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) { h.fails(2, c.want, c.args...) })
	}
}

func TestNoteEditWithoutAnyEditor(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	t.Setenv("PATH", t.TempDir()) // no editor, vi or nano to fall back on
	h.fails(1, "no editor found: set EDITOR", "note", "edit", "acme")
}

func TestHighlightMatches(t *testing.T) {
	m := [][2]int{{12, 18}}
	assert.Equal(t, "rotated the deploy key", highlightMatches("rotated the deploy key", m, false))
	assert.Equal(t, "rotated the \x1b[1mdeploy\x1b[22m key", highlightMatches("rotated the deploy key", m, true))
	assert.Equal(t, "a **b** c", highlightMatches("a **b** c", nil, true), "a note's own ** is text")
	assert.Equal(t, "rotated the \x1b[1mdeploy\x1b[22m key \\x1b[2J", highlightMatches("rotated\nthe deploy key \x1b[2J", m, true),
		"line breaks are spaces; the note's escape sequences are shown, only stint's bold acts")
	assert.Equal(t, "x", highlightMatches("x", [][2]int{{0, 5}}, true), "a range outside the snippet is ignored")
}

// $EDITOR with arguments runs through the shell, as git runs it: its
// quotes group words as they do typed (split on spaces, the quoted text
// below would break apart and the redirection would be an argument).
func TestNoteEditRunsEditorThroughTheShell(t *testing.T) {
	testenv.Program(t, "sh")
	h := newHarness(t)
	h.ok("client", "add", "acme")
	h.env["PATH"] = os.Getenv("PATH")
	h.env["EDITOR"] = `printf '%s\n' 'the final runbook' >`
	h.ok("note", "edit", "acme")
	assert.Contains(t, h.ok("note", "list", "acme"), "the final runbook")
}
