package settings

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/badinput"
	"github.com/stint-sh/stint/internal/store"
)

func open(t *testing.T) (*Settings, *store.DB) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "stint.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return New(db), db
}

// Every setting's rule, as a table: what is typed and what is stored ("!"
// for bad input, which stores nothing).
func TestSetValidatesAndNormalises(t *testing.T) {
	ctx := context.Background()
	s, db := open(t)
	for _, tc := range []struct{ key, in, want string }{
		{AutoTrack, "on", "on"},
		{AutoTrack, "Yes", "on"},
		{AutoTrack, "false", "off"},
		{AutoTrack, "maybe", "!"},
		{ForgottenAfter, "90", "1h30m"},
		{ForgottenAfter, "10h", "10h"},
		{ForgottenAfter, "30s", "!"},
		{ForgottenAfter, "soon", "!"},
		{WeekStart, "Sunday", "sunday"},
		{WeekStart, "tue", "tuesday"},
		{WeekStart, "mo", "!"},
		{WeekStart, "funday", "!"},
		{SwitchGrace, "60s", "1m"},
		{SwitchGrace, "0", "0s"},
		{SwitchGrace, "90s", "1m30s"},
		{SwitchGrace, "2", "2m"},
		{SwitchGrace, "1h", "1h"},
		{SwitchGrace, "61m", "!"},
		{SwitchGrace, "-1m", "!"},
		{SwitchGrace, "1.5s", "!"},
		{SwitchGrace, "soon", "!"},
		{Email, "dana@example.com", "dana@example.com"},
		{Email, "Dana Scully <dana@example.com>", "dana@example.com"},
		{Email, "<dana@example.com>", "dana@example.com"},
		{Email, "dana", "!"},
		{Email, "a@b.io, c@d.io", "!"},
		{Email, "@example.com", "!"},
		{Name, " Dana   Scully ", "Dana Scully"},
		{Name, "Cher", "Cher"},
		{Name, "Zoë Ångström", "Zoë Ångström"},
		{Name, "\x07Dana", "!"},
		{Name, strings.Repeat("n", 201), "!"},
	} {
		t.Run(tc.key+"="+tc.in, func(t *testing.T) {
			require.NoError(t, db.SetSetting(ctx, tc.key, ""))
			it, err := s.Set(ctx, tc.key, tc.in)
			if tc.want == "!" {
				assert.True(t, badinput.Is(err), "%v", err)
				assert.ErrorContains(t, err, tc.key)
				_, set, _ := db.Setting(ctx, tc.key)
				assert.False(t, set, "nothing stored")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, it.Value)
			assert.True(t, it.Set)
		})
	}
}

func TestDefaultsAndUnknownKeys(t *testing.T) {
	ctx := context.Background()
	s, db := open(t)
	items, err := s.All(ctx)
	require.NoError(t, err)
	require.Len(t, items, len(Keys()))
	for _, it := range items {
		assert.False(t, it.Set, it.Key)
		assert.Equal(t, it.Default, it.Value, it.Key)
		assert.NotEmpty(t, it.Help, it.Key)
	}
	_, err = s.Set(ctx, "colour", "red")
	assert.True(t, badinput.Is(err))
	assert.ErrorContains(t, err, `unknown setting "colour"`)

	it, err := s.Set(ctx, ForgottenAfter, "90")
	require.NoError(t, err)
	assert.Equal(t, "1h30m", it.Value)
	it, err = s.Set(ctx, ForgottenAfter, "")
	require.NoError(t, err)
	assert.Equal(t, Item{Key: ForgottenAfter, Value: "10h", Default: "10h", Help: it.Help}, it, "\"\" restores the default")

	// A stored value that no longer validates reads as the default.
	require.NoError(t, db.SetSetting(ctx, SwitchGrace, "a week"))
	grace, err := s.SwitchGrace(ctx)
	require.NoError(t, err)
	assert.Equal(t, time.Minute, grace)
}

func TestTypedReads(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	for key, value := range map[string]string{AutoTrack: "off", ForgottenAfter: "2h", WeekStart: "sunday",
		SwitchGrace: "0", Name: "Dana Scully", Email: "dana@example.com"} {
		_, err := s.Set(ctx, key, value)
		require.NoError(t, err)
	}
	track, err := s.AutoTrack(ctx)
	require.NoError(t, err)
	assert.False(t, track)
	limit, err := s.ForgottenAfter(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2*time.Hour, limit)
	day, err := s.WeekStart(ctx)
	require.NoError(t, err)
	assert.Equal(t, time.Sunday, day)
	grace, err := s.SwitchGrace(ctx)
	require.NoError(t, err)
	assert.Zero(t, grace)
	name, email, err := s.Person(ctx)
	require.NoError(t, err)
	assert.Equal(t, [2]string{"Dana Scully", "dana@example.com"}, [2]string{name, email})
}

// A store that fails keeps its error's identity through Set.
func TestSetWrapsTheStoreError(t *testing.T) {
	ctx := context.Background()
	s, db := open(t)
	require.NoError(t, db.Close())
	_, err := s.Set(ctx, Name, "Dana")
	require.Error(t, err)
	assert.False(t, badinput.Is(err))
	assert.NotNil(t, errors.Unwrap(err), "wrapped with %%w")
}
