package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
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
		{name: "help", keys: []string{"?"}},
		{name: "filter", keys: []string{"/", "g", "l"}},
		{name: "confirm", keys: []string{"j", "t"}},
		{name: "error", keys: []string{"tab", "tab", "enter"}, setup: func(t *testing.T, b *fakeBackend) Options {
			b.failWith["RepoStatus"] = errString("git is not installed: install git and press r")
			b.failWith["Switch"] = errString("keyring is locked: unlock it and try again")
			return Options{CurrentClient: "acme", EvalFile: filepath.Join(t.TempDir(), "eval"), Deliver: func(string, string) error { return nil }, Shell: "bash"}
		}},
		{name: "add-form", keys: []string{"a"}},
		{name: "no-hook", keys: []string{"enter"}, setup: func(t *testing.T, b *fakeBackend) Options {
			return Options{CurrentClient: "acme", Shell: "bash"} // the error wraps: its fix is at the end
		}},
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
