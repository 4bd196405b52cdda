package tui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) {
	// The markdown parser is built on first use; do it before any timed round.
	renderMarkdown("# warm up", 40, newStyles(true, false))
	os.Exit(m.Run())
}

// TestGolden pins the screens as plain text (ansi.Strip of the view) at
// the two reference sizes. Regenerate with `go test ./tui -update`.
func TestGolden(t *testing.T) {
	screens := []struct {
		name  string
		setup func(t *testing.T, b *fakeBackend) Options
		keys  []string
	}{
		{name: "main"},
		{name: "kube", keys: []string{"tab"}},
		{name: "repos", keys: []string{"tab", "tab"}},
		{name: "time", keys: []string{"tab", "tab", "tab"}},
		{name: "notes", keys: []string{"shift+tab"}},
		{name: "week", keys: []string{"w"}},
		{name: "week-cursor", keys: []string{"w", "j", "h", "h"}},
		{name: "week-day", keys: []string{"w", "h", "h", "enter", "j"}},
		{name: "week-day-add", keys: []string{"w", "j", "h", "h", "+"}},
		{name: "help", keys: []string{"?"}},
		{name: "filter", keys: []string{"/", "g", "l"}},
		{name: "confirm", keys: []string{"j", "t"}},
		{name: "error", keys: []string{"tab", "tab", "enter", "y"}, setup: func(t *testing.T, b *fakeBackend) Options {
			b.failWith["RepoStatus"] = errString("git is not installed: install git and press r")
			b.failWith["Switch"] = errString("keyring is locked: unlock it and try again")
			return Options{CurrentClient: "acme", EvalFile: filepath.Join(t.TempDir(), "eval"), Deliver: func(string, string) error { return nil }, Shell: "bash"}
		}},
		{name: "add-form", keys: []string{"a"}},
		{name: "entry-cursor", keys: []string{"tab", "tab", "tab", "J"}},
		{name: "entry-edit-form", keys: []string{"tab", "tab", "tab", "J", "="}},
		{name: "entry-delete-ask", keys: []string{"tab", "tab", "tab", "J", "x"}},
		{name: "switch-ask", keys: []string{"j", "enter"}, setup: func(t *testing.T, b *fakeBackend) Options { return hooked(t) }},
		{name: "prod-digit-ask", keys: []string{"1"}, setup: func(t *testing.T, b *fakeBackend) Options { return hooked(t) }},
		{name: "long-error", keys: []string{"j", "enter", "y"}, setup: func(t *testing.T, b *fakeBackend) Options {
			b.failWith["Switch"] = errString(longError)
			return hooked(t)
		}},
		{name: "no-hook", keys: []string{"enter"}, setup: func(t *testing.T, b *fakeBackend) Options {
			return Options{CurrentClient: "acme", Shell: "bash"} // the error wraps: its fix is at the end
		}},
		{name: "profile-menu", keys: []string{"p"}},
		{name: "profile-var-form", keys: menuAt(0, "down", "enter")},
		{name: "profile-var-remove-ask", keys: menuAt(1, "enter")},
		{name: "profile-secret-remove", keys: menuAt(2)},
		{name: "profile-kube-use", keys: menuAt(3)},
		{name: "profile-kube-prod", keys: menuAt(4)},
		{name: "profile-kube-add", keys: menuAt(5)},
		{name: "profile-kube-remove", keys: menuAt(6)},
		{name: "profile-isolate", keys: menuAt(7)},
		{name: "profile-aws", keys: menuAt(8)},
		{name: "profile-aws-creds", keys: menuAt(9)},
		{name: "profile-gcp", keys: menuAt(10)},
		{name: "profile-azure", keys: menuAt(11)},
		{name: "profile-git", keys: menuAt(12)},
		{name: "unready", setup: func(t *testing.T, b *fakeBackend) Options { brokenAcme(b); return Options{CurrentClient: "acme"} }},
		{name: "unready-kube", keys: []string{"tab"}, setup: func(t *testing.T, b *fakeBackend) Options { brokenAcme(b); return Options{CurrentClient: "acme"} }},
		{name: "picker", setup: func(t *testing.T, b *fakeBackend) Options {
			return Options{CurrentClient: "acme", EvalFile: filepath.Join(t.TempDir(), "eval"), Deliver: func(string, string) error { return nil }, Shell: "bash", Picker: true}
		}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			for _, s := range screens {
				t.Run(s.name, func(t *testing.T) {
					b := fixture()
					opts := Options{CurrentClient: "acme"}
					if s.setup != nil {
						opts = s.setup(t, b)
					}
					h := newHarness(t, b, opts, size[0], size[1])
					h.press(s.keys...)
					golden.RequireEqual(t, h.screen())
				})
			}
		})
	}
}

// menuAt is p, then the nth entry of acme's profile menu, then more keys.
func menuAt(n int, more ...string) []string {
	keys := []string{"p"}
	for range n {
		keys = append(keys, "down")
	}
	return append(append(keys, "enter"), more...)
}

// longError is an error longer than a small screen, with a path and a
// command that must not be broken inside.
const longError = "the kubeconfig /home/ada/.kube/clients/globex-prod-europe-west1/kubeconfig.yaml of globex " +
	"names context gke_globex-prod-1_europe-west1_primary-cluster-2, which it does not define. " +
	"Fix the file, or remove the context with `stint kube remove globex gke_globex-prod-1_europe-west1_primary-cluster-2` " +
	"and add the right one. The switch changed nothing: this shell is still in acme, " +
	"its variables, kubeconfig and AWS profile as they were. " +
	"Contexts the file does define: globex-staging, globex-dev. " +
	"Run `stint doctor` to check every client's kubeconfigs at once."

// TestGoldenNoColor pins screens as a NO_COLOR terminal receives them:
// the colour profile of Run (ASCII) applied, so only attributes — bold,
// faint, reverse — remain, and these alone must tell the focused button,
// a placeholder and a selection apart.
func TestGoldenNoColor(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"main", nil},
		{"add-form", []string{"a"}},
		{"confirm-field", []string{"e", "enter", "enter", "enter", "enter", "enter", "enter", "enter"}},
		{"switch-ask", []string{"j", "enter"}},
		{"error", []string{"9"}},
		{"filter", []string{"/"}},
		{"entry-cursor", []string{"tab", "tab", "tab", "J"}},
		{"entry-delete-ask", []string{"tab", "tab", "tab", "J", "x"}},
		{"unready", []string{"j"}},
		{"profile-menu", []string{"p"}},
		{"profile-var-form", menuAt(0, "down", "enter")},
		{"profile-var-remove-ask", menuAt(1, "enter")},
		{"profile-kube-prod", menuAt(4)},
		{"profile-isolate", menuAt(7)},
		{"profile-aws-creds", menuAt(9)},
		{"profile-git", menuAt(12)},
		{"week-cursor", []string{"w", "j", "h", "h"}},
		{"week-day", []string{"w", "h", "h", "enter"}},
	}
	for _, s := range screens {
		t.Run(s.name, func(t *testing.T) {
			opts := hooked(t)
			opts.NoColor = true
			b := fixture()
			if s.name == "unready" {
				brokenAcme(b)
			}
			h := newHarness(t, b, opts, 80, 24)
			h.press(s.keys...)
			golden.RequireEqual(t, asNoColorTerminal(t, h.m.View().Content))
		})
	}
}

// asNoColorTerminal is what reaches a terminal when Run downsamples to
// colorprofile.ASCII, with escapes made readable.
func asNoColorTerminal(t *testing.T, s string) string {
	t.Helper()
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.ASCII}
	_, err := w.WriteString(s)
	require.NoError(t, err)
	return strings.ReplaceAll(buf.String(), "\x1b", "␛")
}

func TestGoldenNarrow(t *testing.T) {
	h := newHarness(t, fixture(), Options{CurrentClient: "acme"}, 60, 15)
	golden.RequireEqual(t, h.screen())
}

// The full help reflows into rows at 60×15 instead of losing columns.
func TestGoldenNarrowHelp(t *testing.T) {
	h := newHarness(t, fixture(), Options{CurrentClient: "acme"}, 60, 15)
	h.press("?")
	golden.RequireEqual(t, h.screen())
}

func TestGoldenNarrowNoHook(t *testing.T) {
	h := newHarness(t, fixture(), Options{CurrentClient: "acme", Shell: "bash"}, 60, 15)
	h.press("enter")
	golden.RequireEqual(t, h.screen())
}
