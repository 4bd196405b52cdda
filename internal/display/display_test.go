package display

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDurations(t *testing.T) {
	for _, c := range []struct {
		seconds                         int64
		hm, hours, hms, hhmmss, compact string
	}{
		{0, "0:00", "0.00", "0:00:00", "00:00:00", "0s"},
		{-5, "0:00", "0.00", "0:00:00", "00:00:00", "0s"},
		{4, "0:00", "0.00", "0:00:04", "00:00:04", "4s"},
		{17, "0:00", "0.00", "0:00:17", "00:00:17", "17s"},
		{18, "0:00", "0.01", "0:00:18", "00:00:18", "18s"}, // half a hundredth: up
		{29, "0:00", "0.01", "0:00:29", "00:00:29", "29s"},
		{30, "0:01", "0.01", "0:00:30", "00:00:30", "30s"}, // half a minute: up
		{59, "0:01", "0.02", "0:00:59", "00:00:59", "59s"},
		{60, "0:01", "0.02", "0:01:00", "00:01:00", "1m"},
		{89, "0:01", "0.02", "0:01:29", "00:01:29", "1m"},
		{90, "0:02", "0.03", "0:01:30", "00:01:30", "2m"},
		{3599, "1:00", "1.00", "0:59:59", "00:59:59", "1h00m"},
		{3600, "1:00", "1.00", "1:00:00", "01:00:00", "1h00m"},
		{5385, "1:30", "1.50", "1:29:45", "01:29:45", "1h30m"}, // the day total of issue 15
		{5370, "1:30", "1.49", "1:29:30", "01:29:30", "1h30m"},
		{5369, "1:29", "1.49", "1:29:29", "01:29:29", "1h29m"},
		{3900, "1:05", "1.08", "1:05:00", "01:05:00", "1h05m"},
		{100 * 3600, "100:00", "100.00", "100:00:00", "100:00:00", "100h00m"},
	} {
		assert.Equal(t, c.hm, HM(c.seconds), "HM(%d)", c.seconds)
		assert.Equal(t, c.hours, Hours(c.seconds), "Hours(%d)", c.seconds)
		assert.Equal(t, c.hms, HMS(c.seconds), "HMS(%d)", c.seconds)
		assert.Equal(t, c.hhmmss, HHMMSS(c.seconds), "HHMMSS(%d)", c.seconds)
		assert.Equal(t, c.compact, Compact(c.seconds), "Compact(%d)", c.seconds)
	}
}

func TestSetting(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                "0s",
		45 * time.Second:                 "45s",
		time.Minute:                      "1m",
		90 * time.Second:                 "1m30s",
		10 * time.Hour:                   "10h",
		90 * time.Minute:                 "1h30m",
		time.Hour + 30*time.Second:       "1h0m30s",
		25*time.Hour + time.Minute:       "25h1m",
		time.Hour + time.Minute + 1e9*59: "1h1m59s",
	} {
		assert.Equal(t, want, Setting(d), "Setting(%v)", d)
	}
}

// The total of a column is the sum of its printed lines: 1:00:40 and 0:00:40
// print 1:01 and 0:01 and total 1:02, not the 1:01 the rounded sum of the
// seconds would give.
func TestTotalIsTheSumOfPrintedLines(t *testing.T) {
	for _, c := range []struct {
		lines        []int64
		hm, hours    string
		roundedOfSum string
	}{
		{nil, "0:00", "0.00", "0:00"},
		{[]int64{3640, 40}, "1:02", "1.02", "1:01"},
		{[]int64{600, 600, 600, 600, 600, 600}, "1:00", "1.02", "1:00"}, // six 10-minute lines: 0.17 each
		{[]int64{29, 29, 29}, "0:00", "0.03", "0:01"},
		{[]int64{5385}, "1:30", "1.50", "1:30"},
	} {
		var tot Total
		var sum int64
		for _, s := range c.lines {
			tot.Add(s)
			sum += s
		}
		assert.Equal(t, c.hm, tot.HM(), "%v", c.lines)
		assert.Equal(t, c.hours, tot.Hours(), "%v", c.lines)
		assert.Equal(t, c.roundedOfSum, HM(sum), "%v", c.lines)
		var m int64
		for _, s := range c.lines {
			m += Minutes(s)
		}
		assert.Equal(t, m, tot.Minutes())
	}
}

func TestZones(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	// Same offset as Tokyo, another name: still labelled.
	seoul, err := time.LoadLocation("Asia/Seoul")
	require.NoError(t, err)
	at := time.Date(2024, 5, 2, 13, 31, 0, 0, time.UTC)
	for _, c := range []struct {
		name       string
		loc, local *time.Location
		zone, time string
		clock      string
	}{
		{"local zone: no label", tokyo, tokyo, "", "2024-05-02 22:31", "22:31"},
		{"another zone", tokyo, berlin, "JST", "2024-05-02 22:31 JST", "22:31 JST"},
		{"daylight time named", berlin, tokyo, "CEST", "2024-05-02 15:31 CEST", "15:31 CEST"},
		{"same offset, other name", tokyo, seoul, "JST", "2024-05-02 22:31 JST", "22:31 JST"},
		{"nil local: always named", tokyo, nil, "JST", "2024-05-02 22:31 JST", "22:31 JST"},
		{"UTC in UTC", time.UTC, time.UTC, "", "2024-05-02 13:31", "13:31"},
		{"nil loc: t's own", nil, time.UTC, "", "2024-05-02 13:31", "13:31"},
	} {
		assert.Equal(t, c.zone, Zone(at, c.loc, c.local), c.name)
		suffix := ""
		if c.zone != "" {
			suffix = " " + c.zone
		}
		assert.Equal(t, suffix, ZoneSuffix(at, c.loc, c.local), c.name)
		assert.Equal(t, c.time, Time(at, c.loc, c.local), c.name)
		assert.Equal(t, c.clock, Clock(at, c.loc, c.local), c.name)
	}
	// Around a daylight-saving change: the abbreviation of the instant, not
	// of today; the same reading in another zone of the same name needs no
	// label.
	paris, err := time.LoadLocation("Europe/Paris")
	require.NoError(t, err)
	winter, summer := time.Date(2024, 3, 31, 0, 30, 0, 0, time.UTC), time.Date(2024, 3, 31, 1, 30, 0, 0, time.UTC)
	assert.Equal(t, " CET", ZoneSuffix(winter, berlin, time.UTC))
	assert.Equal(t, " CEST", ZoneSuffix(summer, berlin, time.UTC))
	assert.Equal(t, "", ZoneSuffix(summer, berlin, berlin))
	assert.Equal(t, "", ZoneSuffix(summer, berlin, paris))
}

func TestSpans(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	ptr := func(t time.Time) *time.Time { return &t }
	day := func(d, h, m int, loc *time.Location) time.Time { return time.Date(2024, 5, d, h, m, 0, 0, loc) }
	// 2024-10-27 03:00 CEST → 02:00 CET in Berlin.
	beforeDST := time.Date(2024, 10, 27, 1, 30, 0, 0, berlin)
	afterDST := time.Date(2024, 10, 27, 4, 0, 0, 0, berlin)
	for _, c := range []struct {
		name       string
		start      time.Time
		end        *time.Time
		loc, local *time.Location
		span       string
		clockSpan  string
	}{
		{"local, same day", day(2, 9, 0, tokyo), ptr(day(2, 10, 30, tokyo)), tokyo, tokyo, "2024-05-02 09:00–10:30", "09:00–10:30"},
		{"other zone, labelled once", day(2, 22, 31, tokyo), ptr(day(2, 23, 0, tokyo)), tokyo, time.UTC, "2024-05-02 22:31–23:00 JST", "22:31–23:00"},
		{"across midnight: the end's date", day(2, 23, 30, tokyo), ptr(day(3, 0, 40, tokyo)), tokyo, tokyo, "2024-05-02 23:30–2024-05-03 00:40", "23:30–00:40"},
		{"running, local", day(2, 9, 0, tokyo), nil, tokyo, tokyo, "2024-05-02 09:00–now", "09:00–now"},
		{"running, other zone", day(2, 21, 31, tokyo), nil, tokyo, time.UTC, "2024-05-02 21:31 JST–now", "21:31–now"},
		{"across a daylight-saving change", beforeDST, &afterDST, berlin, time.UTC, "2024-10-27 01:30 CEST–04:00 CET", "01:30–04:00"},
	} {
		assert.Equal(t, c.span, Span(c.start, c.end, c.loc, c.local), c.name)
		assert.Equal(t, c.clockSpan, ClockSpan(c.start, c.end, c.loc), c.name)
	}
}

func TestOneLineAndClip(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"plain":                    "plain",
		"  padded\t":               "padded",
		"two\nlines":               "two lines",
		"yaml: line 3:\n  mapping": "yaml: line 3: mapping",
		"crlf\r\nend\r\n":          "crlf end",
		"a  lot   of\t\tspace":     "a lot of space",
		"\n\n":                     "",
	} {
		assert.Equal(t, want, OneLine(in), "%q", in)
	}
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"one too long", 11, "one too lo…"},
		{"日本語のノート", 4, "日本語…"},
		{"anything", 0, ""},
		{"anything", 1, "…"},
	} {
		assert.Equal(t, c.want, Clip(c.in, c.n), "Clip(%q, %d)", c.in, c.n)
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n         int
		one, many string
		want      string
	}{
		{0, "secret", "secrets", "0 secrets"},
		{1, "secret", "secrets", "1 secret"},
		{2, "secret", "secrets", "2 secrets"},
		{1, "entry", "entries", "1 entry"},
		{12, "entry", "entries", "12 entries"},
		{-1, "day", "days", "-1 days"},
	} {
		assert.Equal(t, c.want, Count(c.n, c.one, c.many))
	}
	assert.Equal(t, "1 byte", Count(int64(1), "byte", "bytes"))
}
