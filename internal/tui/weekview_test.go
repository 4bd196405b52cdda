package tui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/workbench"
)

// lastWeekAsked is the day of the fake's latest Week call.
func lastWeekAsked(t *testing.T, b *fakeBackend) time.Time {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	require.NotEmpty(t, b.weekAsked, "Week was never called")
	return b.weekAsked[len(b.weekAsked)-1]
}

// screenLine is the first line of the screen holding s.
func screenLine(t *testing.T, screen, s string) string {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line holds %q in\n%s", s, screen)
	return ""
}

// [ and ] ask the backend for the week before and after the one shown, .
// for this week again, r for the shown one; the title names the week by
// its dates and by how far it is from this one. ←/→ and h/l move the
// cursor between days, never the week.
func TestWeekViewMovesBetweenWeeks(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("w")
	assert.Equal(t, testNow, lastWeekAsked(t, b))
	assert.Contains(t, h.screen(), "Week of Mon 23 – Sun 29 Nov 2026 · this week")

	days := func(n int) time.Time { return testNow.AddDate(0, 0, n) }
	for _, step := range []struct {
		key   string
		day   time.Time
		title string
	}{
		{"[", days(-7), "Week of Mon 16 – Sun 22 Nov 2026 · last week"},
		{"[", days(-14), "Week of Mon 9 – Sun 15 Nov 2026 · 2 weeks ago"},
		{"left", days(-14), "Week of Mon 9 – Sun 15 Nov 2026 · 2 weeks ago"},
		{"h", days(-14), "Week of Mon 9 – Sun 15 Nov 2026 · 2 weeks ago"},
		{"[", days(-21), "Week of Mon 2 – Sun 8 Nov 2026 · 3 weeks ago"},
		{"]", days(-14), "Week of Mon 9 – Sun 15 Nov 2026 · 2 weeks ago"},
		{".", testNow, "Week of Mon 23 – Sun 29 Nov 2026 · this week"},
		{"]", days(7), "Week of Mon 30 Nov – Sun 6 Dec 2026 · next week"},
		{"right", days(7), "Week of Mon 30 Nov – Sun 6 Dec 2026 · next week"},
		{"l", days(7), "Week of Mon 30 Nov – Sun 6 Dec 2026 · next week"},
		{"]", days(14), "Week of Mon 7 – Sun 13 Dec 2026 · in 2 weeks"},
		{"r", days(14), "Week of Mon 7 – Sun 13 Dec 2026 · in 2 weeks"},
	} {
		h.press(step.key)
		assert.Equal(t, step.day, lastWeekAsked(t, b), step.key)
		assert.Contains(t, h.screen(), step.title, step.key)
		assert.Equal(t, modeWeek, h.m.mode, step.key)
	}
	assert.Contains(t, h.screen(), "no time tracked: [ and ] move to other weeks")
	h.press(".")
	assert.Contains(t, h.screen(), "USD 975.00", "this week's grid is back")
}

// The grid follows the week_start setting through the backend: with weeks
// starting on Sunday the step back from Wednesday is the week from Sunday
// 15 November.
func TestWeekViewMovesByTheWeekStartSetting(t *testing.T) {
	b := fixture()
	b.weekStart = time.Sunday
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("w", "[")
	assert.Contains(t, h.screen(), "Week of Sun 15 – Sat 21 Nov 2026 · last week")
}

// An answer for a week the user has moved on from is dropped, whichever
// order the answers come back in.
func TestWeekViewDropsALateAnswerForAnotherWeek(t *testing.T) {
	b := fixture()
	h := newHarness(t, b, Options{}, 120, 40)
	h.press("w", "[")
	late, err := b.Week(context.Background(), testNow)
	require.NoError(t, err)
	h.send(weekMsg{day: testNow, grid: late})
	assert.Contains(t, h.screen(), "· last week")
	assert.NotContains(t, h.screen(), "USD 975.00")
}

// At 80×24 the amounts and the totals are there in full, and the amount
// follows from the billed hours and the rate on its row; the weekend's
// columns gave way for them and say so.
func TestWeekViewAt80ColumnsShowsBilledHoursTimesRate(t *testing.T) {
	b := fixture()
	b.clients[0].RateMinor = 26540
	h := newHarness(t, b, Options{}, 80, 24)
	h.press("w")
	screen := h.screen()
	assert.Regexp(t, `WORKED BILLED +RATE +AMOUNT *$`, screenLine(t, screen, "CLIENT"))
	assert.Regexp(t, `6:25 +6:30 +265\.40/h +USD 1,725\.10 *$`, screenLine(t, screen, "■ Acme Corp"),
		"6:30 billed × 265.40 is 1,725.10")
	assert.Regexp(t, `2:45 +1:30 +120\.00/h +EUR 180\.00 *$`, screenLine(t, screen, "■ Globex"),
		"the non-billable standup is worked, not billed")
	assert.Regexp(t, `^TOTAL +4:30 +1:40 +3:00 +- +- +9:10 +8:00 *$`, screenLine(t, screen, "TOTAL "))
	assert.Contains(t, screen, "Total billed: EUR 180.00 · USD 1,725.10")
	assert.Contains(t, screen, "not shown at this width: Sat, Sun (WORKED counts every day)")
}

// A long name does not cost the amounts or the totals at 80×24: the empty
// days give way first, then the name is cut; the days with time stay.
func TestWeekViewAt80ColumnsKeepsEveryAmountAndTotal(t *testing.T) {
	b := fixture()
	b.clients[0].Name = "Acme Corporation International Holdings" // longer than the name column gets
	b.clients[0].RateMinor = 26540
	h := newHarness(t, b, Options{}, 80, 24)
	h.press("w")
	screen := h.screen()
	for _, l := range strings.Split(screen, "\n") {
		assert.LessOrEqual(t, len([]rune(l)), 80)
	}
	assert.Regexp(t, `AMOUNT *$`, screenLine(t, screen, "CLIENT"))
	assert.Regexp(t, `^■ Acme Corporation Intern…  3:00  1:40 ›1:45 +6:25 +6:30 265\.40/h USD 1,725\.10 *$`, screenLine(t, screen, "■ Acme Corporation"))
	assert.Regexp(t, ` 2:45 +1:30 120\.00/h +EUR 180\.00 *$`, screenLine(t, screen, "■ Globex"))
	assert.Regexp(t, `^TOTAL +4:30 +1:40 +3:00 +9:10 +8:00 *$`, screenLine(t, screen, "TOTAL "), "Mon–Wed hold time: they stay")
	assert.Contains(t, screen, "Total billed: EUR 180.00 · USD 1,725.10")
	assert.Contains(t, screen, "not shown at this width: Thu, Fri, Sat, Sun (WORKED counts every day)")
}

// At 200 columns the name column is as wide as the longest name, not the
// rest of the screen: the figures sit next to the names.
func TestWeekViewWideKeepsTheFiguresNearTheNames(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 200, 40)
	h.press("w")
	head := screenLine(t, h.screen(), "CLIENT")
	assert.Regexp(t, `^CLIENT {8}Mon`, head, "a name column as wide as '■ Acme Corp'")
	assert.Less(t, len(strings.TrimRight(head, " ")), 90)
	assert.Contains(t, head, "Sat   Sun", "every day at this width")
	assert.NotContains(t, h.screen(), "not shown at this width")
}

// Many clients give way to the totals, which stay on screen.
func TestWeekViewKeepsTheTotalsWhenClientsOverflow(t *testing.T) {
	b := fixture()
	for i := range 30 {
		slug := "c" + string(rune('a'+i/10)) + string(rune('a'+i%10))
		b.clients = append(b.clients, workbench.ClientInfo{Slug: slug, Name: slug, Currency: "USD", RateMinor: 10000, RoundMode: "up"})
		b.entries = append(b.entries, workbench.Entry{ID: int64(200 + i), Client: slug, Start: at(23, 14, 0),
			End: ptr(at(23, 15, 0)), Seconds: 3600, Billable: true})
	}
	h := newHarness(t, b, Options{}, 80, 24)
	h.press("w")
	screen := h.screen()
	assert.Contains(t, screen, "more clients: make the terminal taller")
	assert.Regexp(t, `(?m)^TOTAL .* 39:10 +38:00 *$`, screen)
	assert.Contains(t, screen, "Total billed: EUR 180.00 · USD 3,975.00")
}

func TestFitWeekColumns(t *testing.T) {
	all := []int{0, 1, 2, 3, 4, 5, 6}
	want := weekColumns{nameW: 30, days: all, hoursW: 6, rateW: 8, amountW: 12} // 108 wide
	monday := weekdaysOf(weekDays(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)))
	sunday := weekdaysOf(weekDays(time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)))
	none := [7]bool{}
	sundayWorked := [7]bool{true, true, true, true, true, false, true} // Saturday alone is empty
	for _, c := range []struct {
		name      string
		weekdays  [7]time.Weekday
		worked    [7]bool
		width     int
		days      []int
		rate      bool
		nameW     int
		overflows bool
	}{
		{"everything fits", monday, none, 200, all, true, 30, false},
		{"an empty Sunday goes first", monday, none, 102, []int{0, 1, 2, 3, 4, 5}, true, 30, false},
		{"then an empty Saturday", monday, none, 100, []int{0, 1, 2, 3, 4}, true, 30, false},
		{"then other empty days, before anything else", monday, none, 90, []int{0, 1, 2, 3}, true, 30, false},
		{"a Sunday with time stays; the empty Saturday goes", monday, sundayWorked, 102, []int{0, 1, 2, 3, 4, 6}, true, 30, false},
		{"then a long name narrows", monday, sundayWorked, 96, []int{0, 1, 2, 3, 4, 6}, true, 24, false},
		{"to a fair width, then the rate goes", monday, sundayWorked, 90, []int{0, 1, 2, 3, 4, 6}, false, 20, false},
		{"then the name narrows further", monday, sundayWorked, 80, []int{0, 1, 2, 3, 4, 6}, false, 17, false},
		{"days with time go last, from the week's end", monday, sundayWorked, 60, []int{0, 1, 2, 3}, false, 6, false},
		{"as narrow as it gets", monday, sundayWorked, 20, nil, false, weekNameMinW, true},
		{"the weekend of a week from Sunday is its ends", sunday, none, 100, []int{1, 2, 3, 4, 5}, true, 30, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := fitWeekColumns(want, c.weekdays, c.worked, c.width)
			assert.Equal(t, c.days, nilIfEmpty(got.days))
			assert.Equal(t, c.rate, got.rateW > 0)
			assert.Equal(t, c.nameW, got.nameW)
			assert.Equal(t, want.amountW, got.amountW, "the amount never narrows")
			assert.Equal(t, c.overflows, got.width() > c.width)
		})
	}
	assert.Equal(t, all, want.days, "want is left as it was")
}

func nilIfEmpty(s []int) []int {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestDateSpanAndWeeksAway(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	assert.Equal(t, "Mon 23 – Sun 29 Nov 2026", dateSpan(d(2026, 11, 23), d(2026, 11, 29)))
	assert.Equal(t, "Mon 30 Nov – Sun 6 Dec 2026", dateSpan(d(2026, 11, 30), d(2026, 12, 6)))
	assert.Equal(t, "Mon 28 Dec 2026 – Sun 3 Jan 2027", dateSpan(d(2026, 12, 28), d(2027, 1, 3)))

	start := d(2026, 11, 23)
	for now, want := range map[time.Time]string{
		d(2026, 11, 23): "this week",
		time.Date(2026, 11, 29, 23, 59, 0, 0, time.UTC): "this week",
		d(2026, 11, 30): "last week",
		d(2026, 12, 14): "3 weeks ago",
		d(2026, 11, 22): "next week",
		d(2026, 11, 16): "next week",
		d(2026, 11, 15): "in 2 weeks",
	} {
		assert.Equal(t, want, weeksAway(start, now), now.String())
	}
	// Counted on the calendar of the week's zone: 04:50 UTC on Monday is
	// still Sunday, the week's last day, in New York.
	ny := newYork(t)
	assert.Equal(t, "this week", weeksAway(time.Date(2026, 10, 26, 0, 0, 0, 0, ny), time.Date(2026, 11, 2, 4, 50, 0, 0, time.UTC)))
}

func TestJoinWrappedNeverCutsAPart(t *testing.T) {
	parts := []string{"EUR 180.00", "USD 1,725.10", "GBP 12,000.00"}
	assert.Equal(t, []string{"Total billed: EUR 180.00 · USD 1,725.10 · GBP 12,000.00"}, joinWrapped("Total billed: ", parts, " · ", 80))
	assert.Equal(t, []string{
		"Total billed: EUR 180.00 · USD 1,725.10",
		"              GBP 12,000.00",
	}, joinWrapped("Total billed: ", parts, " · ", 45))
}

// The real workbench bills each entry rounded up to 15 minutes: 0:25
// worked is 0:30 billed, and 0:30 at 100.00 an hour is USD 50.00.
func TestWeekViewOnTheRealWorkbenchShowsBilledHours(t *testing.T) {
	now := time.Date(2026, 11, 1, 23, 50, 0, 0, newYork(t)).In(time.UTC)
	wb := realNYC(t, now)
	ctx := context.Background()
	rate, round := "100", "15m"
	_, err := wb.EditClient(ctx, "nyc", profiles.ClientSpec{Rate: &rate, Round: &round})
	require.NoError(t, err)
	ny := newYork(t)
	_, err = wb.AddEntry(ctx, workbench.NewEntry{Client: "nyc",
		From: time.Date(2026, 11, 1, 20, 0, 0, 0, ny), To: time.Date(2026, 11, 1, 20, 10, 0, 0, ny)})
	require.NoError(t, err)

	h := newHarnessOn(t, wb, Options{Now: func() time.Time { return now }}, 120, 40)
	h.press("w")
	screen := h.screen()
	assert.Regexp(t, regexp.MustCompile(`■ NYC Ltd .* 0:25 +0:30 +100\.00/h +USD 50\.00`), screenLine(t, screen, "NYC Ltd"))
	assert.Contains(t, screen, "Total billed: USD 50.00")
	h.press("[")
	assert.Contains(t, h.screen(), "· last week")
	assert.Contains(t, h.screen(), "no time tracked")
}

// A row whose days are its client's own zone's names the zone.
func TestWeekViewNamesAClientsOwnZone(t *testing.T) {
	h := newHarness(t, fixture(), Options{}, 120, 40)
	h.press("w")
	g := h.m.week.grid.val
	require.NotEmpty(t, g.Rows)
	g.Rows[0].Zone = "America/Los_Angeles"
	h.send(weekMsg{day: h.m.week.day, grid: g})
	assert.Contains(t, screenLine(t, h.screen(), "■ Acme Corp"), "Acme Corp PST")
}
