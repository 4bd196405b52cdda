package timesheet

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"
)

// GroupBy is the breakdown a report shows under its client lines.
type GroupBy string

// The breakdowns of `stint report --by`.
const (
	ByClient  GroupBy = "client"
	ByDay     GroupBy = "day"
	ByTag     GroupBy = "tag"
	ByEntry   GroupBy = "entry"
	ByProject GroupBy = "project"
)

// ParseGroupBy reads a --by value; empty means by client.
func ParseGroupBy(s string) (GroupBy, error) {
	switch g := GroupBy(s); g {
	case "":
		return ByClient, nil
	case ByClient, ByDay, ByTag, ByEntry, ByProject:
		return g, nil
	}
	return "", fmt.Errorf("--by %q is unknown: use client, day, tag, entry or project", s)
}

// ReportOptions say what a report covers.
type ReportOptions struct {
	// From and To are the half-open range [From, To). An entry belongs to
	// the range its start falls in, whole (see Attribution).
	From, To time.Time
	By       GroupBy   // "" means ByClient
	Now      time.Time // running entries count up to Now
	// Location is the zone for clients whose Terms have none — the caller's
	// local zone, passed in rather than read from time.Local.
	Location *time.Location
	// ForgottenAfter flags running timers older than this; 0 means
	// DefaultForgottenAfter.
	ForgottenAfter time.Duration
}

// Line is one row of a report: a client, or one group of a client's time.
type Line struct {
	Client          string `json:"client"`
	Entries         int    `json:"entries"`
	Seconds         int64  `json:"seconds"`
	BillableSeconds int64  `json:"billable_seconds"`
	RoundedSeconds  int64  `json:"rounded_seconds"`
	AmountMinor     int64  `json:"amount_minor"`
	Currency        string `json:"currency"`
	RateMinor       int64  `json:"rate_minor"` // per hour
}

// ClientLine is a client's row with the terms its figures were computed by.
type ClientLine struct {
	Line
	RoundIncrementSeconds int64     `json:"round_increment_seconds"`
	RoundMode             RoundMode `json:"round_mode"`
	RoundPer              RoundPer  `json:"round_per"`
	MinimumSeconds        int64     `json:"minimum_seconds"`
	Zone                  string    `json:"zone"`
	// Rates are the rates the line's time was billed at when a project's
	// own rate is among them (else absent): the client's (project "")
	// and each such project's, their amounts adding up to the line's.
	Rates []RateLine `json:"rates,omitempty"`
}

// RateLine is the part of a client line billed at one rate.
type RateLine struct {
	Project        string `json:"project"` // "": the client's own rate
	RateMinor      int64  `json:"rate_minor"`
	RoundedSeconds int64  `json:"rounded_seconds"`
	AmountMinor    int64  `json:"amount_minor"`
}

// GroupLine is a breakdown row. Key is the local date (2006-01-02) for
// --by day, the tag for --by tag ("" for untagged entries), the project for
// --by project ("" for entries without one; RateMinor is then the rate its
// time bills at) and the entry ID for --by entry, where Entry describes the
// entry.
type GroupLine struct {
	Key string `json:"key"`
	Line
	Entry *EntryDetail `json:"entry,omitempty"`
}

// EntryDetail is the entry behind a --by entry line, whole.
type EntryDetail struct {
	ID       int64     `json:"id"`
	Start    time.Time `json:"start"` // in the client's zone
	End      time.Time `json:"end"`   // Now for a running entry
	Running  bool      `json:"running"`
	Note     string    `json:"note"`
	Tags     []string  `json:"tags"`
	Billable bool      `json:"billable"`
	Project  string    `json:"project,omitempty"`
}

// Total sums the client lines of one currency, exactly as shown.
type Total struct {
	Currency        string `json:"currency"`
	Entries         int    `json:"entries"`
	Seconds         int64  `json:"seconds"`
	BillableSeconds int64  `json:"billable_seconds"`
	RoundedSeconds  int64  `json:"rounded_seconds"`
	AmountMinor     int64  `json:"amount_minor"`
}

// ForgottenTimer is a running entry older than the forgotten limit.
type ForgottenTimer struct {
	ID      int64     `json:"id"`
	Client  string    `json:"client"`
	Start   time.Time `json:"start"`
	Seconds int64     `json:"seconds"`
}

// Report is the result of BuildReport; it marshals to the JSON shape of
// `stint report --json`.
type Report struct {
	From         time.Time        `json:"from"`
	To           time.Time        `json:"to"`
	By           GroupBy          `json:"by"`
	Clients      []ClientLine     `json:"clients"`
	Groups       []GroupLine      `json:"groups"` // empty for --by client
	Totals       []Total          `json:"totals"` // one per currency, sorted
	TotalSeconds int64            `json:"total_seconds"`
	Forgotten    []ForgottenTimer `json:"forgotten"`
	// Raised are the entries under a minute that rounding billed more.
	Raised []RaisedEntry `json:"raised"`
}

func (b *reportBuilder) report() Report {
	r := Report{
		From: b.opts.From, To: b.opts.To, By: b.by,
		Clients:   make([]ClientLine, 0, len(b.clients)),
		Groups:    []GroupLine{},
		Forgotten: b.forgotten,
	}
	if r.Forgotten == nil {
		r.Forgotten = []ForgottenTimer{}
	}
	r.Raised = b.raisedShort()
	for _, c := range b.sortedClients() {
		if len(c.groups) > 1 {
			c.Rates = make([]RateLine, len(c.groups))
			for i, g := range c.groups {
				c.Rates[i] = RateLine{Project: g.project, RateMinor: g.rate, RoundedSeconds: g.rounded, AmountMinor: g.amount}
			}
			sort.SliceStable(c.Rates[1:], func(i, j int) bool { return c.Rates[1+i].Project < c.Rates[1+j].Project })
		}
		r.Clients = append(r.Clients, c.ClientLine)
		b.add(&r.TotalSeconds, c.Seconds)
	}
	r.Totals = b.totals(r.Clients)
	switch b.by {
	case ByDay:
		r.Groups = b.dayGroups()
	case ByEntry:
		r.Groups = b.entryGroups()
	case ByTag:
		r.Groups = b.tagGroups()
	case ByProject:
		r.Groups = b.projectGroups()
	}
	return r
}

// sortedClients orders the clients by slug for output. b.clients itself keeps
// its order: pieces refer to clients by index.
func (b *reportBuilder) sortedClients() []*clientAcc {
	out := slices.Clone(b.clients)
	sort.Slice(out, func(i, j int) bool { return out[i].Client < out[j].Client })
	return out
}

// totals sums the client lines per currency, exactly as shown; clients
// without a rate are totalled under the currency "" ("no rate"), never in a
// currency's total.
func (b *reportBuilder) totals(lines []ClientLine) []Total {
	var out []Total
	index := map[string]int{}
	for _, l := range lines {
		i, ok := index[l.Currency]
		if !ok {
			out = append(out, Total{Currency: l.Currency})
			i = len(out) - 1
			index[l.Currency] = i
		}
		t := &out[i]
		t.Entries += l.Entries
		b.add(&t.Seconds, l.Seconds)
		b.add(&t.BillableSeconds, l.BillableSeconds)
		b.add(&t.RoundedSeconds, l.RoundedSeconds)
		b.add(&t.AmountMinor, l.AmountMinor)
	}
	// Currencies in order, the no-rate total last.
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Currency == "") != (out[j].Currency == "") {
			return out[j].Currency == ""
		}
		return out[i].Currency < out[j].Currency
	})
	if out == nil {
		out = []Total{}
	}
	return out
}

// lineOf starts a breakdown line carrying the client's identity and terms.
func lineOf(c *clientAcc) Line {
	return Line{Client: c.Client, Currency: c.Currency, RateMinor: c.RateMinor}
}

func (b *reportBuilder) dayGroups() []GroupLine {
	var out []GroupLine
	for _, c := range b.sortedClients() {
		days := make([]int32, 0, len(c.days))
		for d := range c.days {
			days = append(days, d)
		}
		sort.Slice(days, func(i, j int) bool { return days[i] < days[j] })
		amounts := b.dayAmounts(c, days)
		for i, d := range days {
			acc := c.days[d]
			l := lineOf(c)
			l.Entries, l.Seconds, l.BillableSeconds = acc.line.Entries, acc.line.Seconds, acc.line.BillableSeconds
			l.RoundedSeconds, l.AmountMinor = acc.rounded, amounts[i]
			out = append(out, GroupLine{Key: dayKey(d), Line: l})
		}
	}
	return orEmpty(out)
}

// dayAmounts shares each rate group's amount out over the days by the
// group's rounded seconds on each, and adds the shares up per day: with
// one rate, the client's amount over its days' rounded seconds.
func (b *reportBuilder) dayAmounts(c *clientAcc, days []int32) []int64 {
	if len(c.groups) == 1 {
		weights := make([]int64, len(days))
		for i, d := range days {
			weights[i] = c.days[d].rounded
		}
		return allocate(c.AmountMinor, weights)
	}
	at := make(map[int32]int, len(days))
	for i, d := range days {
		at[d] = i
	}
	out := make([]int64, len(days))
	for g := range c.groups {
		weights := make([]int64, len(days))
		for i := range b.pieces {
			if p := &b.pieces[i]; !p.context && b.clients[p.client] == c && int(p.group) == g {
				weights[at[p.day]] += p.rounded
			}
		}
		for i, share := range allocate(c.groups[g].amount, weights) {
			out[i] += share
		}
	}
	return out
}

// projectGroups sums each client's pieces per project; entries without one
// are under the key "", last. A project with a rate of its own is its own
// rate group, so its amount is that of its rounded seconds at its rate.
func (b *reportBuilder) projectGroups() []GroupLine {
	type key struct {
		client  int
		project string
	}
	index := map[key]int{}
	var out []GroupLine
	for i := range b.pieces {
		p := &b.pieces[i]
		if p.context {
			continue
		}
		c := b.clients[p.client]
		project := b.entries[p.entry].Project
		k := key{p.client, project}
		at, ok := index[k]
		if !ok {
			l := lineOf(c)
			l.RateMinor = c.groups[p.group].rate
			out = append(out, GroupLine{Key: project, Line: l})
			at = len(out) - 1
			index[k] = at
		}
		l := &out[at].Line
		l.Entries++
		b.add(&l.Seconds, p.end-p.start)
		b.add(&l.BillableSeconds, p.billable)
		b.add(&l.RoundedSeconds, p.rounded)
		b.add(&l.AmountMinor, p.amount)
	}
	sort.Slice(out, func(i, j int) bool {
		a, z := out[i], out[j]
		if a.Client != z.Client {
			return a.Client < z.Client
		}
		if (a.Key == "") != (z.Key == "") {
			return z.Key == "" // no project last
		}
		return a.Key < z.Key
	})
	return orEmpty(out)
}

func (b *reportBuilder) entryGroups() []GroupLine {
	out := make([]GroupLine, 0, len(b.pieces))
	for i := range b.pieces {
		p := &b.pieces[i]
		if p.context {
			continue
		}
		c := b.clients[p.client]
		e := &b.entries[p.entry]
		l := lineOf(c)
		l.Entries, l.Seconds, l.BillableSeconds = 1, p.end-p.start, p.billable
		l.RoundedSeconds, l.AmountMinor = p.rounded, p.amount
		tags := e.Tags
		if tags == nil {
			tags = []string{}
		}
		out = append(out, GroupLine{Key: strconv.FormatInt(e.ID, 10), Line: l, Entry: &EntryDetail{
			ID: e.ID, Start: time.Unix(p.start, 0).In(c.loc), End: time.Unix(p.end, 0).In(c.loc),
			Running: e.End == nil, Note: e.Note, Tags: tags, Billable: e.Billable, Project: e.Project,
		}})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, z := out[i], out[j]
		if a.Client != z.Client {
			return a.Client < z.Client
		}
		if !a.Entry.Start.Equal(z.Entry.Start) {
			return a.Entry.Start.Before(z.Entry.Start)
		}
		return a.Entry.ID < z.Entry.ID
	})
	return out
}

// tagGroups counts an entry under each of its tags, so tag lines add up to
// the client line only when no entry carries two tags. Untagged entries are
// under the key "".
func (b *reportBuilder) tagGroups() []GroupLine {
	type key struct {
		client int
		tag    string
	}
	index := map[key]int{}
	var out []GroupLine
	add := func(p *piece, tag string) {
		k := key{p.client, tag}
		i, ok := index[k]
		if !ok {
			out = append(out, GroupLine{Key: tag, Line: lineOf(b.clients[p.client])})
			i = len(out) - 1
			index[k] = i
		}
		l := &out[i].Line
		l.Entries++
		b.add(&l.Seconds, p.end-p.start)
		b.add(&l.BillableSeconds, p.billable)
		b.add(&l.RoundedSeconds, p.rounded)
		b.add(&l.AmountMinor, p.amount)
	}
	for i := range b.pieces {
		p := &b.pieces[i]
		if p.context {
			continue
		}
		tags := uniqueTags(b.entries[p.entry].Tags)
		if len(tags) == 0 {
			add(p, "")
		}
		for _, t := range tags {
			add(p, t)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, z := out[i], out[j]
		if a.Client != z.Client {
			return a.Client < z.Client
		}
		if (a.Key == "") != (z.Key == "") {
			return z.Key == "" // untagged last
		}
		return a.Key < z.Key
	})
	return orEmpty(out)
}

// uniqueTags drops empty and repeated tags so no entry counts twice in a tag.
func uniqueTags(tags []string) []string {
	out := tags[:0:0]
	for _, t := range tags {
		if t == "" {
			continue
		}
		dup := false
		for _, seen := range out {
			dup = dup || seen == t
		}
		if !dup {
			out = append(out, t)
		}
	}
	return out
}

func orEmpty(g []GroupLine) []GroupLine {
	if g == nil {
		return []GroupLine{}
	}
	return g
}
