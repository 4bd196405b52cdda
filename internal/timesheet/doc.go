// Package timesheet is stint's billable-time logic: entries, billing terms,
// rounding, reports, range helpers, time-input parsing and the timer rules.
// It is pure: no database, no clock, no globals — callers pass "now" and the
// fallback time zone. Import and export formats live in timesheet/formats.
//
// Decisions worth knowing before changing anything here:
//
//   - Durations are integer seconds end to end. An entry's length is
//     End.Unix() - Start.Unix(): sub-second parts of instants are ignored.
//   - Money is integer minor units of an ISO 4217 currency (see package money).
//     A rate is minor units per hour. An amount is
//     (rounded seconds × rate + 1800) / 3600: exact integer maths, half up on
//     the last minor unit, never a float.
//   - Billing order for one entry: clip to the report range, take the billable
//     seconds, raise them to the minimum per entry (non-empty entries only),
//     then round to the increment. Per-day terms sum the raised entries of a
//     local day first and round the sum once.
//   - An entry belongs to the local day (client's zone) on which its clipped
//     part starts, as Harvest, Toggl and Clockify attribute entries; day lines
//     therefore add up exactly to the client lines.
//   - A report line's amount is computed from that client's rounded seconds
//     once; the total per currency is the sum of the client lines as shown.
//     Breakdown lines (day, tag, entry) share the client's rounded seconds and
//     amount out by largest remainder, so they add up exactly too, and each is
//     within one minor unit of its own hours × rate.
package timesheet
