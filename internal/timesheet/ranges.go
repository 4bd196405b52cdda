package timesheet

import "time"

// Ranges are half-open [from, to) and built with time.Date/AddDate in the
// given zone, so a day is 23 or 25 hours long across a daylight-saving change
// and a week or month always starts at local midnight. Where midnight itself
// does not exist (a few zones change clocks at 00:00), Go's normalisation
// picks the instant, as time.Date documents.

// DayRange is the local day containing t.
func DayRange(t time.Time, loc *time.Location) (from, to time.Time) {
	y, m, d := t.In(loc).Date()
	from = time.Date(y, m, d, 0, 0, 0, 0, loc)
	return from, time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}

// WeekRange is the local week containing t, starting on weekStart.
func WeekRange(t time.Time, loc *time.Location, weekStart time.Weekday) (from, to time.Time) {
	local := t.In(loc)
	back := (int(local.Weekday()) - int(weekStart) + 7) % 7
	y, m, d := local.Date()
	from = time.Date(y, m, d-back, 0, 0, 0, 0, loc)
	return from, time.Date(y, m, d-back+7, 0, 0, 0, 0, loc)
}

// MonthRange is the given local calendar month.
func MonthRange(year int, month time.Month, loc *time.Location) (from, to time.Time) {
	return time.Date(year, month, 1, 0, 0, 0, 0, loc), time.Date(year, month+1, 1, 0, 0, 0, 0, loc)
}
