package tui

import (
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"

	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/workbench"
)

// shared is what every component reads: how the TUI was started, the
// effects it runs, the keys and styles, the clock, the clients and the
// running timer. The root model alone writes it, in Update; each component
// holds a pointer to it, as gh-dash's sections hold its ProgramContext and
// soft-serve's components their common.Common.
type shared struct {
	opts Options
	fx   effects
	keys keyMap
	help help.Model // renders key help, the footer's and the help screen's
	st   styles
	dark bool
	// now is the clock as the last tick (or status answer) set it: every
	// component renders the same second.
	now time.Time

	clients  []workbench.ClientInfo // the listed clients, archived ones left out
	archived []string               // the archived clients' slugs: taken, though not listed
	// weekRows is this week's worked and billed time per client, from the
	// week grid (each client's week in its own zone), for the list.
	weekRows map[string]workbench.WeekRow
	weekAt   time.Time // the clock when weekRows was read
	status   workbench.Status
	budget   *workbench.BudgetUse // the running client's budget, as status was read
	idle     *workbench.IdleGap   // the idle stretch waiting for `stint idle`
	statusAt time.Time            // the clock when status was read
	// ready is what each client's Readiness found: a kubeconfig a switch
	// could not open, secrets the keyring lacks (readiness.go).
	ready map[string]workbench.Readiness
}

func (s *shared) clientBySlug(slug string) (workbench.ClientInfo, bool) {
	for _, c := range s.clients {
		if c.Slug == slug {
			return c, true
		}
	}
	return workbench.ClientInfo{}, false
}

// getenv reads the environment the TUI was started with.
func (s *shared) getenv(key string) string { return envValue(s.opts.Environ, key) }

// shell is the shell the switch script is written for.
func (s *shared) shell() string {
	return workbench.DetectShell(func(key string) string {
		if key == "STINT_SHELL" && s.opts.Shell != "" {
			return s.opts.Shell
		}
		return s.getenv(key)
	})
}

// runningSeconds is how long the running timer has run, counted on from
// the status's answer by the ticking clock.
func (s *shared) runningSeconds() int64 {
	r := s.status.Running
	if r == nil {
		return 0
	}
	return r.Seconds + s.sinceStatus()
}

func (s *shared) sinceStatus() int64 {
	if s.statusAt.IsZero() || s.now.Before(s.statusAt) {
		return 0
	}
	return int64(s.now.Sub(s.statusAt) / time.Second)
}

// runningSince is what slug's running timer has added since a figure read
// at t counted it: from t, or from its start if it started later.
func (s *shared) runningSince(slug string, t time.Time) int64 {
	r := s.status.Running
	if r == nil || r.Client != slug {
		return 0
	}
	from := t
	if from.IsZero() || r.Start.After(from) {
		from = r.Start
	}
	if s.now.Before(from) {
		return 0
	}
	return int64(s.now.Sub(from) / time.Second)
}

// todaySeconds is a client's tracked time today, the running entry ticking.
func (s *shared) todaySeconds(slug string) int64 {
	t := s.status.TodaySeconds[slug]
	if r := s.status.Running; r != nil && r.Client == slug {
		t += s.sinceStatus()
	}
	return t
}

// home shortens paths under $HOME to ~.
func (s *shared) home(p string) string {
	p = display.Safe(p) // paths and values come from elsewhere
	h := s.getenv("HOME")
	if h == "" || !filepath.IsAbs(p) {
		return p
	}
	if p == h {
		return "~"
	}
	if rest, ok := strings.CutPrefix(p, h+string(filepath.Separator)); ok {
		return "~/" + rest
	}
	return p
}
