package tui

import "time"

// The week grid's fixed widths: a day's hours ("23:59", "25:00" on the
// long daylight-saving day) and the widest a client's name column gets.
const (
	weekDayW     = 5
	weekNameMaxW = 30
	// A name is still told apart at weekNameFairW; the column shrinks to
	// it before the rate goes, and below it only when nothing else is left.
	weekNameFairW = 20
	weekNameMinW  = 6 // "CLIENT"
)

// weekColumns is which columns of the week grid are shown and how wide:
// the client's name, the days, WORKED and BILLED, the rate, the amount.
// Columns are one space apart.
type weekColumns struct {
	nameW   int
	days    []int // the days shown, as indexes into the week, in order
	hoursW  int   // WORKED and BILLED
	rateW   int   // 0: the rate is hidden
	amountW int
}

func (c weekColumns) width() int {
	w := c.nameW + len(c.days)*(weekDayW+1) + 2*(c.hoursW+1) + 1 + c.amountW
	if c.rateW > 0 {
		w += 1 + c.rateW
	}
	return w
}

// fitWeekColumns narrows want, which shows every column at its natural
// width, until it fits in width. The amounts are what the grid is for, so
// they never go, and a day with time in it is the last thing to go: first
// the empty days go (the weekend's first, then the others from the week's
// end), then a long name column shrinks to weekNameFairW, then the rate
// goes, then the name column shrinks to its least, and only then days with
// time, from the week's end. A grid that still does not fit is returned as
// narrow as it gets.
func fitWeekColumns(want weekColumns, weekdays [7]time.Weekday, worked [7]bool, width int) weekColumns {
	c := want
	c.days = append([]int(nil), want.days...)
	drop := func(keep func(day int) bool) {
		for i := len(c.days) - 1; i >= 0 && c.width() > width; i-- {
			if !keep(c.days[i]) {
				c.days = append(c.days[:i], c.days[i+1:]...)
			}
		}
	}
	shrinkName := func(least int) {
		if over := c.width() - width; over > 0 && c.nameW > least {
			c.nameW = max(c.nameW-over, least)
		}
	}
	drop(func(d int) bool { return worked[d] || weekdays[d] != time.Saturday && weekdays[d] != time.Sunday })
	drop(func(d int) bool { return worked[d] })
	shrinkName(weekNameFairW)
	if c.width() > width {
		c.rateW = 0
	}
	shrinkName(weekNameMinW)
	drop(func(int) bool { return false })
	return c
}

// hiddenDays are the days of the week c leaves out, in order.
func (c weekColumns) hiddenDays() []int {
	shown := map[int]bool{}
	for _, d := range c.days {
		shown[d] = true
	}
	var hidden []int
	for d := range 7 {
		if !shown[d] {
			hidden = append(hidden, d)
		}
	}
	return hidden
}
