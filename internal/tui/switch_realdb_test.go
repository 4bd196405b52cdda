package tui

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/paths"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/secrets"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/store/storetest"
	"github.com/stint-sh/stint/internal/workbench"
)

// twinKubeconfig is the CLI twin's kubeconfig: one context, acme-prod.
const twinKubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster:
    server: https://prod.acme.invalid
users:
- name: ada
  user:
    token: t
contexts:
- name: acme-prod
  context:
    cluster: prod
    user: ada
`

// flickedBack is the real workbench after the history of the CLI's
// TestTheSummaryOfAFlickBackIsTheTUIs: a shell switched to acme, two
// minutes later to globex, and twenty seconds after that it is about to
// go back. It returns the shell's environment and the clock.
func flickedBack(t *testing.T) (*workbench.Workbench, []string, *time.Time) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	layout := paths.Layout{Config: filepath.Join(dir, "config"), Data: filepath.Join(dir, "data"), Runtime: filepath.Join(dir, "run")}
	require.NoError(t, layout.Ensure())
	db, err := store.Open(ctx, layout.DBPath())
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	clock := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	wb := workbench.New(db, secrets.New(secrets.NewMemoryBackend(), layout.Data), layout, func() time.Time { return clock })
	acme, rate, currency, round, tz := "Acme Corp", "150", "USD", "15m", "Europe/Berlin"
	_, err = wb.AddClient(ctx, "acme", profiles.ClientSpec{Name: &acme, Rate: &rate, Currency: &currency, Round: &round, Timezone: &tz})
	require.NoError(t, err)
	globex := "Globex"
	_, err = wb.AddClient(ctx, "globex", profiles.ClientSpec{Name: &globex})
	require.NoError(t, err)
	kc := filepath.Join(dir, "kubeconfig")
	require.NoError(t, os.WriteFile(kc, []byte(twinKubeconfig), 0o600))
	ns := "web"
	_, err = wb.KubeAdd(ctx, "acme", kc, nil, &ns)
	require.NoError(t, err)

	env := []string{"STINT_SESSION=" + strconv.Itoa(os.Getpid()) + "-tui", "HOME=" + dir}
	move := func(after time.Duration, client string) {
		clock = clock.Add(after)
		res, err := wb.Switch(ctx, workbench.SwitchRequest{Client: client, Shell: workbench.ShellJSON, Environ: env, Action: workbench.ActionSwitch},
			func(string, string) error { return nil })
		require.NoError(t, err)
		env = append(env, "STINT_CLIENT="+client, "STINT_STATE="+stateOf(t, res.Script))
	}
	move(0, "acme")
	move(2*time.Minute, "globex")
	clock = clock.Add(20 * time.Second)
	return wb, env, &clock
}

// stateOf is the STINT_STATE a switch's JSON document sets.
func stateOf(t *testing.T, doc string) string {
	t.Helper()
	var change struct {
		Set map[string]string `json:"set"`
	}
	require.NoError(t, json.Unmarshal([]byte(doc), &change))
	require.NotEmpty(t, change.Set["STINT_STATE"], doc)
	return change.Set["STINT_STATE"]
}

// A pick in the TUI is the CLI's switch: whose script cannot be delivered
// changes nothing (no access-log row, no timer move, no session
// kubeconfig), and once delivered its summary is the line `stint switch`
// shows for the same history (TestTheSummaryOfAFlickBackIsTheTUIs).
func TestPickerSaysWhatTheCLISays(t *testing.T) {
	wb, env, clock := flickedBack(t)
	now := func() time.Time { return *clock }
	var summary string
	refused := errors.New("cannot hand the switch script to the shell hook")
	deliver := func(script, s string) error { return refused }
	opts := Options{Environ: env, EvalFile: "hooked", Shell: "bash", CurrentClient: "globex", Now: now,
		Deliver: func(script, s string) error { return deliver(script, s) }}

	rows, files := storetest.Dump(t, wb.DB()), treeOf(t, wb.Layout().Runtime)
	h := newHarnessOn(t, wb, opts, 120, 40)
	h.press("1") // acme, the first row
	assert.False(t, h.quit, "a switch that was not delivered stays in the TUI")
	assert.Contains(t, h.screen(), refused.Error())
	assert.Equal(t, rows, storetest.Dump(t, wb.DB()), "no access-log row, no timer move")
	assert.Equal(t, files, treeOf(t, wb.Layout().Runtime), "no session kubeconfig")

	deliver = func(script, s string) error {
		summary = s
		return nil
	}
	h.press("enter") // the error is read: the key closes it and goes no further
	require.False(t, h.m.errBox.Open())
	h.press("1")
	require.True(t, h.quit)
	assert.Equal(t, "→ acme (Acme Corp) · kube acme-prod/web · globex stopped after 20s and discarded (shorter than switch_grace) · timer resumed", summary)
	assert.NotEqual(t, rows, storetest.Dump(t, wb.DB()), "delivered, the switch is recorded")
}

// treeOf lists the files under dir with their contents.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		out[path] = string(b)
		return err
	})
	require.NoError(t, err)
	return out
}
