package tui

import (
	"image/color"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/testenv"
)

// mdPlain renders src in the dark colour styles and strips the escapes.
func mdPlain(src string, width int) string {
	return ansi.Strip(renderMarkdown(src, width, newStyles(true, false)))
}

func lines(ls ...string) string { return strings.Join(ls, "\n") }

func TestRenderMarkdownConstructs(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"empty", "  \n\n", ""},
		{"headings by level, the first ruled under",
			"# Top\n\n## Second\n\n### Third\n\n#### Fourth\n",
			lines("Top", "━━━", "", "Second", "", "Third", "", "Fourth")},
		{"paragraph soft-wraps at spaces",
			"Deploys go through ArgoCD and the\nrelease train leaves every Tuesday morning.",
			lines("Deploys go through ArgoCD and the", "release train leaves every Tuesday", "morning.")},
		{"emphasis, strong and code spans keep their text",
			"a *b* **c** `d e` f",
			"a b c d e f"},
		{"hard break",
			"one\\\ntwo  \nthree",
			lines("one", "two", "three")},
		{"escapes and entities",
			`\*not em\* &amp; &copy; &#65;`,
			"*not em* & © A"},
		{"link text then its address",
			"see [the wiki](https://wiki.example/x) now",
			lines("see the wiki (https://wiki.example/x)", "now")},
		{"autolink and a link whose text is its address show it once",
			"<https://a.example> and [https://b.example](https://b.example)",
			"https://a.example and https://b.example"},
		{"image shows its alt text and address",
			"![diagram](d.png)",
			"diagram (d.png)"},
		{"bullets by depth with hanging indent",
			"- one that is long enough to wrap onto the next line\n  - two\n    - three\n- four",
			lines("• one that is long enough to wrap onto", "  the next line", "  ◦ two", "    ▪ three", "• four")},
		{"ordered list numbers right-aligned",
			"9. nine\n10. ten that wraps under its own text not the number",
			lines(" 9. nine", "10. ten that wraps under its own text", "    not the number")},
		{"ordered list keeps its start and ')' marker",
			"3) c\n4) d",
			lines("3) c", "4) d")},
		{"loose list has blank lines between items",
			"- a\n\n- b",
			lines("• a", "", "• b")},
		{"task list boxes replace bullets",
			"- [ ] todo *soon*\n- [x] done\n- [X] also done\n- plain\n- [y] not a task",
			lines("[ ] todo soon", "[x] done", "[x] also done", "• plain", "• [y] not a task")},
		{"item with two paragraphs",
			"- first\n\n  second",
			lines("• first", "", "  second")},
		{"fenced code keeps lines and indentation",
			"```sh\nkubectl get pods\n  -n api\n\tx\n```",
			lines("│ kubectl get pods", "│   -n api", "│     x")},
		{"indented code",
			"    make deploy",
			"│ make deploy"},
		{"code lines longer than the width are cut, not wrapped",
			"```\nkubectl --context acme-prod rollout restart deployment/api\n```",
			"│ kubectl --context acme-prod rollout r…"},
		{"blockquote behind a bar, nested",
			"> quoted text that is long enough to wrap in the bar\n>\n> > inner",
			lines("┃ quoted text that is long enough to", "┃ wrap in the bar", "┃", "┃ ┃ inner")},
		{"list inside a quote",
			"> - a\n> - b",
			lines("┃ • a", "┃ • b")},
		{"thematic break spans the width",
			"a\n\n---\n\nb",
			lines("a", "", strings.Repeat("─", 40), "", "b")},
		{"table in columns with alignment",
			"| Env | Cluster | Hours |\n|:--|:-:|--:|\n| prod | `acme-prod` | 12 |\n| staging | stg | 3 \\| 4 |",
			lines(
				"Env     │  Cluster  │ Hours",
				"────────┼───────────┼──────",
				"prod    │ acme-prod │    12",
				"staging │    stg    │ 3 | 4")},
		{"table rows short or long are fitted to the header",
			"a | b\n--- | ---\n1\n2 | 3 | 4",
			lines("a │ b", "──┼──", "1 │", "2 │ 3")},
		{"table cell that looks like a block is shown as text",
			"| n | item |\n|---|---|\n| 1. | - x |",
			lines("n  │ item", "───┼─────", "1. │ - x")},
		{"not a table: delimiter cells do not match the header",
			"a | b | c\n--- | ---",
			"a | b | c --- | ---"},
		{"html block as plain text",
			"<div>\nraw <b>html</b>\n</div>",
			lines("<div>", "raw <b>html</b>", "</div>")},
		{"html comment over lines, closing line included once",
			"<!-- note\nmore -->\n\nafter",
			lines("<!-- note", "more -->", "", "after")},
		{"inline html as plain text",
			"press <kbd>q</kbd>",
			"press <kbd>q</kbd>"},
		{"a word longer than the line is broken inside",
			"x " + strings.Repeat("a", 50),
			lines("x", strings.Repeat("a", 40), strings.Repeat("a", 10))},
		{"reference links resolve and their definitions vanish",
			"see [docs][d]\n\n[d]: https://docs.example",
			"see docs (https://docs.example)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, mdPlain(c.src, 40))
		})
	}
}

func TestTableNarrowsItsWidestColumnToFit(t *testing.T) {
	src := "| name | what it is for |\n|---|---|\n| api | serves every request from the mobile app |\n"
	got := strings.Split(mdPlain(src, 30), "\n")
	require.Len(t, got, 3)
	assert.Equal(t, "api  │ serves every request f…", got[2])
	for _, l := range got {
		assert.LessOrEqual(t, ansi.StringWidth(l), 30, "%q", l)
	}
}

// sampleRunbook has every construct the renderer knows, with long words,
// long code and wide characters, to check widths against.
const sampleRunbook = "# Acme — 運用手順書 runbook for the production cluster\n\n" +
	"Deploys go through **ArgoCD** at [argo](https://argo.acme.example/applications/api?view=tree&resource=) " +
	"and `kubectl --context acme-prod` only in emergencies; 本番環境では必ず確認してください。\n\n" +
	"- one *item* that goes on and on until it has to wrap more than once at any width\n" +
	"  1. nested ordered with supercalifragilisticexpialidocious words\n" +
	"- [x] done with <https://status.acme.example/incidents/2026-11-25>\n\n" +
	"> quoted **advice** that wraps behind its bar\n> > and a nested quote that also wraps\n\n" +
	"```\nhelm upgrade --install api ./charts/api --namespace api --values values-prod.yaml\n```\n\n" +
	"| host | role |\n|---|---|\n| db-1.internal.acme.example | primary database |\n\n---\n\n<p>html</p>\n"

func TestRenderMarkdownNeverExceedsTheWidth(t *testing.T) {
	for width := minMarkdownWidth; width <= 90; width++ {
		out := renderMarkdown(sampleRunbook, width, newStyles(true, false))
		for _, l := range strings.Split(out, "\n") {
			require.LessOrEqual(t, ansi.StringWidth(l), width, "width %d: %q", width, ansi.Strip(l))
		}
	}
	// Narrower than the minimum renders at the minimum, not one word a line.
	for _, l := range strings.Split(renderMarkdown(sampleRunbook, 3, newStyles(true, false)), "\n") {
		require.LessOrEqual(t, ansi.StringWidth(l), minMarkdownWidth, "%q", ansi.Strip(l))
	}
}

func TestRenderMarkdownKeepsEveryWordOfAParagraph(t *testing.T) {
	src := "Deploys go **through ArgoCD** at [argo](https://argo.example) and `kubectl` only in emergencies, " +
		"never on Fridays after four unless the on-call engineer agrees."
	want := strings.Fields("Deploys go through ArgoCD at argo (https://argo.example) and kubectl only in emergencies, " +
		"never on Fridays after four unless the on-call engineer agrees.")
	for width := minMarkdownWidth; width <= 80; width += 3 {
		got := strings.Fields(mdPlain(src, width))
		if width >= len("(https://argo.example)") {
			assert.Equal(t, want, got, "width %d", width)
		} else { // the address is broken inside, nothing lost
			assert.Equal(t, strings.Join(want, ""), strings.Join(got, ""), "width %d", width)
		}
	}
}

var sgrSeq = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// Each line must close what it opens: the pane puts the client list and a
// border on the same screen row, and a colour left open would run into it.
func TestRenderMarkdownStylesEachLineOnItsOwn(t *testing.T) {
	out := renderMarkdown(sampleRunbook, 30, newStyles(true, false))
	require.True(t, hasColour(out), "the check below can fail")
	for _, l := range strings.Split(out, "\n") {
		seqs := sgrSeq.FindAllString(l, -1)
		if len(seqs) > 0 {
			assert.Equal(t, "\x1b[m", seqs[len(seqs)-1], "line %q leaves a style open", l)
		}
	}
}

func TestRenderMarkdownStylesAPhraseOnce(t *testing.T) {
	out := renderMarkdown("a **bold phrase of words** b", 40, newStyles(true, false))
	assert.Equal(t, 1, strings.Count(out, "bold phrase of words"), "one escape pair around the phrase: %q", out)
}

func TestRenderMarkdownWithoutColour(t *testing.T) {
	coloured := renderMarkdown(sampleRunbook, 50, newStyles(true, false))
	plain := renderMarkdown(sampleRunbook, 50, newStyles(true, true))
	assert.True(t, hasColour(coloured), "the check below can fail")
	assert.False(t, hasColour(plain))
	assert.Equal(t, ansi.Strip(coloured), ansi.Strip(plain), "NO_COLOR changes the colours, not the layout")
	assert.Contains(t, plain, "\x1b[1mArgoCD", "bold still marks strong text")
}

func TestRenderMarkdownLightAndDarkDiffer(t *testing.T) {
	dark := renderMarkdown("# Title", 40, newStyles(true, false))
	light := renderMarkdown("# Title", 40, newStyles(false, false))
	assert.NotEqual(t, dark, light)
	assert.Equal(t, ansi.Strip(dark), ansi.Strip(light))
}

func TestWrapSpansWideCharacters(t *testing.T) {
	got := wrapSpans([]span{{text: "日本語のテキスト abc"}}, 5)
	assert.Equal(t, []string{"日本", "語の", "テキ", "スト", "abc"}, got)
}

func TestWrapSpansDropsSpacesAtBreaks(t *testing.T) {
	got := wrapSpans([]span{{text: "  aaa   bbb  "}, {brk: true}, {text: " ccc"}}, 5)
	assert.Equal(t, []string{"aaa", "bbb", "ccc"}, got)
}

func TestExpandTabs(t *testing.T) {
	assert.Equal(t, "a   b", expandTabs("a\tb"))
	assert.Equal(t, "abcd    e", expandTabs("abcd\te"))
	assert.Equal(t, "    x", expandTabs("\tx"))
}

// The binary's startup budget is why the renderer exists: a dependency that
// brings chroma (glamour) back, or goldmark's extension package (1 ms of
// init), would put the cost on every stint command.
func TestBinaryImportsNoHeavyMarkdownDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	gobin := testenv.Program(t, "go")
	out, err := exec.Command(gobin, "list", "-e", "-deps", "github.com/stint-sh/stint/cmd/stint").Output()
	require.NoError(t, err)
	deps := string(out)
	require.Contains(t, deps, "github.com/yuin/goldmark/parser\n", "the check below can fail")
	for _, banned := range []string{"alecthomas/chroma", "charm.land/glamour", "microcosm-cc/bluemonday", "github.com/yuin/goldmark/extension\n"} {
		assert.NotContains(t, deps, banned)
	}
}

func TestNotesPaneRerendersTheRunbookForANewBackground(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	h.press("shift+tab")
	dark := h.m.detail.notes["acme"].val.rendered
	require.Contains(t, ansi.Strip(dark), "Deploys go through ArgoCD")

	h.send(tea.BackgroundColorMsg{Color: color.White})
	light := h.m.detail.notes["acme"].val.rendered
	assert.NotEqual(t, dark, light, "rendered again in the light colours")
	assert.Equal(t, ansi.Strip(dark), ansi.Strip(light))
	assert.Contains(t, h.screen(), "   Deploys go through ArgoCD", "indented level with the log lines")
}
