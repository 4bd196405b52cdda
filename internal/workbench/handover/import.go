package handover

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/handoff"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/clients"
)

// ImportResult is the client a bundle became and what is left to do.
type ImportResult struct {
	Client string        `json:"client"`
	Vars   []string      `json:"vars"`  // names of the plain variables imported, sorted
	Fixes  []handoff.Fix `json:"fixes"` // secrets to set, files to provide, repositories missing here
	// Src is the root the repositories and working directory were placed under.
	Src string `json:"src"`
	// Notices say how the bundle was read (an older version's paths) or
	// what was changed (credentials removed from a URL).
	Notices []string `json:"notices"`
	// Updated: an existing client was imported again (--update).
	Updated bool `json:"updated"`
	// Pending: what the bundle brings waits for `stint client allow`.
	Pending bool           `json:"pending"`
	Review  clients.Review `json:"review"`
}

// ImportOptions are the choices of `stint handoff import`.
type ImportOptions struct {
	As string // the client's name here; "" keeps the bundle's
	// Src is the directory the bundle's repositories and working
	// directory are placed under (absolute); "" is DefaultSrc.
	Src string
	// Home is the user's home directory: the default Src is under it, and
	// no root may be one of its hidden directories.
	Home string
	// Update imports into an existing client of that name: what the
	// bundle brings replaces what is stored (see store.ReimportClient).
	Update bool
	// Trust allows what the bundle brings at once, without a review step:
	// for a bundle from someone the user trusts.
	Trust bool
	// Confirm, when set and Trust is not, is shown everything the bundle
	// would bring before anything is written; true allows it at once,
	// false imports it pending review.
	Confirm func(clients.Review) bool
}

// DefaultSrc is where an import places a client's repositories unless told
// otherwise: ~/src/NAME.
func DefaultSrc(home, slug string) string { return filepath.Join(home, "src", slug) }

// ImportBundle turns a bundle into a client, in one transaction. A
// malformed bundle, one from a newer stint, a name already taken (without
// opts.Update) or an unusable root is refused and nothing is written.
//
// What the bundle brings that changes what runs or where (clients.Review)
// is held pending until allowed — with opts.Trust, a yes from
// opts.Confirm, or later `stint client allow` — and no switch, exec, shell
// or env enters the client before (docs/safety.md). Importing again content
// identical to what was allowed keeps it allowed; any change makes it
// pending. Repository paths land under opts.Src; files the bundle names are
// Fixes to provide, never stored as paths. Secrets arrive as names without
// values. Repository URLs lose any credentials they carry.
func (h *Handover) ImportBundle(ctx context.Context, data []byte, opts ImportOptions) (ImportResult, error) {
	b, err := handoff.Decode(data)
	if err != nil {
		return ImportResult{}, err
	}
	slug := b.Client.Slug
	if opts.As != "" {
		if err := profiles.ValidateSlug(opts.As); err != nil {
			return ImportResult{}, err
		}
		slug = opts.As
	}
	existing, err := h.db.Client(ctx, slug)
	switch {
	case err == nil && !opts.Update:
		hint := "import it under another name with --as NAME, or into it again with --update"
		if opts.As != "" {
			hint = "choose another name for --as, or import into it again with --update"
		}
		return ImportResult{}, badinput.Errorf("client %q already exists: %s", slug, hint)
	case err == nil && existing.Archived:
		return ImportResult{}, clients.ArchivedError(slug)
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return ImportResult{}, err
	}
	update := err == nil

	src := opts.Src
	if src == "" {
		if update && existing.SrcRoot != "" {
			src = existing.SrcRoot
		} else {
			if opts.Home == "" {
				return ImportResult{}, badinput.Errorf("no home directory to place the repositories under: give one with --src DIR")
			}
			src = DefaultSrc(opts.Home, slug)
		}
	}
	if err := clients.CheckRoot(src, opts.Home); err != nil {
		return ImportResult{}, err
	}
	placed := handoff.Place(b, src)

	now := h.clock.Now()
	bc := placed.Client
	in := store.ClientImport{
		Profile: store.Profile{
			Client: store.Client{
				Slug: slug, Name: bc.Name, Color: bc.Color, RateMinor: bc.RateMinor, Currency: bc.Currency,
				RoundMinutes: bc.RoundMinutes, RoundMode: bc.RoundMode, RoundPer: bc.RoundPer,
				MinimumMinutes: bc.MinimumMinutes, Timezone: bc.Timezone, Production: bc.Production,
				AutoTrack: bc.AutoTrack, Workdir: bc.Workdir, CreatedAt: now, UpdatedAt: now, SrcRoot: src,
			},
			// Files and kubeconfigs are provided here (Fixes), not taken.
			Settings: handoff.ImportedSettings(b.Settings), Isolated: b.Isolated,
		},
		Runbook: b.Runbook, RunbookAt: b.RunbookAt,
	}
	if in.RunbookAt.IsZero() {
		in.RunbookAt = now
	}
	varNames := slices.Sorted(maps.Keys(b.Vars))
	for _, name := range varNames {
		in.Profile.Vars = append(in.Profile.Vars, store.Var{Name: name, Value: b.Vars[name]})
	}
	// Names with size 0: the profile knows which secrets it needs; the
	// values are set with `stint secret set` once the client provides them.
	for _, n := range b.Secrets {
		in.Profile.SecretNames = append(in.Profile.SecretNames, store.SecretName{Name: n, UpdatedAt: now})
	}
	notices := slices.Clone(b.Notices)
	for _, r := range placed.Repos {
		url, stripped := profiles.RepoURLWithoutCredentials(r.URL)
		if stripped {
			notices = append(notices, "removed credentials from the URL of "+r.Path+": the bundle's are not used; git asks your credential helper or ssh-agent")
		}
		in.Profile.Repos = append(in.Profile.Repos, store.Repo{Path: r.Path, URL: url, AddedAt: now})
	}
	for _, l := range b.Log {
		in.Log = append(in.Log, store.LogNote{At: l.At, Body: l.Text})
	}

	// The review is of what the bundle brings, alone: what the receiver
	// provided since (kubeconfigs, files, secret values) is theirs, so an
	// unchanged bundle imported again hashes the same.
	review := clients.ReviewOf(&in.Profile)
	review.Client = slug
	allowed := opts.Trust || (update && review.Hash == existing.AllowedHash)
	if !allowed && opts.Confirm != nil {
		allowed = opts.Confirm(review)
	}
	c := &in.Profile.Client
	c.ReviewHash, c.ReviewPending = review.Hash, !allowed
	if update {
		c.AllowedHash = existing.AllowedHash
	}
	if allowed {
		c.AllowedHash = review.Hash
	}
	review.Pending = !allowed
	if update {
		err = h.db.ReimportClient(ctx, existing.ID, in, replacedOnUpdate)
	} else {
		_, err = h.db.ImportClient(ctx, in)
	}
	if err != nil {
		return ImportResult{}, fmt.Errorf("cannot import client %s: %w (nothing was written)", slug, err)
	}
	return ImportResult{Client: slug, Vars: nonNil(varNames), Fixes: handoff.Fixes(placed, slug, pathExists),
		Src: src, Notices: nonNil(notices), Updated: update, Pending: !allowed, Review: review}, nil
}

// replacedOnUpdate: a re-import replaces every setting a bundle sets, and
// keeps those the receiver provided (files, Kubernetes defaults).
func replacedOnUpdate(key string) bool {
	_, kept := handoff.ImportedSettings(map[string]string{key: "x"})[key]
	return kept
}

func pathExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
