package timesheet

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ParseDuration reads a duration as people type it: Go's units h, m and s
// (15m, 1h30m, 1.5h, 45s), optionally after a number of days (2d, 1d12h; a
// day is 24 hours), a bare number of minutes (90), or H:MM (1:30). It must
// be whole seconds and not negative.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	const help = "use minutes (90), units (15m, 1h30m, 1.5h, 2d, 1d12h) or H:MM (1:30)"
	if s == "" {
		return 0, fmt.Errorf("duration is empty: %s", help)
	}
	var d time.Duration
	switch {
	case isDigits(s):
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n > int64(1<<62)/int64(time.Minute) {
			return 0, fmt.Errorf("duration %q is too long: %s", s, help)
		}
		d = time.Duration(n) * time.Minute
	case strings.Contains(s, ":"):
		h, m, _ := strings.Cut(s, ":")
		if !isDigits(h) || len(m) != 2 || !isDigits(m) || m > "59" || len(h) > 6 {
			return 0, fmt.Errorf("duration %q is not understood: %s", s, help)
		}
		hours, _ := strconv.Atoi(h)
		mins, _ := strconv.Atoi(m)
		d = time.Duration(hours)*time.Hour + time.Duration(mins)*time.Minute
	default:
		var ok bool
		if d, ok = parseDaysAndUnits(s); !ok {
			return 0, fmt.Errorf("duration %q is not understood: %s", s, help)
		}
	}
	if d%time.Second != 0 {
		return 0, fmt.Errorf("duration %q is not a whole number of seconds: %s", s, help)
	}
	return d, nil
}

// parseDaysAndUnits reads "[DAYSd][UNITS]": a leading day count (which Go's
// time.ParseDuration has no unit for) followed by Go units h, m and s.
func parseDaysAndUnits(s string) (time.Duration, bool) {
	days, rest, hasDays := strings.Cut(s, "d")
	if !hasDays {
		return parseUnits(s)
	}
	if days == "" || strings.Trim(days, "0123456789.") != "" {
		return 0, false
	}
	// A day count reads like an hour count, 24 times over.
	perDay, err := time.ParseDuration(days + "h")
	if err != nil || perDay > math.MaxInt64/24 {
		return 0, false
	}
	d := perDay * 24
	if rest == "" {
		return d, true
	}
	more, ok := parseUnits(rest)
	if !ok || more > math.MaxInt64-d {
		return 0, false
	}
	return d + more, true
}

// parseUnits reads Go's h, m and s units; not ms, µs, ns or a sign.
func parseUnits(s string) (time.Duration, bool) {
	if s == "" || strings.Trim(s, "0123456789.hms") != "" || strings.Contains(s, "ms") {
		return 0, false
	}
	d, err := time.ParseDuration(s)
	return d, err == nil
}

// ParseMonth reads --month's YYYY-MM (empty: the month of now in loc) and
// returns that month's range in loc.
func ParseMonth(s string, now time.Time, loc *time.Location) (from, to time.Time, err error) {
	if loc == nil {
		loc = time.UTC
	}
	if strings.TrimSpace(s) == "" {
		n := now.In(loc)
		from, to = MonthRange(n.Year(), n.Month(), loc)
		return from, to, nil
	}
	t, perr := time.Parse("2006-01", strings.TrimSpace(s))
	if perr != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("month %q is not understood: use YYYY-MM, e.g. 2024-05", s)
	}
	from, to = MonthRange(t.Year(), t.Month(), loc)
	return from, to, nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
