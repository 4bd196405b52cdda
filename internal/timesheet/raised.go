package timesheet

import "time"

// RaisedEntry is an entry under a minute that rounding (or a minimum)
// billed more than it worked: most often a slip that a note kept, or one
// added or imported by hand. Reports flag them so that no invoice carries a
// 15-minute line for 5 seconds unseen.
type RaisedEntry struct {
	ID            int64     `json:"id"`
	Client        string    `json:"client"`
	Start         time.Time `json:"start"`
	Seconds       int64     `json:"seconds"`        // worked
	BilledSeconds int64     `json:"billed_seconds"` // its rounded share
}

// ShortEntry is the length under which a raised entry is flagged.
const ShortEntry = 60 // seconds

// raisedShort lists the billable entries in the range shorter than a minute
// whose billed seconds exceed their worked ones, oldest first. Call it once
// the pieces are billed.
func (b *reportBuilder) raisedShort() []RaisedEntry {
	out := []RaisedEntry{}
	for i := range b.pieces {
		p := &b.pieces[i]
		if p.context || p.billable == 0 || p.end-p.start >= ShortEntry || p.rounded <= p.billable {
			continue
		}
		e := &b.entries[p.entry]
		out = append(out, RaisedEntry{ID: e.ID, Client: e.Client, Start: e.Start, Seconds: p.end - p.start, BilledSeconds: p.rounded})
	}
	return out
}
