package workbench

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/stint-sh/stint/internal/handoff"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
)

// Offboarding is what rotating off a client does (or, before confirmation,
// would do) on this machine, and the access to revoke on the client's side.
type Offboarding struct {
	Client  string   `json:"client"`
	Secrets []string `json:"secrets"` // names removed from the keyring
	// AWSCache: the client's cached temporary AWS credentials and SSO
	// sign-in are removed from the keyring too (whatever is cached).
	AWSCache  bool                 `json:"aws_cache"`
	Paths     []string             `json:"paths"` // tool homes and session kubeconfigs removed
	Archived  bool                 `json:"archived"`
	Checklist []handoff.AccessItem `json:"checklist"`
	// StopsTimer: the running timer is this client's, so offboarding stops
	// it; TimerStopped is that entry once stopped (discarded when a switch
	// started it less than switch_grace ago).
	StopsTimer   bool   `json:"stops_timer"`
	TimerStopped *Entry `json:"timer_stopped,omitempty"`
}

// OffboardPreview says what Offboard would remove, changing nothing.
func (w *Workbench) OffboardPreview(ctx context.Context, slug string) (Offboarding, error) {
	p, err := w.profile(ctx, slug)
	if err != nil {
		return Offboarding{}, err
	}
	return w.offboarding(ctx, p)
}

// Offboard removes a client's secrets from the keyring, its isolated tool
// homes and session kubeconfigs, forgets its secret names and archives it.
// Time entries, notes and the rest of the profile stay (billing history,
// and a later handoff export). The checklist is built first, from the
// profile and the access log as they were.
func (w *Workbench) Offboard(ctx context.Context, slug string) (Offboarding, error) {
	p, err := w.profile(ctx, slug)
	if err != nil {
		return Offboarding{}, err
	}
	o, err := w.offboarding(ctx, p)
	if err != nil {
		return Offboarding{}, err
	}
	// Keyring first: the client is never shown as offboarded while its
	// secrets linger.
	if len(o.Secrets) > 0 {
		if w.secrets == nil {
			return Offboarding{}, fmt.Errorf("client %s has secrets but no keyring is available to remove them: run `stint doctor`", slug)
		}
		if err := w.secrets.DeleteAll(slug); err != nil {
			return Offboarding{}, fmt.Errorf("cannot remove the secrets of %s from the keyring: %w", slug, err)
		}
	}
	if o.AWSCache {
		if err := w.forgetAWS(slug); err != nil {
			return Offboarding{}, err
		}
	}
	for _, path := range o.Paths {
		if err := os.RemoveAll(path); err != nil {
			return Offboarding{}, fmt.Errorf("cannot remove %s: %w", path, err)
		}
	}
	if o.StopsTimer {
		// An archived client's timer would run on unseen, billing time
		// nobody worked.
		if o.TimerStopped, err = w.stopTimerOf(ctx, slug); err != nil {
			return Offboarding{}, fmt.Errorf("cannot stop the timer of %s: %w", slug, err)
		}
	}
	if err := w.db.ArchiveForOffboarding(ctx, p.Client.ID, w.Now()); err != nil {
		return Offboarding{}, fmt.Errorf("cannot archive %s: %w", slug, err)
	}
	o.Archived = true
	return o, nil
}

func (w *Workbench) offboarding(ctx context.Context, p *store.Profile) (Offboarding, error) {
	slug := p.Client.Slug
	o := Offboarding{Client: slug, Secrets: []string{}, Paths: []string{}, Archived: p.Client.Archived,
		AWSCache: w.secrets != nil && profiles.UsesTemporaryAWS(p.Settings)}
	for _, s := range p.SecretNames {
		o.Secrets = append(o.Secrets, s.Name)
	}
	if _, err := os.Stat(w.layout.ClientDir(slug)); err == nil {
		o.Paths = append(o.Paths, w.layout.ClientDir(slug))
	}
	// Session kubeconfigs of the client: runtime/kube/CLIENT/kube-SESSION.yaml.
	if _, err := os.Stat(w.layout.ClientKubeDir(slug)); err == nil {
		o.Paths = append(o.Paths, w.layout.ClientKubeDir(slug))
	}

	running, err := w.db.RunningEntry(ctx)
	if err != nil {
		return o, err
	}
	o.StopsTimer = running != nil && running.Client == slug

	kcs, err := w.KubeContexts(ctx, slug)
	if err != nil {
		return o, err
	}
	var contexts []handoff.Context
	for _, k := range kcs {
		contexts = append(contexts, handoff.Context{Name: k.Name, Server: k.Server})
	}
	events, err := w.accessEvents(ctx, p.Client.ID, time.Time{})
	if err != nil {
		return o, err
	}
	o.Checklist = handoff.Checklist(facts(p, contexts), events)
	return o, nil
}
