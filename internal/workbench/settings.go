package workbench

import (
	"context"

	"github.com/stint-sh/stint/internal/settings"
	"github.com/stint-sh/stint/internal/store"
)

// The settings, kept in the global settings table; the registry (defaults,
// validation) is package settings.
const (
	SettingAutoTrack      = settings.AutoTrack
	SettingForgottenAfter = settings.ForgottenAfter
	SettingWeekStart      = settings.WeekStart
	SettingName           = settings.Name
	SettingEmail          = settings.Email
	SettingSwitchGrace    = settings.SwitchGrace
)

// ConfigItem is one setting as `stint config` shows it.
type ConfigItem = settings.Item

// ConfigKeys lists the settings `stint config` knows, sorted.
func ConfigKeys() []string { return settings.Keys() }

// Config reads one setting, or its default.
func (w *Workbench) Config(ctx context.Context, key string) (ConfigItem, error) {
	return w.settings.Get(ctx, key)
}

// ConfigAll reads every setting.
func (w *Workbench) ConfigAll(ctx context.Context) ([]ConfigItem, error) {
	return w.settings.All(ctx)
}

// SetConfig validates and stores a setting; "" restores the default.
func (w *Workbench) SetConfig(ctx context.Context, key, value string) (ConfigItem, error) {
	return w.settings.Set(ctx, key, value)
}

// autoTracks: a switch to c moves the clock (its own flag and the global
// auto_track setting).
func (w *Workbench) autoTracks(ctx context.Context, c store.Client) (bool, error) {
	if !c.AutoTrack {
		return false, nil
	}
	return w.settings.AutoTrack(ctx)
}
