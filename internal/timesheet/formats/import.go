package formats

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ImportedEntry is one interval read from another tracker, before it becomes
// a stint entry.
type ImportedEntry struct {
	Record     int       // 1-based position of the interval in the file
	Start, End time.Time // UTC
	Client     string    // the stint client it maps to; "" when unmapped
	Note       string
	Tags       []string // the source's labels, minus the one naming the client
	Billable   bool
	Project    string // the source's project when it is not the client (Toggl, Harvest); "" none
	// ExternalID fingerprints the interval from the source's own fields only
	// (never from the mapping), so importing the same file again — with or
	// without --client — yields the same IDs and the store can skip them.
	ExternalID string
	// Key is the interval's identity in the source when the source has one
	// that outlives edits (Watson's frame id), "" otherwise. Two intervals
	// with one Key and different ExternalIDs are two versions of one
	// interval: a re-import applies the newer as an edit.
	Key string
	// Names are the source's client/project/tag names that were tried, for
	// telling the user what could not be mapped.
	Names []string
	// Problem says why an unmapped entry has no client.
	Problem string
}

// Seconds is the interval's length.
func (e ImportedEntry) Seconds() int64 { return e.End.Unix() - e.Start.Unix() }

// Skipped is an interval left out of an import, with the reason.
type Skipped struct {
	Record int
	Reason string
}

// ImportResult is what an import found. Entries are ready to store;
// Unmapped name no stint client and are reported for the user to map (with
// --client, or by naming a client like a tag); Skipped were left out.
type ImportResult struct {
	Format   string
	Entries  []ImportedEntry
	Unmapped []ImportedEntry
	Skipped  []Skipped
	// Notes say how the reader filled in what the file does not hold
	// (Harvest rows without times), one line each.
	Notes []string
}

// Resolver maps a name from another tool (a tag, a project, a client name)
// to a stint client slug.
type Resolver func(name string) (client string, ok bool)

// ImportOptions steer the mapping.
type ImportOptions struct {
	Resolve Resolver // nil resolves nothing
	// Client, when set, puts every interval on this client (--client); names
	// are then kept as tags.
	Client string
	// Location is the zone of formats whose times carry none (Toggl exports
	// wall time in the user's profile zone); UTC when nil.
	Location *time.Location
	// Zone, when set, is a stint client's own zone (nil: Location). Formats
	// whose rows are a client's day (Harvest's Date) read them in it.
	Zone func(client string) *time.Location
	// Now is the present: an interval ending after it is refused. Zero
	// checks nothing (tests of the parsers alone).
	Now time.Time
	// MaxSpan is the longest interval taken; DefaultMaxSpan when zero.
	MaxSpan time.Duration
	// Stream, when set, is handed the entries as they are read, in file
	// order: every StreamChunk records where the format reads a file in
	// pieces (Timewarrior's), so the caller can store one piece while the
	// next is decoded; all at once at the end otherwise. An error from it
	// ends the read and is returned as it is. The entries are Stream's:
	// ImportResult.Entries is then empty, and the slice handed over is
	// reused for the next ones once Stream returns.
	Stream      func([]ImportedEntry) error
	StreamChunk int
}

// DefaultMaxSpan is the longest interval an import takes unless the user
// raises it (`stint import --max-span`): a day. Longer ones are almost
// always a timer left running over a weekend, and billing them silently
// would be the worse mistake.
const DefaultMaxSpan = 24 * time.Hour

// checkInterval is the one check every format's interval passes, after it
// was read and before it is collected: it must not end before it starts,
// end in the future (work that has not ended is a running timer, not an
// entry), or last longer than MaxSpan. The caller's error names the record.
func (o ImportOptions) checkInterval(start, end time.Time) error {
	limit := o.MaxSpan
	if limit <= 0 {
		limit = DefaultMaxSpan
	}
	switch {
	case end.Before(start):
		return fmt.Errorf("it ends (%s) before it starts (%s)", end.UTC().Format(time.RFC3339), start.UTC().Format(time.RFC3339))
	case !o.Now.IsZero() && end.After(o.Now):
		return fmt.Errorf("it ends in the future (%s): import work that has ended", end.UTC().Format(time.RFC3339))
	case end.Sub(start) > limit:
		return fmt.Errorf("it lasts %s, longer than the %s an import takes: fix it in the source, or raise the bound with --max-span", hours(end.Sub(start)), hours(limit))
	}
	return nil
}

// hours shows a span as whole hours and minutes: 26h00m.
func hours(d time.Duration) string {
	d = d.Truncate(time.Minute)
	return fmt.Sprintf("%dh%02dm", int64(d/time.Hour), int64(d%time.Hour/time.Minute))
}

func (o ImportOptions) zone() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// clientZone is the zone a client's day is read in: its own (Zone), else
// Location.
func (o ImportOptions) clientZone(client string) *time.Location {
	if o.Zone != nil && client != "" {
		if loc := o.Zone(client); loc != nil {
			return loc
		}
	}
	return o.zone()
}

// Import reads a file of the named format: timewarrior, watson, toggl or
// harvest.
func Import(format string, r io.Reader, opts ImportOptions) (ImportResult, error) {
	switch format {
	case "timewarrior", "timew":
		return ImportTimewarrior(r, opts)
	case "watson":
		return ImportWatson(r, opts)
	case "toggl":
		return ImportToggl(r, opts)
	case "harvest":
		return ImportHarvest(r, opts)
	}
	return ImportResult{}, fmt.Errorf("import format %q is unknown: use timewarrior, watson, toggl or harvest", format)
}

// candidateLevels are names in decreasing priority: a name in an earlier
// level wins over later ones (Toggl's Client column over its Project over
// tags); within one level, names that point at different clients make the
// interval ambiguous.
type candidateLevels [][]string

// mapClient fills Client, Tags and Problem of e from the candidate names.
// labels are the tags the entry keeps when nothing maps.
func mapClient(e *ImportedEntry, levels candidateLevels, labels []string, opts ImportOptions) {
	for _, level := range levels {
		e.Names = append(e.Names, nonEmpty(level)...)
	}
	if opts.Client != "" {
		e.Client, e.Tags = opts.Client, labels
		return
	}
	e.Tags = labels
	if opts.Resolve == nil {
		e.Problem = "no client named"
		return
	}
	for _, level := range levels {
		var found []string
		for _, name := range nonEmpty(level) {
			if c, ok := opts.Resolve(name); ok {
				if !slices.Contains(found, c) {
					found = append(found, c)
				}
			}
		}
		switch {
		case len(found) == 1:
			e.Client = found[0]
			// A label that names the client is the client, not a tag.
			e.Tags = slices.DeleteFunc(slices.Clone(labels), func(t string) bool {
				c, ok := opts.Resolve(t)
				return ok && c == e.Client
			})
			return
		case len(found) > 1:
			e.Problem = "names more than one client: " + strings.Join(found, ", ")
			return
		}
	}
	e.Problem = "no name matches a stint client: " + strings.Join(e.Names, ", ")
}

func nonEmpty(names []string) []string {
	var out []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// collector gathers the result and skips repeats of one interval.
type collector struct {
	res    ImportResult
	seen   map[string]int // external ID -> record
	stream func([]ImportedEntry) error
}

func newCollector(format string, opts ImportOptions) *collector {
	return &collector{res: ImportResult{Format: format}, seen: map[string]int{}, stream: opts.Stream}
}

// flush hands the entries collected since the last flush to the stream,
// whose they are then: the buffer takes the next ones.
func (c *collector) flush() error {
	if c.stream == nil || len(c.res.Entries) == 0 {
		return nil
	}
	err := c.stream(c.res.Entries)
	c.res.Entries = c.res.Entries[:0]
	return err
}

// result is the whole result, the rest of the entries streamed first.
func (c *collector) result() (ImportResult, error) {
	if err := c.flush(); err != nil {
		return ImportResult{}, err
	}
	if c.stream != nil {
		c.res.Entries = nil
	}
	return c.res, nil
}

// expect sizes the result for n records: a large file's entries are
// appended without copying them over and over (streamed ones reuse the
// buffer of a chunk).
func (c *collector) expect(n int) {
	if c.stream == nil {
		c.res.Entries = make([]ImportedEntry, 0, n)
	}
	c.seen = make(map[string]int, n)
}

func (c *collector) add(e ImportedEntry) {
	if first, dup := c.seen[e.ExternalID]; dup {
		c.res.Skipped = append(c.res.Skipped, Skipped{e.Record, fmt.Sprintf("same interval as record %d", first)})
		return
	}
	c.seen[e.ExternalID] = e.Record
	if e.Client == "" {
		c.res.Unmapped = append(c.res.Unmapped, e)
		return
	}
	c.res.Entries = append(c.res.Entries, e)
}

func (c *collector) skip(record int, reason string) {
	c.res.Skipped = append(c.res.Skipped, Skipped{record, reason})
}

// fingerprint hashes the source's own fields of an interval into a stable
// ID, "<source>:<32 hex digits>".
func fingerprint(source string, start, end time.Time, fields ...string) string {
	// One hash of the fields, each ended by a zero byte (the same digest
	// as writing them to the hash one by one, without its per-write cost).
	buf := make([]byte, 0, 128)
	buf = append(append(buf, source...), 0)
	buf = append(strconv.AppendInt(buf, start.Unix(), 10), 0)
	buf = append(strconv.AppendInt(buf, end.Unix(), 10), 0)
	for _, f := range fields {
		buf = append(append(buf, f...), 0)
	}
	sum := sha256.Sum256(buf)
	return source + ":" + hex.EncodeToString(sum[:16])
}

// sortedCopy orders tags so that a reordering in the source is the same
// interval.
func sortedCopy(tags []string) string {
	s := slices.Clone(tags)
	slices.Sort(s)
	return strings.Join(s, "\x1f")
}

// lineAt is the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}
