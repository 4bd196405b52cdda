package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docExample is the fenced block after heading in a docs/ file.
func docExample(t *testing.T, file, heading string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", file))
	require.NoError(t, err)
	doc := string(data)
	i := strings.Index(doc, heading)
	require.GreaterOrEqual(t, i, 0, "%s has no %q", file, heading)
	start := strings.Index(doc[i:], "```console\n")
	require.GreaterOrEqual(t, start, 0)
	block := doc[i+start+len("```console\n"):]
	block = block[:strings.Index(block, "```")]
	return strings.Split(strings.TrimSuffix(block, "\n"), "\n")
}

// The switch_grace example in billing.md is what happens: the same switches
// at the same moments print the same lines.
func TestSwitchGraceExampleInBillingDocs(t *testing.T) {
	lines := docExample(t, "billing.md", "### Slips bill nothing")
	h := newHarness(t)
	clock := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	h.now = func() time.Time { return clock }
	h.ok("client", "add", "acme")
	h.ok("client", "add", "globex")
	f := hooked(t, h)
	after := []time.Duration{0, 45 * time.Minute, 20 * time.Second}
	var got []string
	step := 0
	for _, l := range lines {
		cmd, ok := strings.CutPrefix(l, "$ stint switch ")
		if !ok {
			continue
		}
		client := strings.Fields(cmd)[0]
		require.Less(t, step, len(after), "the example has more switches than the test times")
		clock = clock.Add(after[step])
		step++
		got = append(got, l, strings.TrimSuffix(switchTo(t, h, f, client), "\n"))
	}
	assert.Equal(t, lines, got)
}
