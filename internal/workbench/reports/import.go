package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/timesheet/formats"
	"github.com/stint-sh/stint/internal/workbench/timer"
)

// ImportRequest is `stint import FORMAT FILE`.
type ImportRequest struct {
	Format string    // timewarrior, watson, toggl or harvest
	Input  io.Reader // the file
	Client string    // --client: every interval goes to this client
	DryRun bool      // report what would happen, write nothing
	// MaxSpan is the longest interval taken (--max-span);
	// formats.DefaultMaxSpan when zero.
	MaxSpan time.Duration
}

// ImportSummary says what an import did (or, dry, would do).
type ImportSummary struct {
	Format          string              `json:"format"`
	DryRun          bool                `json:"dry_run"`
	Added           int                 `json:"added"`
	AddedSeconds    int64               `json:"added_seconds"`
	Clients         []ImportClientTotal `json:"clients"`          // added, per client
	AlreadyImported int                 `json:"already_imported"` // in the database from an earlier import
	// Updated are intervals changed in the other tool since an earlier
	// import (a Watson frame edited there): applied to their entry as an
	// edit, whose previous version `stint history ID` shows.
	Updated     []ImportProblem `json:"updated"`
	Overlapping []ImportProblem `json:"overlapping"` // skipped: they overlap an entry
	Unmapped    []ImportProblem `json:"unmapped"`    // skipped: no client named
	Skipped     []ImportProblem `json:"skipped"`     // left out by the reader (open, repeated)
	// Projects are the projects the import added to clients (Toggl's and
	// Harvest's Project column), by client then name; those that existed
	// are not.
	Projects []ImportProject `json:"projects"`
	// Notes say how the reader filled in what the file does not hold
	// (Harvest rows without start and end times), one line each.
	Notes []string `json:"notes"`
}

// ImportProject is a project an import added to a client.
type ImportProject struct {
	Client  string `json:"client"`
	Project string `json:"project"`
}

// ImportClientTotal is what an import adds to one client.
type ImportClientTotal struct {
	Client  string `json:"client"`
	Entries int    `json:"entries"`
	Seconds int64  `json:"seconds"`
}

// ImportProblem is one interval left out, with its record number in the
// file and why.
type ImportProblem struct {
	Record int    `json:"record"`
	Reason string `json:"reason"`
}

// errDryRun rolls a dry run's transaction back after it did everything.
var errDryRun = errors.New("dry run")

// Import brings another tracker's history in, in one transaction: a
// malformed file is refused whole (input error naming the record or line)
// and nothing is written. Intervals already imported (same fingerprint) are
// counted, not added twice. Intervals that overlap an existing entry, or an
// earlier interval of the same file, are skipped and listed — the rest of a
// history is still worth having, and the user can fix the few by hand.
// Intervals naming no client are listed as unmapped; --client maps them all.
// An interval ending in the future or longer than req.MaxSpan is malformed.
//
// The file is read inside the transaction and stored a chunk at a time as
// it is decoded (formats.ImportOptions.Stream), so decoding and SQLite's
// work overlap. That needs the file in start order, as `timew export` is;
// a file that is not is read again and stored in one piece.
func (rp *Reports) Import(ctx context.Context, req ImportRequest) (ImportSummary, error) {
	opts := formats.ImportOptions{Location: rp.clock.Local(), Now: rp.clock.Now(), MaxSpan: req.MaxSpan}
	if req.Client != "" {
		c, err := rp.clients.Client(ctx, req.Client)
		if err != nil {
			return emptySummary(req), err
		}
		opts.Client, opts.Location = c.Slug, rp.clients.ZoneOf(c)
	}
	resolve, err := rp.resolver(ctx)
	if err != nil {
		return emptySummary(req), err
	}
	opts.Resolve = resolve
	if opts.Zone, err = rp.zones(ctx); err != nil {
		return emptySummary(req), err
	}
	data, err := formats.ReadAll(req.Input)
	if err != nil {
		return emptySummary(req), badinput.Errorf("cannot read the file: %w", err)
	}
	// An import's intervals live until it ends; collecting garbage at the
	// default pace spent a sixth of a 100k import re-scanning them.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	sum, err := rp.importOnce(ctx, req, opts, data, streamChunk)
	if errors.Is(err, errOutOfOrder) {
		sum, err = rp.importOnce(ctx, req, opts, data, 0)
	}
	return sum, err
}

// zones gives each client's zone by slug, archived ones included: a
// Harvest row's date is its client's day.
func (rp *Reports) zones(ctx context.Context) (func(string) *time.Location, error) {
	cs, err := rp.db.Clients(ctx, true)
	if err != nil {
		return nil, err
	}
	zones := make(map[string]*time.Location, len(cs))
	for _, c := range cs {
		zones[c.Slug] = rp.clients.ZoneOf(c)
	}
	return func(client string) *time.Location { return zones[client] }, nil
}

// streamChunk is how many records are stored at a time while the next are
// decoded.
const streamChunk = 8192

// errOutOfOrder ends a streamed import whose file is not in start order.
var errOutOfOrder = errors.New("the file is not in start order")

func emptySummary(req ImportRequest) ImportSummary {
	return ImportSummary{Format: req.Format, DryRun: req.DryRun, Clients: []ImportClientTotal{},
		Updated: []ImportProblem{}, Overlapping: []ImportProblem{}, Unmapped: []ImportProblem{}, Skipped: []ImportProblem{},
		Projects: []ImportProject{}, Notes: []string{}}
}

// importOnce reads data and stores its intervals in one transaction,
// chunk records at a time (0: all at once, in start order).
func (rp *Reports) importOnce(ctx context.Context, req ImportRequest, opts formats.ImportOptions, data []byte, chunk int) (ImportSummary, error) {
	sum := emptySummary(req)
	err := rp.db.ImportEntries(ctx, rp.clock.Now(), func(tx *store.ImportTx) error {
		im, err := newImporter(tx, &sum, chunk > 0)
		if err != nil {
			return err
		}
		opts.Stream, opts.StreamChunk = im.chunk, chunk
		// A buffer: the decoder reads data where it is (formats.ReadAll).
		res, err := formats.Import(req.Format, bytes.NewBuffer(data), opts)
		if im.err != nil {
			return im.err // storing failed, or the file is out of order
		}
		if err != nil {
			return badinput.Wrap(err)
		}
		if err := im.finish(); err != nil {
			return err
		}
		sum.Format = res.Format
		for _, s := range res.Skipped {
			sum.Skipped = append(sum.Skipped, ImportProblem{s.Record, s.Reason})
		}
		for _, u := range res.Unmapped {
			sum.Unmapped = append(sum.Unmapped, ImportProblem{u.Record, u.Problem})
		}
		sum.Notes = append(sum.Notes, res.Notes...)
		if req.DryRun {
			return errDryRun
		}
		return nil
	})
	switch {
	case err == nil, errors.Is(err, errDryRun):
		return sum, nil
	case badinput.Is(err), errors.Is(err, errOutOfOrder):
		return emptySummary(req), err
	}
	return emptySummary(req), fmt.Errorf("cannot import: %w", err)
}

// sourceKeys maps the stable source identity of stored imports (a Watson
// frame's "watson:ID", a Harvest API entry's "harvest:id:ID": the part of
// the fingerprint before '@') to their entry. Fingerprints without one
// (content digests) are left out.
func sourceKeys(known map[string]int64) map[string]int64 {
	keys := map[string]int64{}
	for ext, id := range known {
		if !strings.HasPrefix(ext, "watson:") && !strings.HasPrefix(ext, "harvest:id:") {
			continue
		}
		key, _, _ := strings.Cut(ext, "@")
		keys[key] = id
	}
	return keys
}

// importer stores an import's intervals, a chunk at a time in start
// order, checking each against the stored entries of its chunk's span, the
// accepted interval reaching furthest (the file is taken in start order)
// and the entries the import edited. An interval whose source identity
// (Key) was imported before in another version is applied to that entry as
// an edit.
type importer struct {
	tx           *store.ImportTx
	sum          *ImportSummary
	streamed     bool // chunks must follow each other in start order
	known        map[string]int64
	keys         map[string]int64
	batch        *store.Batch
	ids          map[string]int64
	perClient    map[string]*ImportClientTotal
	existing     timeline
	lastStart    time.Time
	lastAccepted *timesheet.Entry // points at last
	last         timesheet.Entry
	lastRecord   int
	near         []timesheet.Entry // nearby's result, reused
	edited       map[int64]bool
	editedNow    []timesheet.Entry
	projects     map[ImportProject]bool // ensured in this import
	err          error                  // the first failure, which ended the read
}

func newImporter(tx *store.ImportTx, sum *ImportSummary, streamed bool) (*importer, error) {
	known, err := tx.ExternalIDs()
	if err != nil {
		return nil, err
	}
	batch, err := tx.Batch()
	if err != nil {
		return nil, err
	}
	return &importer{tx: tx, sum: sum, streamed: streamed, known: known, keys: sourceKeys(known), batch: batch,
		ids: map[string]int64{}, perClient: map[string]*ImportClientTotal{}, edited: map[int64]bool{},
		projects: map[ImportProject]bool{}}, nil
}

// chunk stores the next entries of the file (formats.ImportOptions.Stream).
func (im *importer) chunk(in []formats.ImportedEntry) error {
	if im.err == nil {
		im.err = im.store(in)
	}
	return im.err
}

func (im *importer) store(in []formats.ImportedEntry) error {
	if len(in) == 0 {
		return nil
	}
	if byStart := func(a, b formats.ImportedEntry) int { return a.Start.Compare(b.Start) }; !slices.IsSortedFunc(in, byStart) {
		slices.SortStableFunc(in, byStart) // timew's export is sorted already
	}
	if im.streamed && in[0].Start.Before(im.lastStart) {
		return errOutOfOrder
	}
	im.lastStart = in[len(in)-1].Start
	// The stored entries around the intervals not imported before: a file
	// imported again reads none.
	var from, to time.Time
	for _, e := range in {
		if _, dup := im.known[e.ExternalID]; !dup {
			if from.IsZero() {
				from, to = e.Start, e.End
			}
			to = laterOf(to, e.End)
		}
	}
	im.existing = nil
	if !from.IsZero() {
		rows, err := im.tx.Overlapping(from, to.Add(time.Second))
		if err != nil {
			return err
		}
		im.existing = newTimeline(rows)
	}
	for _, e := range in {
		if err := im.add(e); err != nil {
			return err
		}
	}
	return nil
}

// add stores one interval, or counts or lists why not.
func (im *importer) add(e formats.ImportedEntry) error {
	sum := im.sum
	if _, dup := im.known[e.ExternalID]; dup {
		sum.AlreadyImported++
		return nil
	}
	id, ok := im.ids[e.Client]
	if !ok {
		var err error
		if id, err = im.tx.ClientID(e.Client); err != nil {
			return err
		}
		im.ids[e.Client] = id
	}
	candidate := timesheet.Entry{Client: e.Client, Start: e.Start, End: timesheet.TimePtr(e.End),
		Note: e.Note, Tags: timer.NormaliseImportedTags(e.Tags), Billable: e.Billable, Source: timesheet.SourceImport}
	if entryID, ok := im.keys[e.Key]; ok && e.Key != "" {
		return im.update(entryID, id, candidate, e, sum)
	}
	if hit := timesheet.CheckOverlap(im.nearby(candidate), candidate); hit != nil {
		sum.Overlapping = append(sum.Overlapping, ImportProblem{e.Record, im.overlapReason(*hit)})
		return nil
	}
	row := store.Entry{ClientID: id, Start: e.Start, End: candidate.End, Note: e.Note, Tags: candidate.Tags,
		Billable: e.Billable, Source: string(timesheet.SourceImport), ExternalID: e.ExternalID, Project: e.Project}
	if err := im.ensureProject(id, e.Client, e.Project); err != nil {
		return err
	}
	if err := im.batch.Add(row); err != nil {
		return err
	}
	// Its ID is not known until the batch is written; a later interval of
	// the file that overlaps it names it by its record instead.
	candidate.ID = -int64(e.Record)
	im.accepted(candidate, e.Record)
	t := im.perClient[e.Client]
	if t == nil {
		t = &ImportClientTotal{Client: e.Client}
		im.perClient[e.Client] = t
	}
	t.Entries++
	t.Seconds += e.Seconds()
	sum.Added++
	sum.AddedSeconds += e.Seconds()
	return nil
}

// ensureProject gives the client the project an interval carries, once
// per import, listing it when it is new.
func (im *importer) ensureProject(clientID int64, client, project string) error {
	k := ImportProject{Client: client, Project: project}
	if project == "" || im.projects[k] {
		return nil
	}
	added, err := im.tx.EnsureProject(clientID, project)
	if err != nil {
		return err
	}
	im.projects[k] = true
	if added {
		im.sum.Projects = append(im.sum.Projects, k)
	}
	return nil
}

// finish writes what is queued and totals the clients.
func (im *importer) finish() error {
	if err := im.batch.Flush(); err != nil {
		return err
	}
	for _, t := range im.perClient {
		im.sum.Clients = append(im.sum.Clients, *t)
	}
	sort.Slice(im.sum.Clients, func(i, j int) bool { return im.sum.Clients[i].Client < im.sum.Clients[j].Client })
	sort.Slice(im.sum.Projects, func(i, j int) bool {
		a, z := im.sum.Projects[i], im.sum.Projects[j]
		return a.Client < z.Client || a.Client == z.Client && a.Project < z.Project
	})
	return nil
}

// nearby lists the entries that may overlap c: stored ones around it (as
// they are now, when an import edited them), the last accepted interval.
// The list is valid until the next call.
func (im *importer) nearby(c timesheet.Entry) []timesheet.Entry {
	near := append(im.near[:0], im.existing.around(c)...)
	if len(im.edited) > 0 {
		near = slices.DeleteFunc(near, func(e timesheet.Entry) bool { return im.edited[e.ID] })
		near = append(near, im.editedNow...)
	}
	if im.lastAccepted != nil {
		near = append(near, *im.lastAccepted)
	}
	im.near = near
	return near
}

func (im *importer) overlapReason(hit timesheet.Entry) string {
	if hit.ID < 0 { // an interval of this file, not yet written
		return fmt.Sprintf("overlaps record %d of this file", -hit.ID)
	}
	return overlapReason(hit)
}

func (im *importer) accepted(c timesheet.Entry, record int) {
	if im.lastAccepted == nil || !c.End.Before(*im.lastAccepted.End) {
		im.last, im.lastRecord = c, record
		im.lastAccepted = &im.last
	}
}

// update applies a newer version of an imported interval to its entry, as
// an edit kept in the history; the note and billable flag given in stint
// stay. A version that would overlap another entry is listed, not applied.
func (im *importer) update(entryID, clientID int64, c timesheet.Entry, e formats.ImportedEntry, sum *ImportSummary) error {
	old, err := im.tx.Get(entryID)
	if err != nil {
		return err
	}
	prev := timer.Sheet(old)
	c.ID, c.Note, c.Billable, c.Source = old.ID, old.Note, old.Billable, timesheet.Source(old.Source)
	if prev.Start.Equal(c.Start) && prev.End != nil && prev.End.Equal(*c.End) && prev.Client == c.Client &&
		slices.Equal(prev.Tags, c.Tags) {
		// The same version, fingerprinted before frames had versions.
		sum.AlreadyImported++
		return im.tx.SetExternalID(old.ID, e.ExternalID)
	}
	if hit := timesheet.CheckOverlap(im.nearby(c), c); hit != nil {
		sum.Overlapping = append(sum.Overlapping, ImportProblem{e.Record,
			fmt.Sprintf("changed since it was imported as entry %d, but the new version %s; edit entry %d by hand", old.ID, im.overlapReason(*hit), old.ID)})
		return nil
	}
	row := old
	row.ClientID, row.Client, row.Start, row.End, row.Tags = clientID, c.Client, c.Start, c.End, c.Tags
	if err := im.tx.Update(row, "edit"); err != nil {
		return err
	}
	if err := im.tx.SetExternalID(old.ID, e.ExternalID); err != nil {
		return err
	}
	im.edited[old.ID] = true
	im.editedNow = append(im.editedNow, c)
	sum.Updated = append(sum.Updated, ImportProblem{e.Record, fmt.Sprintf("changed since it was imported: entry %d was %s, is %s (`stint history %d`)",
		old.ID, display.Span(prev.Start, prev.End, time.UTC, nil), display.Span(c.Start, c.End, time.UTC, nil), old.ID)})
	return nil
}

// overlapReason names the stored entry in the way in UTC, the zone of the
// files imported.
func overlapReason(with timesheet.Entry) string {
	return fmt.Sprintf("overlaps entry %d (%s, %s)", with.ID, with.Client, display.Span(with.Start, with.End, time.UTC, nil))
}

// timeline is stored entries sorted by start; entries of one person never
// overlap, so an interval can only meet the one starting before it and those
// starting inside it.
type timeline []timesheet.Entry

func newTimeline(rows []store.Entry) timeline {
	t := make(timeline, len(rows))
	for i, r := range rows {
		t[i] = timer.Sheet(r)
	}
	sort.SliceStable(t, func(i, j int) bool { return t[i].Start.Before(t[j].Start) })
	return t
}

// around returns the entries that may overlap e: a part of t, to read only.
func (t timeline) around(e timesheet.Entry) []timesheet.Entry {
	i := sort.Search(len(t), func(i int) bool { return !t[i].Start.Before(e.Start) })
	lo := max(0, i-1)
	for lo > 0 && t[lo-1].Start.Equal(t[lo].Start) { // empty entries share a start with another
		lo--
	}
	hi := i
	for hi < len(t) && (e.End == nil || !t[hi].Start.After(*e.End)) {
		hi++
	}
	return t[lo:hi]
}

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
