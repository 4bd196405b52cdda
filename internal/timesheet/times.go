package timesheet

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// TimeExamples is the help every time-parsing error ends with: one line of
// forms that work when pasted.
const TimeExamples = `give one such as 14:30, 9am, "yesterday 14:00", "mon 9:30", -2h, "2h ago", now, 2026-11-02, "2026-11-02 09:15" or 2026-11-02T09:15:00+01:00 (RFC 3339)`

// ParseTime reads a time as people type it on the command line (--at,
// --from, --to and every other flag that takes one). Forms without a zone are
// wall time in loc (the client's zone, else the local one):
//
//	now                          now
//	-2h, +15m, -1d12h, -90       an offset from now (ParseDuration's forms)
//	2h ago, 90m ago, 2 hours ago that long before now
//	14:30, 14:30:05, 9am, 2:30pm today at that wall time
//	today, yesterday, mon…sun    that day's midnight; a weekday is the latest
//	                             day of that name up to today (today included)
//	yesterday 14:00, mon 9:30    that day at that wall time ("at" may come between)
//	2026-11-02 [CLOCK]           that date, at midnight or CLOCK (also 2026-11-02T09:15)
//	RFC 3339                     that instant, with its own offset
//
// Words are case-insensitive. Results are whole seconds.
//
// A wall time that a daylight-saving change skips (02:30 on Berlin's
// spring-forward night) is read with the offset in force before the gap, so
// it lands as far past the gap's end as it was past its start (03:30 CEST);
// one that happens twice (02:30 on the fall-back night) is the first of the
// two (02:30 CEST). Both are RFC 5545's rules, and neither depends on Go's
// unpromised choice in time.Date. An RFC 3339 time names the other.
func ParseTime(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	in := strings.TrimSpace(s)
	t, ok := parseTime(in, now, loc)
	if !ok {
		if in == "" {
			return time.Time{}, fmt.Errorf("time is empty: %s", TimeExamples)
		}
		return time.Time{}, fmt.Errorf("time %q is not understood: %s", in, TimeExamples)
	}
	return t.Truncate(time.Second), nil
}

func parseTime(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	lower := strings.ToLower(s)
	if lower == "now" {
		return now, true
	}
	if s[0] == '+' || s[0] == '-' {
		d, err := ParseDuration(s[1:])
		if err != nil {
			return time.Time{}, false
		}
		if s[0] == '-' {
			d = -d
		}
		return now.Add(d), true
	}
	if amount, ok := strings.CutSuffix(lower, " ago"); ok {
		d, err := ParseDuration(unitWords(amount))
		if err != nil {
			return time.Time{}, false
		}
		return now.Add(-d), true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	// 2026-11-02T09:15[:05]: the date and the clock, joined by a T.
	if len(lower) > 10 && lower[10] == 't' {
		if _, err := time.Parse("2006-01-02", lower[:10]); err == nil {
			lower = lower[:10] + " " + lower[11:]
		}
	}
	return parseDayAndClock(strings.Fields(lower), now, loc)
}

// parseDayAndClock reads "[DAY] [at] [CLOCK]", at least one of DAY and CLOCK.
func parseDayAndClock(words []string, now time.Time, loc *time.Location) (time.Time, bool) {
	if len(words) == 0 {
		return time.Time{}, false
	}
	y, m, d := now.In(loc).Date()
	day, hasDay := parseDay(words[0], now.In(loc))
	if hasDay {
		y, m, d = day.Year(), day.Month(), day.Day()
		words = words[1:]
		if len(words) > 0 && words[0] == "at" {
			words = words[1:]
			if len(words) == 0 {
				return time.Time{}, false
			}
		}
	}
	var hh, mm, ss int
	if len(words) > 0 {
		var ok bool
		// "9 am" reads as "9am".
		if hh, mm, ss, ok = parseClockWord(strings.Join(words, "")); !ok {
			return time.Time{}, false
		}
	} else if !hasDay {
		return time.Time{}, false
	}
	return WallTime(y, m, d, hh, mm, ss, loc), true
}

// weekdays are the day names a time may start with.
var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday,
	"mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

// parseDay reads a day word relative to today (the civil date of today, in
// its zone): today, yesterday, a weekday name or YYYY-MM-DD. Only the
// returned value's date counts.
func parseDay(w string, today time.Time) (time.Time, bool) {
	// Civil-date arithmetic in UTC: no daylight-saving change moves a date.
	civil := time.Date(today.Year(), today.Month(), today.Day(), 12, 0, 0, 0, time.UTC)
	switch w {
	case "today":
		return civil, true
	case "yesterday":
		return civil.AddDate(0, 0, -1), true
	}
	if wd, ok := weekdays[w]; ok {
		back := (int(civil.Weekday()) - int(wd) + 7) % 7
		return civil.AddDate(0, 0, -back), true
	}
	if t, err := time.Parse("2006-01-02", w); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// parseClockWord reads a wall-clock time: H:MM, HH:MM:SS, 9am, 12pm, 2:30pm.
func parseClockWord(w string) (hh, mm, ss int, ok bool) {
	suffix := ""
	for _, s := range []string{"am", "pm"} {
		if rest, found := strings.CutSuffix(w, s); found {
			w, suffix = rest, s
		}
	}
	parts := strings.Split(w, ":")
	if len(parts) > 3 || (suffix == "" && len(parts) < 2) {
		return 0, 0, 0, false
	}
	var v [3]int
	for i, p := range parts {
		if !isDigits(p) || len(p) > 2 || (i > 0 && len(p) != 2) {
			return 0, 0, 0, false
		}
		v[i], _ = strconv.Atoi(p)
	}
	hh, mm, ss = v[0], v[1], v[2]
	if mm > 59 || ss > 59 {
		return 0, 0, 0, false
	}
	if suffix != "" {
		if hh < 1 || hh > 12 {
			return 0, 0, 0, false
		}
		hh %= 12 // 12am is midnight, 12pm noon
		if suffix == "pm" {
			hh += 12
		}
	}
	return hh, mm, ss, hh <= 23
}

// unitWords turns "2 hours 30 minutes" into ParseDuration's "2h30m".
func unitWords(s string) string {
	units := map[string]string{
		"s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
		"m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
		"h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
		"d": "d", "day": "d", "days": "d",
	}
	words := strings.Fields(s)
	for i, w := range words {
		if u, ok := units[w]; ok && i > 0 {
			words[i] = u
		}
	}
	return strings.Join(words, "")
}

// WallTime is the instant that reads y-m-d hh:mm:ss in loc. A wall time
// that does not exist (a spring-forward gap) takes the offset in force
// before the gap; one that exists twice (fall back) is the earlier instant
// (RFC 5545, section 3.3.5).
func WallTime(y int, m time.Month, d, hh, mm, ss int, loc *time.Location) time.Time {
	naive := time.Date(y, m, d, hh, mm, ss, 0, time.UTC) // the wall time, read as if in UTC
	// The offsets in force a day either side cover any single change.
	before := UTCOffset(naive.Add(-24*time.Hour), loc)
	after := UTCOffset(naive.Add(24*time.Hour), loc)
	var found []time.Time
	for _, off := range []time.Duration{before, after} {
		t := naive.Add(-off).In(loc)
		if sameWall(t, naive) && (len(found) == 0 || !found[0].Equal(t)) {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 0: // in a gap
		return naive.Add(-before).In(loc)
	case 1:
		return found[0]
	}
	if found[1].Before(found[0]) {
		return found[1]
	}
	return found[0]
}

// sameWall reports whether t reads, on its own clock, as naive does in UTC.
func sameWall(t, naive time.Time) bool {
	y, m, d := t.Date()
	ny, nm, nd := naive.Date()
	return y == ny && m == nm && d == nd && t.Hour() == naive.Hour() && t.Minute() == naive.Minute() && t.Second() == naive.Second()
}

// UTCOffset is loc's offset from UTC at instant t: its wall clock there,
// read as if it were UTC, less t. (Time.Zone gives the same number with a
// zone label; labels are internal/display's.)
func UTCOffset(t time.Time, loc *time.Location) time.Duration {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC).Sub(t)
}
