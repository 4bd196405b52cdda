package annex

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/golden"
	"github.com/stint-sh/stint/internal/timesheet"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// hostile is text a client's note or log could hold that must reach the
// reader as text: markup of both formats, a table cell's pipe, a line break.
const hostile = "<script>alert(1)</script> *fix* [x](https://evil.example) | a & b\nsecond line"

// sample is November for acme (Berlin, USD 150.00/h, 15 minutes up per
// entry, a 30-minute minimum), built by the real report.
func sample(t *testing.T, terms timesheet.Terms) Annex {
	t.Helper()
	return sampleIn(t, terms, nil)
}

// sampleIn is sample with entries in projects, by entry ID.
func sampleIn(t *testing.T, terms timesheet.Terms, projects map[int64]string) Annex {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	terms.Location = berlin
	ptr := timesheet.TimePtr
	entries := []timesheet.Entry{
		{ID: 1, Client: "acme", Start: at("2026-11-02T08:00:00Z"), End: ptr(at("2026-11-02T09:07:00Z")), Note: "design review", Tags: []string{"review"}, Billable: true},
		{ID: 2, Client: "acme", Start: at("2026-11-02T10:00:00Z"), End: ptr(at("2026-11-02T10:10:00Z")), Note: hostile, Tags: []string{"on-call", "ops"}, Billable: true},
		{ID: 3, Client: "acme", Start: at("2026-11-03T13:00:00Z"), End: ptr(at("2026-11-03T14:00:00Z")), Note: "internal", Billable: false},
		{ID: 4, Client: "acme", Start: at("2026-11-30T22:50:00Z"), End: ptr(at("2026-11-30T23:10:00Z")), Note: "across midnight", Billable: true},
	}
	for i := range entries {
		entries[i].Project = projects[entries[i].ID]
	}
	from, to := at("2026-10-31T23:00:00Z"), at("2026-11-30T23:00:00Z")
	rep, err := timesheet.BuildReport(entries, map[string]timesheet.Terms{"acme": terms},
		timesheet.ReportOptions{From: from, To: to, By: timesheet.ByEntry, Now: at("2026-12-01T09:00:00Z"), Location: berlin})
	require.NoError(t, err)
	require.Len(t, rep.Clients, 1)
	return Annex{Client: "acme", Name: "Acme <Corp>", From: from, To: to, Zone: berlin, Line: rep.Clients[0], Entries: rep.Groups,
		Log:       []LogLine{{At: at("2026-11-02T11:00:00Z"), Text: "rolled back the deploy"}, {At: at("2026-11-03T16:30:00Z"), Text: hostile}},
		Generated: at("2026-12-01T09:00:00Z")}
}

func usd() timesheet.Terms {
	return timesheet.Terms{RateMinor: 15000, Currency: "USD", RoundIncrement: 15 * time.Minute, MinimumPerEntry: 30 * time.Minute}
}

func TestAnnexGoldens(t *testing.T) {
	noRate := timesheet.Terms{RoundIncrement: 6 * time.Minute, RoundMode: timesheet.RoundNearest, RoundPer: timesheet.PerDay}
	for _, c := range []struct {
		golden string
		f      Format
		terms  timesheet.Terms
	}{
		{"acme.md", Markdown, usd()},
		{"acme.html", HTML, usd()},
		{"norate.md", Markdown, noRate},
		{"norate.html", HTML, noRate},
		{"projects.md", Markdown, withProjectRate(usd())},
		{"projects.html", HTML, withProjectRate(usd())},
	} {
		var b bytes.Buffer
		var projects map[int64]string
		if strings.HasPrefix(c.golden, "projects") {
			projects = map[int64]string{1: "Platform", 2: "web <b>|</b>"}
		}
		require.NoError(t, Write(&b, c.f, sampleIn(t, c.terms, projects)))
		golden.Assert(t, filepath.Join("testdata", c.golden), b.Bytes())
	}
}

func withProjectRate(t timesheet.Terms) timesheet.Terms {
	t.ProjectRates = map[string]int64{"Platform": 22000}
	return t
}

// With projects, the annex names each entry's project and each project's
// own rate, and its total is still the sum of its lines: the report's.
func TestAnnexWithProjects(t *testing.T) {
	a := sampleIn(t, withProjectRate(usd()), map[int64]string{1: "Platform", 2: "web"})
	v := a.view()
	assert.True(t, v.HasProjects)
	assert.Equal(t, "USD 150.00 per hour; project Platform: USD 220.00 per hour", v.Rate)
	assert.Equal(t, []string{"Platform", "web", "", ""}, []string{v.Rows[0].Project, v.Rows[1].Project, v.Rows[2].Project, v.Rows[3].Project})
	assert.Equal(t, "USD 425.00", v.Total.Amount, "1:15 at 220.00 + 1:00 (two 30-minute minimums) at 150.00")
	assert.False(t, sample(t, usd()).view().HasProjects, "no project: no column")
}

// The totals are the sums of the printed lines, and the amount is the
// report's: a client checking the annex with a calculator gets the invoice.
func TestAnnexTotalsAreTheSumOfItsLines(t *testing.T) {
	a := sample(t, usd())
	v := a.view()
	var worked, billed display.Total
	for _, g := range a.Entries {
		worked.Add(g.Seconds)
		billed.Add(g.RoundedSeconds)
	}
	assert.Equal(t, worked.HM(), v.Total.Worked)
	assert.Equal(t, billed.HM(), v.Total.Billed)
	assert.Equal(t, timesheet.FormatMoney(a.Line.AmountMinor, "USD"), v.Total.Amount)
	assert.Equal(t, "USD 337.50", v.Total.Amount, "1:15 + 0:30 (the minimum) + 0:00 + 0:30 = 2:15 at 150.00")
}

// Nothing a note or log line holds becomes markup: the Markdown has no raw
// HTML, link or extra cell, and the HTML page has no element but its own,
// no script, and no resource from elsewhere.
func TestAnnexEscapesWhatUsersWrote(t *testing.T) {
	a := sample(t, usd())
	var m bytes.Buffer
	require.NoError(t, WriteMarkdown(&m, a))
	out := m.String()
	assert.NotContains(t, out, "<script>")
	assert.NotRegexp(t, `[^\\]\]\(`, out, "no link: every ] is escaped")
	assert.Contains(t, out, `\[x\](https://evil.example)`)
	assert.Contains(t, out, `\<script\>alert(1)\</script\>`)
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| 2 |") {
			assert.Equal(t, 10, strings.Count(line, " | ")+2, "the pipe in the note is no cell border: %s", line)
		}
	}

	var h bytes.Buffer
	require.NoError(t, WriteHTML(&h, a))
	allowed := map[string]bool{"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true, "h1": true, "h2": true,
		"dl": true, "dt": true, "dd": true, "p": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
		"span": true, "ul": true, "li": true, "time": true, "footer": true}
	for _, m := range regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`).FindAllStringSubmatch(h.String(), -1) {
		assert.True(t, allowed[strings.ToLower(m[1])], "element <%s> in the page", m[1])
		assert.NotRegexp(t, `(?i)\b(src|href)\s*=`, m[2], "no resource from elsewhere")
	}
	assert.Contains(t, h.String(), "&lt;script&gt;alert(1)&lt;/script&gt;")
	assert.Contains(t, h.String(), "Acme &lt;Corp&gt;")
}
