// Package display turns stint's numbers and text into what a person reads:
// durations, zone labels, spans of time, one-line text and counted nouns.
// Every front end (the command line, the TUI, handoff documents, reports and
// exports) formats through it, so one value reads the same wherever it is
// shown. It depends on nothing but the standard library.
//
// The duration rule: a duration shown in hours and minutes (h:mm) is its
// seconds rounded to the nearest minute, an exact half minute up; one shown
// in decimal hours is rounded to the nearest hundredth the same way. A total
// printed under lines is the sum of the lines as printed (see Total), so a
// reader who adds up a column gets its total.
package display

import (
	"fmt"
	"strings"
	"time"
)

// Minutes is the whole number of minutes seconds is shown as: the nearest
// minute, an exact half up. Negative durations are shown as zero.
func Minutes(seconds int64) int64 {
	return (max(seconds, 0) + 30) / 60
}

// Hundredths is the hundredths of an hour seconds is shown as: the nearest
// hundredth (36 seconds), an exact half up. Negative durations are zero.
func Hundredths(seconds int64) int64 {
	return (max(seconds, 0)*100 + 1800) / 3600
}

// HM is seconds as hours and minutes, "1:30" for 1:29:45 (see Minutes).
func HM(seconds int64) string {
	return minutesHM(Minutes(seconds))
}

// Hours is seconds as decimal hours with two places, "1.50" (see Hundredths).
func Hours(seconds int64) string {
	return hundredthsHours(Hundredths(seconds))
}

// HMS is seconds exactly, as hours, minutes and seconds: "1:29:45". It is
// the running timer's clock, which counts every second.
func HMS(seconds int64) string {
	s := max(seconds, 0)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s%3600/60, s%60)
}

// HHMMSS is seconds exactly with the hours padded to two digits,
// "01:29:45", the form of the duration columns in Toggl's and Clockify's
// CSV; hours may exceed 24.
func HHMMSS(seconds int64) string {
	s := max(seconds, 0)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s%3600/60, s%60)
}

// HundredthsHours is a number of hundredths of an hour as decimal hours,
// "1.02": the Hours column of an export whose rows were shared out in
// hundredths (see Hundredths for the rule that makes them).
func HundredthsHours(h int64) string { return hundredthsHours(max(h, 0)) }

// MinutesHHMM is a number of minutes as hours and minutes with the hours
// padded to two digits, "01:30": Clockify's clock duration format.
func MinutesHHMM(m int64) string {
	m = max(m, 0)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// Compact is a duration in a sentence: seconds under a minute ("4s"), then
// minutes by the rule of Minutes ("45m", "1h05m").
func Compact(seconds int64) string {
	s := max(seconds, 0)
	if s < 60 {
		return fmt.Sprintf("%ds", s)
	}
	m := Minutes(s)
	if m < 60 {
		return fmt.Sprintf("%dm", m)
	}
	return fmt.Sprintf("%dh%02dm", m/60, m%60)
}

// Setting is a duration as a setting's value, which parses back the same:
// Go's form without its trailing zero units, "10h" and "1h30m" rather than
// "10h0m0s" and "1h30m0s".
func Setting(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// Total adds up a column of durations as they are printed: each Add counts
// the minutes (and hundredths) its line shows, so the total is the sum of
// the printed lines rather than the rounded sum of the seconds, which can
// differ by a minute per line. The zero value is an empty column.
type Total struct {
	minutes, hundredths int64
}

// Add counts one line of seconds.
func (t *Total) Add(seconds int64) {
	t.minutes += Minutes(seconds)
	t.hundredths += Hundredths(seconds)
}

// HM is the column's total in hours and minutes.
func (t Total) HM() string { return minutesHM(t.minutes) }

// Hours is the column's total in decimal hours.
func (t Total) Hours() string { return hundredthsHours(t.hundredths) }

// Minutes is the column's total in whole minutes.
func (t Total) Minutes() int64 { return t.minutes }

func minutesHM(m int64) string { return fmt.Sprintf("%d:%02d", m/60, m%60) }

func hundredthsHours(h int64) string { return fmt.Sprintf("%d.%02d", h/100, h%100) }
