package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// GFM tables are recognised here from a paragraph's source lines instead
// of through goldmark's extension package, whose init costs every stint
// command about 1 ms. Only a table that starts its paragraph is seen; it
// has a header row, a delimiter row ("| --- | :-: |") with as many cells,
// and body rows.

type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

type mdTable struct {
	head  []string
	align []align
	rows  [][]string // each exactly as long as head
}

// parseTable reads lines as a GFM table; ok is false when they are not one.
func parseTable(lines []string) (t mdTable, ok bool) {
	if len(lines) < 2 || !strings.Contains(lines[1], "|") {
		return t, false
	}
	t.head = splitRow(lines[0])
	delims := splitRow(lines[1])
	if len(delims) != len(t.head) {
		return t, false
	}
	for _, d := range delims {
		a, ok := delimiterAlign(d)
		if !ok {
			return t, false
		}
		t.align = append(t.align, a)
	}
	for _, l := range lines[2:] {
		row := splitRow(l)
		row = append(row, make([]string, max(len(t.head)-len(row), 0))...)
		t.rows = append(t.rows, row[:len(t.head)])
	}
	return t, true
}

// delimiterAlign reads one cell of the delimiter row: dashes with an
// optional colon at either end.
func delimiterAlign(cell string) (align, bool) {
	left, right := strings.HasPrefix(cell, ":"), strings.HasSuffix(cell, ":")
	dashes := strings.TrimSuffix(strings.TrimPrefix(cell, ":"), ":")
	if dashes == "" || strings.Trim(dashes, "-") != "" {
		return 0, false
	}
	switch {
	case left && right:
		return alignCenter, true
	case right:
		return alignRight, true
	}
	return alignLeft, true
}

// splitRow cuts a row at its unescaped pipes, dropping the optional outer
// ones; cells are trimmed and keep their markdown ("\|" included).
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var cells []string
	start := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			cells = append(cells, strings.TrimSpace(line[start:i]))
			start = i + 1
		}
	}
	return append(cells, strings.TrimSpace(line[start:]))
}

// table renders t in columns as wide as their widest cell, narrowed from
// the widest down when the pane is too small; cells that no longer fit
// are cut with "…", not wrapped.
func (r *mdRenderer) table(t mdTable, width int) []string {
	head := make([][]span, len(t.head))
	for i, c := range t.head {
		head[i] = r.cell(c, r.st.TableHead.Inherit(r.base))
	}
	rows := make([][][]span, len(t.rows))
	for i, row := range t.rows {
		rows[i] = make([][]span, len(row))
		for j, c := range row {
			rows[i][j] = r.cell(c, r.base)
		}
	}
	colW := make([]int, len(head))
	for i := range head {
		colW[i] = max(spansWidth(head[i]), 1)
		for _, row := range rows {
			colW[i] = max(colW[i], spansWidth(row[i]))
		}
	}
	fitColumns(colW, width-3*(len(colW)-1))

	sep := " " + r.st.TableRule.Render("│") + " "
	line := func(cells [][]span) string {
		parts := make([]string, len(cells))
		for i, c := range cells {
			parts[i] = pad(renderOneLine(c, colW[i]), colW[i], t.align[i])
		}
		s := strings.TrimRight(strings.Join(parts, sep), " ")
		if ansi.StringWidth(s) > width { // columns already at their narrowest
			s = ansi.Truncate(s, width, "…")
		}
		return s
	}
	rule := make([]string, len(colW))
	for i, w := range colW {
		rule[i] = strings.Repeat("─", w)
	}
	ruleLine := r.st.TableRule.Render(strings.Join(rule, "─┼─"))
	if ansi.StringWidth(ruleLine) > width {
		ruleLine = ansi.Truncate(ruleLine, width, "")
	}
	out := []string{line(head), ruleLine}
	for _, row := range rows {
		out = append(out, line(row))
	}
	return out
}

// fitColumns narrows the widest columns, one cell at a time, until they
// add up to room or are all minColumn wide.
func fitColumns(colW []int, room int) {
	const minColumn = 3
	total := 0
	for _, w := range colW {
		total += w
	}
	for total > room {
		widest := 0
		for i, w := range colW {
			if w > colW[widest] {
				widest = i
			}
		}
		if colW[widest] <= minColumn {
			return
		}
		colW[widest]--
		total--
	}
}

func pad(s string, w int, a align) string {
	gap := max(w-ansi.StringWidth(s), 0)
	switch a {
	case alignRight:
		return strings.Repeat(" ", gap) + s
	case alignCenter:
		return strings.Repeat(" ", gap/2) + s + strings.Repeat(" ", gap-gap/2)
	}
	return s + strings.Repeat(" ", gap)
}

// cell renders one cell's inline markdown by parsing it on its own. A cell
// that parses as something other than a paragraph ("1." or "- x" read as a
// list) is shown as its plain text.
func (r *mdRenderer) cell(src string, style lipgloss.Style) []span {
	if src == "" {
		return nil
	}
	c := &mdRenderer{src: []byte(src), st: r.st, base: style}
	doc := markdownParser().Parse(text.NewReader(c.src))
	if p, ok := doc.FirstChild().(*ast.Paragraph); ok && p.NextSibling() == nil {
		return c.inlines(p, style, nil)
	}
	return []span{{text: strings.ReplaceAll(src, `\|`, "|"), style: style}}
}
