package tui

import (
	"slices"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/stint-sh/stint/internal/display"
)

// The filter's matched characters are drawn in the Match style, as fzf
// draws them: the fuzzy matcher's own offsets (list.go's refilter), mapped
// to the cells of the row that show those characters. A character cut by
// the row's ellipsis is not marked; the ellipsis never is.

// shownText is a piece of a row's cell as the row shows it, and where the
// raw text starts in the text the filter matched (-1: not from it, like
// the space between name and slug).
type shownText struct {
	text string
	at   int
}

// cellRange is cells [start, end) of a line.
type cellRange struct{ start, end int }

// matchCells maps hits (sorted byte offsets into the matched text) to the
// cells that show them, in a cell lead cells into the row and w wide: the
// pieces follow one another from there, each character as wide as
// display.Safe shows it. Adjacent cells join into one range.
func matchCells(lead int, shown []shownText, hits []int, w int) []cellRange {
	if len(hits) == 0 {
		return nil
	}
	total := lead
	for _, s := range shown {
		total += ansi.StringWidth(display.Safe(s.text))
	}
	limit := w
	if total > w {
		limit = w - 1 // the last cell is the ellipsis
	}
	var out []cellRange
	col := lead
	for _, s := range shown {
		for i, size := 0, 0; i < len(s.text); i += size {
			_, size = utf8.DecodeRuneInString(s.text[i:])
			cw := ansi.StringWidth(display.Safe(s.text[i : i+size]))
			if s.at >= 0 && col+cw <= limit {
				if _, hit := slices.BinarySearch(hits, s.at+i); hit && cw > 0 {
					if n := len(out); n > 0 && out[n-1].end == col {
						out[n-1].end = col + cw
					} else {
						out = append(out, cellRange{col, col + cw})
					}
				}
			}
			col += cw
		}
	}
	return out
}

// markCells draws the cells of line in ranges in style hl, the rest as it
// was.
func markCells(line string, ranges []cellRange, hl lipgloss.Style) string {
	if len(ranges) == 0 {
		return line
	}
	rs := make([]lipgloss.Range, len(ranges))
	for i, r := range ranges {
		rs[i] = lipgloss.NewRange(r.start, r.end, hl)
	}
	return lipgloss.StyleRanges(line, rs...)
}
