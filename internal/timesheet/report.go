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
	ByClient GroupBy = "client"
	ByDay    GroupBy = "day"
	ByTag    GroupBy = "tag"
	ByEntry  GroupBy = "entry"
)

// ParseGroupBy reads a --by value; empty means by client.
func ParseGroupBy(s string) (GroupBy, error) {
	switch g := GroupBy(s); g {
	case "":
		return ByClient, nil
	case ByClient, ByDay, ByTag, ByEntry:
		return g, nil
	}
	return "", fmt.Errorf("--by %q is unknown: use client, day, tag or entry", s)
}

// ReportOptions say what a report covers.
type ReportOptions struct {
	From, To time.Time // half-open range [From, To); entries crossing it are clipped
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
}

// GroupLine is a breakdown row. Key is the local date (2006-01-02) for
// --by day, the tag for --by tag ("" for untagged entries) and the entry ID
// for --by entry, where Entry describes the entry as clipped to the range.
type GroupLine struct {
	Key string `json:"key"`
	Line
	Entry *EntryDetail `json:"entry,omitempty"`
}

// EntryDetail is the entry behind a --by entry line.
type EntryDetail struct {
	ID       int64     `json:"id"`
	Start    time.Time `json:"start"` // clipped to the range, in the client's zone
	End      time.Time `json:"end"`   // clipped; Now for a running entry
	Running  bool      `json:"running"`
	Note     string    `json:"note"`
	Tags     []string  `json:"tags"`
	Billable bool      `json:"billable"`
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
}

// BuildReport totals entries over [From, To) per client, with the breakdown
// opts.By asks for. Entries of clients missing from terms are reported with
// zero terms (no rate, no currency, no rounding). It runs in O(n) for the
// client and day breakdowns (O(n log n) for entry and tag, whose output is
// O(n) anyway) and allocates per client and per day, not per entry, beyond
// one slice of the entries in range.
func BuildReport(entries []Entry, terms map[string]Terms, opts ReportOptions) (Report, error) {
	by, err := ParseGroupBy(string(opts.By))
	if err != nil {
		return Report{}, err
	}
	if !opts.To.After(opts.From) {
		return Report{}, fmt.Errorf("report range is empty: --to (%s) must be after --from (%s)",
			opts.To.Format(time.RFC3339), opts.From.Format(time.RFC3339))
	}
	b := newReportBuilder(entries, terms, opts, by)
	b.collect()
	b.bill()
	return b.report(), nil
}

// piece is an entry as clipped to the report range.
type piece struct {
	entry      int      // index into the entries
	client     int      // index into the builder's clients
	day        int32    // local date as yyyymmdd, when days matter
	start, end int64    // clipped, Unix seconds
	whole      [2]int64 // the entry's own start and end, unclipped
	billable   int64    // clipped seconds if billable, else 0
	raised     int64    // billable raised to the minimum per entry
	rounded    int64    // this piece's share of rounded seconds
	amount     int64    // this piece's share of the amount (entry and tag views)
}

type clientAcc struct {
	ClientLine
	terms Terms
	loc   *time.Location
	days  map[int32]*dayAcc // per-day terms or the day view only
}

type dayAcc struct {
	line    Line
	raised  int64
	rounded int64
	pieces  []int // only for per-day terms in the entry and tag views
}

type reportBuilder struct {
	entries       []Entry
	terms         map[string]Terms
	opts          ReportOptions
	by            GroupBy
	from, to, now int64
	clientIndex   map[string]int
	clients       []*clientAcc
	pieces        []piece
	forgotten     []ForgottenTimer
}

func newReportBuilder(entries []Entry, terms map[string]Terms, opts ReportOptions, by GroupBy) *reportBuilder {
	return &reportBuilder{
		entries: entries, terms: terms, opts: opts, by: by,
		from: opts.From.Unix(), to: opts.To.Unix(), now: opts.Now.Unix(),
		clientIndex: make(map[string]int),
	}
}

// needDays says whether pieces need their local date.
func (b *reportBuilder) needDays(c *clientAcc) bool {
	return b.by == ByDay || c.terms.RoundPer == PerDay
}

func (b *reportBuilder) client(slug string) int {
	if i, ok := b.clientIndex[slug]; ok {
		return i
	}
	t := b.terms[slug]
	loc := t.LocationOr(b.opts.Location)
	c := &clientAcc{terms: t, loc: loc}
	c.Client, c.Currency, c.RateMinor = slug, t.Currency, t.RateMinor
	c.RoundIncrementSeconds = int64(t.RoundIncrement / time.Second)
	c.RoundMode, c.RoundPer = t.RoundMode, t.RoundPer
	c.MinimumSeconds = int64(t.MinimumPerEntry / time.Second)
	c.Zone = loc.String()
	b.clients = append(b.clients, c)
	b.clientIndex[slug] = len(b.clients) - 1
	return len(b.clients) - 1
}

// collect clips every entry in range into a piece and sums the raw figures.
func (b *reportBuilder) collect() {
	limit := b.opts.ForgottenAfter
	for i := range b.entries {
		e := &b.entries[i]
		start, end := e.Start.Unix(), b.now
		if e.End != nil {
			end = e.End.Unix()
		}
		end = max(end, start)
		if !inRange(start, end, b.from, b.to) {
			continue
		}
		if e.End == nil && Forgotten(*e, b.opts.Now, limit) {
			b.forgotten = append(b.forgotten, ForgottenTimer{
				ID: e.ID, Client: e.Client, Start: e.Start, Seconds: e.Seconds(b.opts.Now)})
		}
		ci := b.client(e.Client)
		c := b.clients[ci]
		p := piece{entry: i, client: ci, start: max(start, b.from), end: min(end, b.to), whole: [2]int64{start, end}}
		secs := p.end - p.start
		if e.Billable {
			p.billable = secs
			p.raised = raiseToMinimum(secs, c.MinimumSeconds)
		}
		c.Entries++
		c.Seconds += secs
		c.BillableSeconds += p.billable
		if b.needDays(c) {
			p.day = localDay(p.start, c.loc)
			d := c.day(p.day)
			d.line.Entries++
			d.line.Seconds += secs
			d.line.BillableSeconds += p.billable
			d.raised += p.raised
			if c.terms.RoundPer == PerDay && (b.by == ByEntry || b.by == ByTag) {
				d.pieces = append(d.pieces, len(b.pieces))
			}
		}
		b.pieces = append(b.pieces, p)
	}
}

// clippedShare is the part of an entry's rounded seconds that falls in a
// piece the report range cut off it. The entry is raised to the minimum and
// rounded whole, and the result is spread along it: the piece [a, b) gets
// R(b) − R(a) with R(t) = ⌊rounded·(t−start)/length⌋. Reports of adjacent
// ranges (October, then November) thus bill an entry across midnight of the
// 31st exactly once in total, never a rounding increment in each.
func clippedShare(p *piece, minimum, inc int64, mode RoundMode) int64 {
	start, end := p.whole[0], p.whole[1]
	length := end - start
	rounded := RoundSeconds(raiseToMinimum(length, minimum), inc, mode)
	// Both factors stay far below 2^31 for any real entry (years of
	// seconds), so the product fits in an int64; integers only.
	at := func(t int64) int64 { return rounded * (t - start) / length }
	return at(p.end) - at(p.start)
}

// inRange: the entry overlaps [from, to), or is an empty entry inside it.
func inRange(start, end, from, to int64) bool {
	if start == end {
		return start >= from && start < to
	}
	return start < to && end > from
}

func localDay(unix int64, loc *time.Location) int32 {
	y, m, d := time.Unix(unix, 0).In(loc).Date()
	return int32(y*10000 + int(m)*100 + d)
}

func dayKey(day int32) string {
	return fmt.Sprintf("%04d-%02d-%02d", day/10000, day/100%100, day%100)
}

func (c *clientAcc) day(d int32) *dayAcc {
	if c.days == nil {
		c.days = make(map[int32]*dayAcc)
	}
	acc := c.days[d]
	if acc == nil {
		acc = &dayAcc{}
		c.days[d] = acc
	}
	return acc
}

// bill computes rounded seconds and amounts per client, and the shares of
// pieces where the view needs them.
func (b *reportBuilder) bill() {
	inc := func(c *clientAcc) int64 { return c.RoundIncrementSeconds }
	for i := range b.pieces {
		p := &b.pieces[i]
		c := b.clients[p.client]
		if c.terms.RoundPer != PerEntry {
			continue
		}
		p.rounded = RoundSeconds(p.raised, inc(c), c.RoundMode)
		if p.billable > 0 && (p.start != p.whole[0] || p.end != p.whole[1]) {
			p.rounded = clippedShare(p, c.MinimumSeconds, inc(c), c.RoundMode)
		}
		c.RoundedSeconds += p.rounded
		if c.days != nil {
			c.days[p.day].rounded += p.rounded
		}
	}
	for _, c := range b.clients {
		if c.terms.RoundPer == PerDay {
			for _, d := range c.days {
				d.rounded = RoundSeconds(d.raised, inc(c), c.RoundMode)
				c.RoundedSeconds += d.rounded
				b.sharePieces(d.rounded, d.pieces, func(p *piece) int64 { return p.raised },
					func(p *piece, v int64) { p.rounded = v })
			}
		}
		c.AmountMinor = Amount(c.RoundedSeconds, c.RateMinor)
	}
	if b.by == ByEntry || b.by == ByTag {
		perClient := make([][]int, len(b.clients))
		for i := range b.pieces {
			perClient[b.pieces[i].client] = append(perClient[b.pieces[i].client], i)
		}
		for ci, c := range b.clients {
			b.sharePieces(c.AmountMinor, perClient[ci], func(p *piece) int64 { return p.rounded },
				func(p *piece, v int64) { p.amount = v })
		}
	}
}

// sharePieces allocates total over the given pieces by weight.
func (b *reportBuilder) sharePieces(total int64, idx []int, weight func(*piece) int64, set func(*piece, int64)) {
	if len(idx) == 0 {
		return
	}
	weights := make([]int64, len(idx))
	for k, i := range idx {
		weights[k] = weight(&b.pieces[i])
	}
	for k, share := range allocate(total, weights) {
		set(&b.pieces[idx[k]], share)
	}
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
	for _, c := range b.sortedClients() {
		r.Clients = append(r.Clients, c.ClientLine)
		r.TotalSeconds += c.Seconds
	}
	r.Totals = totals(r.Clients)
	switch b.by {
	case ByDay:
		r.Groups = b.dayGroups()
	case ByEntry:
		r.Groups = b.entryGroups()
	case ByTag:
		r.Groups = b.tagGroups()
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

func totals(lines []ClientLine) []Total {
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
		t.Seconds += l.Seconds
		t.BillableSeconds += l.BillableSeconds
		t.RoundedSeconds += l.RoundedSeconds
		t.AmountMinor += l.AmountMinor
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
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
		weights := make([]int64, len(days))
		for i, d := range days {
			weights[i] = c.days[d].rounded
		}
		amounts := allocate(c.AmountMinor, weights)
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

func (b *reportBuilder) entryGroups() []GroupLine {
	out := make([]GroupLine, 0, len(b.pieces))
	for i := range b.pieces {
		p := &b.pieces[i]
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
			Running: e.End == nil, Note: e.Note, Tags: tags, Billable: e.Billable,
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
		l.Seconds += p.end - p.start
		l.BillableSeconds += p.billable
		l.RoundedSeconds += p.rounded
		l.AmountMinor += p.amount
	}
	for i := range b.pieces {
		p := &b.pieces[i]
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
