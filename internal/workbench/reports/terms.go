package reports

import (
	"time"

	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
)

// termsOf is a client's billing terms as the timesheet computes with them.
func (rp *Reports) termsOf(c store.Client) timesheet.Terms {
	mode, _ := timesheet.ParseRoundMode(c.RoundMode)
	per, _ := timesheet.ParseRoundPer(c.RoundPer)
	t := timesheet.Terms{RateMinor: c.RateMinor, Currency: c.Currency,
		RoundIncrement: time.Duration(c.RoundMinutes) * time.Minute, RoundMode: mode, RoundPer: per,
		MinimumPerEntry: time.Duration(c.MinimumMinutes) * time.Minute}
	if c.Timezone != "" {
		t.Location = rp.clients.ZoneOf(c)
	}
	return t
}
