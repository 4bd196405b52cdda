package timesheet

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stint-sh/stint/internal/money"
)

// RoundMode says which way a duration moves to a multiple of the increment.
type RoundMode int

// Rounding modes. Up is the zero value, as it is Harvest's default.
const (
	RoundUp      RoundMode = iota // to the next multiple (exact multiples stay)
	RoundNearest                  // to the closer multiple; an exact half goes up
	RoundDown                     // to the previous multiple
)

var roundModeNames = [...]string{RoundUp: "up", RoundNearest: "nearest", RoundDown: "down"}

func (m RoundMode) String() string {
	if m < 0 || int(m) >= len(roundModeNames) {
		return fmt.Sprintf("RoundMode(%d)", int(m))
	}
	return roundModeNames[m]
}

// ParseRoundMode reads "up", "nearest" or "down".
func ParseRoundMode(s string) (RoundMode, error) {
	for m, name := range roundModeNames {
		if s == name {
			return RoundMode(m), nil
		}
	}
	return 0, fmt.Errorf("rounding mode %q is unknown: use up, nearest or down", s)
}

// MarshalText makes the mode readable in JSON.
func (m RoundMode) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads the mode back from JSON.
func (m *RoundMode) UnmarshalText(b []byte) error {
	v, err := ParseRoundMode(string(b))
	*m = v
	return err
}

// RoundPer says what a rounding increment applies to.
type RoundPer int

// Entry is the zero value (Harvest's behaviour); Day rounds each local day's
// sum of entries once, which bills less rounding overhead on busy days.
const (
	PerEntry RoundPer = iota
	PerDay
)

func (p RoundPer) String() string {
	if p == PerDay {
		return "day"
	}
	return "entry"
}

// ParseRoundPer reads "entry" or "day".
func ParseRoundPer(s string) (RoundPer, error) {
	switch s {
	case "entry":
		return PerEntry, nil
	case "day":
		return PerDay, nil
	}
	return 0, fmt.Errorf("rounding unit %q is unknown: use entry or day", s)
}

// MarshalText makes the unit readable in JSON.
func (p RoundPer) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads the unit back from JSON.
func (p *RoundPer) UnmarshalText(b []byte) error {
	v, err := ParseRoundPer(string(b))
	*p = v
	return err
}

// MaxRoundIncrement is the largest rounding increment a client may have.
const MaxRoundIncrement = 240 * time.Minute

// MaxMinimumPerEntry is the largest minimum per entry a client may have: a
// day. Larger minimums bill nothing a client would accept, and bounding it
// bounds what one entry can bill.
const MaxMinimumPerEntry = 24 * time.Hour

// Terms are one client's billing terms.
type Terms struct {
	RateMinor       int64         // per hour, in minor units of Currency
	Currency        string        // ISO 4217, e.g. "USD"
	RoundIncrement  time.Duration // 0 (no rounding) or 1–240 whole minutes
	RoundMode       RoundMode
	RoundPer        RoundPer
	MinimumPerEntry time.Duration  // 0: none; whole seconds
	Location        *time.Location // nil: the caller's fallback zone
	// ProjectRates are the rates of the client's projects that have one of
	// their own, by project name, in minor units of Currency per hour: an
	// entry of such a project bills at it instead of RateMinor.
	ProjectRates map[string]int64
}

// Validate checks the terms a client may be saved with.
func (t Terms) Validate() error {
	if t.RateMinor < 0 {
		return fmt.Errorf("rate is negative: give zero or more")
	}
	if t.Currency != "" {
		c, err := money.ParseCurrency(t.Currency)
		if err != nil {
			return err
		}
		if err := money.CheckRate(t.RateMinor, c); err != nil {
			return err
		}
	} else if t.RateMinor > 0 {
		return fmt.Errorf("rate has no currency: give --currency, e.g. USD")
	}
	for name, rate := range t.ProjectRates {
		if err := CheckProjectRate(rate, t.Currency); err != nil {
			return fmt.Errorf("project %q: %w", name, err)
		}
	}
	inc := t.RoundIncrement
	if inc != 0 && (inc < time.Minute || inc > MaxRoundIncrement || inc%time.Minute != 0) {
		return fmt.Errorf("rounding increment %s is out of range: use whole minutes from 1m to 240m, or 0 for none", inc)
	}
	if t.RoundMode < RoundUp || t.RoundMode > RoundDown {
		return fmt.Errorf("rounding mode %d is unknown: use up, nearest or down", int(t.RoundMode))
	}
	if t.RoundPer != PerEntry && t.RoundPer != PerDay {
		return fmt.Errorf("rounding unit %d is unknown: use entry or day", int(t.RoundPer))
	}
	if t.MinimumPerEntry < 0 || t.MinimumPerEntry%time.Second != 0 || t.MinimumPerEntry > MaxMinimumPerEntry {
		return fmt.Errorf("minimum per entry %s is invalid: use whole seconds from 0 to %s", t.MinimumPerEntry, MaxMinimumPerEntry)
	}
	return nil
}

// HasRate says whether the terms bill money at all. A client without a rate
// (or with a rate of zero) has no amount and no currency total: its time is
// shown and totalled as "no rate".
func (t Terms) HasRate() bool { return t.RateMinor > 0 && t.Currency != "" }

// BillsMoney says whether any of the client's time bills money: at its own
// rate or at one of its projects'. Its lines then have a currency.
func (t Terms) BillsMoney() bool {
	if t.Currency == "" {
		return false
	}
	if t.RateMinor > 0 {
		return true
	}
	for _, r := range t.ProjectRates {
		if r > 0 {
			return true
		}
	}
	return false
}

// RateOf is the hourly rate an entry of project bills at: the project's
// own when it has one, else the client's (0 when it bills no money).
func (t Terms) RateOf(project string) int64 {
	if r := t.ProjectRates[project]; project != "" && r > 0 && t.Currency != "" {
		return r
	}
	if !t.HasRate() {
		return 0
	}
	return t.RateMinor
}

// CheckProjectRate is the check of a project's own rate: bounded as a
// client's rate is (money.CheckRate), in the client's currency.
func CheckProjectRate(rateMinor int64, currency string) error {
	if rateMinor == 0 {
		return nil
	}
	if currency == "" {
		return fmt.Errorf("rate has no currency: give the client one with `stint client edit --currency`")
	}
	c, err := money.ParseCurrency(currency)
	if err != nil {
		return err
	}
	return money.CheckRate(rateMinor, c)
}

// LocationOr returns the client's zone, or fallback when it has none.
func (t Terms) LocationOr(fallback *time.Location) *time.Location {
	if t.Location != nil {
		return t.Location
	}
	if fallback != nil {
		return fallback
	}
	return time.UTC
}

// MaxProjectName is the longest project name, in characters (Toggl allows
// 255; names longer than a table column help nobody).
const MaxProjectName = 80

// CheckProjectName refuses an empty name, one with surrounding spaces,
// control or invisible characters, or longer than MaxProjectName.
func CheckProjectName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("project name is empty: give a name like web or \"Website redesign\"")
	case strings.TrimSpace(name) != name:
		return fmt.Errorf("project name %q starts or ends with a space: leave them out", name)
	case utf8.RuneCountInString(name) > MaxProjectName:
		return fmt.Errorf("project name is %d characters long: use at most %d", utf8.RuneCountInString(name), MaxProjectName)
	case !utf8.ValidString(name):
		return fmt.Errorf("project name %q is not valid UTF-8: retype it", name)
	}
	for _, r := range name {
		if !unicode.IsPrint(r) && r != ' ' {
			return fmt.Errorf("project name %q holds a control or invisible character: retype it", name)
		}
	}
	return nil
}
