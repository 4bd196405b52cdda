package tui

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/stretchr/testify/assert"
)

// Backgrounds the TUI is read on: common dark and light terminal themes.
var (
	darkBackgrounds  = []string{"#000000", "#0d1117", "#1e1e1e"}
	lightBackgrounds = []string{"#ffffff", "#f6f8fa"}
)

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func TestContrastIsKnown(t *testing.T) {
	assert.InDelta(t, 21, contrast(color.Black, color.White), 0.01)
	assert.InDelta(t, 1, contrast(lipgloss.Color("#777777"), lipgloss.Color("#777777")), 0.01)
	assert.InDelta(t, 4.48, contrast(lipgloss.Color("#777777"), color.White), 0.01)
}

// Text reads at 4.5:1 or more and badges stand out at 3:1 or more (WCAG
// AA), on dark and light backgrounds, computed from the styles the TUI
// renders with — the PROD badge included.
func TestStylesMeetContrast(t *testing.T) {
	for _, dark := range []bool{true, false} {
		bgs := lightBackgrounds
		if dark {
			bgs = darkBackgrounds
		}
		st := newStyles(dark, false)
		form := formTheme(dark)
		text := map[string]lipgloss.Style{
			"Header": st.Header, "Title": st.Title, "Match": st.Match, "Dim": st.Dim, "Faint": st.Faint, "Cursor": st.Cursor,
			"Prod": st.Prod, "Live": st.Live, "Err": st.Err, "OK": st.OK, "Warn": st.Warn, "ErrText": st.ErrText,
			"TabActive": st.TabActive, "TabInactive": st.TabInactive, "Key": st.Key,
			"Help.ShortKey": st.Help.ShortKey, "Help.ShortDesc": st.Help.ShortDesc, "Help.FullDesc": st.Help.FullDesc,
			"Markdown.Code": st.Markdown.Code, "Markdown.Link": st.Markdown.Link, "Markdown.URL": st.Markdown.URL,
			"Markdown.Quote": st.Markdown.Quote, "Markdown.H4": st.Markdown.H4,
			"Form.Title": form.Focused.Title, "Form.Description": form.Focused.Description,
			"Form.Placeholder": form.Focused.TextInput.Placeholder, "Form.Text": form.Focused.TextInput.Text,
			"Form.Error": form.Focused.ErrorMessage, "Form.BlurredTitle": form.Blurred.Title,
		}
		for name, s := range text {
			for _, bg := range bgs {
				r := contrast(s.GetForeground(), lipgloss.Color(bg))
				assert.GreaterOrEqual(t, r, 4.5, "dark=%v %s on %s: %.2f:1", dark, name, bg, r)
			}
		}
		// Badges: their text on their own fill, their fill on the screen.
		badges := map[string]lipgloss.Style{
			"HeaderProd": st.HeaderProd, "Selected": st.Selected, "SelectedMatch": st.SelectedMatch,
			"Form.FocusedButton": form.Focused.FocusedButton, "Form.BlurredButton": form.Focused.BlurredButton,
		}
		for name, s := range badges {
			r := contrast(s.GetForeground(), s.GetBackground())
			assert.GreaterOrEqual(t, r, 4.5, "dark=%v %s's text on its fill: %.2f:1", dark, name, r)
		}
		for _, bg := range bgs {
			r := contrast(st.HeaderProd.GetBackground(), lipgloss.Color(bg))
			assert.GreaterOrEqual(t, r, 3.0, "dark=%v the PROD badge on %s: %.2f:1", dark, bg, r)
		}
	}
}
