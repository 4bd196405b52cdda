package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func pickerOpts(t *testing.T) Options {
	opts := hooked(t)
	opts.Picker = true
	return opts
}

// The picker is drawn inline, as fzf --height: no alternate screen, at
// most 40% of a tall terminal, and nothing at all once it quits, so the
// shell's prompt comes back with no picker left above it.
func TestPickerIsInlineAndLeavesNothingBehind(t *testing.T) {
	h := newHarness(t, fixture(), pickerOpts(t), 120, 40)
	v := h.m.View()
	assert.False(t, v.AltScreen, "the scrollback stays")
	lines := strings.Split(h.screen(), "\n")
	assert.LessOrEqual(t, len(lines), 40*pickerMaxShare/100)
	assert.Contains(t, lines[0], "/filter clients")
	h.press("esc")
	require.True(t, h.quit)
	assert.Empty(t, h.m.View().Content, "erased on quitting")
}

// Alt-s starts on the client this shell was in before, as Alt-Tab does:
// enter alone goes back.
func TestPickerStartsOnThePreviousClient(t *testing.T) {
	opts := pickerOpts(t)
	opts.Environ = append(testEnviron(), "STINT_PREV=initech")
	b := fixture()
	h := newHarness(t, b, opts, 80, 24)
	assert.Equal(t, "initech", h.m.list.selectedSlug)
	h.press("enter")
	require.True(t, h.quit)
	assert.Equal(t, "initech", b.switchReqs[0].Client)

	opts = hooked(t) // the workbench starts on this shell's client
	opts.Environ = append(testEnviron(), "STINT_PREV=initech")
	assert.Equal(t, "acme", newHarness(t, fixture(), opts, 80, 24).m.list.selectedSlug)
}

// The preview shows what the switch brings — production, kube context and
// namespace, AWS profile and region, git email, today's and the week's
// hours — and ctrl+o hides or shows it.
func TestPickerPreviewToggles(t *testing.T) {
	h := newHarness(t, fixture(), pickerOpts(t), 100, 30)
	screen := h.screen()
	assert.Contains(t, screen, "PRODUCTION · kube acme-prod/web · aws acme eu-west-1 · git ada@acme.io")
	assert.Contains(t, screen, "today 1:45 · week 6:25")
	h.send(keyMsg("ctrl+o"))
	assert.NotContains(t, h.screen(), "kube acme-prod")
	h.send(keyMsg("ctrl+o"))
	assert.Contains(t, h.screen(), "kube acme-prod")
	h.press("down")
	assert.Contains(t, h.screen(), "  kube none", "globex's")
}

func TestGoldenPicker(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := newHarness(t, fixture(), pickerOpts(t), size[0], size[1])
			h.press("g", "l")
			golden.RequireEqual(t, h.screen())
		})
	}
	t.Run("no-color", func(t *testing.T) {
		opts := pickerOpts(t)
		opts.NoColor = true
		h := newHarness(t, fixture(), opts, 80, 24)
		golden.RequireEqual(t, asNoColorTerminal(t, h.m.View().Content))
	})
}

// The characters the filter matched are marked in every row it keeps, the
// cursor's row too, in colour and under NO_COLOR (bold and underlined):
// pinned with their escape sequences shown as ␛.
func TestGoldenPickerMatches(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := newHarness(t, fixture(), pickerOpts(t), size[0], size[1])
			h.press("e", "c")
			golden.RequireEqual(t, strings.ReplaceAll(h.m.View().Content, "\x1b", "␛"))
		})
	}
	t.Run("no-color", func(t *testing.T) {
		opts := pickerOpts(t)
		opts.NoColor = true
		h := newHarness(t, fixture(), opts, 80, 24)
		h.press("e", "c")
		golden.RequireEqual(t, asNoColorTerminal(t, h.m.View().Content))
	})
}
