package workbench

import (
	"context"
	"time"

	"github.com/stint-sh/stint/internal/handoff"
)

// Notes, handover, repositories and the self-check.

// Runbook is a client's runbook, "" when it has none yet.
func (w *Workbench) Runbook(ctx context.Context, slug string) (string, error) {
	return w.notes.Runbook(ctx, slug)
}

// SetRunbook replaces a client's runbook; an empty body removes it.
func (w *Workbench) SetRunbook(ctx context.Context, slug, body string) error {
	return w.notes.SetRunbook(ctx, slug, body)
}

// AddNote appends a dated line to a client's log.
func (w *Workbench) AddNote(ctx context.Context, slug, text string) (Note, error) {
	return w.notes.AddNote(ctx, slug, text)
}

// Notes lists a client's log, newest first; limit <= 0 means all.
func (w *Workbench) Notes(ctx context.Context, slug string, limit int) ([]Note, error) {
	return w.notes.Notes(ctx, slug, limit)
}

// SearchNotes searches every client's runbook and log, best match first.
func (w *Workbench) SearchNotes(ctx context.Context, query string, limit int) ([]NoteHit, error) {
	return w.notes.SearchNotes(ctx, query, limit)
}

// BeginRunbookEdit writes a client's runbook to a private file for an editor.
func (w *Workbench) BeginRunbookEdit(ctx context.Context, slug string) (RunbookEdit, error) {
	return w.notes.BeginRunbookEdit(ctx, slug)
}

// FinishRunbookEdit saves the edited file when it changed and removes it.
func (w *Workbench) FinishRunbookEdit(ctx context.Context, e RunbookEdit) (changed bool, err error) {
	return w.notes.FinishRunbookEdit(ctx, e)
}

// Handoff gathers what the next engineer needs about a client.
func (w *Workbench) Handoff(ctx context.Context, slug string) (handoff.Document, error) {
	return w.handover.Handoff(ctx, slug)
}

// ImportBundle turns a handoff bundle into a ready client, in one transaction.
func (w *Workbench) ImportBundle(ctx context.Context, data []byte, opts ImportOptions) (ImportResult, error) {
	return w.handover.ImportBundle(ctx, data, opts)
}

// OffboardPreview says what Offboard would remove, changing nothing.
func (w *Workbench) OffboardPreview(ctx context.Context, slug string) (Offboarding, error) {
	return w.handover.OffboardPreview(ctx, slug)
}

// Offboard removes a client's secrets, tool homes and session kubeconfigs and archives it.
func (w *Workbench) Offboard(ctx context.Context, slug string) (Offboarding, error) {
	return w.handover.Offboard(ctx, slug)
}

// AccessLog is a client's access log from since on (zero: all of it).
func (w *Workbench) AccessLog(ctx context.Context, slug string, since time.Time) (AccessReport, error) {
	return w.handover.AccessLog(ctx, slug, since)
}

// DiscoverRepos binds every git repository below dir to a client.
func (w *Workbench) DiscoverRepos(ctx context.Context, slug, dir string) (repos []RepoInfo, credentialsRemoved []string, err error) {
	return w.repos.DiscoverRepos(ctx, slug, dir)
}

// RepoStatus is the state of each of a client's repositories.
func (w *Workbench) RepoStatus(ctx context.Context, slug string) ([]RepoStatus, error) {
	return w.repos.RepoStatus(ctx, slug)
}

// CloneRepos clones a client's missing repositories in its environment.
func (w *Workbench) CloneRepos(ctx context.Context, slug string, environ []string) ([]CloneResult, error) {
	return w.repos.CloneRepos(ctx, slug, environ)
}

// Doctor checks what stint relies on, one line each, with the fix for what fails.
func (w *Workbench) Doctor(ctx context.Context, env DoctorEnv) []Check {
	return w.doctor.Run(ctx, env)
}
