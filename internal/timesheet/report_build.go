package timesheet

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// Attribution is the one rule every report, export and view uses for an
// entry that crosses a day's or a range's edge: the entry belongs, whole, to
// the local day (client's zone) and to the range its start falls in — as
// Harvest, Toggl and Clockify attribute entries. It is billed once, in one
// piece, so adjacent reports can never bill it twice, and a report lists the
// same entries an export of the same range writes.
//
// Per-day rounding rounds a whole local day once. When a range edge cuts a
// day (a report from noon, or a month in the local zone for a client in
// another zone), the day is still rounded whole and its rounded seconds are
// shared out over its entries by largest remainder; each range bills the
// shares of the entries it holds. Any split of a range into adjacent ranges
// therefore bills exactly the same seconds in total, and amounts within one
// minor unit per piece (each piece rounds its amount once).
//
// To round a cut day whole the report needs every entry of that day, also
// those outside the range: callers pass the entries of [From − DayPadding,
// To + DayPadding).
const Attribution = "an entry belongs, whole, to the day and the range its start falls in"

// DayPadding is how far beyond a report's range the entries passed to
// BuildReport must reach, so that every local day the range touches is
// complete in every zone (a local day lasts at most 26 hours).
const DayPadding = 48 * time.Hour

// ErrTooLarge is returned when a report's figures would not fit in 64 bits:
// no sum is ever wrapped or saturated into a wrong number.
var ErrTooLarge = errors.New("the report's totals are too large to compute exactly: narrow the range (--from/--to) or check for entries spanning years")

// BuildReport totals the entries that start in [From, To) per client, with
// the breakdown opts.By asks for. Entries of clients missing from terms are
// reported with zero terms (no rate, no rounding). Entries outside the range
// only complete the local days of per-day rounding (see Attribution). It
// runs in O(n log n) and allocates per client and per day beyond one slice of
// pieces.
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
	r := b.report()
	if b.overflow {
		return Report{}, ErrTooLarge
	}
	return r, nil
}

// piece is one entry as the report bills it: whole, from its start to its
// end (now, while running). Context pieces lie outside the range and only
// complete a per-day client's day.
type piece struct {
	entry      int   // index into the entries
	client     int   // index into the builder's clients
	day        int32 // local date as yyyymmdd, when days matter
	group      int32 // index into its client's rate groups (beside day: no padding)
	start, end int64 // Unix seconds
	context    bool  // outside the range: counts only towards its day's rounding
	billable   int64 // seconds if billable, else 0
	raised     int64 // billable raised to the minimum per entry
	rounded    int64 // this piece's rounded seconds (its share of the day's, per day)
	amount     int64 // this piece's share of the amount (entry, tag and project views)
}

type clientAcc struct {
	ClientLine
	terms  Terms
	loc    *time.Location
	days   map[int32]*dayAcc // per-day terms or the day view only
	groups []rateGroup       // the rates its pieces bill at; [0] is the client's own
}

// rateGroup is the time of one client billed at one rate: the client's own
// (project "") or a project's with a rate of its own. Its amount is
// computed from its rounded seconds once, as a client's is without projects.
type rateGroup struct {
	project string
	rate    int64
	rounded int64 // of its pieces inside the range
	amount  int64
}

type dayAcc struct {
	line    Line
	raised  int64 // of every piece of the day, context ones too
	rounded int64 // of the day's pieces inside the range
	pieces  []int // per-day terms: every piece of the day, context ones too
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
	overflow      bool // some sum did not fit: the report is refused
}

func newReportBuilder(entries []Entry, terms map[string]Terms, opts ReportOptions, by GroupBy) *reportBuilder {
	return &reportBuilder{
		entries: entries, terms: terms, opts: opts, by: by,
		from: opts.From.Unix(), to: opts.To.Unix(), now: opts.Now.Unix(),
		clientIndex: make(map[string]int),
	}
}

// add adds v to *dst, or marks the report as too large when the sum would
// not fit.
func (b *reportBuilder) add(dst *int64, v int64) {
	s, ok := addInt64(*dst, v)
	if !ok {
		b.overflow = true
	}
	*dst = s
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
	c.Client, c.Currency, c.RateMinor = slug, t.Currency, t.RateOf("")
	if !t.BillsMoney() {
		// No rate is no rate: no currency to total it in, no amount.
		c.Currency = ""
	}
	c.groups = []rateGroup{{rate: c.RateMinor}}
	c.RoundIncrementSeconds = int64(t.RoundIncrement / time.Second)
	c.RoundMode, c.RoundPer = t.RoundMode, t.RoundPer
	c.MinimumSeconds = int64(t.MinimumPerEntry / time.Second)
	c.Zone = loc.String()
	b.clients = append(b.clients, c)
	b.clientIndex[slug] = len(b.clients) - 1
	return len(b.clients) - 1
}

// span is an entry's start and end in Unix seconds, a running entry ending
// now and an entry ending before its start (a clock change) being empty.
func (b *reportBuilder) span(e *Entry) (start, end int64) {
	start, end = e.Start.Unix(), b.now
	if e.End != nil {
		end = e.End.Unix()
	}
	return start, max(end, start)
}

// collect makes a piece of every entry that starts in the range and sums the
// raw figures, then adds the context pieces that complete per-day clients'
// days.
func (b *reportBuilder) collect() {
	limit := b.opts.ForgottenAfter
	for i := range b.entries {
		e := &b.entries[i]
		start, end := b.span(e)
		if e.End == nil && start < b.to && Forgotten(*e, b.opts.Now, limit) {
			b.forgotten = append(b.forgotten, ForgottenTimer{
				ID: e.ID, Client: e.Client, Start: e.Start, Seconds: e.Seconds(b.opts.Now)})
		}
		if start < b.from || start >= b.to {
			continue
		}
		ci := b.client(e.Client)
		c := b.clients[ci]
		p := b.newPiece(i, ci, start, end)
		c.Entries++
		b.add(&c.Seconds, p.end-p.start)
		b.add(&c.BillableSeconds, p.billable)
		if b.needDays(c) {
			p.day = localDay(p.start, c.loc)
			d := c.day(p.day)
			d.line.Entries++
			b.add(&d.line.Seconds, p.end-p.start)
			b.add(&d.line.BillableSeconds, p.billable)
			b.add(&d.raised, p.raised)
			if c.terms.RoundPer == PerDay {
				d.pieces = append(d.pieces, len(b.pieces))
			}
		}
		b.pieces = append(b.pieces, p)
	}
	b.collectContext()
}

// collectContext adds the entries outside the range that share a local day
// with a per-day client's entries inside it.
func (b *reportBuilder) collectContext() {
	perDay := false
	for _, c := range b.clients {
		perDay = perDay || c.terms.RoundPer == PerDay
	}
	if !perDay {
		return
	}
	pad := int64(DayPadding / time.Second)
	for i := range b.entries {
		e := &b.entries[i]
		start, end := b.span(e)
		if (start >= b.from && start < b.to) || start < b.from-pad || start >= b.to+pad {
			continue // in range, or too far to share a day with it
		}
		ci, ok := b.clientIndex[e.Client]
		if !ok || b.clients[ci].terms.RoundPer != PerDay {
			continue
		}
		c := b.clients[ci]
		day := localDay(start, c.loc)
		d := c.days[day]
		if d == nil {
			continue
		}
		p := b.newPiece(i, ci, start, end)
		p.day, p.context = day, true
		b.add(&d.raised, p.raised)
		d.pieces = append(d.pieces, len(b.pieces))
		b.pieces = append(b.pieces, p)
	}
}

func (b *reportBuilder) newPiece(entry, client int, start, end int64) piece {
	p := piece{entry: entry, client: client, start: start, end: end}
	p.group = int32(b.clients[client].group(b.entries[entry].Project))
	if _, ok := subInt64(end, start); !ok {
		b.overflow = true
		p.end = start
	}
	if b.entries[entry].Billable {
		p.billable = p.end - p.start
		p.raised = raiseToMinimum(p.billable, b.clients[client].MinimumSeconds)
	}
	return p
}

func localDay(unix int64, loc *time.Location) int32 {
	y, m, d := time.Unix(unix, 0).In(loc).Date()
	return int32(y*10000 + int(m)*100 + d)
}

func dayKey(day int32) string {
	return fmt.Sprintf("%04d-%02d-%02d", day/10000, day/100%100, day%100)
}

// group is the index of the rate group an entry of project bills in.
func (c *clientAcc) group(project string) int {
	if project == "" || c.terms.ProjectRates[project] <= 0 || c.terms.Currency == "" {
		return 0 // billed at the client's rate
	}
	for i, g := range c.groups {
		if g.project == project {
			return i
		}
	}
	c.groups = append(c.groups, rateGroup{project: project, rate: c.terms.RateOf(project)})
	return len(c.groups) - 1
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
	for i := range b.pieces {
		p := &b.pieces[i]
		c := b.clients[p.client]
		if c.terms.RoundPer != PerEntry || p.context {
			continue
		}
		r, ok := roundSecondsChecked(p.raised, c.RoundIncrementSeconds, c.RoundMode)
		b.overflow = b.overflow || !ok
		p.rounded = r
		b.add(&c.RoundedSeconds, p.rounded)
		if c.days != nil {
			b.add(&c.days[p.day].rounded, p.rounded)
		}
	}
	for _, c := range b.clients {
		if c.terms.RoundPer == PerDay {
			for _, d := range sortedDays(c.days) {
				b.billDay(c, c.days[d])
			}
		}
	}
	// Each rate group's amount from its rounded seconds, once; a client's
	// amount is the sum of its groups' (its one group's, without project
	// rates: the amount of its rounded seconds, as ever).
	for i := range b.pieces {
		if p := &b.pieces[i]; !p.context {
			b.add(&b.clients[p.client].groups[p.group].rounded, p.rounded)
		}
	}
	for _, c := range b.clients {
		for g := range c.groups {
			amount, ok := Amount(c.groups[g].rounded, c.groups[g].rate)
			b.overflow = b.overflow || !ok
			c.groups[g].amount = amount
			b.add(&c.AmountMinor, amount)
		}
	}
	if b.by == ByEntry || b.by == ByTag || b.by == ByProject {
		groupPieces := b.groupPieces()
		for ci, c := range b.clients {
			for g := range c.groups {
				b.sharePieces(c.groups[g].amount, groupPieces[ci][g], func(p *piece) int64 { return p.rounded },
					func(p *piece, v int64) { p.amount = v })
			}
		}
	}
}

// groupPieces lists the pieces inside the range per client and rate group,
// in piece order.
func (b *reportBuilder) groupPieces() [][][]int {
	out := make([][][]int, len(b.clients))
	for ci, c := range b.clients {
		out[ci] = make([][]int, len(c.groups))
	}
	for i := range b.pieces {
		if p := &b.pieces[i]; !p.context {
			out[p.client][p.group] = append(out[p.client][p.group], i)
		}
	}
	return out
}

// billDay rounds a whole local day once and shares the result out over all
// its pieces, in the order of their start (then ID), so a piece's share is
// the same whichever range the report covers.
func (b *reportBuilder) billDay(c *clientAcc, d *dayAcc) {
	total, ok := roundSecondsChecked(d.raised, c.RoundIncrementSeconds, c.RoundMode)
	b.overflow = b.overflow || !ok
	sort.Slice(d.pieces, func(i, j int) bool {
		p, q := &b.pieces[d.pieces[i]], &b.pieces[d.pieces[j]]
		if p.start != q.start {
			return p.start < q.start
		}
		return b.entries[p.entry].ID < b.entries[q.entry].ID
	})
	b.sharePieces(total, d.pieces, func(p *piece) int64 { return p.raised },
		func(p *piece, v int64) { p.rounded = v })
	for _, i := range d.pieces {
		if p := &b.pieces[i]; !p.context {
			b.add(&d.rounded, p.rounded)
		}
	}
	b.add(&c.RoundedSeconds, d.rounded)
}

func sortedDays(days map[int32]*dayAcc) []int32 {
	out := make([]int32, 0, len(days))
	for d := range days {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
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
