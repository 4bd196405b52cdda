package notes

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/paths"
)

// SQLite marks the matched words of a search snippet with two characters
// of Unicode's private use area, which no note is expected to hold; they are
// taken out again into NoteHit.Matches, so snippets are plain text (in
// JSON too) and each front end marks matches its own way.
const snippetOpen, snippetClose = "\ue000", "\ue001"

// plainSnippet takes the match marks out of a marked snippet: the text, and
// the byte ranges [start, end) of the matches in it.
func plainSnippet(marked string) (string, [][2]int) {
	var b strings.Builder
	var matches [][2]int
	start := -1
	for _, r := range marked {
		switch {
		case string(r) == snippetOpen && start < 0:
			start = b.Len()
		case string(r) == snippetClose && start >= 0:
			if b.Len() > start {
				matches = append(matches, [2]int{start, b.Len()})
			}
			start = -1
		case string(r) == snippetOpen || string(r) == snippetClose:
			// A stray mark (a note holding one): dropped.
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), matches
}

// Runbook returns a client's runbook, "" when it has none yet.
func (n *Notes) Runbook(ctx context.Context, slug string) (string, error) {
	c, err := n.clients.Client(ctx, slug)
	if err != nil {
		return "", err
	}
	body, _, err := n.db.Runbook(ctx, c.ID)
	return body, err
}

// SetRunbook replaces a client's runbook; an empty body removes it.
func (n *Notes) SetRunbook(ctx context.Context, slug, body string) error {
	c, err := n.clients.Client(ctx, slug)
	if err != nil {
		return err
	}
	if strings.TrimSpace(body) == "" {
		body = ""
	}
	if err := n.db.SetRunbook(ctx, c.ID, body, n.clock.Now()); err != nil {
		return fmt.Errorf("cannot save the runbook of %s: %w", slug, err)
	}
	return nil
}

// AddNote appends a dated line to a client's log.
func (n *Notes) AddNote(ctx context.Context, slug, text string) (Note, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Note{}, badinput.Errorf("the note is empty: write it after the client, like `stint note add %s rotated the deploy key`", slug)
	}
	c, err := n.clients.Client(ctx, slug)
	if err != nil {
		return Note{}, err
	}
	at := n.clock.Now()
	id, err := n.db.AddNote(ctx, c.ID, at, text)
	if err != nil {
		return Note{}, fmt.Errorf("cannot save the note for %s: %w", slug, err)
	}
	return Note{ID: id, Client: slug, At: at, Text: text}, nil
}

// Notes lists a client's log, newest first; limit <= 0 means all.
func (n *Notes) Notes(ctx context.Context, slug string, limit int) ([]Note, error) {
	c, err := n.clients.Client(ctx, slug)
	if err != nil {
		return nil, err
	}
	rows, err := n.db.Notes(ctx, c.ID, limit)
	if err != nil {
		return nil, err
	}
	out := make([]Note, 0, len(rows))
	for _, r := range rows {
		out = append(out, Note{ID: r.ID, Client: slug, At: r.At, Text: r.Body})
	}
	return out, nil
}

// SearchNotes searches every client's runbook and log, best match first.
// The query is plain words (all must match; a trailing * matches a prefix);
// search syntax in it is searched for literally, never an error.
// limit <= 0 means 50.
func (n *Notes) SearchNotes(ctx context.Context, query string, limit int) ([]NoteHit, error) {
	if strings.TrimSpace(query) == "" {
		return nil, badinput.Errorf("give words to search for, like `stint note search vault token`")
	}
	if limit <= 0 {
		limit = 50
	}
	ms, err := n.db.SearchNotes(ctx, query, limit, snippetOpen, snippetClose)
	if err != nil {
		return nil, err
	}
	out := make([]NoteHit, 0, len(ms))
	for _, m := range ms {
		h := NoteHit{Client: m.Slug, Kind: m.Kind, At: m.At}
		h.Snippet, h.Matches = plainSnippet(m.Snippet)
		if m.Kind == "log" {
			h.NoteID = m.Ref
		}
		out = append(out, h)
	}
	return out, nil
}

// RunbookEdit is a runbook being edited in a file: BeginRunbookEdit writes
// it, an editor changes it, FinishRunbookEdit saves it. The CLI runs the
// editor directly; the TUI hands it the terminal with tea.ExecProcess.
type RunbookEdit struct {
	Client   string
	Path     string // 0600 in stint's private runtime directory
	Original string
}

// BeginRunbookEdit writes a client's runbook to a private temporary file.
func (n *Notes) BeginRunbookEdit(ctx context.Context, slug string) (RunbookEdit, error) {
	body, err := n.Runbook(ctx, slug)
	if err != nil {
		return RunbookEdit{}, err
	}
	if err := paths.EnsureDir(n.layout.Runtime); err != nil {
		return RunbookEdit{}, err
	}
	// CreateTemp makes the file 0600; the .md suffix gets editors to
	// highlight markdown.
	f, err := os.CreateTemp(n.layout.Runtime, "runbook-"+slug+"-*.md")
	if err != nil {
		return RunbookEdit{}, fmt.Errorf("cannot create a file to edit the runbook in: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteString(body); err != nil {
		os.Remove(f.Name())
		return RunbookEdit{}, fmt.Errorf("cannot write %s: %w", f.Name(), err)
	}
	return RunbookEdit{Client: slug, Path: f.Name(), Original: body}, nil
}

// FinishRunbookEdit saves the edited file when it changed and removes it.
func (n *Notes) FinishRunbookEdit(ctx context.Context, e RunbookEdit) (changed bool, err error) {
	defer os.Remove(e.Path)
	data, err := os.ReadFile(e.Path)
	if err != nil {
		return false, fmt.Errorf("cannot read the edited runbook %s: %w", e.Path, err)
	}
	if bytes.Equal(data, []byte(e.Original)) {
		return false, nil
	}
	return true, n.SetRunbook(ctx, e.Client, string(data))
}

// Discard removes the file of an edit that is abandoned (the editor
// failed); the runbook stays as it was.
func (e RunbookEdit) Discard() { os.Remove(e.Path) }

// EditorCommand is the editor to run, as argv without the file: $VISUAL,
// then $EDITOR, then the first of editor, vi and nano found on PATH. A
// value that is more than a program's name ("code --wait", "emacsclient
// -nw", "vim -c 'set tw=72'") is run through the shell as git runs it —
// sh -c 'VALUE "$@"' VALUE FILE — so its quoting means what it means in a
// shell rather than being split on spaces.
func EditorCommand(getenv func(string) string, lookPath func(string) (string, error)) ([]string, error) {
	for _, name := range []string{"VISUAL", "EDITOR"} {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			continue
		}
		if !strings.ContainsAny(v, " \t\n|&;<>()$`\\\"'*?[#~=%") {
			return []string{v}, nil
		}
		if runtime.GOOS == "windows" {
			return strings.Fields(v), nil // no POSIX shell to hand it to
		}
		sh, err := lookPath("sh")
		if err != nil {
			return nil, fmt.Errorf("$%s is %q, which needs a shell to run, and sh is not on PATH", name, v)
		}
		return []string{sh, "-c", v + ` "$@"`, v}, nil
	}
	for _, candidate := range []string{"editor", "vi", "nano"} {
		if path, err := lookPath(candidate); err == nil {
			return []string{path}, nil
		}
	}
	return nil, fmt.Errorf("no editor found: set EDITOR (for example `export EDITOR=nano`) and run it again")
}
