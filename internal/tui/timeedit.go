package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/timesheet"
	"github.com/stint-sh/stint/internal/workbench"
)

// The Time pane's entry keys: J and K move a cursor over the week's
// entries, + adds one, = edits the one under the cursor, x deletes it after
// asking. They are `stint add`, `stint edit` and `stint rm`: times are read
// by the timesheet's parser in the client's zone, and the workbench checks
// the rest (overlaps, tags, projects) as it does for the CLI. Each change
// is journalled, so u undoes it.

// entryTimeLayout is how a form shows a time it fills in: one the parser
// reads back as the same wall time in the client's zone.
const entryTimeLayout = "2006-01-02 15:04"

// clientZone is the zone slug's times are read and shown in: its own,
// else local.
func (m *Model) clientZone(slug string) *time.Location {
	if c, ok := m.clientBySlug(slug); ok && c.Timezone != "" {
		if z, err := time.LoadLocation(c.Timezone); err == nil {
			return z
		}
	}
	return m.sh.now.Location()
}

// timeSlug is the client whose Time pane the entry keys act on, or a note
// saying how to get there.
func (m *Model) timeSlug() (string, bool) {
	c, ok := m.selected()
	if !ok {
		m.note("No client selected")
		return "", false
	}
	if !m.showDetail() || m.detail.Pane() != paneTime {
		m.note("Time entries are in the Time pane: press tab until it shows")
		return "", false
	}
	return c.Slug, true
}

func (m *Model) moveEntryCursor(down bool) tea.Cmd {
	slug, ok := m.timeSlug()
	if !ok {
		return nil
	}
	step := -1
	if down {
		step = 1
	}
	m.detail.time.Move(slug, step)
	return nil
}

// entryForm is what the entry form edits, as typed.
type entryForm struct {
	from, to, note, tags, project string
	billable                      bool
}

func formOfEntry(e workbench.Entry, loc *time.Location) entryForm {
	f := entryForm{from: e.Start.In(loc).Format(entryTimeLayout), note: e.Note,
		tags: strings.Join(e.Tags, " "), project: e.Project, billable: e.Billable}
	if e.End != nil {
		f.to = e.End.In(loc).Format(entryTimeLayout)
	}
	return f
}

// tagList splits the tags as typed, by spaces or commas.
func tagList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

// openEntryForm adds an entry to the selected client, or edits the one
// under the Time pane's cursor.
func (m *Model) openEntryForm(editing bool) tea.Cmd {
	slug, ok := m.timeSlug()
	if !ok {
		return nil
	}
	if !editing {
		return m.entryFormOn(slug, nil, entryForm{billable: true})
	}
	orig, ok := m.detail.time.Selected(slug)
	if !ok {
		m.note("No entry this week: + adds one")
		return nil
	}
	return m.entryFormOn(slug, &orig, formOfEntry(orig, m.clientZone(slug)))
}

// entryFormOn opens the entry form on slug, starting from start: it adds
// an entry when target is nil, else it edits target. The Time pane and the
// week view's day open it alike, so both read times, check them and save
// the same way.
func (m *Model) entryFormOn(slug string, target *workbench.Entry, start entryForm) tea.Cmd {
	loc := m.clientZone(slug)
	editing := target != nil
	var orig workbench.Entry
	if editing {
		orig = *target
	}
	f := &start
	base := *f
	parse := func(name, s string, need bool) (time.Time, error) {
		if strings.TrimSpace(s) == "" {
			if need {
				return time.Time{}, badinput.Errorf("%s: give a time such as 09:00, -20m or 2026-11-25 17:30", name)
			}
			return time.Time{}, nil
		}
		t, err := timesheet.ParseTime(s, m.sh.now, loc)
		if err != nil {
			return time.Time{}, badinput.Errorf("%s: %w", name, err)
		}
		return t, nil
	}
	running := editing && orig.Running()
	times := func() (from, to time.Time, field int, err error) {
		if from, err = parse("From", f.from, true); err != nil {
			return from, to, 0, err
		}
		if to, err = parse("To", f.to, !running); err != nil {
			return from, to, 1, err
		}
		if !to.IsZero() && !to.After(from) {
			return from, to, 1, badinput.Errorf("To (%s) is not after From (%s): give a later end",
				display.Clock(to, loc, m.sh.now.Location()), display.Clock(from, loc, m.sh.now.Location()))
		}
		return from, to, 0, nil
	}
	fields := func() []huh.Field {
		toHint := "17:30, -20m or 2026-11-25 17:30"
		if running {
			toHint = "empty keeps the timer running"
		}
		return []huh.Field{
			huh.NewInput().Title("From").Description("09:00, yesterday 14:00, -2h or 2026-11-25 09:00").
				Placeholder("e.g. 09:00").Value(&f.from).
				Validate(func(s string) error { _, err := parse("From", s, true); return err }),
			huh.NewInput().Title("To").Description(toHint).Placeholder("e.g. 17:30").Value(&f.to).
				Validate(func(s string) error { _, err := parse("To", s, !running); return err }),
			huh.NewInput().Title("Note").Value(&f.note),
			huh.NewInput().Title("Tags").Description("separated by spaces").Value(&f.tags),
			huh.NewConfirm().Title("Billable").Affirmative("Yes").Negative("No").Value(&f.billable),
			huh.NewInput().Title("Project").Description("one of the client's projects; empty for none").Value(&f.project),
		}
	}
	submit := func() tea.Cmd {
		from, to, _, _ := times()
		if !editing {
			return m.sh.fx.addEntry(workbench.NewEntry{Client: slug, From: from, To: to, Note: strings.TrimSpace(f.note),
				Tags: tagList(f.tags), NonBillable: !f.billable, Project: strings.TrimSpace(f.project)})
		}
		var ch workbench.EntryChange
		if f.from != base.from {
			ch.From = &from
		}
		if f.to != base.to && !to.IsZero() {
			ch.To = &to
		}
		if f.note != base.note {
			note := strings.TrimSpace(f.note)
			ch.Note = &note
		}
		if tags := tagList(f.tags); !slices.Equal(tags, tagList(base.tags)) {
			ch.Tags = &tags
		}
		if f.billable != base.billable {
			ch.Billable = &f.billable
		}
		if f.project != base.project {
			project := strings.TrimSpace(f.project)
			ch.Project = &project
		}
		if ch.IsZero() {
			return func() tea.Msg { return doneMsg{text: "Nothing changed", neutral: true} }
		}
		return m.sh.fx.editEntry(orig.ID, ch)
	}
	title := "Add time to " + slug
	if editing {
		title = fmt.Sprintf("Edit %s's entry #%d", slug, orig.ID)
	}
	return m.openForm(&formSpec{
		title: title, fields: fields,
		check: func() (int, error) { _, _, field, err := times(); return field, err },
		focus: func(err error) int {
			if strings.Contains(err.Error(), "tag") {
				return 3
			}
			if strings.Contains(err.Error(), "project") {
				return 5
			}
			return 0
		},
		submit: submit,
	})
}

// askDeleteEntry deletes the entry under the Time pane's cursor once
// confirmed.
func (m *Model) askDeleteEntry() tea.Cmd {
	slug, ok := m.timeSlug()
	if !ok {
		return nil
	}
	e, ok := m.detail.time.Selected(slug)
	if !ok {
		m.note("No entry this week: + adds one")
		return nil
	}
	m.confirmDeleteEntry(slug, e)
	return nil
}

// confirmDeleteEntry asks before deleting slug's entry e, wherever it was
// picked: the Time pane or the week view's day.
func (m *Model) confirmDeleteEntry(slug string, e workbench.Entry) {
	loc := m.clientZone(slug)
	m.dialog.Confirm(fmt.Sprintf("Delete %s's entry #%d, %s %s (%s)? u undoes it.", slug, e.ID,
		e.Start.In(loc).Format("Mon"), display.ClockSpan(e.Start, e.End, loc), display.HM(e.Seconds)),
		m.sh.fx.removeEntry(e.ID))
}

func (e effects) addEntry(n workbench.NewEntry) tea.Cmd {
	return func() tea.Msg {
		added, err := e.b.AddEntry(e.ctx, n)
		if err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: fmt.Sprintf("Added entry #%d to %s, %s", added.ID, added.Client, display.HM(added.Seconds)),
			reload: reloadStatus, slug: added.Client}
	}
}

func (e effects) editEntry(id int64, ch workbench.EntryChange) tea.Cmd {
	return func() tea.Msg {
		edited, err := e.b.EditEntry(e.ctx, id, ch)
		if err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: fmt.Sprintf("Edited entry #%d, now %s", edited.ID, display.HM(edited.Seconds)),
			reload: reloadStatus, slug: edited.Client}
	}
}

func (e effects) removeEntry(id int64) tea.Cmd {
	return func() tea.Msg {
		removed, err := e.b.RemoveEntry(e.ctx, id)
		if err != nil {
			return doneMsg{err: err}
		}
		return doneMsg{text: fmt.Sprintf("Deleted entry #%d of %s: u undoes it", removed.ID, removed.Client),
			reload: reloadStatus, slug: removed.Client}
	}
}
