package clients

import (
	"context"
	"errors"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/money"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
)

// ProjectStore is what projects need of the database (part of Store).
type ProjectStore interface {
	AddProject(ctx context.Context, p store.Project, now time.Time) error
	SetProjectRate(ctx context.Context, clientID int64, name string, rateMinor int64) error
	RemoveProject(ctx context.Context, clientID int64, name string) error
	Projects(ctx context.Context, clientID int64) ([]store.Project, error)
}

// Project is one of a client's projects as the front ends see it (and
// `stint project list --json` prints it). RateMinor 0: the client's rate.
type Project struct {
	Client    string `json:"client"`
	Name      string `json:"name"`
	RateMinor int64  `json:"rate_minor"`
	Rate      string `json:"rate,omitempty"` // "" when it has none of its own
	Currency  string `json:"currency"`
	Entries   int    `json:"entries"`
}

// ProjectRate reads a --rate for a project of c: a decimal in c's
// currency, bounded as a client's rate is; "" or 0 is none of its own.
func ProjectRate(c store.Client, rate string) (int64, error) {
	if rate == "" {
		return 0, nil
	}
	minor, err := money.ParseAmount(rate, money.Currency(c.Currency))
	if err != nil {
		return 0, badinput.Errorf("--rate %q: %v", rate, err)
	}
	if err := timesheet.CheckProjectRate(minor, c.Currency); err != nil {
		return 0, badinput.Errorf("--rate: %v", err)
	}
	return minor, nil
}

// AddProject adds a project to a client, with its own rate (a decimal in
// the client's currency; "" for none).
func (d *Directory) AddProject(ctx context.Context, slug, name, rate string) (Project, error) {
	c, err := d.Client(ctx, slug)
	if err != nil {
		return Project{}, err
	}
	if err := timesheet.CheckProjectName(name); err != nil {
		return Project{}, badinput.Wrap(err)
	}
	minor, err := ProjectRate(c, rate)
	if err != nil {
		return Project{}, err
	}
	err = d.db.AddProject(ctx, store.Project{ClientID: c.ID, Name: name, RateMinor: minor}, d.clock.Now())
	if errors.Is(err, store.ErrProjectExists) {
		return Project{}, badinput.Errorf("%s already has a project %q: see it with `stint project list %s`",
			c.Slug, name, c.Slug)
	}
	if err != nil {
		return Project{}, err
	}
	return projectOf(c, store.Project{Client: c.Slug, Name: name, RateMinor: minor}), nil
}

// SetProjectRate changes a project's own rate ("0": none, the client's).
func (d *Directory) SetProjectRate(ctx context.Context, slug, name, rate string) (Project, error) {
	c, err := d.Client(ctx, slug)
	if err != nil {
		return Project{}, err
	}
	minor, err := ProjectRate(c, rate)
	if err != nil {
		return Project{}, err
	}
	err = d.db.SetProjectRate(ctx, c.ID, name, minor)
	if errors.Is(err, store.ErrNotFound) {
		return Project{}, UnknownProject(c.Slug, name)
	}
	if err != nil {
		return Project{}, err
	}
	return projectOf(c, store.Project{Client: c.Slug, Name: name, RateMinor: minor}), nil
}

// RemoveProject removes a project no entry carries.
func (d *Directory) RemoveProject(ctx context.Context, slug, name string) error {
	c, err := d.Client(ctx, slug)
	if err != nil {
		return err
	}
	err = d.db.RemoveProject(ctx, c.ID, name)
	var inUse *store.ProjectInUseError
	switch {
	case errors.Is(err, store.ErrNotFound):
		return UnknownProject(c.Slug, name)
	case errors.As(err, &inUse):
		return badinput.Errorf("%s's project %q still has %s: take each out of it first, like `stint edit %d --project ''`",
			c.Slug, name, display.Count(inUse.Entries, "entry", "entries"), inUse.FirstEntry)
	}
	return err
}

// Projects lists one client's projects ("" every client's).
func (d *Directory) Projects(ctx context.Context, slug string) ([]Project, error) {
	var id int64
	if slug != "" {
		c, err := d.Client(ctx, slug)
		if err != nil {
			return nil, err
		}
		id = c.ID
	}
	rows, err := d.db.Projects(ctx, id)
	if err != nil {
		return nil, err
	}
	cs, err := d.db.Clients(ctx, true)
	if err != nil {
		return nil, err
	}
	bySlug := map[string]store.Client{}
	for _, c := range cs {
		bySlug[c.Slug] = c
	}
	out := make([]Project, 0, len(rows))
	for _, r := range rows {
		out = append(out, projectOf(bySlug[r.Client], r))
	}
	return out, nil
}

// checkProjectRates refuses a currency change that would read the client's
// projects' own rates (minor units) with another number of decimals, as
// the client's own rate is refused (profiles.ApplySpec).
func (d *Directory) checkProjectRates(ctx context.Context, c store.Client, was string) error {
	if was == c.Currency || money.Currency(was).Exponent() == money.Currency(c.Currency).Exponent() {
		return nil
	}
	ps, err := d.db.Projects(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p.RateMinor != 0 {
			return badinput.Errorf("changing currency from %s to %s changes how project %q's rate is read: set it to the client's first with `stint project rate %s %s 0`",
				was, c.Currency, p.Name, c.Slug, shell.Quote(shell.Bash, p.Name))
		}
	}
	return nil
}

// UnknownProject refuses a project the client does not have, saying how
// to add it.
func UnknownProject(slug, name string) error {
	return badinput.Errorf("%s has no project %q: add it with `stint project add %s %s`, or see `stint project list %s`",
		slug, name, slug, shell.Quote(shell.Bash, name), slug)
}

func projectOf(c store.Client, p store.Project) Project {
	out := Project{Client: c.Slug, Name: p.Name, RateMinor: p.RateMinor, Currency: c.Currency, Entries: p.Entries}
	if p.RateMinor > 0 {
		out.Rate = money.FormatAmount(p.RateMinor, money.Currency(c.Currency))
	}
	return out
}
