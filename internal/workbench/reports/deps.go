// Package reports is the workbench's reports component: the ranges the
// time commands take, reports, the week grid, exports for billing and
// imports from other trackers. The rules (rounding, rates, overlaps, file
// formats) are package timesheet's; this package reads and writes entries
// through the store and takes each client's terms and zone from its
// profile.
package reports

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clock"
)

// Store is what the reports need of the database.
type Store interface {
	Clients(ctx context.Context, includeArchived bool) ([]store.Client, error)
	EntriesBetween(ctx context.Context, from, to time.Time, clientID int64) ([]store.Entry, error)
	EditEntries(ctx context.Context, now time.Time, fn func(*store.EntryTx) error) error
	ImportEntries(ctx context.Context, now time.Time, fn func(*store.ImportTx) error) error
	Notes(ctx context.Context, clientID int64, limit int) ([]store.LogNote, error)
	ProjectRates(ctx context.Context) (map[int64]map[string]int64, error)
}

// Clients resolves clients and their zones (the clients component).
type Clients interface {
	Client(ctx context.Context, slug string) (store.Client, error)
	Zone(ctx context.Context, slug string) (*time.Location, error)
	ZoneOf(c store.Client) *time.Location
}

// Settings are the settings reports follow.
type Settings interface {
	WeekStart(ctx context.Context) (time.Weekday, error)
	ForgottenAfter(ctx context.Context) (time.Duration, error)
	Person(ctx context.Context) (name, email string, err error)
}

// Times reads times as the time commands take them (the timer component).
type Times interface {
	ParseTime(ctx context.Context, s, client string) (time.Time, error)
}

// Reports is the reports component.
type Reports struct {
	db       Store
	clients  Clients
	settings Settings
	times    Times
	clock    clock.Clock
}

// New is the component over db, the clients, the settings, the timer's time
// parsing and the clock.
func New(db Store, clients Clients, settings Settings, times Times, clk clock.Clock) *Reports {
	return &Reports{db: db, clients: clients, settings: settings, times: times, clock: clk}
}

// WeekGrid is clients × days of one week, for the TUI week view.
type WeekGrid struct {
	Start   time.Time    `json:"start"` // first day, local midnight
	Days    []time.Time  `json:"days"`  // 7 days
	Rows    []WeekRow    `json:"rows"`  // clients with time this week, by slug
	Totals  []int64      `json:"totals"`
	Amounts []MoneyTotal `json:"amounts"` // per currency
}

// WeekRow is one client's seconds per day and its amount for the week.
// Seconds and Total are worked time; the amount is BilledSeconds × RateMinor,
// billed time being the billable time rounded by the client's terms.
type WeekRow struct {
	Client        string  `json:"client"`
	Zone          string  `json:"zone,omitempty"` // the client's zone, when its days are not the grid's
	Seconds       []int64 `json:"seconds"`        // len 7
	Total         int64   `json:"total"`
	BilledSeconds int64   `json:"billed_seconds"` // rounded billable seconds, as `stint report` bills them
	RateMinor     int64   `json:"rate_minor"`     // per hour, in Currency's minor units
	AmountMinor   int64   `json:"amount_minor"`
	Currency      string  `json:"currency"`
}

// MoneyTotal is an amount in one currency.
type MoneyTotal struct {
	AmountMinor int64  `json:"amount_minor"`
	Currency    string `json:"currency"`
}
