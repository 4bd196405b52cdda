package clients

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/money"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/timesheet"
)

// ClientInfo is a client as listings show it (and as `--json` prints it).
type ClientInfo struct {
	Slug           string    `json:"slug"`
	Name           string    `json:"name"`
	Color          string    `json:"color,omitempty"`
	RateMinor      int64     `json:"rate_minor"`
	Rate           string    `json:"rate"`
	Currency       string    `json:"currency"`
	RoundMinutes   int       `json:"round_minutes"`
	RoundMode      string    `json:"round_mode"`
	RoundPer       string    `json:"round_per"`
	MinimumMinutes int       `json:"minimum_minutes"`
	Timezone       string    `json:"timezone,omitempty"`
	Production     bool      `json:"production"`
	AutoTrack      bool      `json:"auto_track"`
	Archived       bool      `json:"archived"`
	Workdir        string    `json:"workdir,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	// ReviewPending: imported content waits for `stint client allow`.
	ReviewPending bool `json:"review_pending"`
	// Budget is hours per week or month, like "20h/month"; "" for none.
	Budget string `json:"budget,omitempty"`
	// AutoSwitch: a cd into the client's directories switches the shell
	// (when the auto_switch setting is on).
	AutoSwitch bool `json:"auto_switch"`
}

func clientInfo(c store.Client) ClientInfo {
	return ClientInfo{
		Slug: c.Slug, Name: c.Name, Color: c.Color, RateMinor: c.RateMinor,
		Rate:     money.FormatAmount(c.RateMinor, money.Currency(c.Currency)),
		Currency: c.Currency, RoundMinutes: c.RoundMinutes, RoundMode: c.RoundMode, RoundPer: c.RoundPer,
		MinimumMinutes: c.MinimumMinutes, Timezone: c.Timezone, Production: c.Production,
		AutoTrack: c.AutoTrack, Archived: c.Archived, Workdir: c.Workdir,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, ReviewPending: c.ReviewPending,
		Budget: budgetText(profiles.BudgetOf(c)), AutoSwitch: c.AutoSwitch,
	}
}

// AddClient creates a client from a validated spec.
func (d *Directory) AddClient(ctx context.Context, slug string, spec profiles.ClientSpec) (ClientInfo, error) {
	if err := profiles.ValidateSlug(slug); err != nil {
		return ClientInfo{}, err
	}
	if _, err := d.db.Client(ctx, slug); err == nil {
		return ClientInfo{}, badinput.Errorf("client %q already exists: change it with `stint client edit %s`", slug, slug)
	}
	if spec.Workdir != nil {
		if err := checkWorkdir(spec.Workdir); err != nil {
			return ClientInfo{}, err
		}
	}
	c, err := profiles.ApplySpec(profiles.NewClient(slug, d.clock.Now()), spec)
	if err != nil {
		return ClientInfo{}, err
	}
	c, err = d.db.InsertClient(ctx, c)
	if err != nil {
		return ClientInfo{}, fmt.Errorf("cannot save client %s: %w", slug, err)
	}
	return clientInfo(c), nil
}

// EditClient changes a client's fields; nil spec fields stay as they are.
func (d *Directory) EditClient(ctx context.Context, slug string, spec profiles.ClientSpec) (ClientInfo, error) {
	c, err := d.Client(ctx, slug)
	if err != nil {
		return ClientInfo{}, err
	}
	if spec.Workdir != nil {
		if err := checkWorkdir(spec.Workdir); err != nil {
			return ClientInfo{}, err
		}
	}
	was := c.Currency
	c, err = profiles.ApplySpec(c, spec)
	if err != nil {
		return ClientInfo{}, err
	}
	if err := d.checkProjectRates(ctx, c, was); err != nil {
		return ClientInfo{}, err
	}
	c.UpdatedAt = d.clock.Now()
	if err := d.db.UpdateClient(ctx, c); err != nil {
		return ClientInfo{}, fmt.Errorf("cannot save client %s: %w", slug, err)
	}
	return clientInfo(c), nil
}

// checkWorkdir makes a workdir absolute (it is used from any directory
// later) and checks it exists.
func checkWorkdir(dir *string) error {
	if *dir == "" {
		return nil
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		return badinput.Errorf("workdir %q is not usable: %w", *dir, err)
	}
	*dir = abs
	info, err := os.Stat(abs)
	if err != nil || !info.IsDir() {
		return badinput.Errorf("workdir %s is not a directory: create it first or give another path", abs)
	}
	return nil
}

// Clients lists clients, archived ones only when asked.
func (d *Directory) Clients(ctx context.Context, includeArchived bool) ([]ClientInfo, error) {
	cs, err := d.db.Clients(ctx, includeArchived)
	if err != nil {
		return nil, err
	}
	out := make([]ClientInfo, 0, len(cs))
	for _, c := range cs {
		out = append(out, clientInfo(c))
	}
	return out, nil
}

// RemoveClient deletes a client and its profile. It refuses while time
// entries exist unless force is set (then they go too). Its keyring item is
// removed first: a client is never gone from SQLite while its secrets linger.
func (d *Directory) RemoveClient(ctx context.Context, slug string, force bool) error {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return err
	}
	n, err := d.db.CountEntries(ctx, p.Client.ID)
	if err != nil {
		return err
	}
	if n > 0 && !force {
		entries := display.Count(n, "time entry", "time entries")
		if p.Client.Archived {
			// Archiving is what it already is: the way on is to keep the
			// entries elsewhere, or to let them go with it.
			return badinput.Errorf("client %s is archived and has %s: keep them with `stint export --client %s -o %s-entries.csv`, then remove it and them with `stint client rm %s --force`", slug, entries, slug, slug, slug)
		}
		return badinput.Errorf("client %s has %s: archive it instead with `stint client edit %s --archive` (its entries stay for reports), or remove it and them with `stint client rm %s --force`", slug, entries, slug, slug)
	}
	if len(p.SecretNames) > 0 {
		if d.secrets == nil {
			return fmt.Errorf("client %s has secrets but no keyring is available to remove them: run `stint doctor`", slug)
		}
		if err := d.secrets.DeleteAll(slug); err != nil {
			return fmt.Errorf("cannot remove the secrets of %s from the keyring: %w", slug, err)
		}
	}
	if err := d.db.DeleteClient(ctx, p.Client.ID, force); err != nil {
		return fmt.Errorf("cannot remove client %s: %w", slug, err)
	}
	_ = os.RemoveAll(d.layout.ClientDir(slug))
	return nil
}

// budgetText is a budget as `--budget` takes it: "20h/month"; "" for none.
func budgetText(b timesheet.Budget) string {
	if b.IsZero() {
		return ""
	}
	return display.Setting(b.Hours) + "/" + string(b.Period)
}
