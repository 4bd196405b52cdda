package handover

import (
	"context"
	"sort"
	"time"

	"github.com/stint-sh/stint/internal/handoff"
)

// AccessReport is a client's access log: every switch, exec and secret
// read, and the same grouped by shell session. Secret names only.
type AccessReport struct {
	Client   string          `json:"client"`
	Events   []handoff.Event `json:"events"`   // oldest first
	Sessions []SessionAccess `json:"sessions"` // by first use
}

// SessionAccess is what one shell session did with a client.
type SessionAccess struct {
	Session     string         `json:"session"`
	First       time.Time      `json:"first"`
	Last        time.Time      `json:"last"`
	Actions     map[string]int `json:"actions"`
	SecretNames []string       `json:"secret_names"`
}

// AccessLog returns a client's access log from since on (zero: all of it).
func (h *Handover) AccessLog(ctx context.Context, slug string, since time.Time) (AccessReport, error) {
	c, err := h.clients.Client(ctx, slug)
	if err != nil {
		return AccessReport{}, err
	}
	events, err := h.accessEvents(ctx, c.ID, since)
	if err != nil {
		return AccessReport{}, err
	}
	return AccessReport{Client: slug, Events: events, Sessions: bySession(events)}, nil
}

func (h *Handover) accessEvents(ctx context.Context, clientID int64, since time.Time) ([]handoff.Event, error) {
	rows, err := h.db.AccessLog(ctx, clientID, since)
	if err != nil {
		return nil, err
	}
	out := make([]handoff.Event, 0, len(rows))
	for _, r := range rows {
		names := r.SecretNames
		if names == nil {
			names = []string{}
		}
		out = append(out, handoff.Event{At: r.At, Session: r.Session, Action: r.Action, Detail: r.Detail, SecretNames: names})
	}
	return out, nil
}

func bySession(events []handoff.Event) []SessionAccess {
	groups := map[string][]handoff.Event{}
	for _, e := range events {
		groups[e.Session] = append(groups[e.Session], e)
	}
	out := make([]SessionAccess, 0, len(groups))
	for session, es := range groups {
		u := handoff.Summarize(es)
		out = append(out, SessionAccess{Session: session, First: u.First, Last: u.Last, Actions: u.Actions, SecretNames: u.SecretNames})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].First.Equal(out[j].First) {
			return out[i].First.Before(out[j].First)
		}
		return out[i].Session < out[j].Session
	})
	return out
}
