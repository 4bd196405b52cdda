package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/secrets"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench"
)

const realSecret = "s3cret-value-on-no-screen"

// realNYC is the real workbench on SQLite and an in-memory keyring, its
// clock at now, with one client in New York: a variable, a secret, gh
// isolated, weeks starting on Sunday, and an entry late on the 25-hour
// fall-back day.
func realNYC(t *testing.T, now time.Time) *workbench.Workbench {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	layout := paths.Layout{Config: filepath.Join(dir, "config"), Data: filepath.Join(dir, "data"), Runtime: filepath.Join(dir, "run")}
	require.NoError(t, layout.Ensure())
	db, err := store.Open(ctx, layout.DBPath())
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	wb := workbench.New(db, secrets.New(secrets.NewMemoryBackend(), layout.Data), layout, func() time.Time { return now })
	tz, name := "America/New_York", "NYC Ltd"
	_, err = wb.AddClient(ctx, "nyc", profiles.ClientSpec{Name: &name, Timezone: &tz})
	require.NoError(t, err)
	require.NoError(t, wb.SetVars(ctx, "nyc", []string{"TF_WORKSPACE=nyc-prod"}))
	require.NoError(t, wb.SetSecret(ctx, "nyc", "GITHUB_TOKEN", realSecret))
	require.NoError(t, wb.Isolate(ctx, "nyc", []string{"gh"}, false))
	_, err = wb.SetConfig(ctx, workbench.SettingWeekStart, "sunday")
	require.NoError(t, err)
	ny := newYork(t)
	_, err = wb.AddEntry(ctx, workbench.NewEntry{Client: "nyc",
		From: time.Date(2026, 11, 1, 23, 30, 0, 0, ny), To: time.Date(2026, 11, 1, 23, 45, 0, 0, ny)})
	require.NoError(t, err)
	require.NoError(t, wb.SetRunbook(ctx, "nyc", "# NYC\n"))
	return wb
}

func TestEnvironmentPaneShowsTheWorkbenchPreview(t *testing.T) {
	now := time.Date(2026, 11, 1, 23, 50, 0, 0, newYork(t)).In(time.UTC)
	wb := realNYC(t, now)
	home := filepath.Dir(wb.Layout().Data) // so the pane's paths read ~/data/…
	h := newHarnessOn(t, wb, Options{CurrentClient: "nyc", Now: func() time.Time { return now },
		Environ: []string{"HOME=" + home}}, 120, 40)
	screen := h.screen()
	assert.NotContains(t, screen, realSecret)
	assert.Contains(t, screen, "Sets 4 variables")
	assert.Regexp(t, `GITHUB_TOKEN +•••••• secret, 25 B, keyring`, screen)
	assert.Regexp(t, `TF_WORKSPACE +nyc-prod`, screen)
	assert.Regexp(t, `GH_CONFIG_DIR +~/data/clients/nyc/gh`, screen)
	assert.Regexp(t, `KUBECONFIG +~/run/kube/nyc/kube-SESSION.yaml`, screen)
	assert.Contains(t, screen, "gh  in ~/data/clients/nyc")
	assert.NoDirExists(t, wb.Layout().ToolHome("nyc", "gh"), "showing the preview writes nothing")
}

func TestTimePaneOnTheRealWorkbench(t *testing.T) {
	now := time.Date(2026, 11, 1, 23, 50, 0, 0, newYork(t)).In(time.UTC)
	h := newHarnessOn(t, realNYC(t, now), Options{CurrentClient: "nyc", Now: func() time.Time { return now }}, 120, 40)
	h.press("tab", "tab", "tab")
	screen := h.screen()
	assert.Contains(t, screen, "Today 0:15")
	assert.Regexp(t, `│ Sun 01\s+0:15 █`, screen, "week_start sunday, and 23:30 is on the 25-hour day")
	assert.Contains(t, screen, "23:30–23:45")
}

// E goes through the workbench's edit: its file in the runtime directory,
// saved only when the text changed.
func TestRunbookEditOnTheRealWorkbench(t *testing.T) {
	now := time.Date(2026, 11, 1, 23, 50, 0, 0, newYork(t)).In(time.UTC)
	wb := realNYC(t, now)
	editor := filepath.Join(t.TempDir(), "ed")
	require.NoError(t, os.WriteFile(editor, []byte("#!/bin/sh\nprintf '# NYC\\n\\nbridge and tunnel\\n' > \"$1\"\n"), 0o700))

	for _, c := range []struct {
		editor, want, flash string
	}{
		{editor: "true", want: "# NYC\n", flash: "Nothing changed"},
		{editor: editor, want: "# NYC\n\nbridge and tunnel\n", flash: "Runbook of nyc saved"},
	} {
		h := newHarnessOn(t, wb, Options{CurrentClient: "nyc", Now: func() time.Time { return now },
			Environ: []string{"EDITOR=" + c.editor}}, 120, 40)
		ready := pressRunbookEdit(t, h)
		require.NoError(t, ready.err)
		assert.Equal(t, wb.Layout().Runtime, filepath.Dir(ready.edit.Path), "the workbench's private file")
		require.NoError(t, editorCmd(ready.argv, ready.edit.Path).Run())
		h.send(editorDoneMsg{edit: ready.edit})
		assert.True(t, strings.HasPrefix(h.m.flash.text, c.flash), h.m.flash.text)
		body, err := wb.Runbook(context.Background(), "nyc")
		require.NoError(t, err)
		assert.Equal(t, c.want, body)
		assert.NoFileExists(t, ready.edit.Path)
	}
}

// t started and stopped at once bills nothing and says so; u brings the
// timer back, running, through the workbench's undo log.
func TestSlipAndUndoOnTheRealWorkbench(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, newYork(t)).In(time.UTC)
	wb := realNYC(t, now)
	h := newHarnessOn(t, wb, Options{CurrentClient: "nyc", Now: func() time.Time { return now }}, 120, 40)
	h.press("t")
	assert.Contains(t, h.m.flash.text, "Started nyc")
	h.press("t")
	assert.Equal(t, "Discarded nyc after 0s: shorter than switch_grace, it bills nothing (u brings it back)", h.m.flash.text)
	st, err := wb.Status(context.Background())
	require.NoError(t, err)
	assert.Nil(t, st.Running)

	h.press("u")
	assert.Equal(t, "Undid the discard · nyc runs again", h.m.flash.text)
	st, err = wb.Status(context.Background())
	require.NoError(t, err)
	require.NotNil(t, st.Running)
	assert.Equal(t, "nyc", st.Running.Client)
	require.NotNil(t, h.m.sh.status.Running, "the footer shows it again")
}
