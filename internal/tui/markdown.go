package tui

import (
	"strconv"
	"strings"
	"sync"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The runbook is rendered here from goldmark's syntax tree rather than by a
// full markdown-to-terminal library: those pull in syntax highlighters whose
// package init costs every stint command tens of milliseconds (docs/design.md
// gives `stint env` 10 ms in all). Only goldmark's CommonMark core is used;
// its extension package alone costs about 1 ms of init, so GFM task lists
// and tables are recognised here by hand (see markdown_table.go).

// minMarkdownWidth keeps a very narrow pane from wrapping every word.
const minMarkdownWidth = 16

// markdownParser is built on first use, not at package init.
var markdownParser = sync.OnceValue(func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
})

// renderMarkdown renders src as terminal text at most width cells wide
// (code lines are cut with "…", never wrapped), in st's markdown styles.
// The result has no trailing newline.
func renderMarkdown(src string, width int, st styles) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	source := []byte(src)
	r := &mdRenderer{src: source, st: st.Markdown}
	doc := markdownParser().Parse(text.NewReader(source))
	return strings.Join(r.blocks(doc, max(width, minMarkdownWidth)), "\n")
}

type mdRenderer struct {
	src []byte
	st  markdownStyles
	// base is the style text starts from: plain, or the quote's.
	base lipgloss.Style
	// skip is a range of source bytes left out of text: a task item's "[x]".
	skipFrom, skipTo int
}

// blocks renders n's child blocks one after another, a blank line between
// them unless n is an item of a tight list.
func (r *mdRenderer) blocks(n ast.Node, width int) []string {
	tight := false
	if l, ok := n.Parent().(*ast.List); ok && n.Kind() == ast.KindListItem {
		tight = l.IsTight
	}
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		lines := r.block(c, width)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && !tight {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

func (r *mdRenderer) block(n ast.Node, width int) []string {
	switch n := n.(type) {
	case *ast.Heading:
		return r.heading(n, width)
	case *ast.Paragraph:
		if t, ok := parseTable(r.lines(n)); ok {
			return r.table(t, width)
		}
		return wrapSpans(r.inlines(n, r.base, nil), width)
	case *ast.TextBlock:
		return wrapSpans(r.inlines(n, r.base, nil), width)
	case *ast.List:
		return r.list(n, width)
	case *ast.Blockquote:
		return r.quote(n, width)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return r.code(r.lines(n), width)
	case *ast.ThematicBreak:
		return []string{r.st.Rule.Render(strings.Repeat("─", width))}
	case *ast.HTMLBlock:
		lines := r.lines(n)
		if n.HasClosure() {
			lines = append(lines, strings.TrimRight(string(n.ClosureLine.Value(r.src)), "\r\n"))
		}
		return r.plain(lines, width)
	}
	if n.Type() == ast.TypeBlock && n.FirstChild() == nil {
		return r.plain(r.lines(n), width) // a leaf block this renderer does not know
	}
	return r.blocks(n, width)
}

// heading renders a heading in its level's style; a first-level one is
// ruled under as wide as its text, so it stands out without colour too.
func (r *mdRenderer) heading(n *ast.Heading, width int) []string {
	style := r.st.H4
	switch n.Level {
	case 1:
		style = r.st.H1
	case 2:
		style = r.st.H2
	case 3:
		style = r.st.H3
	}
	lines := wrapSpans(r.inlines(n, style.Inherit(r.base), nil), width)
	if n.Level != 1 {
		return lines
	}
	w := 0
	for _, l := range lines {
		w = max(w, ansi.StringWidth(l))
	}
	return append(lines, style.Render(strings.Repeat("━", w)))
}

// lines is the raw source of a leaf block, one string per line.
func (r *mdRenderer) lines(n ast.Node) []string {
	segs := n.Lines()
	out := make([]string, segs.Len())
	for i := range out {
		seg := segs.At(i)
		out[i] = strings.TrimRight(string(seg.Value(r.src)), "\r\n")
	}
	return out
}

// plain wraps each source line as unstyled text (HTML blocks).
func (r *mdRenderer) plain(lines []string, width int) []string {
	var out []string
	for _, l := range lines {
		out = append(out, wrapSpans([]span{{text: l, style: r.base}}, width)...)
	}
	return out
}

// code renders a code block behind a bar. Code keeps its lines: one longer
// than the pane is cut with "…" rather than wrapped into something that
// reads like a different command.
func (r *mdRenderer) code(lines []string, width int) []string {
	if len(lines) == 0 {
		lines = []string{""}
	}
	bar := r.st.CodeBar.Render("│") + " "
	room := max(width-2, 1)
	out := make([]string, len(lines))
	for i, l := range lines {
		l = expandTabs(l)
		if ansi.StringWidth(l) > room {
			l = ansi.Truncate(l, room, "…")
		}
		out[i] = bar + r.st.CodeBlock.Render(l)
	}
	return out
}

// expandTabs replaces tabs by spaces to the next multiple of four columns.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, part := range strings.SplitAfter(s, "\t") {
		text, tab := strings.CutSuffix(part, "\t")
		b.WriteString(text)
		col += ansi.StringWidth(text)
		if tab {
			pad := 4 - col%4
			b.WriteString(strings.Repeat(" ", pad))
			col += pad
		}
	}
	return b.String()
}

// quote renders a blockquote behind a bar, its text in the quote style.
func (r *mdRenderer) quote(n *ast.Blockquote, width int) []string {
	saved := r.base
	r.base = r.st.Quote.Inherit(saved)
	lines := r.blocks(n, max(width-2, 1))
	r.base = saved
	bar := r.st.QuoteBar.Render("┃")
	for i, l := range lines {
		if l != "" {
			l = " " + l
		}
		lines[i] = bar + l
	}
	return lines
}

var bullets = [...]string{"•", "◦", "▪"}

// list renders items behind their markers with a hanging indent: an item's
// wrapped lines start under its text, not under the marker. Numbers are
// right-aligned so the items of a list line up.
func (r *mdRenderer) list(l *ast.List, width int) []string {
	depth := 0
	for p := l.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindList {
			depth++
		}
	}
	numW := 0
	if l.IsOrdered() {
		numW = len(strconv.Itoa(l.Start + l.ChildCount() - 1))
	}
	var out []string
	i := 0
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := bullets[depth%len(bullets)]
		if l.IsOrdered() {
			n := strconv.Itoa(l.Start + i)
			marker = strings.Repeat(" ", max(numW-len(n), 0)) + n + string(l.Marker)
		}
		styled := r.st.Marker.Render(marker)
		if box, checked, ok := r.taskBox(l, item); ok {
			marker = box
			styled = r.st.Marker.Render(box)
			if checked {
				styled = r.st.Checked.Render(box)
			}
		}
		indent := ansi.StringWidth(marker) + 1
		body := r.blocks(item, max(width-indent, 1))
		r.skipFrom, r.skipTo = 0, 0
		if len(body) == 0 {
			body = []string{""}
		}
		if i > 0 && !l.IsTight {
			out = append(out, "")
		}
		for j, line := range body {
			switch {
			case j == 0:
				line = styled + " " + line
			case line != "":
				line = strings.Repeat(" ", indent) + line
			}
			out = append(out, strings.TrimRight(line, " "))
		}
		i++
	}
	return out
}

// taskBox recognises a GFM task item ("- [ ] do it", "- [x] done") in a
// bullet list. It hides the "[x]" from the item's text (via skip) and
// returns the box to show in place of the bullet.
func (r *mdRenderer) taskBox(l *ast.List, item ast.Node) (box string, checked, ok bool) {
	first := item.FirstChild()
	if l.IsOrdered() || first == nil || first.Lines().Len() == 0 {
		return "", false, false
	}
	seg := first.Lines().At(0)
	line := seg.Value(r.src)
	if len(line) < 3 || line[0] != '[' || line[2] != ']' || (len(line) > 3 && !util.IsSpace(line[3])) {
		return "", false, false
	}
	switch line[1] {
	case ' ':
		box = "[ ]"
	case 'x', 'X':
		box, checked = "[x]", true
	default:
		return "", false, false
	}
	r.skipFrom, r.skipTo = seg.Start, seg.Start+3
	return box, checked, true
}

// inlines appends the spans of n's inline children, styled from style.
func (r *mdRenderer) inlines(n ast.Node, style lipgloss.Style, out []span) []span {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = r.inline(c, style, out)
	}
	return out
}

func (r *mdRenderer) inline(n ast.Node, style lipgloss.Style, out []span) []span {
	switch n := n.(type) {
	case *ast.Text:
		out = append(out, span{text: r.segmentText(n.Segment), style: style})
		if n.HardLineBreak() {
			out = append(out, span{brk: true})
		} else if n.SoftLineBreak() {
			out = append(out, span{text: " ", style: style})
		}
	case *ast.String:
		out = append(out, span{text: string(n.Value), style: style})
	case *ast.CodeSpan:
		out = append(out, span{text: r.codeSpan(n), style: r.st.Code.Inherit(style)})
	case *ast.Emphasis:
		s := r.st.Emph
		if n.Level >= 2 {
			s = r.st.Strong
		}
		out = r.inlines(n, s.Inherit(style), out)
	case *ast.Link:
		out = r.link(n, string(n.Destination), r.st.Link.Inherit(style), style, out)
	case *ast.Image:
		out = r.link(n, string(n.Destination), r.st.Emph.Inherit(style), style, out)
	case *ast.AutoLink:
		out = append(out, span{text: string(n.Label(r.src)), style: r.st.Link.Inherit(style)})
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			out = append(out, span{text: string(seg.Value(r.src)), style: style})
		}
	default:
		out = r.inlines(n, style, out)
	}
	return out
}

// link renders a link's text and then its destination, dimmed, unless the
// text already is the destination.
func (r *mdRenderer) link(n ast.Node, dest string, textStyle, style lipgloss.Style, out []span) []span {
	start := len(out)
	out = r.inlines(n, textStyle, out)
	var label strings.Builder
	for _, s := range out[start:] {
		label.WriteString(s.text)
	}
	if dest == "" || dest == label.String() || dest == "mailto:"+label.String() {
		return out
	}
	return append(out, span{text: " ", style: style}, span{text: "(" + dest + ")", style: r.st.URL.Inherit(style)})
}

// segmentText is a text segment's characters with backslash escapes and
// entities resolved, minus any part inside the skip range.
func (r *mdRenderer) segmentText(seg text.Segment) string {
	start, stop := seg.Start, seg.Stop
	if start < r.skipTo && stop > r.skipFrom {
		if start >= r.skipFrom {
			start = min(r.skipTo, stop)
		} else {
			stop = r.skipFrom
		}
	}
	v := r.src[start:stop]
	if seg.Padding > 0 {
		v = append([]byte(strings.Repeat(" ", seg.Padding)), v...)
	}
	if strings.ContainsAny(string(v), `\&`) {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
	}
	return string(v)
}

// codeSpan is a code span's text, its line ends turned into spaces as
// CommonMark says.
func (r *mdRenderer) codeSpan(n *ast.CodeSpan) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(r.src)
			b.Write(v)
		case *ast.String:
			b.Write(c.Value)
		}
	}
	return strings.ReplaceAll(b.String(), "\n", " ")
}
