package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stint-sh/stint/internal/workbench"
)

func TestClientAddListJSONAndPermissions(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme", "--name", "Acme Corp", "--rate", "150", "--currency", "USD")
	var cs []workbench.ClientInfo
	require.NoError(t, json.Unmarshal([]byte(h.ok("client", "list", "--json")), &cs))
	require.Len(t, cs, 1)
	assert.Equal(t, "acme", cs[0].Slug)
	assert.Equal(t, int64(15000), cs[0].RateMinor)
	assert.Equal(t, "USD", cs[0].Currency)

	info, err := os.Stat(filepath.Join(h.home, "data", "stint.db"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	dir, err := os.Stat(filepath.Join(h.home, "data"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), dir.Mode().Perm())
}

func TestClientMoneyUsesCurrencyExponent(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "tokyo", "--rate", "12000", "--currency", "jpy")
	h.ok("client", "add", "kuwait", "--rate", "45.125", "--currency", "KWD")
	var cs []workbench.ClientInfo
	require.NoError(t, json.Unmarshal([]byte(h.ok("client", "list", "--json")), &cs))
	require.Len(t, cs, 2)
	assert.Equal(t, int64(45125), cs[0].RateMinor)
	assert.Equal(t, int64(12000), cs[1].RateMinor)
	assert.Equal(t, "JPY", cs[1].Currency)
}

func TestClientBadInput(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme", "--rate", "100")
	cases := []struct {
		want string
		args []string
	}{
		{"client name \"Acme\" is invalid", []string{"client", "add", "Acme"}},
		{"client name \"-acme\" is invalid", []string{"client", "add", "--", "-acme"}},
		{"is invalid", []string{"client", "add", "a2345678901234567890123456789012345678901"}},
		{"already exists", []string{"client", "add", "acme"}},
		{"not an ISO 4217 code", []string{"client", "add", "globex", "--currency", "DOLLARS"}},
		{"not an ISO 4217 code", []string{"client", "add", "globex", "--currency", "ABC"}},
		{"is negative", []string{"client", "add", "globex", "--rate", "-1"}},
		{"is not a decimal", []string{"client", "add", "globex", "--rate", "lots"}},
		{"more decimals than USD allows", []string{"client", "add", "globex", "--rate", "1.005"}},
		{"unknown time zone", []string{"client", "add", "globex", "--tz", "Mars/Olympus"}},
		{"rounding mode \"sideways\"", []string{"client", "add", "globex", "--round-mode", "sideways"}},
		{"too large", []string{"client", "add", "globex", "--round", "5h"}},
		{"colour", []string{"client", "add", "globex", "--color", "orange"}},
		{"no client named \"nobody\"", []string{"client", "show", "nobody"}},
		{"no client named \"nobody\"", []string{"client", "edit", "nobody", "--rate", "5"}},
		{"nothing to change", []string{"client", "edit", "acme"}},
		{"no client named \"nobody\"", []string{"client", "rm", "nobody"}},
		{"usage: stint client add NAME", []string{"client", "add"}},
		{"unknown flag: --bogus", []string{"client", "add", "globex", "--bogus"}},
		{"unknown command", []string{"frobnicate"}},
		{"changes how the rate is read", []string{"client", "edit", "acme", "--currency", "JPY"}},
		// Rates are bounded (1,000,000,000 a hour in any currency), so no
		// amount can overflow: the rate, one past the bound, and
		// one too large to read at all.
		{"above the limit of USD 1,000,000,000.00 per hour", []string{"client", "add", "globex", "--rate", "92,233,720,368,547,758.07"}},
		{"above the limit of JPY 1,000,000,000 per hour", []string{"client", "add", "globex", "--currency", "JPY", "--rate", "1000000001"}},
		{"above the limit of USD 1,000,000,000.00 per hour", []string{"client", "edit", "acme", "--rate", "1000000000.01"}},
		{"too large", []string{"client", "add", "globex", "--rate", "99999999999999999999"}},
		{"minimum per entry of 1500 minutes is out of range", []string{"client", "add", "globex", "--minimum", "25h"}},
		{"too large", []string{"client", "add", "globex", "--minimum", "99999999999999"}},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) { h.fails(2, c.want, c.args...) })
	}
}

func TestClientEditShowRemove(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme", "--rate", "100", "--round", "15m")
	h.ok("client", "edit", "acme", "--name", "Acme Corp", "--rate", "160.50", "--tz", "Europe/Berlin", "--prod", "--no-track", "--color", "#FF8800")
	var p workbench.ProfileView
	require.NoError(t, json.Unmarshal([]byte(h.ok("client", "show", "acme", "--json")), &p))
	assert.Equal(t, "Acme Corp", p.Client.Name)
	assert.Equal(t, int64(16050), p.Client.RateMinor)
	assert.Equal(t, 15, p.Client.RoundMinutes)
	assert.Equal(t, "Europe/Berlin", p.Client.Timezone)
	assert.True(t, p.Client.Production)
	assert.False(t, p.Client.AutoTrack)
	assert.Equal(t, "#ff8800", p.Client.Color)

	h.ok("client", "edit", "acme", "--archive")
	assert.Contains(t, h.ok("client", "list"), "No clients yet")
	assert.Contains(t, h.ok("client", "list", "--all"), "archived")

	h.ok("client", "rm", "acme")
	h.fails(2, "no client named", "client", "show", "acme")
}

func TestClientRmRefusesWithTimeEntries(t *testing.T) {
	h := newHarness(t)
	h.ok("client", "add", "acme")
	_, err := h.wb.DB().SQL().Exec("INSERT INTO entries (client_id, start_at, end_at, created_at, updated_at) SELECT id, 0, 60, 0, 0 FROM clients")
	require.NoError(t, err)
	h.fails(2, "has 1 time entry", "client", "rm", "acme")
	h.ok("client", "rm", "acme", "--force")
}

func TestVersion(t *testing.T) {
	h := newHarness(t)
	assert.Equal(t, "stint test\n", h.ok("version"))
}

// `client edit` keeps what is not given, so its help promises no default
// (add's does: that is what a new client gets).
func TestClientEditHelpNamesNoDefault(t *testing.T) {
	h := newHarness(t)
	edit := h.ok("client", "edit", "--help")
	assert.NotContains(t, edit, "(default")
	assert.Contains(t, edit, "keeps its current value")
	assert.Contains(t, h.ok("client", "add", "--help"), "ISO 4217 currency of the rate (default USD)")
}
