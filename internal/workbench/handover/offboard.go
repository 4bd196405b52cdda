package handover

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/stint-sh/stint/internal/handoff"
	"github.com/stint-sh/stint/internal/profiles"
	"github.com/stint-sh/stint/internal/store"
	"github.com/stint-sh/stint/internal/workbench/timer"
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
	StopsTimer   bool         `json:"stops_timer"`
	TimerStopped *timer.Entry `json:"timer_stopped,omitempty"`
}

// OffboardPreview says what Offboard would remove, changing nothing.
func (h *Handover) OffboardPreview(ctx context.Context, slug string) (Offboarding, error) {
	p, err := h.clients.StoredProfile(ctx, slug)
	if err != nil {
		return Offboarding{}, err
	}
	return h.offboarding(ctx, p)
}

// Offboard removes a client's secrets from the keyring, its isolated tool
// homes and session kubeconfigs, forgets its secret names and archives it.
// Time entries, notes and the rest of the profile stay (billing history,
// and a later handoff export). The checklist is built first, from the
// profile and the access log as they were.
func (h *Handover) Offboard(ctx context.Context, slug string) (Offboarding, error) {
	p, err := h.clients.StoredProfile(ctx, slug)
	if err != nil {
		return Offboarding{}, err
	}
	o, err := h.offboarding(ctx, p)
	if err != nil {
		return Offboarding{}, err
	}
	// Keyring first: the client is never shown as offboarded while its
	// secrets linger.
	if len(o.Secrets) > 0 {
		if err := h.clients.DeleteKeyringItem(slug); err != nil {
			return Offboarding{}, err
		}
	}
	if o.AWSCache {
		if err := h.clients.ForgetAWS(slug); err != nil {
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
		if o.TimerStopped, err = h.timer.StopTimerOf(ctx, slug); err != nil {
			return Offboarding{}, fmt.Errorf("cannot stop the timer of %s: %w", slug, err)
		}
	}
	if err := h.db.ArchiveForOffboarding(ctx, p.Client.ID, h.clock.Now()); err != nil {
		return Offboarding{}, fmt.Errorf("cannot archive %s: %w", slug, err)
	}
	o.Archived = true
	return o, nil
}

func (h *Handover) offboarding(ctx context.Context, p *store.Profile) (Offboarding, error) {
	slug := p.Client.Slug
	o := Offboarding{Client: slug, Secrets: []string{}, Paths: []string{}, Archived: p.Client.Archived,
		AWSCache: h.clients.HasKeyring() && profiles.UsesTemporaryAWS(p.Settings)}
	for _, s := range p.SecretNames {
		o.Secrets = append(o.Secrets, s.Name)
	}
	if _, err := os.Stat(h.layout.ClientDir(slug)); err == nil {
		o.Paths = append(o.Paths, h.layout.ClientDir(slug))
	}
	// Session kubeconfigs of the client: runtime/kube/CLIENT/kube-SESSION.yaml.
	if _, err := os.Stat(h.layout.ClientKubeDir(slug)); err == nil {
		o.Paths = append(o.Paths, h.layout.ClientKubeDir(slug))
	}

	running, err := h.db.RunningEntry(ctx)
	if err != nil {
		return o, err
	}
	o.StopsTimer = running != nil && running.Client == slug

	kcs, err := h.clients.KubeContexts(ctx, slug)
	if err != nil {
		return o, err
	}
	var contexts []handoff.Context
	for _, k := range kcs {
		contexts = append(contexts, handoff.Context{Name: k.Name, Server: k.Server})
	}
	events, err := h.accessEvents(ctx, p.Client.ID, time.Time{})
	if err != nil {
		return o, err
	}
	o.Checklist = handoff.Checklist(facts(p, contexts), events)
	return o, nil
}
