package profiles

import (
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/money"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
)

// BudgetOf is a client's budget as the timesheet computes with it (the
// zero Budget: none).
func BudgetOf(c store.Client) timesheet.Budget {
	if c.BudgetMinutes <= 0 {
		return timesheet.Budget{}
	}
	return timesheet.Budget{Hours: time.Duration(c.BudgetMinutes) * time.Minute, Period: timesheet.BudgetPeriod(c.BudgetPeriod)}
}

// ClientSpec holds the fields of `client add` / `client edit`, as typed.
// A nil field is left as it is (edit) or takes its default (add).
type ClientSpec struct {
	Name      *string
	Rate      *string // decimal, in Currency's units
	Currency  *string
	Round     *string // duration: 15m, 1h, 90
	RoundMode *string
	RoundPer  *string
	Minimum   *string // minimum billed per entry
	Timezone  *string
	Color     *string
	Prod      *bool
	Track     *bool
	Workdir   *string
	Archived  *bool
	Budget    *string // hours per week or month: 20h/month, 10h/week; off for none
	// AutoSwitch: on|off, whether a cd into the client's directories
	// switches the shell (with the auto_switch setting on).
	AutoSwitch *string
}

// NewClient returns the defaults of a new client before a spec is applied.
func NewClient(slug string, now time.Time) store.Client {
	return store.Client{
		Slug: slug, Name: slug, Currency: "USD", RoundMode: "up", RoundPer: "entry",
		AutoTrack: true, AutoSwitch: true, CreatedAt: now, UpdatedAt: now,
	}
}

// ApplySpec validates spec and applies it to a copy of c. On any error the
// returned client is the zero value and nothing should be written.
func ApplySpec(c store.Client, spec ClientSpec) (store.Client, error) {
	if spec.Name != nil {
		name := strings.TrimSpace(*spec.Name)
		if name == "" {
			return store.Client{}, badinput.Errorf("display name is empty: give one with --name \"Acme Corp\"")
		}
		if len(name) > 120 {
			return store.Client{}, badinput.Errorf("display name is longer than 120 characters")
		}
		c.Name = name
	}
	// The currency decides how a rate is read, so it comes first; changing
	// the currency of an existing rate re-reads nothing and keeps minor
	// units only when their exponent is the same.
	if spec.Currency != nil {
		cur, err := money.ParseCurrency(*spec.Currency)
		if err != nil {
			return store.Client{}, badinput.Wrap(err)
		}
		if spec.Rate == nil && c.RateMinor != 0 && money.Currency(c.Currency).Exponent() != cur.Exponent() {
			return store.Client{}, badinput.Errorf("changing currency from %s to %s changes how the rate is read: give the rate again with --rate", c.Currency, cur)
		}
		c.Currency = string(cur)
	}
	if spec.Rate != nil {
		minor, err := money.ParseAmount(*spec.Rate, money.Currency(c.Currency))
		if err == nil {
			err = money.CheckRate(minor, money.Currency(c.Currency))
		}
		if err != nil {
			return store.Client{}, badinput.Errorf("rate: %w", err)
		}
		c.RateMinor = minor
	}
	if spec.Round != nil {
		m, err := ParseMinutes(*spec.Round, "rounding increment")
		if err != nil {
			return store.Client{}, err
		}
		if m > 240 {
			return store.Client{}, badinput.Errorf("rounding increment %s is too large: use 1m to 4h, or 0 for none", *spec.Round)
		}
		c.RoundMinutes = m
	}
	if spec.RoundMode != nil {
		m, err := ParseRoundMode(*spec.RoundMode)
		if err != nil {
			return store.Client{}, err
		}
		c.RoundMode = m
	}
	if spec.RoundPer != nil {
		p, err := ParseRoundPer(*spec.RoundPer)
		if err != nil {
			return store.Client{}, err
		}
		c.RoundPer = p
	}
	if spec.Minimum != nil {
		m, err := ParseMinutes(*spec.Minimum, "minimum per entry")
		if err != nil {
			return store.Client{}, err
		}
		if err := CheckMinimumMinutes(m); err != nil {
			return store.Client{}, err
		}
		c.MinimumMinutes = m
	}
	if spec.Timezone != nil {
		tz, err := ParseTimezone(*spec.Timezone)
		if err != nil {
			return store.Client{}, err
		}
		c.Timezone = tz
	}
	if spec.Color != nil {
		col, err := ParseColor(*spec.Color)
		if err != nil {
			return store.Client{}, err
		}
		c.Color = col
	}
	if spec.Prod != nil {
		c.Production = *spec.Prod
	}
	if spec.Track != nil {
		c.AutoTrack = *spec.Track
	}
	if spec.Archived != nil {
		c.Archived = *spec.Archived
	}
	if spec.Workdir != nil {
		c.Workdir = *spec.Workdir
	}
	if spec.AutoSwitch != nil {
		switch strings.ToLower(strings.TrimSpace(*spec.AutoSwitch)) {
		case "on", "yes", "true":
			c.AutoSwitch = true
		case "off", "no", "false":
			c.AutoSwitch = false
		default:
			return store.Client{}, badinput.Errorf("--auto-switch %q is invalid: use on or off", *spec.AutoSwitch)
		}
	}
	if spec.Budget != nil {
		b, err := timesheet.ParseBudget(*spec.Budget)
		if err != nil {
			return store.Client{}, badinput.Wrap(err)
		}
		c.BudgetMinutes, c.BudgetPeriod = int(b.Hours/time.Minute), string(b.Period)
	}
	return c, nil
}
