package display

import (
	"fmt"
	"time"
)

// Layouts of the times stint prints.
const (
	DateLayout     = "2006-01-02"
	ClockLayout    = "15:04"
	DateTimeLayout = DateLayout + " " + ClockLayout
)

// Zone is the abbreviation of loc's zone at t ("JST") when t reads
// differently there than in local (another offset or abbreviation), and ""
// when it reads the same: a time in the local zone needs no label, a time
// in another zone must say which it is. A nil local always names the zone
// (a document read elsewhere); a nil loc is t's own location.
func Zone(t time.Time, loc, local *time.Location) string {
	if loc == nil {
		loc = t.Location()
	}
	name, offset := t.In(loc).Zone()
	if local == nil {
		return name
	}
	localName, localOffset := t.In(local).Zone()
	if name == localName && offset == localOffset {
		return ""
	}
	return name
}

// ZoneSuffix is Zone with a space in front, or "".
func ZoneSuffix(t time.Time, loc, local *time.Location) string {
	if z := Zone(t, loc, local); z != "" {
		return " " + z
	}
	return ""
}

// Time is t in loc as "2006-01-02 15:04", labelled with the zone where it
// is not local's: "2024-05-02 22:31 JST".
func Time(t time.Time, loc, local *time.Location) string {
	return In(t, loc, local, DateTimeLayout)
}

// Clock is t in loc as "15:04", labelled like Time: "22:31 JST".
func Clock(t time.Time, loc, local *time.Location) string {
	return In(t, loc, local, ClockLayout)
}

// In is t in loc in layout, labelled like Time.
func In(t time.Time, loc, local *time.Location, layout string) string {
	if loc == nil {
		loc = t.Location()
	}
	return t.In(loc).Format(layout) + ZoneSuffix(t, loc, local)
}

// Span is an entry's time in loc, "2024-05-02 09:00–10:30": the end's date
// only when it is another day ("2024-05-02 23:30–2024-05-03 00:40"), "now"
// for a nil (running) end. The zone is labelled where it is not local's,
// once after the end when both ends share it ("22:31–23:00 JST"), else
// after each end that needs it (a daylight-saving change inside the span).
func Span(start time.Time, end *time.Time, loc, local *time.Location) string {
	if loc == nil {
		loc = start.Location()
	}
	from := start.In(loc)
	fromZone := ZoneSuffix(start, loc, local)
	if end == nil {
		return from.Format(DateTimeLayout) + fromZone + "–now"
	}
	to := end.In(loc)
	toZone := ZoneSuffix(*end, loc, local)
	layout := ClockLayout
	if to.Format(DateLayout) != from.Format(DateLayout) {
		layout = DateTimeLayout
	}
	if fromZone == toZone {
		fromZone = "" // one label, at the end of the span
	}
	return from.Format(DateTimeLayout) + fromZone + "–" + to.Format(layout) + toZone
}

// ClockSpan is the times of day of an entry in loc, "09:00–10:30" or
// "09:00–now", for a view whose heading names the day and the zone.
func ClockSpan(start time.Time, end *time.Time, loc *time.Location) string {
	if loc == nil {
		loc = start.Location()
	}
	s := start.In(loc).Format(ClockLayout) + "–"
	if end == nil {
		return s + "now"
	}
	return s + end.In(loc).Format(ClockLayout)
}

// ZoneName names loc in a sentence: its IANA name ("Europe/Berlin"), or,
// for the process's local zone, whose IANA name Go does not keep, its
// abbreviation and offset at t ("the local zone (CET, UTC+01:00)").
func ZoneName(loc *time.Location, t time.Time) string {
	if loc == nil {
		loc = time.UTC
	}
	if n := loc.String(); n != "Local" {
		return n
	}
	name, off := t.In(loc).Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("the local zone (%s, UTC%s%02d:%02d)", name, sign, off/3600, off%3600/60)
}
