package tui

import (
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// A span is a run of inline text in one style; brk marks a hard line break
// and carries no text.
type span struct {
	text  string
	style lipgloss.Style
	brk   bool
}

// A piece is part of one span's text placed on a line; span indexes the
// span it came from, so neighbouring pieces of one span render as one.
type piece struct {
	span int
	text string
}

// A word is text between spaces, possibly in several styles ("**bold**ly"),
// with the run of spaces that came before it. brk marks a hard break.
type word struct {
	gap, pieces []piece
	width       int
	brk         bool
}

// wrapSpans lays spans out in lines of at most width cells. It breaks at
// spaces and, for a word longer than a line (a URL), inside the word.
// Spaces at a break are dropped. Each line is styled on its own, so no
// escape sequence runs past the end of a line: the pane puts other columns
// and borders next to these lines.
func wrapSpans(spans []span, width int) []string {
	width = max(width, 1)
	var lines [][]piece
	var line []piece
	used := 0
	newline := func() {
		lines = append(lines, line)
		line, used = nil, 0
	}
	for _, w := range splitWords(spans) {
		gapW := piecesWidth(w.gap)
		switch {
		case w.brk:
			newline()
		case used > 0 && used+gapW+w.width <= width:
			line = append(append(line, w.gap...), w.pieces...)
			used += gapW + w.width
		case w.width <= width:
			if used > 0 {
				newline()
			}
			line, used = append(line, w.pieces...), w.width
		default:
			if used > 0 {
				newline()
			}
			for _, p := range w.pieces {
				for p.text != "" {
					if used == width {
						newline()
					}
					chunk := ansi.Truncate(p.text, width-used, "")
					if chunk == "" && used > 0 {
						newline()
						continue
					}
					if chunk == "" { // one grapheme wider than the whole line
						_, n := utf8.DecodeRuneInString(p.text)
						chunk = p.text[:n]
					}
					line = append(line, piece{p.span, chunk})
					used += ansi.StringWidth(chunk)
					p.text = p.text[len(chunk):]
				}
			}
		}
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = renderPieces(spans, l)
	}
	return out
}

// splitWords cuts spans into words at spaces (tabs and newlines count as
// spaces). Spaces at the very end are dropped.
func splitWords(spans []span) []word {
	var words []word
	var cur word
	flush := func() {
		if len(cur.pieces) > 0 {
			words = append(words, cur)
		}
		cur = word{}
	}
	for i, s := range spans {
		if s.brk {
			flush()
			words = append(words, word{brk: true})
			continue
		}
		text := flatten(s.text)
		for text != "" {
			if text[0] == ' ' {
				n := len(text) - len(strings.TrimLeft(text, " "))
				if len(cur.pieces) > 0 {
					flush()
				}
				cur.gap = append(cur.gap, piece{i, text[:n]})
				text = text[n:]
				continue
			}
			n := strings.IndexByte(text, ' ')
			if n < 0 {
				n = len(text)
			}
			cur.pieces = append(cur.pieces, piece{i, text[:n]})
			cur.width += ansi.StringWidth(text[:n])
			text = text[n:]
		}
	}
	flush()
	return words
}

// flatten turns tabs and line ends into spaces: inline text is laid out
// here, and a tab has no width of its own to measure.
func flatten(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n':
			return ' '
		case '\r':
			return -1
		}
		return r
	}, s)
}

func piecesWidth(ps []piece) int {
	w := 0
	for _, p := range ps {
		w += ansi.StringWidth(p.text)
	}
	return w
}

// renderPieces styles a line, joining neighbouring pieces of one span so a
// styled phrase costs one pair of escape sequences, not one per word.
func renderPieces(spans []span, line []piece) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		j, text := i+1, line[i].text
		for ; j < len(line) && line[j].span == line[i].span; j++ {
			text += line[j].text
		}
		b.WriteString(spans[line[i].span].style.Render(text))
		i = j
	}
	return b.String()
}

// spansWidth is how wide spans are on one line.
func spansWidth(spans []span) int {
	w := 0
	for _, s := range spans {
		w += ansi.StringWidth(s.text)
	}
	return w
}

// renderOneLine styles spans on a single line cut to width cells with an
// ellipsis: table cells are not wrapped.
func renderOneLine(spans []span, width int) string {
	var b strings.Builder
	used, cut := 0, spansWidth(spans) > width
	for _, s := range spans {
		text := flatten(s.text)
		w := ansi.StringWidth(text)
		if cut && used+w > width-1 {
			b.WriteString(s.style.Render(ansi.Truncate(text, max(width-1-used, 0), "") + "…"))
			return b.String()
		}
		b.WriteString(s.style.Render(text))
		used += w
	}
	return b.String()
}
