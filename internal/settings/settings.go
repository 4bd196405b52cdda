// Package settings is the registry of stint's global settings (`stint
// config`): each key with its default, its help line and the rule that
// validates a value and gives its stored form, plus typed reads for the
// code that acts on them. Values live in the store's settings table; a
// stored value that no longer validates (a hand edit, an older rule) reads
// as the default.
package settings

import (
	"context"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/display"
	"github.com/stint-sh/stint/internal/guard"
	"github.com/stint-sh/stint/internal/timesheet"
)

// The settings' keys.
const (
	AutoTrack      = "auto_track"      // on | off
	ForgottenAfter = "forgotten_after" // a duration, like 10h
	WeekStart      = "week_start"      // monday … sunday
	Name           = "name"            // the engineer's full name, for exports
	Email          = "email"           // the engineer's email address, for exports
	SwitchGrace    = "switch_grace"    // a duration, like 60s; 0 turns it off
	Guard          = "guard"           // on | off: the production guard in switched shells
	GuardExtra     = "guard_extra"     // more commands the guard asks about: "argocd app sync, pulumi up"
	AutoSwitch     = "auto_switch"     // on | off: cd into a bound directory switches the shell
	IdleAfter      = "idle_after"      // a duration, like 20m: a longer gap with no shell activity is idle
)

// MaxSwitchGrace bounds switch_grace: a resumed entry bills the gap before
// the switch back, so a grace of hours would bill time spent elsewhere.
const MaxSwitchGrace = time.Hour

// Item is one setting as `stint config` shows it.
type Item struct {
	Key     string `json:"key"`
	Value   string `json:"value"` // the effective value
	Default string `json:"default"`
	Set     bool   `json:"set"` // false: the default applies
	Help    string `json:"help"`
}

type spec struct {
	def, help string
	normalise func(string) (string, error) // validates and returns the stored form
}

var specs = map[string]spec{
	AutoTrack: {"on", "start a client's timer when a shell switches to it (on|off)", normaliseOnOff},
	ForgottenAfter: {"10h", "a running timer older than this is reported as probably forgotten", func(s string) (string, error) {
		d, err := timesheet.ParseDuration(s)
		if err != nil || d < time.Minute {
			return "", badinput.Errorf("forgotten_after %q is invalid: give a duration of at least a minute, like 10h or 90m", s)
		}
		return display.Setting(d), nil
	}},
	WeekStart: {"monday", "the day weeks start on (monday … sunday)", func(s string) (string, error) {
		d, err := parseWeekday(s)
		if err != nil {
			return "", err
		}
		return strings.ToLower(d.String()), nil
	}},
	SwitchGrace: {"1m", "a timer stopped sooner than this is discarded, and a switch back within it resumes the entry (0: off)", func(s string) (string, error) {
		d, err := timesheet.ParseDuration(s)
		if err != nil || d < 0 || d > MaxSwitchGrace {
			return "", badinput.Errorf("switch_grace %q is invalid: give a duration from 0 (off) to 1h, like 60s or 2m", s)
		}
		return display.Setting(d), nil
	}},
	IdleAfter: {"20m", "a running timer's stretch longer than this with no activity in its client's shells is flagged idle", func(s string) (string, error) {
		d, err := timesheet.ParseDuration(s)
		if err != nil || d < time.Minute || d > 24*time.Hour {
			return "", badinput.Errorf("idle_after %q is invalid: give a duration from 1m to 24h, like 20m or 1h", s)
		}
		return display.Setting(d), nil
	}},
	AutoSwitch: {"off", "cd into a client's workdir or repository switches the shell to it at the next prompt (on|off)", func(s string) (string, error) {
		v, err := normaliseOnOff(s)
		if err != nil {
			return "", badinput.Errorf("auto_switch %q is invalid: use on or off", s)
		}
		return v, nil
	}},
	Guard: {"on", "ask before mutating kubectl/helm/terraform commands in production shells (on|off)", func(s string) (string, error) {
		v, err := normaliseOnOff(s)
		if err != nil {
			return "", badinput.Errorf("guard %q is invalid: use on or off", s)
		}
		return v, nil
	}},
	GuardExtra: {"", "more commands the guard asks about, comma-separated TOOL VERB…: \"argocd app sync, pulumi up\"", func(s string) (string, error) {
		rules, err := guard.ParseRules(s)
		if err != nil {
			return "", badinput.Errorf("guard_extra: %v", err)
		}
		if len(rules) == 0 {
			return "", badinput.Errorf("guard_extra %q names no command: give TOOL VERB entries, like \"argocd app sync, pulumi up\" (`stint config unset guard_extra` clears it)", s)
		}
		return guard.FormatRules(rules), nil
	}},
	Name:  {"", "your full name, for the person columns of Toggl, Clockify and Harvest exports", normaliseName},
	Email: {"", "your email address, for the Email column of Toggl and Clockify exports", normaliseEmail},
}

func normaliseOnOff(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "on", "true", "yes":
		return "on", nil
	case "off", "false", "no":
		return "off", nil
	}
	return "", badinput.Errorf("auto_track %q is invalid: use on or off", s)
}

// normaliseName accepts a person's name on one line, spaces collapsed.
func normaliseName(s string) (string, error) {
	name := strings.Join(strings.Fields(s), " ")
	if name == "" || strings.ContainsFunc(name, unicode.IsControl) || utf8.RuneCountInString(name) > 200 {
		return "", badinput.Errorf("name %q is invalid: give your full name on one line, like \"Dana Scully\"", s)
	}
	return name, nil
}

// normaliseEmail accepts one bare address (a "Name <addr>" form is reduced
// to the address; the name has its own setting).
func normaliseEmail(s string) (string, error) {
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil || strings.ContainsFunc(a.Address, unicode.IsSpace) {
		return "", badinput.Errorf("email %q is invalid: give one address, like dana@example.com", s)
	}
	return a.Address, nil
}

// Keys lists the settings `stint config` knows, sorted.
func Keys() []string {
	keys := make([]string, 0, len(specs))
	for k := range specs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func specOf(key string) (spec, error) {
	s, ok := specs[key]
	if !ok {
		return s, badinput.Errorf("unknown setting %q: use one of %s", key, strings.Join(Keys(), ", "))
	}
	return s, nil
}

// Store is where setting values are kept (the store's settings table).
type Store interface {
	Setting(ctx context.Context, key string) (value string, ok bool, err error)
	// SetSetting writes a value; "" removes it.
	SetSetting(ctx context.Context, key, value string) error
}

// Settings reads and writes settings through the registry.
type Settings struct{ store Store }

// New is the registry over store.
func New(store Store) *Settings { return &Settings{store: store} }

// Get reads one setting, or its default.
func (s *Settings) Get(ctx context.Context, key string) (Item, error) {
	spec, err := specOf(key)
	if err != nil {
		return Item{}, err
	}
	v, set, err := s.store.Setting(ctx, key)
	if err != nil {
		return Item{}, err
	}
	if _, bad := spec.normalise(v); !set || bad != nil {
		v, set = spec.def, false
	}
	return Item{Key: key, Value: v, Default: spec.def, Set: set, Help: spec.help}, nil
}

// All reads every setting, by key.
func (s *Settings) All(ctx context.Context) ([]Item, error) {
	var out []Item
	for _, k := range Keys() {
		it, err := s.Get(ctx, k)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// Set validates and stores a setting; "" restores the default.
func (s *Settings) Set(ctx context.Context, key, value string) (Item, error) {
	spec, err := specOf(key)
	if err != nil {
		return Item{}, err
	}
	if value != "" {
		if value, err = spec.normalise(value); err != nil {
			return Item{}, err
		}
	}
	if err := s.store.SetSetting(ctx, key, value); err != nil {
		return Item{}, fmt.Errorf("cannot save setting %s: %w", key, err)
	}
	return s.Get(ctx, key)
}

// ForgottenAfter is how long a timer runs before it counts as forgotten.
func (s *Settings) ForgottenAfter(ctx context.Context) (time.Duration, error) {
	return s.duration(ctx, ForgottenAfter)
}

// SwitchGrace is the switch_grace setting (0: off).
func (s *Settings) SwitchGrace(ctx context.Context) (time.Duration, error) {
	return s.duration(ctx, SwitchGrace)
}

func (s *Settings) duration(ctx context.Context, key string) (time.Duration, error) {
	it, err := s.Get(ctx, key)
	if err != nil {
		return 0, err
	}
	d, _ := timesheet.ParseDuration(it.Value) // Get gives a valid value
	return d, nil
}

// WeekStart is the day weeks start on.
func (s *Settings) WeekStart(ctx context.Context) (time.Weekday, error) {
	it, err := s.Get(ctx, WeekStart)
	if err != nil {
		return 0, err
	}
	return parseWeekday(it.Value)
}

// AutoTrack reports whether switches move the timer at all (a client's own
// flag can still turn it off for that client).
func (s *Settings) AutoTrack(ctx context.Context) (bool, error) {
	it, err := s.Get(ctx, AutoTrack)
	return err == nil && it.Value != "off", err
}

// IdleAfter is the shortest gap flagged idle.
func (s *Settings) IdleAfter(ctx context.Context) (time.Duration, error) {
	return s.duration(ctx, IdleAfter)
}

// AutoSwitchOn reports whether a cd into a bound directory switches the shell.
func (s *Settings) AutoSwitchOn(ctx context.Context) (bool, error) {
	it, err := s.Get(ctx, AutoSwitch)
	return err == nil && it.Value == "on", err
}

// GuardOn reports whether switched shells get the production guard.
func (s *Settings) GuardOn(ctx context.Context) (bool, error) {
	it, err := s.Get(ctx, Guard)
	return err == nil && it.Value != "off", err
}

// GuardRules are the user's extra guarded commands.
func (s *Settings) GuardRules(ctx context.Context) ([]guard.Rule, error) {
	it, err := s.Get(ctx, GuardExtra)
	if err != nil {
		return nil, err
	}
	return guard.ParseRules(it.Value) // Get gives a valid value
}

// Person is the engineer's name and email, "" when unset.
func (s *Settings) Person(ctx context.Context) (name, email string, err error) {
	n, err := s.Get(ctx, Name)
	if err != nil {
		return "", "", err
	}
	e, err := s.Get(ctx, Email)
	if err != nil {
		return "", "", err
	}
	return n.Value, e.Value, nil
}

func parseWeekday(s string) (time.Weekday, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for d := time.Sunday; d <= time.Saturday; d++ {
		if name := strings.ToLower(d.String()); s == name || (len(s) >= 3 && strings.HasPrefix(name, s)) {
			return d, nil
		}
	}
	return 0, badinput.Errorf("week_start %q is invalid: use a day name, monday … sunday", s)
}
