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
)

// kubeconfigWith writes a kubeconfig with one cluster and user per context.
func kubeconfigWith(t *testing.T, path string, contexts ...string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: Config\nclusters:\n")
	for _, c := range contexts {
		b.WriteString("- name: " + c + "\n  cluster:\n    server: https://" + c + ".invalid\n")
	}
	b.WriteString("users:\n")
	for _, c := range contexts {
		b.WriteString("- name: " + c + "\n  user:\n    token: t-" + c + "\n")
	}
	b.WriteString("contexts:\n")
	for _, c := range contexts {
		b.WriteString("- name: " + c + "\n  context:\n    cluster: " + c + "\n    user: " + c + "\n")
	}
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
}

// The profile editor on the real workbench and SQLite: what it saves is
// what `stint client show` then shows; what the workbench refuses reopens
// the form; a kubeconfig that vanishes is flagged on the next poll, and
// removing it through the editor clears the flag.
func TestProfileEditingOnTheRealWorkbench(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, newYork(t)).In(time.UTC)
	wb := realNYC(t, now)
	home := t.TempDir()
	kc := filepath.Join(home, ".kube", "nyc.yaml")
	kubeconfigWith(t, kc, "nyc-prod", "nyc-dev")
	h := newHarnessOn(t, wb, Options{CurrentClient: "nyc", Now: func() time.Time { return now }, Environ: []string{"HOME=" + home}}, 120, 40)

	// A plain variable, through SetVars.
	h.openMenu(menuSetVar)
	h.press("enter")
	h.paste("AWS_SDK_LOAD_CONFIG")
	h.press("enter")
	h.paste("1")
	h.press("enter")
	p, err := wb.Profile(ctx, "nyc")
	require.NoError(t, err)
	assert.Equal(t, "1", p.Vars["AWS_SDK_LOAD_CONFIG"])

	// A name that is a secret is refused by the database's view, not the
	// form's: the save reopens it on the name.
	require.NoError(t, wb.SetSecret(ctx, "nyc", "DB_HOST", "db.internal"))
	h.openMenu(menuSetVar)
	h.press("enter")
	h.paste("DB_HOST")
	h.press("enter")
	h.paste("elsewhere")
	h.press("enter")
	require.True(t, h.m.errBox.Open())
	assert.Contains(t, h.screen(), "DB_HOST is a secret of nyc")
	h.press("esc")
	require.True(t, h.m.form.Active())
	assert.Contains(t, h.screen(), "elsewhere")
	h.press("esc")

	// A kubeconfig, its default context and namespace.
	h.openMenu(menuKubeAdd)
	h.paste("~/.kube/nyc.yaml")
	h.press("enter", "enter")
	h.paste("web")
	h.press("enter")
	p, err = wb.Profile(ctx, "nyc")
	require.NoError(t, err)
	assert.Equal(t, []string{kc}, p.Kube.Sources)
	assert.ElementsMatch(t, []string{"nyc-prod", "nyc-dev"}, p.Kube.Contexts)
	assert.Equal(t, "web", p.Kube.Namespace)

	h.openMenu(menuKubeUse)
	for range 2 {
		if strings.Contains(h.screen(), "> nyc-prod") {
			break
		}
		h.press("down")
	}
	h.press("enter")
	h.clearField()
	h.press("enter")
	p, err = wb.Profile(ctx, "nyc")
	require.NoError(t, err)
	assert.Equal(t, "nyc-prod", p.Kube.Context)
	assert.Empty(t, p.Kube.Namespace, "emptied: the context's own")

	// Git, through profiles.Git and ApplySettings.
	h.openMenu(menuGit)
	h.paste("Ada Lovelace")
	h.press("enter")
	h.paste("ada@nyc.example")
	h.press("enter", "enter", "enter", "enter")
	p, err = wb.Profile(ctx, "nyc")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"name": "Ada Lovelace", "email": "ada@nyc.example"}, p.Git)

	// The kubeconfig vanishes: the next poll marks nyc; the editor drops
	// the file and the mark goes.
	require.NoError(t, os.Remove(kc))
	h.send(tickMsg(now.Add(statusEvery)))
	assert.Contains(t, h.screen(), "! KUBECONFIG MISSING")
	assert.Contains(t, h.screen(), "→ ! NYC Ltd nyc")
	h.openMenu(menuKubeRm)
	for range 3 {
		if strings.Contains(h.screen(), "> kubeconfig") {
			break
		}
		h.press("down")
	}
	h.press("enter", "y")
	p, err = wb.Profile(ctx, "nyc")
	require.NoError(t, err)
	assert.Empty(t, p.Kube.Sources)
	assert.Empty(t, p.Kube.Contexts)
	assert.NotContains(t, h.screen(), "KUBECONFIG MISSING")
}
