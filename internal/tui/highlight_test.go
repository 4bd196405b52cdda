package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

// matchCells maps the matcher's byte offsets to the cells that show them:
// after a lead, across pieces shown in another order than matched, over
// wide and escaped characters, and not under or past the ellipsis.
func TestMatchCells(t *testing.T) {
	slugName := func(slug, name string) (shownText, shownText) {
		return shownText{slug, 0}, shownText{name, len(slug) + 1}
	}
	acme, acmeName := slugName("acme", "Acme Corp") // matched as "acme Acme Corp"
	tokyo, tokyoName := slugName("tokyo", "東京 Ltd")
	esc, escName := slugName("bad", "a\x1bb") // shown as a\x1bb: the escape takes 4 cells
	sep := shownText{" ", -1}
	for _, tc := range []struct {
		name  string
		lead  int
		shown []shownText
		hits  []int
		w     int
		want  []cellRange
	}{
		{name: "no hits", shown: []shownText{acme}, w: 20},
		{name: "slug alone", shown: []shownText{acme}, hits: []int{0, 2}, w: 20, want: []cellRange{{0, 1}, {2, 3}}},
		{name: "adjacent cells join", shown: []shownText{acme}, hits: []int{1, 2, 3}, w: 20, want: []cellRange{{1, 4}}},
		{name: "after a lead", lead: 2, shown: []shownText{acme}, hits: []int{0}, w: 20, want: []cellRange{{2, 3}}},
		// "Acme Corp acme": the name first, the slug after it.
		{name: "name shown first", shown: []shownText{acmeName, sep, acme}, hits: []int{3, 10}, w: 20,
			want: []cellRange{{5, 6}, {13, 14}}},
		// "acme Acme Corp": as matched.
		{name: "slug shown first", shown: []shownText{acme, sep, acmeName}, hits: []int{3, 10}, w: 20,
			want: []cellRange{{3, 4}, {10, 11}}},
		// 14 cells in 10: "acme Acme…" — C (cell 10) is cut, e (cell 3) and the
		// second A (cell 5) are kept; cell 9, the ellipsis, is never marked.
		{name: "cut by the ellipsis", shown: []shownText{acme, sep, acmeName}, hits: []int{3, 5, 10}, w: 10,
			want: []cellRange{{3, 4}, {5, 6}}},
		{name: "last cell before the ellipsis", shown: []shownText{acme, sep, acmeName}, hits: []int{8, 9}, w: 10,
			want: []cellRange{{8, 9}}},
		{name: "fits exactly: no ellipsis", shown: []shownText{acme}, hits: []int{3}, w: 4, want: []cellRange{{3, 4}}},
		// "tokyo 東京 Ltd": 京 is two cells wide, after 東's two.
		{name: "wide characters", shown: []shownText{tokyo, sep, tokyoName}, hits: []int{0, 9, 13}, w: 20,
			want: []cellRange{{0, 1}, {8, 10}, {11, 12}}},
		{name: "a wide character the ellipsis would split", shown: []shownText{tokyo, sep, tokyoName}, hits: []int{9}, w: 9},
		// "bad a\x1bb": the escape is drawn as the four cells \x1b.
		{name: "escaped characters", shown: []shownText{esc, sep, escName}, hits: []int{4, 5, 6}, w: 20,
			want: []cellRange{{4, 10}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, matchCells(tc.lead, tc.shown, tc.hits, tc.w))
		})
	}
}

// Whatever the filter and however the row lays out or cuts the name, the
// marked cells read back the characters typed — the matcher's own
// positions, one path from match to mark.
func TestMarkedCellsSpellTheFilter(t *testing.T) {
	clients := []workbench.ClientInfo{
		{Slug: "acme", Name: "Acme Corp"},
		{Slug: "globex", Name: "Globex"},
		{Slug: "initech", Name: "Initech Industries International Holdings"},
		{Slug: "tokyo", Name: "東京 Trading"},
		{Slug: "umbrella", Name: "umbrella"},
	}
	cuts := 0
	for _, width := range []int{60, 80, 120} {
		for _, pattern := range []string{"a", "ac", "corp", "gx", "ein", "ihl", "東", "京t", "tt", "ua", "mbl"} {
			b := newFake(func() time.Time { return testNow })
			b.clients = clients
			opts := pickerOpts(t)
			opts.NoColor = true
			h := newHarness(t, b, opts, width, 24)
			for _, r := range pattern {
				h.press(string(r))
			}
			require.NotEmpty(t, h.m.list.visible, pattern)
			for i, idx := range h.m.list.visible {
				c := clients[idx]
				nameW := max(h.m.list.w-h.m.list.fixedW(), 4)
				cell, marks := h.m.list.nameCell(c, nameW, h.m.list.hits[i])
				plain := []rune(ansi.Strip(cell))
				var got strings.Builder
				for _, m := range marks {
					got.WriteString(ansi.Cut(string(plain), m.start, m.end))
				}
				typed, marked := sortedRunes(strings.ToLower(pattern)), sortedRunes(strings.ToLower(got.String()))
				if !strings.Contains(string(plain), "…") {
					assert.Equal(t, typed, marked, "%d cols, %q in %q", width, pattern, string(plain))
				} else { // what the ellipsis cut is not marked; nothing else is
					cuts++
					assert.Subset(t, typed, marked, "%d cols, %q in %q", width, pattern, string(plain))
				}
			}
		}
	}
	assert.Positive(t, cuts, "some names are cut")
}

// sortedRunes are s's characters in order: the name and the slug may be
// shown in another order than they are matched in.
func sortedRunes(s string) []rune {
	r := []rune(s)
	slices.Sort(r)
	return r
}
