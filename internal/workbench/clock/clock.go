// Package clock is the workbench's clock, shared by its components: the
// time in whole seconds, as the store keeps it, and the local zone, which
// is the zone of the clock's times (time.Now gives time.Local; tests pass a
// clock in a fixed zone).
package clock

import "time"

// Clock reads the time; nil is time.Now.
type Clock func() time.Time

// Now is the time in whole seconds.
func (c Clock) Now() time.Time { return c.read().Truncate(time.Second) }

// Local is the zone times are read and shown in when a client has none.
func (c Clock) Local() *time.Location { return c.read().Location() }

// Read is the time as the clock gives it, not truncated.
func (c Clock) Read() time.Time { return c.read() }

func (c Clock) read() time.Time {
	if c == nil {
		return time.Now()
	}
	return c()
}
