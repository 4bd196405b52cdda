package workbench

import (
	"context"
	"github.com/stint-sh/stint/internal/timesheet/annex"
	"io"
	"time"

	"github.com/stint-sh/stint/internal/timesheet"
)

// Time: the timer, reports and the settings.

// Status is the running timer, whether it looks forgotten, and today's time per client.
func (w *Workbench) Status(ctx context.Context) (Status, error) {
	return w.timer.Status(ctx)
}

// Start starts slug's timer at at (zero: now), stopping the running one.
func (w *Workbench) Start(ctx context.Context, slug string, at time.Time, note string) (started Entry, stopped *Entry, err error) {
	return w.timer.Start(ctx, slug, at, note)
}

// StartProject is Start with the new entry in one of the client's projects.
func (w *Workbench) StartProject(ctx context.Context, slug, project string, at time.Time, note string) (started Entry, stopped *Entry, err error) {
	return w.timer.StartProject(ctx, slug, project, at, note)
}

// AddProject adds a project to a client, with a rate of its own ("" none).
func (w *Workbench) AddProject(ctx context.Context, slug, name, rate string) (Project, error) {
	return w.clients.AddProject(ctx, slug, name, rate)
}

// SetProjectRate changes a project's own rate ("0" none).
func (w *Workbench) SetProjectRate(ctx context.Context, slug, name, rate string) (Project, error) {
	return w.clients.SetProjectRate(ctx, slug, name, rate)
}

// RemoveProject removes a project no entry carries.
func (w *Workbench) RemoveProject(ctx context.Context, slug, name string) error {
	return w.clients.RemoveProject(ctx, slug, name)
}

// Projects lists a client's projects ("" every client's).
func (w *Workbench) Projects(ctx context.Context, slug string) ([]Project, error) {
	return w.clients.Projects(ctx, slug)
}

// StartFromSwitch is a shell switch's start, under the switch rules.
func (w *Workbench) StartFromSwitch(ctx context.Context, slug string, at time.Time) (started *Entry, stopped *Entry, err error) {
	return w.timer.StartFromSwitch(ctx, slug, at)
}

// StopFromSwitch is `stint off`'s stop of the running timer, under the switch rules.
func (w *Workbench) StopFromSwitch(ctx context.Context, at time.Time) (*Entry, error) {
	return w.timer.StopFromSwitch(ctx, at)
}

// Stop stops the running timer at at (zero: now).
func (w *Workbench) Stop(ctx context.Context, at time.Time, note string) (Entry, error) {
	return w.timer.Stop(ctx, at, note)
}

// Cancel discards the running timer (kept in the history; undo brings it back).
func (w *Workbench) Cancel(ctx context.Context) (Entry, error) {
	return w.timer.Cancel(ctx)
}

// Continue starts a new entry like slug's last one ("" for any client's).
func (w *Workbench) Continue(ctx context.Context, slug string, at time.Time) (started Entry, stopped *Entry, from Entry, err error) {
	return w.timer.Continue(ctx, slug, at)
}

// LastEntry is the entry that started last, of slug ("" for any client); nil: none.
func (w *Workbench) LastEntry(ctx context.Context, slug string) (*Entry, error) {
	return w.timer.LastEntry(ctx, slug)
}

// Undo reverts the latest time change not yet undone.
func (w *Workbench) Undo(ctx context.Context) (Undone, error) {
	return w.timer.Undo(ctx)
}

// Entries lists the entries overlapping [from, to) of one client ("" for all).
func (w *Workbench) Entries(ctx context.Context, from, to time.Time, client string) ([]Entry, error) {
	return w.timer.Entries(ctx, from, to, client)
}

// Entry reads one entry by ID.
func (w *Workbench) Entry(ctx context.Context, id int64) (Entry, error) {
	return w.timer.Entry(ctx, id)
}

// AddEntry adds a finished entry; one that would overlap another is refused.
func (w *Workbench) AddEntry(ctx context.Context, n NewEntry) (Entry, error) {
	return w.timer.AddEntry(ctx, n)
}

// EditEntry changes an entry, keeping its previous version in the history.
func (w *Workbench) EditEntry(ctx context.Context, id int64, ch EntryChange) (Entry, error) {
	return w.timer.EditEntry(ctx, id, ch)
}

// RemoveEntry deletes an entry (its last version stays in the history).
func (w *Workbench) RemoveEntry(ctx context.Context, id int64) (Entry, error) {
	return w.timer.RemoveEntry(ctx, id)
}

// EntryHistory is an entry's earlier versions and the entry as it is now.
func (w *Workbench) EntryHistory(ctx context.Context, id int64) (current *Entry, versions []EntryVersion, err error) {
	return w.timer.EntryHistory(ctx, id)
}

// ParseTime reads a --at/--from/--to value in client's zone ("" for local).
func (w *Workbench) ParseTime(ctx context.Context, s, client string) (time.Time, error) {
	return w.timer.ParseTime(ctx, s, client)
}

// ResolveRange turns a command's range flags into a half-open [from, to).
func (w *Workbench) ResolveRange(ctx context.Context, r RangeRequest) (from, to time.Time, err error) {
	return w.reports.ResolveRange(ctx, r)
}

// Report totals a range per client with the asked breakdown.
func (w *Workbench) Report(ctx context.Context, req ReportRequest) (timesheet.Report, error) {
	return w.reports.Report(ctx, req)
}

// Week is the grid of the week containing day, in day's zone.
func (w *Workbench) Week(ctx context.Context, day time.Time) (WeekGrid, error) {
	return w.reports.Week(ctx, day)
}

// Export writes the entries of a range in the asked format.
func (w *Workbench) Export(ctx context.Context, req ExportRequest, out io.Writer) (ExportSummary, error) {
	return w.reports.Export(ctx, req, out)
}

// Annex gathers the audit annex of one client's range (`stint report
// --format md|html`).
func (w *Workbench) Annex(ctx context.Context, req AnnexRequest) (annex.Annex, error) {
	return w.reports.Annex(ctx, req)
}

// Import brings another tracker's history in, in one transaction.
func (w *Workbench) Import(ctx context.Context, req ImportRequest) (ImportSummary, error) {
	return w.reports.Import(ctx, req)
}

// Config reads one setting, or its default.
func (w *Workbench) Config(ctx context.Context, key string) (ConfigItem, error) {
	return w.settings.Get(ctx, key)
}

// ConfigAll reads every setting.
func (w *Workbench) ConfigAll(ctx context.Context) ([]ConfigItem, error) {
	return w.settings.All(ctx)
}

// SetConfig validates and stores a setting; "" restores the default.
func (w *Workbench) SetConfig(ctx context.Context, key, value string) (ConfigItem, error) {
	return w.settings.Set(ctx, key, value)
}
