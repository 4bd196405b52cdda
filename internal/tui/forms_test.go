package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// enterN presses enter n times: huh moves to the next field on each.
func (h *harness) enterN(n int) {
	h.t.Helper()
	for range n {
		h.press("enter")
	}
}

func TestAddClientFormValidatesLikeTheCLIAndAdds(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("a")
	require.True(t, h.m.form.Active())
	assert.Contains(t, h.screen(), "Add a client")

	h.paste("Bad Slug")
	h.press("enter")
	assert.Contains(t, h.screen(), `client name "Bad Slug" is invalid`, "the message of profiles.ValidateSlug")
	for range len("Bad Slug") {
		h.press("backspace")
	}
	h.paste("acme")
	h.press("enter")
	assert.Contains(t, h.screen(), `client "acme" already exists`)
	for range 4 {
		h.press("backspace")
	}
	h.paste("hooli")
	h.press("enter") // slug
	h.paste("Hooli XYZ")
	h.press("enter") // name
	h.paste("EUR")
	h.press("enter") // currency
	h.paste("99.999")
	h.press("enter") // rate: too many decimals for EUR
	assert.Contains(t, h.screen(), `rate: amount "99.999" has more decimals than EUR allows (2)`)
	h.press("backspace")
	h.press("enter")
	h.paste("15m")
	h.enterN(1) // round
	h.press("down")
	h.enterN(1) // round mode: nearest
	h.paste("Mars/Olympus")
	h.press("enter")
	assert.Contains(t, h.screen(), `unknown time zone "Mars/Olympus"`)
	for range len("Mars/Olympus") {
		h.press("backspace")
	}
	h.paste("Europe/Paris")
	h.enterN(1) // tz
	h.enterN(1) // colour: empty
	h.press("left")
	h.enterN(1) // production: yes
	h.enterN(1) // auto-track: keep yes

	assert.False(t, h.m.form.Active())
	assert.Equal(t, []string{"AddClient hooli"}, b.calls)
	c, ok := h.m.clientBySlug("hooli")
	require.True(t, ok, "the list is reloaded")
	assert.Equal(t, "Hooli XYZ", c.Name)
	assert.Equal(t, "EUR", c.Currency)
	assert.Equal(t, int64(9999), c.RateMinor)
	assert.Equal(t, 15, c.RoundMinutes)
	assert.Equal(t, "nearest", c.RoundMode)
	assert.Equal(t, "Europe/Paris", c.Timezone)
	assert.True(t, c.Production)
	assert.True(t, c.AutoTrack)
	assert.Equal(t, "hooli", h.m.list.selectedSlug, "the new client is selected")
	assert.Equal(t, "Added hooli (Hooli XYZ)", h.m.flash.text)
	assert.False(t, h.m.errBox.Open() || h.m.flash.neutral, "a confirmation")
}

func TestFormEscCancels(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 80, 24)
	h.press("a")
	h.paste("zzz")
	h.press("esc")
	assert.False(t, h.m.form.Active())
	assert.False(t, h.m.form.Active())
	assert.Empty(t, b.calls)
	assert.Equal(t, "Cancelled", h.m.flash.text)
	assert.True(t, h.m.flash.neutral, "nothing happened: no check mark")
	assert.Contains(t, h.screen(), "· Cancelled")
	assert.NotContains(t, h.screen(), "✓")
	assert.False(t, h.quit, "esc leaves the form, not the program")
}

func TestEditClientFormSendsOnlyWhatChanged(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("e")
	require.True(t, h.m.form.Active())
	assert.Contains(t, h.screen(), "Edit acme")
	h.paste(" GmbH")
	h.enterN(10) // name, then every other field unchanged

	assert.False(t, h.m.form.Active())
	assert.Equal(t, []string{"EditClient acme"}, b.calls)
	c, _ := h.m.clientBySlug("acme")
	assert.Equal(t, "Acme Corp GmbH", c.Name)
	assert.Equal(t, int64(15000), c.RateMinor, "the rate was not sent again")
	assert.True(t, c.Production)

	h.press("e")
	h.enterN(10)
	assert.Equal(t, "Nothing changed", h.m.flash.text)
	assert.True(t, h.m.flash.neutral)
	assert.Len(t, b.calls, 1)
}

func TestEditArchivingAsksFirst(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("j", "e")
	h.enterN(9)
	h.press("left") // archived: yes
	h.press("enter")
	require.True(t, h.m.dialog.Open())
	assert.Contains(t, h.screen(), "Archive globex? It disappears from lists and pickers. [y/n]")
	h.press("y")
	assert.Equal(t, []string{"EditClient globex"}, b.calls)
	_, listed := h.m.clientBySlug("globex")
	assert.False(t, listed, "archived clients leave the list")
}

func TestSecretFormMasksTheValueAndNeverShowsIt(t *testing.T) {
	const value = "hunter2-s3cr3t"
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("s")
	h.paste("bad name")
	h.press("enter")
	assert.Contains(t, h.screen(), `"bad name" is not a valid environment variable name`)
	for range len("bad name") {
		h.press("backspace")
	}
	h.paste("NPM_TOKEN")
	h.press("enter")
	h.paste(value)
	assert.NotContains(t, h.screen(), value, "typed value is masked")
	assert.Contains(t, h.screen(), strings.Repeat("*", 5))
	h.press("enter")

	assert.Equal(t, []string{"SetSecret acme NPM_TOKEN"}, b.calls)
	assert.Equal(t, value, b.secrets["acme"]["NPM_TOKEN"])
	assert.Equal(t, "Secret NPM_TOKEN of acme saved in the keyring", h.m.flash.text)
	assert.NotContains(t, h.screen(), value)
	assert.Contains(t, h.screen(), "NPM_TOKEN", "the environment pane lists the new secret by name")
	assert.False(t, h.m.form.Active(), "no form keeps the value around")
}

func TestSecretOverwriteAsksFirst(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("s")
	h.paste("GITHUB_TOKEN")
	h.press("enter")
	h.paste("ghp_new")
	h.press("enter")
	require.True(t, h.m.dialog.Open())
	assert.Contains(t, h.screen(), "acme already has a secret GITHUB_TOKEN: replace its value? [y/n]")
	assert.NotContains(t, h.screen(), "ghp_new")
	h.press("esc")
	assert.Empty(t, b.calls)
	h.press("s")
	h.paste("GITHUB_TOKEN")
	h.press("enter")
	h.paste("ghp_new")
	h.press("enter", "y")
	assert.Equal(t, []string{"SetSecret acme GITHUB_TOKEN"}, b.calls)
	assert.Equal(t, "ghp_new", b.secrets["acme"]["GITHUB_TOKEN"])
}

func TestNoteKeyAddsALogLine(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("tab", "tab", "tab", "tab") // notes pane
	h.press("n")
	h.press("enter")
	assert.Contains(t, h.screen(), "the note is empty")
	h.paste("  paged by the DB alarm  ")
	h.press("enter")
	assert.Equal(t, []string{"AddNote acme paged by the DB alarm"}, b.calls)
	assert.Contains(t, h.screen(), "paged by the DB alarm", "the log is reloaded")
}

// pressRunbookEdit presses E and returns what the effect answers: the
// workbench's edit and the editor to run on it.
func pressRunbookEdit(t *testing.T, h *harness) editorReadyMsg {
	t.Helper()
	_, cmd := h.m.Update(keyMsg("E"))
	require.NotNil(t, cmd)
	ready, ok := cmd().(editorReadyMsg)
	require.True(t, ok)
	return ready
}

// The runbook goes through the workbench's edit (BeginRunbookEdit, the
// editor of EditorCommand on its file, FinishRunbookEdit); here with a
// real editor, a script that rewrites the file.
func TestRunbookEditRunsTheEditorOnTheWorkbenchFile(t *testing.T) {
	b := fixture()
	editor := filepath.Join(t.TempDir(), "ed")
	require.NoError(t, os.WriteFile(editor, []byte("#!/bin/sh\nprintf '# Acme\\n\\nnew steps\\n' > \"$1\"\n"), 0o700))
	h := newHarness(t, b, Options{Environ: []string{"HOME=/home/ada", "EDITOR=" + editor}}, 120, 40)

	ready := pressRunbookEdit(t, h)
	require.NoError(t, ready.err)
	assert.Equal(t, []string{editor}, ready.argv)
	assert.Equal(t, "acme", ready.edit.Client)
	body, err := os.ReadFile(ready.edit.Path)
	require.NoError(t, err)
	assert.Equal(t, b.runbooks["acme"], string(body))

	_, exec := h.m.Update(ready)
	assert.NotNil(t, exec, "the editor runs through tea.ExecProcess")
	require.NoError(t, editorCmd(ready.argv, ready.edit.Path).Run()) // what ExecProcess runs
	h.send(editorDoneMsg{edit: ready.edit})
	assert.Equal(t, "# Acme\n\nnew steps\n", b.runbooks["acme"])
	assert.Contains(t, b.calls, "SetRunbook acme")
	assert.NoFileExists(t, ready.edit.Path, "the workbench removes its file")
	assert.Equal(t, "Runbook of acme saved", h.m.flash.text)
}

func TestRunbookLeftAsItWasIsNotSaved(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{Environ: []string{"HOME=/home/ada", "EDITOR=true"}}, 120, 40)
	ready := pressRunbookEdit(t, h)
	require.NoError(t, ready.err)
	require.NoError(t, editorCmd(ready.argv, ready.edit.Path).Run())
	h.send(editorDoneMsg{edit: ready.edit})
	assert.NotContains(t, b.calls, "SetRunbook acme")
	assert.NoFileExists(t, ready.edit.Path)
	assert.True(t, strings.HasPrefix(h.m.flash.text, "Nothing changed"), h.m.flash.text)
	assert.True(t, h.m.flash.neutral, "nothing happened: no check mark")
}

// $VISUAL wins over $EDITOR and may carry arguments; the file comes last.
func TestRunbookEditorIsVisualWithItsArguments(t *testing.T) {
	h := newHarness(t, fixture(), Options{Environ: []string{"VISUAL=code --wait", "EDITOR=vi"}}, 120, 40)
	ready := pressRunbookEdit(t, h)
	require.NoError(t, ready.err)
	t.Cleanup(ready.edit.Discard)
	// An editor with arguments runs through sh, as git runs it.
	require.Len(t, ready.argv, 4)
	assert.Equal(t, "sh", filepath.Base(ready.argv[0]))
	want := []string{"-c", `code --wait "$@"`, "code --wait"}
	assert.Equal(t, want, ready.argv[1:])
	assert.Equal(t, append(append([]string{ready.argv[0]}, want...), ready.edit.Path), editorCmd(ready.argv, ready.edit.Path).Args)
	assert.Equal(t, want, ready.argv[1:], "argv is left as it was")
}

func TestNoEditorWritesNoFile(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no editor, vi or nano to find
	b := fixture()
	h := newHarness(t, b, Options{Environ: []string{"HOME=/home/ada"}}, 120, 40)
	h.press("E")
	assert.True(t, h.m.errBox.Open())
	assert.Contains(t, h.m.errBox.Text(), "no editor found")
	assert.NotContains(t, b.calls, "BeginRunbookEdit acme")
}

func TestEditorFailureKeepsTheRunbook(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	edit, err := b.BeginRunbookEdit(context.Background(), "acme")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(edit.Path, []byte("junk"), 0o600))
	h.send(editorDoneMsg{edit: edit, err: errString("exit status 1")})
	assert.True(t, h.m.errBox.Open())
	assert.Contains(t, h.m.errBox.Text(), "runbook unchanged")
	assert.NotContains(t, b.calls, "SetRunbook acme")
	assert.NoFileExists(t, edit.Path)
}

// A save that fails reopens the form with every value typed, focused on
// the field the error is about, the error over it.
func TestFailedSaveReopensTheFormOnTheBadField(t *testing.T) {
	b := fixture()
	b.failWith["AddClient"] = errString(`time zone "Europe/Berln" is unknown: use an IANA name like Europe/Berlin`)
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("a")
	h.paste("hooli")
	h.press("enter")
	h.paste("Hooli XYZ")
	h.enterN(9)
	require.True(t, h.m.errBox.Open(), "the save's error")
	assert.Contains(t, h.screen(), "Europe/Berln")
	require.True(t, h.m.form.Active(), "the form is back")
	h.press("enter") // closes the error, nothing else
	require.True(t, h.m.form.Active())
	assert.Contains(t, h.screen(), "Hooli XYZ", "what was typed is kept")
	assert.Equal(t, "Time zone", focusedTitle(h), "the zone field has the focus")
}

// focusedTitle is the title line of the focused field as the form shows it.
func focusedTitle(h *harness) string {
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.HasPrefix(l, "┃ ") {
			return strings.TrimSpace(strings.TrimPrefix(l, "┃ "))
		}
	}
	return ""
}

// The fields are checked against each other while the form is open: a
// rate typed first is refused once a currency with fewer decimals is
// chosen after it, and the form stays on the rate.
func TestFormChecksFieldsTogetherWhileOpen(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("a")
	h.paste("hooli")
	h.enterN(2)
	h.enterN(1) // currency: USD by default
	h.paste("10.5")
	h.press("shift+tab") // back to the currency
	h.paste("JPY")
	h.enterN(8)
	assert.Contains(t, h.screen(), "more decimals than JPY allows")
	assert.Empty(t, b.calls, "nothing saved")
	require.True(t, h.m.form.Active())
	assert.Equal(t, "Hourly rate", focusedTitle(h))
}

// Checked together once the last field is done: a slug that another
// shell took meanwhile keeps the form open on the slug, the error over it.
func TestFormChecksTheWholeBeforeClosing(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("a")
	h.paste("hooli")
	h.enterN(1)
	h.m.sh.archived = append(h.m.sh.archived, "hooli") // added and archived elsewhere
	h.enterN(9)
	require.True(t, h.m.errBox.Open())
	assert.Contains(t, h.m.errBox.Text(), `client "hooli" exists, archived`)
	assert.Empty(t, b.calls, "nothing saved")
	h.press("esc")
	require.True(t, h.m.form.Active())
	assert.Equal(t, "Name (slug)", focusedTitle(h))
}

func TestAddFormRefusesAnArchivedSlug(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	h.press("a")
	h.paste("umbrella")
	h.press("enter")
	assert.Contains(t, h.screen(), `client "umbrella" exists, archived`)
}

func TestSecretFormRefusesAPlainVariablesName(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	h.press("s")
	h.paste("LOG_LEVEL")
	h.press("enter")
	assert.Contains(t, h.screen(), "LOG_LEVEL is a plain variable of acme")
}

// The form follows the terminal: narrower, it rewraps within the width.
func TestOpenFormFollowsTheTerminal(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	h.press("a")
	for _, w := range []int{60, 100, 45} {
		h.send(tea.WindowSizeMsg{Width: w, Height: 20})
		assert.Len(t, strings.Split(h.screen(), "\n"), 20)
		for _, l := range strings.Split(ansi.Strip(h.m.form.View()), "\n") {
			assert.LessOrEqual(t, ansi.StringWidth(l), w-2, "%d: %q", w, l) // drawn to fit, not cut
		}
		assert.Contains(t, h.screen(), "Name (slug)")
	}
}
