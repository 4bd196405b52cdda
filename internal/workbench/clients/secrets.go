package clients

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/shell"
	"github.com/stint-sh/stint/internal/store"
)

// ErrNoKeyring means stint runs without access to an OS keyring.
var ErrNoKeyring = errors.New("no OS keyring is available to stint: run `stint doctor` to see why")

// SetSecret stores a secret variable in the keyring and records its name and
// size (never its value) in the database.
func (d *Directory) SetSecret(ctx context.Context, slug, key, value string) error {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return err
	}
	if err := profiles.ValidateEnvName(key); err != nil {
		return err
	}
	for _, v := range p.Vars {
		if v.Name == key {
			return badinput.Errorf("%s is a plain variable of %s: remove it first with `stint unset %s %s`", key, slug, slug, key)
		}
	}
	if value == "" {
		return badinput.Errorf("the value of %s is empty, so nothing was stored: run `stint secret set %s %s` on a terminal, which asks for it without echo", key, slug, key)
	}
	if strings.ContainsRune(value, 0) {
		return badinput.Errorf("the value of %s contains a NUL byte, which no environment can hold", key)
	}
	if err := shell.CheckValueSize(key, value); err != nil {
		return badinput.Wrap(err)
	}
	if d.secrets == nil {
		return ErrNoKeyring
	}
	// Marked before the keyring is touched: a run killed between the
	// keyring write and the database write leaves this mark, and the next
	// run removes what the keyring got (CleanInterruptedSecrets).
	if err := d.db.BeginSecretSet(ctx, p.Client.ID, key, os.Getpid(), d.clock.Now()); err != nil {
		return fmt.Errorf("cannot store %s of %s: %w", key, slug, err)
	}
	var prior string
	var hadPrior bool
	err = d.secrets.Update(slug, func(m map[string]string) error {
		prior, hadPrior = m[key]
		m[key] = value
		return nil
	})
	if err != nil {
		_ = d.db.DropPendingSecret(ctx, p.Client.ID, key)
		return fmt.Errorf("cannot store %s of %s in the keyring: %w", key, slug, err)
	}
	if err := d.db.FinishSecretSet(ctx, p.Client.ID, key, len(value), d.clock.Now()); err != nil {
		// Keep the two in step: put back what the keyring held before, so a
		// failed set changes nothing (and never loses the old value).
		_ = d.secrets.Update(slug, func(m map[string]string) error {
			if hadPrior {
				m[key] = prior
			} else {
				delete(m, key)
			}
			return nil
		})
		_ = d.db.DropPendingSecret(ctx, p.Client.ID, key)
		return fmt.Errorf("cannot record secret %s of %s: %w — the keyring keeps its previous value; try again", key, slug, err)
	}
	return nil
}

// staleSecretSet: a pending mark this old is an interrupted set even if its
// process id has been reused since.
const staleSecretSet = time.Hour

// CleanInterruptedSecrets finishes what interrupted `secret set` runs left:
// for each pending mark whose process is gone, a value the keyring holds
// under a name the database does not list (a new secret whose set was
// killed before it was recorded) is removed from the keyring; a name the
// database lists keeps the keyring's value. It returns "CLIENT NAME" of
// each value removed. Without pending marks it costs one query and never
// touches the keyring; marks it cannot clear (no keyring now) stay for the
// next run.
func (d *Directory) CleanInterruptedSecrets(ctx context.Context) ([]string, error) {
	pending, err := d.db.PendingSecrets(ctx)
	if err != nil || len(pending) == 0 {
		return nil, err
	}
	var removed []string
	for _, p := range pending {
		if processAlive(p.PID) && d.clock.Now().Sub(p.Started) < staleSecretSet {
			continue // still running
		}
		if !p.Known {
			if d.secrets == nil {
				continue
			}
			had := false
			err := d.secrets.Update(p.Client, func(m map[string]string) error {
				_, had = m[p.Name]
				delete(m, p.Name)
				return nil
			})
			if err != nil {
				continue
			}
			if had {
				removed = append(removed, p.Client+" "+p.Name)
			}
		}
		if err := d.db.DropPendingSecret(ctx, p.ClientID, p.Name); err != nil {
			return removed, err
		}
	}
	return removed, nil
}

// Secrets lists a client's secret names and sizes; no keyring needed.
func (d *Directory) Secrets(ctx context.Context, slug string) ([]SecretInfo, error) {
	p, err := d.Profile(ctx, slug)
	if err != nil {
		return nil, err
	}
	return p.Secrets, nil
}

// RemoveSecret deletes a secret from the keyring and forgets its name.
func (d *Directory) RemoveSecret(ctx context.Context, slug, key string) error {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return err
	}
	found := false
	for _, s := range p.SecretNames {
		found = found || s.Name == key
	}
	if !found {
		return badinput.Errorf("%s has no secret named %s: see `stint secret list %s`", slug, key, slug)
	}
	if d.secrets == nil {
		return ErrNoKeyring
	}
	err = d.secrets.Update(slug, func(m map[string]string) error {
		delete(m, key)
		return nil
	})
	if err != nil {
		return fmt.Errorf("cannot remove %s of %s from the keyring: %w", key, slug, err)
	}
	return d.db.ForgetSecretNames(ctx, p.Client.ID, key)
}

// LoadSecrets reads a client's secret set, but only when the profile says
// it has secrets (names): clients without any never touch the keyring.
func (d *Directory) LoadSecrets(slug string, names []store.SecretName) (map[string]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	if d.secrets == nil {
		return nil, ErrNoKeyring
	}
	m, err := d.secrets.Load(slug)
	if err != nil {
		return nil, fmt.Errorf("cannot read the secrets of %s from the keyring: %w", slug, err)
	}
	// Only the secrets the database lists: a value left in the keyring by
	// anything else (an old data set, a manual edit) is never exported.
	out := make(map[string]string, len(names))
	for _, n := range names {
		if v, ok := m[n.Name]; ok {
			out[n.Name] = v
		}
	}
	return out, nil
}

// RemoveAllSecrets deletes a client's whole keyring item — also when it is
// damaged and cannot be read — and forgets every secret name.
func (d *Directory) RemoveAllSecrets(ctx context.Context, slug string) ([]string, error) {
	p, err := d.StoredProfile(ctx, slug)
	if err != nil {
		return nil, err
	}
	if d.secrets == nil {
		return nil, ErrNoKeyring
	}
	if err := d.secrets.DeleteAll(slug); err != nil {
		return nil, fmt.Errorf("cannot remove the secrets of %s from the keyring: %w", slug, err)
	}
	names := make([]string, 0, len(p.SecretNames))
	for _, s := range p.SecretNames {
		names = append(names, s.Name)
	}
	return names, d.db.ForgetSecretNames(ctx, p.Client.ID)
}
