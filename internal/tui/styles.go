package tui

import (
	"hash/fnv"
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// styles holds every style the TUI renders with, in one place. They depend
// on the terminal background (LightDark) and on NO_COLOR.
type styles struct {
	noColor bool
	dark    bool

	Header, HeaderProd, Title, Dim, Faint lipgloss.Style
	Selected, Cursor                      lipgloss.Style
	Match, SelectedMatch                  lipgloss.Style // what the filter matched (highlight.go), off and on the cursor's row
	Prod, Live, Err, OK, Warn             lipgloss.Style
	ErrText                               lipgloss.Style // an error's text, in the error box
	errColor                              color.Color    // the error box's border; nil under NO_COLOR
	TabActive, TabInactive                lipgloss.Style
	Bar, Key, Border                      lipgloss.Style
	Help                                  help.Styles
	Markdown                              markdownStyles
}

// markdownStyles are the runbook's styles (see markdown.go). Headings are
// told apart by style, without '#' marks; a first-level one is also ruled
// under. None underlines: lipgloss underlines rune by rune, an escape
// sequence per letter.
type markdownStyles struct {
	H1, H2, H3, H4        lipgloss.Style // H4 also serves levels 5 and 6
	Strong, Emph, Code    lipgloss.Style
	Link, URL             lipgloss.Style
	QuoteBar, Quote       lipgloss.Style
	CodeBar, CodeBlock    lipgloss.Style
	Marker, Checked, Rule lipgloss.Style
	TableHead, TableRule  lipgloss.Style
}

func newStyles(dark, noColor bool) styles {
	s := styles{noColor: noColor, dark: dark}
	plain := lipgloss.NewStyle()
	if noColor {
		s.Header, s.HeaderProd, s.Title = plain.Bold(true), plain.Bold(true), plain.Bold(true)
		s.Dim, s.Faint = plain, plain
		s.Selected, s.Cursor = plain.Reverse(true), plain.Bold(true)
		s.Match, s.SelectedMatch = plain.Bold(true).Underline(true), plain.Reverse(true).Bold(true).Underline(true)
		s.Prod, s.Live, s.Err, s.OK, s.Warn = plain.Bold(true), plain.Bold(true), plain.Bold(true), plain, plain.Bold(true)
		s.ErrText = plain
		s.TabActive, s.TabInactive = plain.Reverse(true), plain
		s.Bar, s.Key, s.Border = plain, plain.Bold(true), plain
		s.Help = help.Styles{
			Ellipsis: plain, ShortKey: plain.Bold(true), ShortDesc: plain, ShortSeparator: plain,
			FullKey: plain.Bold(true), FullDesc: plain, FullSeparator: plain,
		}
		s.Markdown = markdownStyles{
			H1: plain.Bold(true), H2: plain.Bold(true), H3: plain.Bold(true), H4: plain.Bold(true).Italic(true),
			Strong: plain.Bold(true), Emph: plain.Italic(true), Code: plain,
			Link: plain, URL: plain,
			QuoteBar: plain, Quote: plain.Italic(true),
			CodeBar: plain, CodeBlock: plain,
			Marker: plain, Checked: plain, Rule: plain,
			TableHead: plain.Bold(true), TableRule: plain,
		}
		return s
	}
	p := newPalette(dark)
	c := p.pick
	fg, dim, faint := p.fg, p.dim, p.faint
	accent, red, green, amber := p.accent, p.red, p.green, p.amber
	selBg := p.selBg

	s.Header = plain.Bold(true).Foreground(fg)
	// The PROD badge: light text on the light theme's deep red, dark text
	// on the dark theme's bright one — white on a bright red reads at 2.5:1.
	s.HeaderProd = plain.Bold(true).Foreground(p.onRed).Background(red)
	s.Title = plain.Bold(true).Foreground(accent)
	s.Dim = plain.Foreground(dim)
	s.Faint = plain.Foreground(faint)
	s.Selected = plain.Background(selBg).Foreground(fg).Bold(true)
	s.Cursor = plain.Foreground(accent).Bold(true)
	// Matched characters: the accent, bold; on the cursor's row, where the
	// accent would sit on the selection's blue, underlined instead.
	s.Match = plain.Foreground(accent).Bold(true)
	s.SelectedMatch = s.Selected.Underline(true)
	s.Prod = plain.Foreground(red).Bold(true)
	s.Live = plain.Foreground(green).Bold(true)
	s.Err = plain.Foreground(red)
	s.ErrText = plain.Foreground(fg)
	s.errColor = red
	s.OK = plain.Foreground(green)
	s.Warn = plain.Foreground(amber).Bold(true)
	s.TabActive = plain.Bold(true).Foreground(accent).Underline(true)
	s.TabInactive = plain.Foreground(dim)
	s.Bar = plain.Foreground(accent)
	s.Key = plain.Foreground(accent).Bold(true)
	s.Border = plain.Foreground(faint)
	s.Help = helpStyles(p)
	s.Markdown = markdownStyles{
		H1: plain.Bold(true).Foreground(accent), H2: plain.Bold(true).Foreground(accent),
		H3: plain.Bold(true).Foreground(fg), H4: plain.Bold(true).Foreground(dim),
		Strong: plain.Bold(true), Emph: plain.Italic(true), Code: plain.Foreground(c("#953800", "#ffa657")),
		Link: plain.Foreground(accent), URL: plain.Foreground(faint),
		QuoteBar: plain.Foreground(accent), Quote: plain.Foreground(dim).Italic(true),
		CodeBar: plain.Foreground(faint), CodeBlock: plain.Foreground(fg),
		Marker: plain.Foreground(dim), Checked: plain.Foreground(green), Rule: plain.Foreground(faint),
		TableHead: plain.Bold(true).Foreground(fg), TableRule: plain.Foreground(faint),
	}
	return s
}

// palette is the TUI's colours for the terminal's background: the styles
// above and the forms' theme (forms.go) are made from it.
type palette struct {
	pick                             func(light, dark string) color.Color
	fg, dim, faint, accent, selBg    color.Color
	red, green, amber, onAccent, bar color.Color
	onRed                            color.Color // text on a red badge
}

func newPalette(dark bool) palette {
	ld := lipgloss.LightDark(dark)
	c := func(light, darkHex string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(darkHex)) }
	return palette{
		pick: c,
		// Every text colour reads at 4.5:1 or more on black, #0d1117 and
		// #1e1e1e (dark) and on white and #f6f8fa (light): contrast_test.go.
		fg: c("#1f2328", "#e6edf3"), dim: c("#57606a", "#9198a1"), faint: c("#656d76", "#848d97"),
		accent: c("#0969da", "#58a6ff"), selBg: c("#ddf4ff", "#1f3a5f"),
		red: c("#cf222e", "#ff7b72"), green: c("#1a7f37", "#3fb950"), amber: c("#9a6700", "#d29922"),
		onAccent: c("#ffffff", "#0d1117"), bar: c("#eaeef2", "#21262d"), onRed: c("#ffffff", "#0d1117"),
	}
}

// badgePalette gives clients without a colour a stable one of their own.
var badgePalette = []string{"#e5534b", "#c69026", "#57ab5a", "#39c5cf", "#539bf5", "#b083f0", "#e275ad", "#cc6b2c"}

// badge renders the client's colour square; NO_COLOR gets a plain mark.
func (s styles) badge(slug, hex string) string {
	if s.noColor {
		return "■"
	}
	if hex == "" {
		h := fnv.New32a()
		h.Write([]byte(slug))
		hex = badgePalette[h.Sum32()%uint32(len(badgePalette))]
	}
	return lipgloss.NewStyle().Foreground(lipgloss.Color(hex)).Render("■")
}

// plainFormTheme is the forms' look under NO_COLOR: attributes only, as
// no-color.org asks. The focused button is reversed and bold, the other
// plain; a placeholder is faint, so it never reads as a typed value; the
// focused field's title is bold, a blurred one's is not.
func plainFormTheme(dark bool) *huh.Styles {
	t := huh.ThemeBase(dark)
	plain := lipgloss.NewStyle()
	button := plain.Padding(0, 2).MarginRight(1)
	f := &t.Focused
	f.Title = plain.Bold(true)
	f.NoteTitle = plain.Bold(true).MarginBottom(1)
	f.FocusedButton = button.Reverse(true).Bold(true)
	f.Next = f.FocusedButton
	f.BlurredButton = button
	f.TextInput.Placeholder = plain.Faint(true)
	f.SelectedOption = plain.Bold(true)
	t.Blurred = t.Focused
	t.Blurred.Base = t.Focused.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.Title = plain
	t.Blurred.FocusedButton = button.Bold(true).Underline(true)
	t.Blurred.NextIndicator = plain
	t.Blurred.PrevIndicator = plain
	t.Group.Title = plain.Bold(true)
	t.Help = help.Styles{
		Ellipsis: plain, ShortKey: plain.Bold(true), ShortDesc: plain, ShortSeparator: plain,
		FullKey: plain.Bold(true), FullDesc: plain, FullSeparator: plain,
	}
	return t
}

// formTheme dresses Huh's forms in the TUI's own palette, so a form looks
// like the screen it opens on rather than like Charm's demo colours.
func formTheme(dark bool) *huh.Styles {
	p := newPalette(dark)
	t := huh.ThemeBase(dark)
	plain := lipgloss.NewStyle()

	f := &t.Focused
	f.Base = f.Base.BorderForeground(p.accent)
	f.Card = f.Base
	f.Title = plain.Foreground(p.accent).Bold(true)
	f.NoteTitle = f.Title.MarginBottom(1)
	f.Description = plain.Foreground(p.dim)
	f.ErrorIndicator = f.ErrorIndicator.Foreground(p.red)
	f.ErrorMessage = f.ErrorMessage.Foreground(p.red)
	f.SelectSelector = f.SelectSelector.Foreground(p.accent)
	f.NextIndicator = f.NextIndicator.Foreground(p.accent)
	f.PrevIndicator = f.PrevIndicator.Foreground(p.accent)
	f.Option = plain.Foreground(p.fg)
	f.MultiSelectSelector = f.MultiSelectSelector.Foreground(p.accent)
	f.SelectedOption = plain.Foreground(p.green)
	f.SelectedPrefix = plain.Foreground(p.green).SetString("✓ ")
	f.UnselectedPrefix = plain.Foreground(p.faint).SetString("• ")
	f.UnselectedOption = plain.Foreground(p.fg)
	f.FocusedButton = f.FocusedButton.Foreground(p.onAccent).Background(p.accent).Bold(true)
	f.Next = f.FocusedButton
	f.BlurredButton = f.BlurredButton.Foreground(p.dim).Background(p.bar)
	f.TextInput.Cursor = plain.Foreground(p.accent)
	f.TextInput.Placeholder = plain.Foreground(p.faint)
	f.TextInput.Prompt = plain.Foreground(p.accent)
	f.TextInput.Text = plain.Foreground(p.fg)

	t.Blurred = t.Focused
	t.Blurred.Base = t.Focused.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.Title = plain.Foreground(p.dim).Bold(true)
	t.Blurred.NextIndicator = plain
	t.Blurred.PrevIndicator = plain

	t.Group.Title = plain.Foreground(p.fg).Bold(true)
	t.Group.Description = t.Focused.Description
	t.Help = helpStyles(p)
	return t
}

// helpStyles are the key help's styles in the palette: bubbles' own
// greys read under 4.5:1 on some backgrounds.
func helpStyles(p palette) help.Styles {
	plain := lipgloss.NewStyle()
	key, desc, sep := plain.Foreground(p.fg).Bold(true), plain.Foreground(p.dim), plain.Foreground(p.faint)
	return help.Styles{
		Ellipsis: sep, ShortKey: key, ShortDesc: desc, ShortSeparator: sep,
		FullKey: key, FullDesc: desc, FullSeparator: sep,
	}
}
